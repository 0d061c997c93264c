"""The documents pane: background attach with progress, drops, refusals, downloads, opening."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.ui.documents_panel import AttachSource, DocumentsPanel
from tests.documents.document_builders import (
    docx_bytes,
    encrypted_office_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
    serving,
)

MP231 = "mp231-consultation"


@pytest.fixture
def seeded(workspace_root, clock):
    open_seeded_workspace(workspace_root, clock=clock).close()
    return workspace_root


@pytest.fixture
def opened():
    return []


@pytest.fixture
def panel(qtbot, seeded, clock, opened):
    widget = DocumentsPanel(seeded, clock=clock, open_file=opened.append)
    qtbot.addWidget(widget)
    widget.set_consultation(MP231)
    yield widget
    widget.runner.wait(10_000)


def cells(panel):
    return [
        [panel.table.item(r, c).text() for c in range(panel.table.columnCount())]
        for r in range(panel.table.rowCount())
    ]


def test_nothing_selected_disables_attaching(qtbot, seeded, clock):
    widget = DocumentsPanel(seeded, clock=clock)
    qtbot.addWidget(widget)
    assert not widget.add_button.isEnabled()
    assert widget.attach([AttachSource("/tmp/x.txt")]) is None


def test_attach_in_background_lists_and_opens(qtbot, panel, tmp_path, opened, seeded):
    assert panel.heading.text() == "Documents for MP231" and cells(panel) == []
    good = tmp_path / "MP231 consultation.pdf"
    good.write_bytes(pdf_bytes([["Firmware sequencing"]] * 3))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf_bytes())
    progress = []
    with qtbot.waitSignal(panel.documentsChanged, timeout=10_000):
        job = panel.attach([AttachSource(str(good)), AttachSource(str(scan))])
        job.signals.progress.connect(lambda d, t, m: progress.append(m))
        assert panel.busy and panel.cancel_button.isVisibleTo(panel)
        assert not panel.add_button.isEnabled()
    assert not panel.busy and not panel.progress.isVisibleTo(panel)
    assert cells(panel) == [
        ["MP231 consultation.pdf", "PDF, 3 p.", "1 KB", "searchable"],
        ["scan.pdf", "PDF, 2 p.", "1 KB", "no text"],
    ]
    assert panel.status.text().startswith("Attached 2 documents. scan.pdf: has no text layer")
    panel.table.selectRow(0)
    assert panel.open_button.isEnabled()
    panel.open_selected()
    (path,) = opened
    assert path.parent == seeded / "files" and path.read_bytes() == good.read_bytes()


def test_refused_file_is_one_sentence_and_nothing_is_listed(qtbot, panel, tmp_path):
    locked = tmp_path / "locked.docx"
    locked.write_bytes(encrypted_office_bytes())
    with qtbot.waitSignal(panel.messageShown, timeout=10_000) as shown:
        panel.attach([AttachSource(str(locked))])
    assert shown.args == [
        "Attached 0 documents. locked.docx: is password-protected; save an unprotected copy "
        "and attach that."
    ]
    assert cells(panel) == []
    files = panel.workspace_root / "files"
    assert not files.exists() or list(files.iterdir()) == []


def test_dropping_files_attaches_them(qtbot, panel, tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(docx_bytes(["Dropped words"]))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(panel.documentsChanged, timeout=10_000):
        panel.dropEvent(event)
    assert event.isAccepted()
    assert [row[0] for row in cells(panel)] == ["notes.docx"]


def test_download_linked_documents(qtbot, panel, tmp_path):
    body = pdf_bytes([["Linked consultation document"]])
    with serving(tmp_path, {"/MP231-consultation.pdf": ("application/pdf", body)}) as base:
        url = f"{base}/MP231-consultation.pdf"
        conn = panel_connection(panel)
        conn.execute(
            "UPDATE consultations SET documents = json_array(json_object('label', "
            "'consultation document', 'url', ?)) WHERE key = ?",
            (url, MP231),
        )
        conn.close()
        panel.refresh()
        assert panel.download_button.isEnabled()
        with qtbot.waitSignal(panel.documentsChanged, timeout=10_000):
            panel.download_links()
        assert [row[0] for row in cells(panel)] == ["MP231-consultation.pdf"]
        panel.download_links()
        assert panel.status.text() == "Every linked document is already attached."


def panel_connection(panel):
    import sqlite3

    return sqlite3.connect(panel.workspace_root / "workspace.sqlite3", isolation_level=None)


def test_a_document_can_be_removed_and_put_back(qtbot, panel, tmp_path):
    first = tmp_path / "notes.txt"
    first.write_text("Firmware sequencing notes", encoding="utf-8")
    with qtbot.waitSignal(panel.documentsChanged, timeout=10_000):
        panel.attach([AttachSource(str(first))])
    assert [row[0] for row in cells(panel)] == ["notes.txt"]
    panel.table.selectRow(0)
    assert panel.remove_button.isEnabled()
    with qtbot.waitSignal(panel.documentsChanged, timeout=5_000):
        panel.remove_button.click()
    assert cells(panel) == []
    assert panel.status.text() == "Removed notes.txt; Undo remove puts it back."
    assert panel.undo_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.documentsChanged, timeout=5_000):
        panel.undo_button.click()
    assert [row[0] for row in cells(panel)] == ["notes.txt"]
    assert not panel.undo_button.isVisibleTo(panel)
