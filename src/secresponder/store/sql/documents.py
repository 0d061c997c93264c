"""Attached documents (one row per distinct file) and their links to consultations,
for either workspace kind.

Written with SQLAlchemy Core; a folder keeps the same rows as before. The files
themselves are kept by ``store.file_store``, once per checksum. Every statement is
built once, with bound parameters, so SQLAlchemy compiles each only once: attaching
thousands of documents in one transaction costs little more than plain SQL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import Executable

from secresponder.store.records import Attachment, StoredDocument
from secresponder.store.sql.tables import attachments, documents

_DOCUMENT = (documents.c.id, documents.c.sha256, documents.c.format, documents.c.size,
             documents.c.stored_name, documents.c.title, documents.c.pages,
             documents.c.text_chars, documents.c.added_at)
_ATTACHMENT = (attachments.c.id.label("attachment_id"), attachments.c.consultation_id,
               attachments.c.label, attachments.c.source, attachments.c.attached_at, *_DOCUMENT)
_ATTACHMENTS = select(*_ATTACHMENT).join_from(attachments, documents,
                                              documents.c.id == attachments.c.document_id)

_FIND_DOCUMENT = select(*_DOCUMENT).where(documents.c.sha256 == bindparam("sha256"))
_INSERT_DOCUMENT = insert(documents).returning(*_DOCUMENT)
# A link that exists already is left as it was (its label, source and time).
_ATTACH = {
    name: dialect.insert(attachments).on_conflict_do_nothing(
        index_elements=["consultation_id", "document_id"]).returning(attachments.c.id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}
_LINK = _ATTACHMENTS.where(attachments.c.consultation_id == bindparam("consultation_id"),
                           attachments.c.document_id == bindparam("document_id"))
_OF_CONSULTATION = (_ATTACHMENTS.where(attachments.c.consultation_id == bindparam("cid"))
                    .order_by(attachments.c.attached_at, attachments.c.id))
_BY_ID = _ATTACHMENTS.where(attachments.c.id == bindparam("id"))
_OF_DOCUMENT = (_ATTACHMENTS.where(attachments.c.document_id == bindparam("document_id"))
                .order_by(attachments.c.id))
_COUNT = select(func.count()).select_from(documents)
_DELETE_LINK = delete(attachments).where(attachments.c.id == bindparam("id")).returning(
    attachments.c.id)


def _document(row: Row) -> StoredDocument:
    return StoredDocument(
        id=row.id, sha256=row.sha256, format=row.format, size=row.size,
        stored_name=row.stored_name, title=row.title, pages=row.pages,
        text_chars=row.text_chars, added_at=row.added_at,
    )


def _attachment(row: Row) -> Attachment:
    return Attachment(
        id=row.attachment_id, consultation_id=row.consultation_id, label=row.label,
        source=row.source, attached_at=row.attached_at, document=_document(row),
    )


def _rows(conn: Connection, statement: Executable, **params: object) -> list[Row]:
    return list(conn.execute(statement, params))


def find_document(conn: Connection, sha256: str) -> StoredDocument | None:
    """The document with this checksum, or None."""
    row = conn.execute(_FIND_DOCUMENT, {"sha256": sha256}).first()
    return _document(row) if row else None


def insert_document(
    conn: Connection, *, sha256: str, fmt: str, size: int, stored_name: str,
    title: str | None, pages: int | None, text_chars: int, added_at: datetime,
) -> StoredDocument:
    """Keep a new document's row (its file is kept by ``store.file_store``)."""
    row = conn.execute(_INSERT_DOCUMENT, {
        "sha256": sha256, "format": fmt, "size": size, "stored_name": stored_name,
        "title": title, "pages": pages, "text_chars": text_chars, "added_at": added_at,
    }).one()
    return _document(row)


def attach(
    conn: Connection, *, consultation_id: int, document_id: int, label: str, source: str,
    attached_at: datetime,
) -> tuple[Attachment, bool]:
    """Link a document to a consultation; (attachment, False) if it was linked already."""
    # RETURNING rather than rowcount, which psycopg through SQLAlchemy leaves at -1 here.
    created = conn.execute(_ATTACH[conn.dialect.name], {
        "consultation_id": consultation_id, "document_id": document_id, "label": label,
        "source": source, "attached_at": attached_at,
    }).first() is not None
    row = conn.execute(_LINK, {"consultation_id": consultation_id,
                               "document_id": document_id}).one()
    return _attachment(row), created


def attachments_for(conn: Connection, consultation_id: int) -> list[Attachment]:
    """A consultation's documents, in the order they were attached."""
    return [_attachment(row) for row in _rows(conn, _OF_CONSULTATION, cid=consultation_id)]


def get_attachment(conn: Connection, attachment_id: int) -> Attachment | None:
    """One link of a document to a consultation, or None."""
    row = conn.execute(_BY_ID, {"id": attachment_id}).first()
    return _attachment(row) if row else None


def attachments_of_document(conn: Connection, document_id: int) -> list[Attachment]:
    """Every consultation's link to one document, in the order they were made."""
    return [_attachment(row) for row in _rows(conn, _OF_DOCUMENT, document_id=document_id)]


def document_count(conn: Connection) -> int:
    """How many distinct documents the workspace holds."""
    return conn.execute(_COUNT).scalar_one()


def delete_attachment(conn: Connection, attachment_id: int) -> bool:
    """Unlink a document from a consultation; the document and its file stay (for Undo)."""
    return conn.execute(_DELETE_LINK, {"id": attachment_id}).first() is not None
