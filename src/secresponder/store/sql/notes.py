"""Notes on a consultation, written once with SQLAlchemy Core for a folder and a team database.

Functions take a connection from ``store.sql.session``; a folder keeps the same rows
as before; each note records who wrote it. Both backends' triggers
keep notes in their full-text index.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from secresponder.store.records import Note
from secresponder.store.sql.tables import notes

_COLUMNS = (notes.c.id, notes.c.consultation_id, notes.c.body, notes.c.created_at,
            notes.c.updated_at, notes.c.author)


def _note(row: Row) -> Note:
    return Note(row.id, row.consultation_id, row.body, row.created_at, row.updated_at,
                row.author)


def add_note(conn: Connection, consultation_id: int, body: str, *, now: datetime,
             author: str = "") -> Note:
    row = conn.execute(
        insert(notes).values(consultation_id=consultation_id, body=body, created_at=now,
                             updated_at=now, author=author).returning(*_COLUMNS)
    ).one()
    return _note(row)


def update_note(conn: Connection, note_id: int, body: str, *, now: datetime) -> Note | None:
    row = conn.execute(
        update(notes).where(notes.c.id == note_id).values(body=body, updated_at=now)
        .returning(*_COLUMNS)
    ).first()
    return _note(row) if row else None


def delete_note(conn: Connection, note_id: int) -> bool:
    return conn.execute(delete(notes).where(notes.c.id == note_id)).rowcount == 1


def get_note(conn: Connection, note_id: int) -> Note | None:
    row = conn.execute(select(*_COLUMNS).where(notes.c.id == note_id)).first()
    return _note(row) if row else None


def notes_for(conn: Connection, consultation_id: int) -> list[Note]:
    """A consultation's notes, oldest first."""
    rows = conn.execute(
        select(*_COLUMNS).where(notes.c.consultation_id == consultation_id)
        .order_by(notes.c.created_at, notes.c.id)
    )
    return [_note(row) for row in rows]
