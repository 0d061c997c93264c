"""Notes on a consultation: plain text, timestamped, searchable (indexed by triggers).

The same functions serve a folder and a team database (store/sql/notes.py).
"""

from __future__ import annotations

from typing import Any

from secresponder.domain.clock import Clock
from secresponder.errors import InputError, NotFoundError
from secresponder.store.records import Note
from secresponder.store.sql import notes as notes_repo
from secresponder.store.sql import session
from secresponder.store.sql.session import AnyWorkspace

MAX_NOTE_CHARS = 100_000


def _clean(text: str) -> str:
    body = text.replace("\r\n", "\n").strip()
    if not body:
        raise InputError("The note is empty; type something to keep.")
    if len(body) > MAX_NOTE_CHARS:
        raise InputError(
            f"The note is {len(body):,} characters, over the {MAX_NOTE_CHARS:,} character limit."
        )
    return body


def add_note(ws: AnyWorkspace, consultation_id: int, text: str, *, clock: Clock,
             author: str = "") -> Note:
    """Keep a note, signed with ``author`` (see services.identity)."""
    body = _clean(text)
    with session.transaction(ws) as conn:
        return notes_repo.add_note(conn, consultation_id, body, now=clock(), author=author)


def edit_note(ws: AnyWorkspace, note_id: int, text: str, *, clock: Clock) -> Note:
    body = _clean(text)
    with session.transaction(ws) as conn:
        note = notes_repo.update_note(conn, note_id, body, now=clock())
    if note is None:
        raise NotFoundError(f"Note #{note_id} is not in the workspace.")
    return note


def delete_note(ws: AnyWorkspace, note_id: int) -> None:
    with session.transaction(ws) as conn:
        if not notes_repo.delete_note(conn, note_id):
            raise NotFoundError(f"Note #{note_id} is not in the workspace.")


def notes_for(ws: AnyWorkspace, consultation_id: int) -> list[Note]:
    with session.reading(ws) as conn:
        return notes_repo.notes_for(conn, consultation_id)


def note_json(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "text": note.body,
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
        "author": note.author,
    }
