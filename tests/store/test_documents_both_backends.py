"""Attached documents written once with SQLAlchemy Core, on a folder and a team database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from tests.documents.document_builders import docx_bytes

from secresponder.domain.deadline import LONDON
from secresponder.store.file_store import checksum, files_for
from secresponder.store.sql import documents, session, tables
from secresponder.store.sql.search import search
from secresponder.store.workspace import Workspace

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def _consultations(conn) -> tuple[int, int]:
    ids = []
    for key in ("mp231", "mp232"):
        ids.append(conn.execute(insert(tables.consultations).values(
            key=key, reference=key.upper(), title=f"{key} title", closes_at=NOW,
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ).returning(tables.consultations.c.id)).scalar_one())
    return ids[0], ids[1]


def test_one_file_attached_to_two_consultations_is_stored_once(any_workspace, tmp_path):
    ws = any_workspace
    data = docx_bytes(["Impact on prepayment customers"])
    sha = checksum(data)
    files_for(ws, cache_dir=tmp_path).put(data, f"{sha}.docx", now=NOW)
    with session.transaction(ws) as conn:
        first, second = _consultations(conn)
        assert documents.find_document(conn, sha) is None
        doc = documents.insert_document(
            conn, sha256=sha, fmt="docx", size=len(data), stored_name=f"{sha}.docx",
            title="Impact", pages=None, text_chars=31, added_at=NOW)
        a, created = documents.attach(conn, consultation_id=first, document_id=doc.id,
                                      label="Impact assessment", source="https://x.example/a",
                                      attached_at=NOW)
        again, created_again = documents.attach(
            conn, consultation_id=first, document_id=doc.id, label="Other label",
            source="elsewhere", attached_at=NOW + timedelta(hours=1))
        b, _ = documents.attach(conn, consultation_id=second, document_id=doc.id,
                                label="Same file", source="C:/Users/sam/a.docx",
                                attached_at=NOW + timedelta(hours=2))
    assert (created, created_again) == (True, False)
    assert again == a and a.label == "Impact assessment" and a.attached_at == NOW
    assert a.document == doc and doc.searchable and doc.added_at == NOW
    with session.reading(ws) as conn:
        assert documents.find_document(conn, sha) == doc
        assert documents.attachments_for(conn, first) == [a]
        assert documents.attachments_of_document(conn, doc.id) == [a, b]
        assert documents.get_attachment(conn, b.id) == b
        assert documents.get_attachment(conn, b.id + 100) is None
        assert documents.document_count(conn) == 1


def test_a_folder_keeps_the_same_rows_as_before(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        with session.transaction(ws) as conn:
            first, _ = _consultations(conn)
            doc = documents.insert_document(
                conn, sha256="ab" * 32, fmt="pdf", size=10, stored_name="ab.pdf", title=None,
                pages=3, text_chars=0, added_at=NOW)
            attached, _ = documents.attach(conn, consultation_id=first, document_id=doc.id,
                                           label="Scan", source="scan.pdf", attached_at=NOW)
        row = ws.connection.execute(
            "SELECT a.label, a.attached_at, d.sha256, d.added_at, d.pages FROM attachments AS a "
            "JOIN documents AS d ON d.id = a.document_id WHERE a.id = ?", (attached.id,)
        ).fetchone()
        stamp = NOW.astimezone(UTC).isoformat()  # instants as ISO text in UTC, as always
        assert tuple(row) == ("Scan", stamp, "ab" * 32, stamp, 3)
        with session.transaction(ws) as conn:
            assert documents.delete_attachment(conn, attached.id)
            assert not documents.delete_attachment(conn, attached.id)
            assert documents.find_document(conn, "ab" * 32) == doc  # kept, for Undo
        assert search(ws, "scan") == []  # nothing to search in a scan
