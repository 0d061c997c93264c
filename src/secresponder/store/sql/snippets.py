"""The answer library (named rationale snippets) for either workspace kind.

Written with SQLAlchemy Core; a folder keeps the same rows as before. Names sort
and match without regard to case, in Python, so both backends agree on every character.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from secresponder.store.records import Snippet
from secresponder.store.sql.tables import snippets
from secresponder.store.sql.upsert import upsert


def save_snippet(conn: Connection, name: str, text: str, *, saved_at: datetime) -> int:
    """Add or replace the snippet called ``name``; call inside a write transaction."""
    upsert(conn, snippets, {"name": name, "text": text, "created_at": saved_at},
           key=("name",), update=("text",))
    return int(conn.execute(select(snippets.c.id).where(snippets.c.name == name)).scalar_one())


def search_snippets(conn: Connection, query: str = "") -> list[Snippet]:
    """Snippets whose name or text contains every word of ``query`` (any case), by name."""
    words = query.casefold().split()
    found = []
    for row in conn.execute(select(snippets.c.id, snippets.c.name, snippets.c.text)):
        haystack = f"{row.name}\n{row.text}".casefold()
        if all(word in haystack for word in words):
            found.append(Snippet(int(row.id), row.name, row.text))
    return sorted(found, key=lambda snippet: (snippet.name.casefold(), snippet.name))


def delete_snippet(conn: Connection, snippet_id: int) -> None:
    """Drop one snippet from the answer library (nothing happens if it is gone already)."""
    conn.execute(delete(snippets).where(snippets.c.id == snippet_id))
