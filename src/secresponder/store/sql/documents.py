"""Attached documents (one row per distinct file) and their links to consultations,
for either workspace kind.

Written with SQLAlchemy Core; a folder keeps the same rows as before. The files
themselves are kept by ``store.file_store``, once per checksum.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection, Row

from secresponder.store.records import Attachment, StoredDocument
from secresponder.store.sql.tables import attachments, documents
from secresponder.store.sql.upsert import insert_new

_DOCUMENT = (documents.c.id, documents.c.sha256, documents.c.format, documents.c.size,
             documents.c.stored_name, documents.c.title, documents.c.pages,
             documents.c.text_chars, documents.c.added_at)
_ATTACHMENT = (attachments.c.id.label("attachment_id"), attachments.c.consultation_id,
               attachments.c.label, attachments.c.source, attachments.c.attached_at, *_DOCUMENT)


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


def _attachments():  # type: ignore[no-untyped-def]
    return select(*_ATTACHMENT).join_from(attachments, documents,
                                          documents.c.id == attachments.c.document_id)


def find_document(conn: Connection, sha256: str) -> StoredDocument | None:
    row = conn.execute(select(*_DOCUMENT).where(documents.c.sha256 == sha256)).first()
    return _document(row) if row else None


def insert_document(
    conn: Connection, *, sha256: str, fmt: str, size: int, stored_name: str,
    title: str | None, pages: int | None, text_chars: int, added_at: datetime,
) -> StoredDocument:
    row = conn.execute(
        documents.insert().values(
            sha256=sha256, format=fmt, size=size, stored_name=stored_name, title=title,
            pages=pages, text_chars=text_chars, added_at=added_at,
        ).returning(*_DOCUMENT)
    ).one()
    return _document(row)


def attach(
    conn: Connection, *, consultation_id: int, document_id: int, label: str, source: str,
    attached_at: datetime,
) -> tuple[Attachment, bool]:
    """Link a document to a consultation; (attachment, False) if it was linked already."""
    created = insert_new(conn, attachments, {
        "consultation_id": consultation_id, "document_id": document_id, "label": label,
        "source": source, "attached_at": attached_at,
    }, key=("consultation_id", "document_id"))
    row = conn.execute(_attachments().where(
        attachments.c.consultation_id == consultation_id,
        attachments.c.document_id == document_id,
    )).one()
    return _attachment(row), created


def attachments_for(conn: Connection, consultation_id: int) -> list[Attachment]:
    """A consultation's documents, in the order they were attached."""
    rows = conn.execute(_attachments().where(attachments.c.consultation_id == consultation_id)
                        .order_by(attachments.c.attached_at, attachments.c.id))
    return [_attachment(row) for row in rows]


def get_attachment(conn: Connection, attachment_id: int) -> Attachment | None:
    row = conn.execute(_attachments().where(attachments.c.id == attachment_id)).first()
    return _attachment(row) if row else None


def attachments_of_document(conn: Connection, document_id: int) -> list[Attachment]:
    rows = conn.execute(_attachments().where(attachments.c.document_id == document_id)
                        .order_by(attachments.c.id))
    return [_attachment(row) for row in rows]


def document_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(documents)).scalar_one()


def delete_attachment(conn: Connection, attachment_id: int) -> bool:
    """Unlink a document from a consultation; the document and its file stay (for Undo)."""
    statement = delete(attachments).where(attachments.c.id == attachment_id).returning(
        attachments.c.id)
    return conn.execute(statement).first() is not None
