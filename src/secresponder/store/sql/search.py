"""Full-text search behind one interface: FTS5 in a folder, tsvector in a team database.

Both indexes hold the same rows (rowid = source id * 8 + kind), so what a hit leads to
is looked up the same way on both; only the query and its snippet are each engine's own.
"""

from __future__ import annotations

import re

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from secresponder.store import search_index
from secresponder.store.search_index import (
    CONSULTATION,
    DOCUMENT,
    DRAFT,
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

# PostgreSQL refuses a NUL in text, and no control character is part of a word.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Where hits lead, looked up for all hits of one kind at once: (source id, key, reference,
# attachment, note, release version).
_TARGETS = {
    RELEASE: "SELECT id, NULL, NULL, NULL, NULL, version FROM releases WHERE id IN :ids",
    CONSULTATION: "SELECT c.id, c.key, c.reference, NULL, NULL, NULL FROM consultations AS c "
                  "WHERE c.id IN :ids",
    DOCUMENT: "SELECT a.document_id, c.key, c.reference, a.id, NULL, NULL FROM attachments AS a "
              "JOIN consultations AS c ON c.id = a.consultation_id "
              "WHERE a.document_id IN :ids ORDER BY a.id",
    NOTE: "SELECT n.id, c.key, c.reference, NULL, n.id, NULL FROM notes AS n "
          "JOIN consultations AS c ON c.id = n.consultation_id WHERE n.id IN :ids",
    DRAFT: "SELECT d.id, c.key, c.reference, NULL, NULL, NULL FROM drafts AS d "
           "JOIN consultations AS c ON c.id = d.consultation_id WHERE d.id IN :ids",
}
_TARGET_STATEMENTS = {
    kind: text(sql).bindparams(bindparam("ids", expanding=True))
    for kind, sql in _TARGETS.items()
}


def search(ws: Workspace | DatabaseWorkspace, query: str, *, limit: int = 50
           ) -> list[tuple[IndexHit, list[HitTarget]]]:
    """The best matches for ``query``, best first, each with where it leads (a document
    attached to several consultations leads to each).

    InputError when the query has no words to look for (on both backends).
    """
    with session.reading(ws) as conn:
        if isinstance(ws, DatabaseWorkspace):
            hits = fulltext.search(conn, _CONTROLS.sub(" ", query), limit=limit)
        else:
            hits = search_index.search(ws.connection, search_index.match_expression(query),
                                       limit=limit)
        wanted: dict[str, set[int]] = {}
        for hit in hits:
            wanted.setdefault(hit.kind, set()).add(hit.source_id)
        targets: dict[tuple[str, int], list[HitTarget]] = {}
        for kind, ids in wanted.items():
            rows = conn.execute(_TARGET_STATEMENTS[kind], {"ids": sorted(ids)})
            for source_id, key, reference, attachment, note, version in rows:
                targets.setdefault((kind, source_id), []).append(HitTarget(
                    consultation_key=key, reference=reference, attachment_id=attachment,
                    note_id=note, release_version=version))
    return [(hit, targets.get((hit.kind, hit.source_id), [])) for hit in hits]


def index_document(conn: Connection, document_id: int, title: str, body: str) -> None:
    """(Re)index one document's extracted text, inside the caller's transaction."""
    if conn.dialect.name == "postgresql":
        fulltext.index_document(conn, document_id, title, body)
    else:  # the folder's own sqlite3 connection, which this one wraps
        search_index.index_document(conn.connection.driver_connection, document_id, title, body)
