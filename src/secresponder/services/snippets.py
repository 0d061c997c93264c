"""The answer library: rationales kept under a name, to search and reuse."""

from __future__ import annotations

from secresponder.domain.clock import Clock, system_clock
from secresponder.store.records import Snippet
from secresponder.store.sql import session
from secresponder.store.sql import snippets as snippets_store
from secresponder.store.sql.session import AnyWorkspace


def save_snippet(ws: AnyWorkspace, name: str, text: str, *, clock: Clock = system_clock) -> int:
    """Keep ``text`` under ``name`` (replacing one of that name); returns its id."""
    with session.transaction(ws) as conn:
        return snippets_store.save_snippet(conn, name, text, saved_at=clock())


def search_snippets(ws: AnyWorkspace, query: str = "") -> list[Snippet]:
    """Snippets whose name or text holds every word of ``query`` (any case), by name."""
    with session.reading(ws) as conn:
        return snippets_store.search_snippets(conn, query)
