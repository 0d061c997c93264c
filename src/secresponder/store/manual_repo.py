"""SQL for consultations added by hand: which they are, by whom, and for which authority."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from secresponder.store.instants import instant_to_db


def mark_by_hand(conn: sqlite3.Connection, consultation_id: int, *, authority: str,
                 added_by: str, added_at: datetime) -> None:
    conn.execute(
        "INSERT INTO manual_consultations (consultation_id, authority, added_by, added_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(consultation_id) DO UPDATE SET "
        "authority = excluded.authority",
        (consultation_id, authority, added_by, instant_to_db(added_at)),
    )


def keys_by_hand(conn: sqlite3.Connection) -> set[str]:
    """The keys of every consultation added by hand."""
    rows = conn.execute(
        "SELECT c.key FROM manual_consultations m JOIN consultations c ON c.id = m.consultation_id"
    )
    return {str(r[0]) for r in rows}


def authority_of(conn: sqlite3.Connection, consultation_id: int) -> str | None:
    """The authority of a consultation added by hand; None for one read from a page."""
    row = conn.execute(
        "SELECT authority FROM manual_consultations WHERE consultation_id = ?",
        (consultation_id,),
    ).fetchone()
    return None if row is None else str(row[0])
