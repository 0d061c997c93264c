"""Attached documents through their services on a folder and a team database: stored once by
checksum, opened from a local path, removed and put back, and found by their text."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, insert, select
from tests.documents.document_builders import docx_bytes, pdf_bytes, serving

from secresponder.domain.deadline import LONDON
from secresponder.domain.form_corrections import CorrectionKind, FormCorrection
from secresponder.errors import InputError, NotFoundError, SecResponderError
from secresponder.fileio import MB
from secresponder.services import documents as documents_service
from secresponder.services import form_corrections
from secresponder.services.attachment_removal import remove_attachment, undo_remove
from secresponder.services.search import search
from secresponder.store.file_store import checksum, files_for
from secresponder.store.sql import documents as documents_store
from secresponder.store.sql import form_corrections as corrections_store
from secresponder.store.sql import session, settings, tables
from secresponder.store.sql.database import DatabaseWorkspace

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def clock() -> datetime:
    return NOW


@pytest.fixture
def ws(any_workspace, tmp_path, monkeypatch):
    # Local copies of a team database's files go to this computer's folder for it.
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))
    return any_workspace


def _consultation(ws, key: str = "mp231") -> int:
    with session.transaction(ws) as conn:
        return conn.execute(insert(tables.consultations).values(
            key=key, reference=key.upper(), title=f"{key} title", closes_at=NOW,
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ).returning(tables.consultations.c.id)).scalar_one()


def _counts(ws) -> tuple[int, int, list[str]]:
    with session.reading(ws) as conn:
        documents = conn.execute(select(func.count()).select_from(tables.documents)).scalar()
        attached = conn.execute(select(func.count()).select_from(tables.attachments)).scalar()
    return documents, attached, files_for(ws).names()


def test_a_file_is_stored_once_opened_from_a_local_path_and_found(ws, tmp_path):
    first, second = _consultation(ws), _consultation(ws, "mp232")
    data = pdf_bytes([["Sequencing of firmware images by CPL Entry ID"]], title="MP231 doc")
    path = tmp_path / "MP231 Consultation Document.pdf"
    path.write_bytes(data)
    result = documents_service.attach_file(ws, first, path, clock=clock)
    again = documents_service.attach_file(ws, second, path, clock=clock, label="Same file")
    assert (result.created, result.new_file, again.created, again.new_file) == (
        True, True, True, False)
    stored_name = f"{checksum(data)}.pdf"
    assert _counts(ws) == (1, 2, [stored_name])
    assert result.attachment.document.stored_name == stored_name
    assert documents_service.list_documents(ws, first) == [result.attachment]
    assert documents_service.get_attachment(ws, again.attachment.id) == again.attachment
    opened = documents_service.document_file(ws, result.attachment)
    assert opened.read_bytes() == data and opened.name == stored_name
    assert documents_service.document_path(ws, result.attachment) == opened
    if isinstance(ws, DatabaseWorkspace):  # a local copy, not the database
        assert opened.is_relative_to(tmp_path / "home")
    hits = search(ws, "firmware images")
    assert [(h.kind, h.target.attachment_id) for h in hits] == [
        ("document", result.attachment.id), ("document", again.attachment.id)]
    with pytest.raises(NotFoundError):
        documents_service.attach_file(ws, 999_999, path, clock=clock)
    with pytest.raises(NotFoundError):
        documents_service.get_attachment(ws, 999_999)


def test_removing_an_attachment_can_be_undone(ws, tmp_path):
    cid = _consultation(ws)
    path = tmp_path / "notes.docx"
    path.write_bytes(docx_bytes(["Impact on prepayment customers"]))
    attached = documents_service.attach_file(ws, cid, path, clock=clock).attachment
    removed = remove_attachment(ws, attached.id)
    assert removed == attached and documents_service.list_documents(ws, cid) == []
    assert _counts(ws)[0] == 1 and len(_counts(ws)[2]) == 1  # the document and file stay
    with pytest.raises(NotFoundError, match="no longer attached"):
        remove_attachment(ws, attached.id)
    restored = undo_remove(ws, removed)
    assert (restored.label, restored.source, restored.attached_at, restored.document) == (
        attached.label, attached.source, attached.attached_at, attached.document)
    assert documents_service.list_documents(ws, cid) == [restored]
    assert [h.kind for h in search(ws, "prepayment")] == ["document"]


def test_a_refused_or_failed_attach_keeps_nothing(ws, tmp_path, monkeypatch):
    cid = _consultation(ws)
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)  # 1.4 MB
    assert documents_service.size_limit(ws) == documents_service.DEFAULT_SIZE_LIMIT
    with session.transaction(ws) as conn:
        settings.set_setting(conn, documents_service.SIZE_LIMIT_SETTING, 1)
    assert documents_service.size_limit(ws) == MB
    with pytest.raises(InputError, match="over the 1 MB limit"):
        documents_service.attach_file(ws, cid, path, clock=clock)
    small = tmp_path / "a.txt"
    small.write_text("words to index")

    def refuse(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents_store, "attach", refuse)
    with pytest.raises(RuntimeError):
        documents_service.attach_file(ws, cid, small, clock=clock)
    assert _counts(ws) == (0, 0, [])


def test_a_linked_document_is_downloaded_and_attached(ws, tmp_path):
    cid = _consultation(ws)
    body = pdf_bytes([["Alt HAN forecast charges explained"]])
    login = b"<!DOCTYPE html><html><body>Sign in</body></html>"
    routes = {"/MP210.pdf": ("application/pdf", body), "/login.pdf": ("application/pdf", login)}
    with serving(tmp_path, routes) as base:
        result = documents_service.attach_url(ws, cid, f"{base}/MP210.pdf", clock=clock)
        with pytest.raises(InputError, match=r"said it was a PDF but sent a web page"):
            documents_service.attach_url(ws, cid, f"{base}/login.pdf", clock=clock)
    assert result.attachment.source == f"{base}/MP210.pdf"
    assert _counts(ws) == (1, 1, [f"{checksum(body)}.pdf"])
    assert documents_service.document_file(ws, result.attachment).read_bytes() == body
    assert [h.kind for h in search(ws, "forecast charges explained")] == ["document"]
    if isinstance(ws, DatabaseWorkspace):  # no download left behind in the local folder
        assert [p.name for p in (tmp_path / "home").rglob("*") if p.is_file()] == [
            f"{checksum(body)}.pdf"]


def test_a_missing_stored_file_is_one_sentence(ws, tmp_path):
    cid = _consultation(ws)
    path = tmp_path / "a.txt"
    path.write_text("words to index")
    attached = documents_service.attach_file(ws, cid, path, clock=clock).attachment
    if isinstance(ws, DatabaseWorkspace):
        with session.transaction(ws) as conn:
            conn.execute(tables.stored_files.delete())
    else:
        (ws.files_dir / attached.document.stored_name).unlink()
    with pytest.raises(SecResponderError, match="missing") as raised:
        documents_service.document_file(ws, attached)
    assert "\n" not in str(raised.value)


def test_form_corrections_are_kept_by_checksum(ws):
    sha = "ab" * 32
    unmark = FormCorrection(CorrectionKind.UNMARK, "4", "")
    join = FormCorrection(CorrectionKind.JOIN, "5", "6")
    with session.transaction(ws) as conn:
        assert corrections_store.add(conn, sha, unmark, author="Sam", now=NOW)
        assert not corrections_store.add(conn, sha, unmark, author="Asha", now=NOW)
        assert corrections_store.add(conn, sha, join, author="Sam", now=NOW)
        corrections_store.add(conn, "cd" * 32, join, author="Sam", now=NOW)
    assert form_corrections.corrections_for(ws, sha) == (unmark, join)
    with session.transaction(ws) as conn:
        assert corrections_store.remove(conn, sha, unmark)
        assert not corrections_store.remove(conn, sha, unmark)
    assert form_corrections.corrections_for(ws, sha) == (join,)
    assert form_corrections.corrections_for(ws, "ef" * 32) == ()
