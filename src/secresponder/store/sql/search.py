"""Full-text search behind one interface: FTS5 in a folder, tsvector in a team database.

Both indexes hold the same rows (rowid = source id * 8 + kind), so what a hit leads to
is looked up the same way on both; only the query and its snippet are each engine's own.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from secresponder.store import search_index
from secresponder.store.search_index import (
    CONSULTATION,
    DOCUMENT,
    MATCH_END,
    MATCH_START,
    NOTE,
    RELEASE,
    HitTarget,
    IndexHit,
)
from secresponder.store.sql import fulltext, session
from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.workspace import Workspace

__all__ = ["MATCH_END", "MATCH_START", "HitTarget", "IndexHit", "index_document", "search"]

_TARGETS = {
    RELEASE: "SELECT NULL, NULL, NULL, NULL, version FROM releases WHERE id = :id",
    CONSULTATION: "SELECT c.key, c.reference, NULL, NULL, NULL FROM consultations AS c "
                  "WHERE c.id = :id",
    DOCUMENT: "SELECT c.key, c.reference, a.id, NULL, NULL FROM attachments AS a "
              "JOIN consultations AS c ON c.id = a.consultation_id WHERE a.document_id = :id "
              "ORDER BY a.id",
    NOTE: "SELECT c.key, c.reference, NULL, n.id, NULL FROM notes AS n "
          "JOIN consultations AS c ON c.id = n.consultation_id WHERE n.id = :id",
}
_DRAFT_TARGET = ("SELECT c.key, c.reference, NULL, NULL, NULL FROM drafts AS d "
                 "JOIN consultations AS c ON c.id = d.consultation_id WHERE d.id = :id")


def search(ws: Workspace | DatabaseWorkspace, query: str, *, limit: int = 50
           ) -> list[tuple[IndexHit, list[HitTarget]]]:
    """The best matches for ``query``, best first, each with where it leads.

    InputError when the query has no words to look for (on both backends).
    """
    with session.reading(ws) as conn:
        if isinstance(ws, DatabaseWorkspace):
            hits = fulltext.search(conn, query, limit=limit)
        else:
            hits = search_index.search(ws.connection, search_index.match_expression(query),
                                       limit=limit)
        found = []
        for hit in hits:
            rows = conn.execute(text(_TARGETS.get(hit.kind, _DRAFT_TARGET)),
                                {"id": hit.source_id})
            found.append((hit, [
                HitTarget(consultation_key=key, reference=reference, attachment_id=attachment,
                          note_id=note, release_version=version)
                for key, reference, attachment, note, version in rows
            ]))
    return found


def index_document(conn: Connection, document_id: int, title: str, body: str) -> None:
    """(Re)index one document's extracted text, inside the caller's transaction."""
    if conn.dialect.name == "postgresql":
        fulltext.index_document(conn, document_id, title, body)
    else:  # the folder's own sqlite3 connection, which this one wraps
        search_index.index_document(conn.connection.driver_connection, document_id, title, body)
