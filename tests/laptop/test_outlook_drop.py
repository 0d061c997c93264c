"""Attachments dragged out of Outlook arrive as FileGroupDescriptorW + FileContents, not files.

The drag is built here byte for byte as Outlook (classic) offers it, under the names Qt
gives those Windows formats, and dropped on the real window.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from secresponder.forms.builtin import builtin_forms
from secresponder.ui.outlook_drop import (
    CONTENTS_FORMAT,
    DESCRIPTOR_FORMAT,
    Described,
    offered,
    parse_descriptor,
    save_dropped,
)
from tests.documents.document_builders import pdf_bytes
from tests.ui.conftest import select

FD_FILESIZE = 0x40
FD_WRITESTIME = 0x20


def descriptor(*files: tuple[str, int | None]) -> bytes:
    """A FILEGROUPDESCRIPTORW as Outlook writes it."""
    out = struct.pack("<I", len(files))
    for name, size in files:
        flags = FD_WRITESTIME | (FD_FILESIZE if size is not None else 0)
        encoded = name.encode("utf-16-le").ljust(520, b"\x00")
        size = size or 0
        out += struct.pack("<I16s8s8sI8s8s8sII520s", flags, b"\x00" * 16, b"\x00" * 8,
                           b"\x00" * 8, 0x80, b"\x00" * 8, b"\x00" * 8, b"\x01" * 8,
                           size >> 32, size & 0xFFFFFFFF, encoded)
    return out


def outlook_drag(data: bytes, *names: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(DESCRIPTOR_FORMAT, descriptor(*((n, len(data)) for n in names)))
    mime.setData(CONTENTS_FORMAT, data)
    mime.setData("application/x-qt-windows-mime;value=\"RenPrivateMessages\"", b"\x00" * 8)
    return mime


def drop(widget, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event


def test_the_descriptor_is_read_names_and_sizes():
    data = descriptor(("MP231 – response form ≥ v2.docx", 48_213), ("logo.png", None),
                      ("big.pdf", 5 * 2**32 + 7))
    assert parse_descriptor(data) == [
        Described("MP231 – response form ≥ v2.docx", 48_213),
        Described("logo.png", None),
        Described("big.pdf", 5 * 2**32 + 7),
    ]
    assert parse_descriptor(b"") == parse_descriptor(data[:600]) == []


def test_a_dragged_attachment_is_saved_under_a_safe_name(tmp_path):
    mime = outlook_drag(b"PK\x03\x04 form bytes", "..\\..\\MP231: response?.docx")
    assert [f.name for f in offered(mime, (".docx",))] == ["..\\..\\MP231: response?.docx"]
    assert offered(mime, (".pdf",)) == []
    saved = save_dropped(mime, (".docx",), folder=tmp_path)
    assert saved.problem is None
    assert [p.name for p in saved.paths] == ["MP231  response .docx"]
    assert saved.paths[0].read_bytes() == b"PK\x03\x04 form bytes"
    assert saved.paths[0].parent == tmp_path


def test_several_attachments_read_the_first_and_say_so(tmp_path):
    mime = outlook_drag(b"first", "a.pdf", "b.pdf", "c.pdf")
    saved = save_dropped(mime, folder=tmp_path)
    assert [p.read_bytes() for p in saved.paths] == [b"first"]
    assert saved.problem == ("Only a.pdf was read of the 3 attachments dragged from Outlook; "
                             "drag the others one at a time.")
    empty = QMimeData()
    empty.setData(DESCRIPTOR_FORMAT, descriptor(("a.pdf", 10)))
    assert save_dropped(empty, folder=tmp_path).problem.startswith(
        "a.pdf: Outlook did not hand over the attachment's contents")


def test_a_response_form_dragged_from_outlook_onto_the_window_is_chosen(window, qtbot):
    form = next(f for f in builtin_forms() if f.key == "refinement-consultation")
    select(window, "MP231")
    mime = outlook_drag(form.path.read_bytes(), "MP231 response form.docx")
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(event)
    assert event.isAccepted()
    with qtbot.waitSignal(window.drafting.form_loaded, timeout=20_000):
        drop(window, mime)
    assert window.tabs.currentWidget() is window.drafting
    assert window.drafting.form_label.text() == "Form: MP231 response form.docx"
    assert window.drafting.editors


def test_a_document_dragged_from_outlook_onto_documents_is_attached(window, qtbot):
    select(window, "MP231")
    panel = window.documents
    mime = outlook_drag(pdf_bytes([["MP231 consultation document"]]), "MP231 consultation.pdf")
    with qtbot.waitSignal(panel.documentsChanged, timeout=20_000):
        event = drop(panel, mime)
    assert event.isAccepted()
    assert panel.table.item(0, 0).text() == "MP231 consultation.pdf"
