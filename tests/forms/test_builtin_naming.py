"""Built-in forms name the consultation on their "Consultation:" line; nothing else changes."""

from __future__ import annotations

import io
import zipfile

import docx

from secresponder.forms.builtin import CONSULTATION_MARKER, builtin_forms, name_consultation


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def test_every_builtin_form_has_the_marker_and_gets_the_name():
    for form in builtin_forms():
        original = form.path.read_bytes()
        named = name_consultation(original, "MP231 Firmware <upgrade> & pathways")
        texts = [p.text for p in docx.Document(io.BytesIO(named)).paragraphs]
        assert "Consultation: MP231 Firmware <upgrade> & pathways" in texts, form.key
        before, after = _parts(original), _parts(named)
        assert list(before) == list(after)
        changed = [name for name in before if before[name] != after[name]]
        assert changed == ["word/document.xml"]
        assert CONSULTATION_MARKER.encode() not in after["word/document.xml"]


def test_a_form_without_the_marker_is_returned_as_it_is(tmp_path):
    document = docx.Document()
    document.add_paragraph("Consultation: MP231")
    buffer = io.BytesIO()
    document.save(buffer)
    assert name_consultation(buffer.getvalue(), "MP216 Batch 9") == buffer.getvalue()
