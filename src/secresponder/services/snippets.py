"""The answer library: rationales kept under a name, to search and reuse."""

from __future__ import annotations

from secresponder.domain.clock import Clock, system_clock
from secresponder.store import snippets_repo
from secresponder.store.records import Snippet
from secresponder.store.workspace import Workspace


def save_snippet(ws: Workspace, name: str, text: str, *, clock: Clock = system_clock) -> int:
    """Keep ``text`` under ``name`` (replacing one of that name); returns its id."""
    with ws.transaction() as conn:
        return snippets_repo.save_snippet(conn, name, text, saved_at=clock())


def search_snippets(ws: Workspace, query: str = "") -> list[Snippet]:
    """Snippets whose name or text holds every word of ``query`` (any case), by name."""
    return snippets_repo.search_snippets(ws.connection, query)
