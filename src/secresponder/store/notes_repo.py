"""SQL for notes: plain text a team keeps on a consultation, with when it was written.

Triggers in migration 0003 keep each note in the full-text index.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from secresponder.store.instants import instant_from_db, instant_to_db
from secresponder.store.records import Note


def _note(row: sqlite3.Row) -> Note:
    return Note(
        id=row["id"],
        consultation_id=row["consultation_id"],
        body=row["body"],
        created_at=instant_from_db(row["created_at"]),
        updated_at=instant_from_db(row["updated_at"]),
        author=row["author"],
    )


_SELECT = "SELECT id, consultation_id, body, created_at, updated_at, author FROM notes"


def add_note(conn: sqlite3.Connection, consultation_id: int, body: str, *, now: datetime,
             author: str = "") -> Note:
    stamp = instant_to_db(now)
    cursor = conn.execute(
        "INSERT INTO notes (consultation_id, body, created_at, updated_at, author) "
        "VALUES (?, ?, ?, ?, ?)",
        (consultation_id, body, stamp, stamp, author),
    )
    note = get_note(conn, int(cursor.lastrowid or 0))
    assert note is not None
    return note


def update_note(conn: sqlite3.Connection, note_id: int, body: str, *, now: datetime) -> Note | None:
    conn.execute(
        "UPDATE notes SET body = ?, updated_at = ? WHERE id = ?",
        (body, instant_to_db(now), note_id),
    )
    return get_note(conn, note_id)


def delete_note(conn: sqlite3.Connection, note_id: int) -> bool:
    return conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount == 1


def get_note(conn: sqlite3.Connection, note_id: int) -> Note | None:
    row = conn.execute(f"{_SELECT} WHERE id = ?", (note_id,)).fetchone()
    return _note(row) if row else None


def notes_for(conn: sqlite3.Connection, consultation_id: int) -> list[Note]:
    """A consultation's notes, oldest first (for a pack's tracker or the detail view)."""
    rows = conn.execute(
        f"{_SELECT} WHERE consultation_id = ? ORDER BY created_at, id", (consultation_id,)
    ).fetchall()
    return [_note(row) for row in rows]
