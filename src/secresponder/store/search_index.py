"""SQL for the full-text index (SQLite FTS5): safe match expressions, indexing and querying.

Every indexed thing is one row of ``search_index`` whose rowid is its own id times
eight plus a code for its kind, so it can be replaced by rowid without scanning.
Consultations, releases, notes and drafts are kept current by triggers (migration
0003); documents are indexed here when their text has been extracted.
"""

from __future__ import annotations

import re
import sqlite3

from secresponder.errors import InputError, WorkspaceError
from secresponder.store.records import HitTarget, IndexHit

CONSULTATION = "consultation"
RELEASE = "release"
DOCUMENT = "document"
NOTE = "note"
DRAFT = "draft"
KIND_CODES: dict[str, int] = {CONSULTATION: 1, RELEASE: 2, DOCUMENT: 3, NOTE: 4, DRAFT: 5}
_KINDS_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}
_STRIDE = 8

# Snippet markers: control characters, which extracted text never contains.
MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14

# A "phrase" (maybe unterminated, maybe with a trailing *) or a bare word.
_TERM = re.compile(r'"([^"]*)("?)(\*?)|([^\s"]+)')
_HAS_WORD = re.compile(r"[^\W_]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def rowid_for(kind: str, source_id: int) -> int:
    return source_id * _STRIDE + KIND_CODES[kind]


def source_of(rowid: int) -> tuple[str, int]:
    """(kind, id) of the thing an index row stands for."""
    return _KINDS_BY_CODE[rowid % _STRIDE], rowid // _STRIDE


def fts5_available(conn: sqlite3.Connection) -> bool:
    try:
        options = {row[0] for row in conn.execute("PRAGMA compile_options")}
    except sqlite3.Error:
        return False
    return "ENABLE_FTS5" in options


def match_expression(query: str) -> str:
    """An FTS5 expression for what a user typed, which can never be a syntax error.

    Every term is quoted, so FTS operators and punctuation are taken literally.
    Supported: plain words (all must match), "exact phrases" and prefix* terms.
    Raises InputError when the query has no word to look for.
    """
    terms: list[str] = []
    for match in _TERM.finditer(_CONTROLS.sub(" ", query)):
        phrase, _closed, phrase_star, word = match.groups()
        if word is not None:
            prefix = word.endswith("*")
            text = word.replace("*", " ")
        else:
            prefix = bool(phrase_star)
            text = phrase.replace("*", " ")
        if not _HAS_WORD.search(text):
            continue
        terms.append('"' + " ".join(text.split()) + '"' + ("*" if prefix else ""))
    if not terms:
        if not query.strip():
            raise InputError("The search is empty; type a word to look for.")
        raise InputError(f"The search {query.strip()!r} has no words to look for.")
    return " ".join(terms)


# A match in a title counts for this many in the body.
TITLE_WEIGHT = 4.0
# Page cache for searching (KiB, as PRAGMA cache_size takes it when negative): enough to
# keep the doclists and texts of a large index in memory between queries.
SEARCH_CACHE_KIB = 32 * 1024

_SEARCH_SQL = (
    "SELECT rowid, title, snippet(search_index, -1, ?, ?, ?, ?), rank FROM search_index "
    f"WHERE search_index MATCH ? AND rank MATCH 'bm25(0.0, {TITLE_WEIGHT}, 1.0)' "
    "ORDER BY rank LIMIT ?"
)


def search(conn: sqlite3.Connection, expression: str, *, limit: int = 50) -> list[IndexHit]:
    """The best ``limit`` rows matching an expression from ``match_expression``.

    Every match is ranked (bm25, titles weighted). FTS5's own ``ORDER BY rank`` keeps
    each row's match positions while it ranks, so the snippets of the rows kept are
    made in the same query without looking the matches up again, which matters most
    for prefix terms (each look-up would expand the prefix anew).
    """
    try:
        _widen_cache(conn)
        rows = conn.execute(
            _SEARCH_SQL,
            (MATCH_START, MATCH_END, ELLIPSIS, SNIPPET_TOKENS, expression, limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such module" in str(exc) or "no such table" in str(exc):
            raise WorkspaceError(
                "Full-text search is unavailable: this Python's SQLite was built without FTS5."
            ) from None
        raise
    hits = []
    for rowid, title, snippet, rank in rows:
        kind, source_id = source_of(rowid)
        hits.append(IndexHit(kind, source_id, title, snippet, rank))
    return hits


def _widen_cache(conn: sqlite3.Connection) -> None:
    # Only ever raised: a connection whose owner chose a larger cache keeps it.
    current = conn.execute("PRAGMA cache_size").fetchone()[0]
    if current >= 0:  # a number of pages
        current = -current * conn.execute("PRAGMA page_size").fetchone()[0] // 1024
    if -current < SEARCH_CACHE_KIB:
        conn.execute(f"PRAGMA cache_size = -{SEARCH_CACHE_KIB}")


def index_document(conn: sqlite3.Connection, document_id: int, title: str, text: str) -> None:
    """(Re)index one document's extracted text."""
    rowid = rowid_for(DOCUMENT, document_id)
    conn.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))
    conn.execute(
        "INSERT INTO search_index (rowid, kind, title, body) VALUES (?, ?, ?, ?)",
        (rowid, DOCUMENT, title, text),
    )


_VIEWS = {
    CONSULTATION: "search_consultation_text",
    RELEASE: "search_release_text",
    NOTE: "search_note_text",
    DRAFT: "search_draft_text",
}


def _reindex(conn: sqlite3.Connection, kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        conn.execute("DELETE FROM search_index WHERE kind = ?", (kind,))
        conn.execute(
            f"INSERT INTO search_index (rowid, kind, title, body) "
            f"SELECT index_rowid, ?, title, body FROM {_VIEWS[kind]}",
            (kind,),
        )


def reindex_catalogue(conn: sqlite3.Connection) -> None:
    """Rebuild the index rows of every consultation and release (triggers normally suffice)."""
    _reindex(conn, (CONSULTATION, RELEASE))


def reindex_written(conn: sqlite3.Connection) -> None:
    """Rebuild the index rows of every note and draft."""
    _reindex(conn, (NOTE, DRAFT))


def indexed_count(conn: sqlite3.Connection, kind: str) -> int:
    return conn.execute("SELECT count(*) FROM search_index WHERE kind = ?", (kind,)).fetchone()[0]


def targets(conn: sqlite3.Connection, kind: str, source_id: int) -> list[HitTarget]:
    """Where a hit leads; a document attached to several consultations leads to each."""
    if kind == RELEASE:
        rows = conn.execute("SELECT version FROM releases WHERE id = ?", (source_id,))
        return [HitTarget(release_version=row[0]) for row in rows]
    if kind == CONSULTATION:
        sql = "SELECT c.key, c.reference, NULL, NULL FROM consultations c WHERE c.id = ?"
    elif kind == DOCUMENT:
        sql = (
            "SELECT c.key, c.reference, a.id, NULL FROM attachments a "
            "JOIN consultations c ON c.id = a.consultation_id WHERE a.document_id = ? "
            "ORDER BY a.id"
        )
    elif kind == NOTE:
        sql = (
            "SELECT c.key, c.reference, NULL, n.id FROM notes n "
            "JOIN consultations c ON c.id = n.consultation_id WHERE n.id = ?"
        )
    else:
        sql = (
            "SELECT c.key, c.reference, NULL, NULL FROM drafts d "
            "JOIN consultations c ON c.id = d.consultation_id WHERE d.id = ?"
        )
    return [
        HitTarget(consultation_key=row[0], reference=row[1], attachment_id=row[2], note_id=row[3])
        for row in conn.execute(sql, (source_id,))
    ]
