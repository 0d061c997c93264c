"""SQL for the answer library: named rationale snippets."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from secresponder.store.records import Snippet


def save_snippet(conn: sqlite3.Connection, name: str, text: str, *, saved_at: datetime) -> int:
    """Add or replace the snippet called ``name``; call inside a write transaction."""
    conn.execute(
        "INSERT INTO snippets (name, text, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET text = excluded.text",
        (name, text, saved_at.isoformat()),
    )
    row = conn.execute("SELECT id FROM snippets WHERE name = ?", (name,)).fetchone()
    return int(row[0])


def search_snippets(conn: sqlite3.Connection, query: str = "") -> list[Snippet]:
    """Snippets whose name or text contains every word of ``query`` (any case), by name."""
    rows = conn.execute("SELECT id, name, text FROM snippets ORDER BY name COLLATE NOCASE")
    words = query.casefold().split()
    found = []
    for row in rows:
        haystack = f"{row['name']}\n{row['text']}".casefold()
        if all(w in haystack for w in words):
            found.append(Snippet(int(row["id"]), row["name"], row["text"]))
    return found


def delete_snippet(conn: sqlite3.Connection, snippet_id: int) -> None:
    conn.execute("DELETE FROM snippets WHERE id = ?", (snippet_id,))
