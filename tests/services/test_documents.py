"""Attaching documents: stored once by checksum, indexed, and bad files change nothing."""

from __future__ import annotations

import hashlib

import pytest
from tests.documents.document_builders import (
    docx_bytes,
    encrypted_office_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
    serving,
    xlsx_bytes,
)

from secresponder.errors import InputError, NotFoundError
from secresponder.fileio import MB
from secresponder.services import documents as documents_service
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.lookup import find_consultation
from secresponder.services.search import search
from secresponder.store import search_index
from secresponder.store.sql import documents as documents_store
from secresponder.store.sql import session
from secresponder.store.sql.settings import set_setting


@pytest.fixture
def ws(workspace_root, clock):
    with open_seeded_workspace(workspace_root, clock=clock) as workspace:
        yield workspace


@pytest.fixture
def mp231(ws):
    return find_consultation(ws, "MP231").id


def stored_state(ws):
    conn = ws.connection
    files = sorted(p.name for p in ws.files_dir.iterdir()) if ws.files_dir.exists() else []
    return (
        files,
        conn.execute("SELECT count(*) FROM documents").fetchone()[0],
        conn.execute("SELECT count(*) FROM attachments").fetchone()[0],
        search_index.indexed_count(conn, "document"),
    )


def test_attached_file_is_stored_by_checksum_and_searchable(ws, mp231, tmp_path, clock):
    data = pdf_bytes([["Sequencing of firmware images by CPL Entry ID"]], title="MP231 doc")
    path = tmp_path / "MP231 Consultation Document.pdf"
    path.write_bytes(data)
    result = documents_service.attach_file(ws, mp231, path, clock=clock)
    sha = hashlib.sha256(data).hexdigest()
    assert result.created and result.new_file and result.warning is None
    stored = ws.files_dir / f"{sha}.pdf"
    assert stored.read_bytes() == data
    assert documents_service.document_file(ws, result.attachment) == stored
    attachment = result.attachment
    assert attachment.label == path.name and attachment.source == str(path.resolve())
    assert attachment.document.pages == 1 and attachment.document.searchable
    assert attachment.attached_at == clock()
    hits = [h for h in search(ws, "sequencing") if h.kind == "document"]
    assert len(hits) == 1
    assert hits[0].target.consultation_key == "mp231-consultation"
    assert hits[0].target.attachment_id == attachment.id
    assert "MP231 doc" in hits[0].title


def test_same_file_twice_is_stored_once(ws, mp231, tmp_path, clock):
    data = docx_bytes(["Response template", "Question 1: Do you agree?"])
    first, second = tmp_path / "a.docx", tmp_path / "copy of a.docx"
    first.write_bytes(data)
    second.write_bytes(data)
    documents_service.attach_file(ws, mp231, first, clock=clock)
    again = documents_service.attach_file(ws, mp231, second, clock=clock)
    assert not again.created and not again.new_file
    other = find_consultation(ws, "MP216").id
    elsewhere = documents_service.attach_file(ws, other, second, clock=clock)
    assert elsewhere.created and not elsewhere.new_file
    files, documents, attachments, indexed = stored_state(ws)
    assert len(files) == 1 and documents == 1 and attachments == 2 and indexed == 1
    keys = {h.target.consultation_key for h in search(ws, "agree") if h.kind == "document"}
    assert keys == {"mp231-consultation", "mp216-consultation"}


def test_scanned_pdf_is_attached_with_a_warning(ws, mp231, tmp_path, clock):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf_bytes())
    result = documents_service.attach_file(ws, mp231, path, clock=clock)
    assert result.warning == (
        "scan.pdf: has no text layer (a scanned document?); it is attached but not searchable."
    )
    assert not result.attachment.document.searchable
    assert stored_state(ws)[1:] == (1, 1, 0)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("locked.pdf", encrypted_pdf_bytes(["x"], user_password="pw"), "is password-protected"),
        ("locked.xlsx", encrypted_office_bytes(), "is password-protected"),
        ("broken.pdf", pdf_bytes([["words"]])[:60], "is a damaged PDF"),
        ("broken.xlsx", xlsx_bytes({"S": [["a"]]})[:300], "damaged Office"),
        ("picture.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00", "cannot be attached"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_bad_files_change_nothing(ws, mp231, tmp_path, clock, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = stored_state(ws)
    with pytest.raises(InputError, match=message) as caught:
        documents_service.attach_file(ws, mp231, path, clock=clock)
    assert str(caught.value).startswith(f"{path.name}: ") or str(path) in str(caught.value)
    assert stored_state(ws) == before


def test_size_limit_is_configurable(ws, mp231, tmp_path, clock):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)  # 1.4 MB
    with pytest.raises(InputError, match=r"1\.4 MB, over the 1 MB limit"):
        documents_service.attach_file(ws, mp231, path, clock=clock, limit=MB)
    assert documents_service.size_limit(ws) == 100 * MB
    with session.transaction(ws) as conn:
        set_setting(conn, documents_service.SIZE_LIMIT_SETTING, 1)
    with pytest.raises(InputError, match="over the 1 MB limit"):
        documents_service.attach_file(ws, mp231, path, clock=clock)
    assert stored_state(ws)[1:] == (0, 0, 0)


def test_unknown_consultation_is_refused(ws, tmp_path, clock):
    path = tmp_path / "a.txt"
    path.write_text("words")
    with pytest.raises(NotFoundError):
        documents_service.attach_file(ws, 999_999, path, clock=clock)
    assert stored_state(ws)[1:] == (0, 0, 0)


def test_failed_transaction_removes_the_new_file(ws, mp231, tmp_path, clock, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("words to index")

    def refuse(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents_store, "attach", refuse)
    with pytest.raises(RuntimeError):
        documents_service.attach_file(ws, mp231, path, clock=clock)
    assert stored_state(ws) == ([], 0, 0, 0)


def test_attach_url_downloads_checks_and_renames_into_place(ws, mp231, tmp_path, clock):
    body = pdf_bytes([["Alt HAN forecast charges explained"]])
    routes = {
        "/MP210.pdf": ("application/pdf", body),
        "/login.pdf": ("application/pdf", b"<!DOCTYPE html><html><body>Sign in</body></html>"),
        "/photo": ("image/jpeg", b"\xff\xd8\xff"),
    }
    with serving(tmp_path, routes) as base:
        result = documents_service.attach_url(ws, mp231, f"{base}/MP210.pdf", clock=clock)
        with pytest.raises(InputError, match=r"said it was a PDF but sent a web page"):
            documents_service.attach_url(ws, mp231, f"{base}/login.pdf", clock=clock)
        with pytest.raises(InputError, match="image/jpeg"):
            documents_service.attach_url(ws, mp231, f"{base}/photo", clock=clock)
    assert result.attachment.label == "MP210.pdf"
    assert result.attachment.source == f"{base}/MP210.pdf"
    files, documents, attachments, _ = stored_state(ws)
    assert files == [hashlib.sha256(body).hexdigest() + ".pdf"]  # no partial downloads left
    assert (documents, attachments) == (1, 1)
    assert [h.kind for h in search(ws, "forecast charges explained")] == ["document"]
