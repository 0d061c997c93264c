"""SQL for what the window needs to know about the workspace: where the list was last read from."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from secresponder.store.instants import instant_from_db, instant_to_db


def latest_list_import(conn: sqlite3.Connection) -> tuple[str, datetime] | None:
    """The source and time of the last consultations page read into the workspace."""
    row = conn.execute(
        "SELECT source, imported_at FROM imports WHERE page_kind = 'consultations' "
        "ORDER BY imported_at DESC, id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else (str(row[0]), instant_from_db(row[1]))


def latest_closing_seen_at(conn: sqlite3.Connection, seen_at: datetime) -> datetime | None:
    """The latest closing instant among the consultations last seen at ``seen_at``."""
    row = conn.execute(
        "SELECT max(closes_at) FROM consultations WHERE last_seen = ?",
        (instant_to_db(seen_at),),
    ).fetchone()
    return None if row is None or row[0] is None else instant_from_db(row[0])

