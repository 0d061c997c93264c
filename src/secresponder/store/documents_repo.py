"""SQL for attached documents: one row per distinct file, linked to consultations.

A file is stored once, as ``files/<sha256>.<format>``, however many
consultations it is attached to. Functions take an open connection; callers
group writes with ``Workspace.transaction()``.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from secresponder.store.instants import instant_from_db, instant_to_db
from secresponder.store.records import Attachment, StoredDocument

_DOCUMENT_COLUMNS = (
    "d.id, d.sha256, d.format, d.size, d.stored_name, d.title, d.pages, d.text_chars, d.added_at"
)
_ATTACHMENT_SELECT = (
    "SELECT a.id AS attachment_id, a.consultation_id, a.label, a.source, a.attached_at, "
    f"{_DOCUMENT_COLUMNS} FROM attachments AS a JOIN documents AS d ON d.id = a.document_id"
)


def _document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        id=row["id"],
        sha256=row["sha256"],
        format=row["format"],
        size=row["size"],
        stored_name=row["stored_name"],
        title=row["title"],
        pages=row["pages"],
        text_chars=row["text_chars"],
        added_at=instant_from_db(row["added_at"]),
    )


def _attachment(row: sqlite3.Row) -> Attachment:
    return Attachment(
        id=row["attachment_id"],
        consultation_id=row["consultation_id"],
        label=row["label"],
        source=row["source"],
        attached_at=instant_from_db(row["attached_at"]),
        document=_document(row),
    )


def find_document(conn: sqlite3.Connection, sha256: str) -> StoredDocument | None:
    row = conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents AS d WHERE d.sha256 = ?", (sha256,)
    ).fetchone()
    return _document(row) if row else None


def insert_document(
    conn: sqlite3.Connection,
    *,
    sha256: str,
    fmt: str,
    size: int,
    stored_name: str,
    title: str | None,
    pages: int | None,
    text_chars: int,
    added_at: datetime,
) -> StoredDocument:
    cursor = conn.execute(
        "INSERT INTO documents (sha256, format, size, stored_name, title, pages, text_chars, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (sha256, fmt, size, stored_name, title, pages, text_chars, instant_to_db(added_at)),
    )
    document = find_document(conn, sha256)
    assert document is not None and document.id == cursor.lastrowid
    return document


def attach(
    conn: sqlite3.Connection,
    *,
    consultation_id: int,
    document_id: int,
    label: str,
    source: str,
    attached_at: datetime,
) -> tuple[Attachment, bool]:
    """Link a document to a consultation; (attachment, False) if it was linked already."""
    cursor = conn.execute(
        "INSERT INTO attachments (consultation_id, document_id, label, source, attached_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id, document_id) DO NOTHING",
        (consultation_id, document_id, label, source, instant_to_db(attached_at)),
    )
    created = cursor.rowcount == 1
    row = conn.execute(
        f"{_ATTACHMENT_SELECT} WHERE a.consultation_id = ? AND a.document_id = ?",
        (consultation_id, document_id),
    ).fetchone()
    return _attachment(row), created


def attachments_for(conn: sqlite3.Connection, consultation_id: int) -> list[Attachment]:
    """A consultation's documents, in the order they were attached."""
    rows = conn.execute(
        f"{_ATTACHMENT_SELECT} WHERE a.consultation_id = ? ORDER BY a.attached_at, a.id",
        (consultation_id,),
    ).fetchall()
    return [_attachment(row) for row in rows]


def get_attachment(conn: sqlite3.Connection, attachment_id: int) -> Attachment | None:
    row = conn.execute(f"{_ATTACHMENT_SELECT} WHERE a.id = ?", (attachment_id,)).fetchone()
    return _attachment(row) if row else None


def attachments_of_document(conn: sqlite3.Connection, document_id: int) -> list[Attachment]:
    rows = conn.execute(
        f"{_ATTACHMENT_SELECT} WHERE a.document_id = ? ORDER BY a.id", (document_id,)
    ).fetchall()
    return [_attachment(row) for row in rows]


def document_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
