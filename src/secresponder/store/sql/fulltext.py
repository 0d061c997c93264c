"""Full-text search on a team database: PostgreSQL's tsvector, same hits as SQLite's FTS5.

What the user types goes to ``websearch_to_tsquery``, which accepts any text (words,
"phrases", ``or``, ``-word``) without a syntax error; ``word*`` is a prefix, as on
SQLite. Only the rows kept get a snippet from ``ts_headline``, marked as
``store.search_index`` marks SQLite's, so the search service splits both the same way.
Ranks follow SQLite's convention: lower is better. Unlike SQLite's index, words are
stemmed ("meters" finds "meter") and common words ("the") are not indexed.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

from secresponder.store import search_index
from secresponder.store.search_index import (
    ELLIPSIS,
    MATCH_END,
    MATCH_START,
    SNIPPET_TOKENS,
    IndexHit,
)

CONFIG = "english"  # must match the generated column in pg_migrations 0003
# ts_rank's weights run D, C, B, A: titles (A) count four times the body (D), as on SQLite.
_WEIGHTS = "{0.25, 0.25, 0.25, 1.0}"
HEADLINE_OPTIONS = (
    f'StartSel="{MATCH_START}", StopSel="{MATCH_END}", MaxWords={SNIPPET_TOKENS}, '
    f'MinWords={SNIPPET_TOKENS // 2}, ShortWord=2, MaxFragments=2, '
    f'FragmentDelimiter="{ELLIPSIS}"'
)

_SEARCH = """
WITH q AS (SELECT {query} AS query)
SELECT hit.rowid, hit.title, ts_headline('{config}', hit.body, q.query, :options), hit.rank
FROM (
    SELECT s.rowid, s.title, s.body, ts_rank('{weights}', s.document, q.query) AS rank
    FROM search_index AS s, q
    WHERE s.document @@ q.query
    ORDER BY rank DESC, s.rowid
    LIMIT :limit
) AS hit, q
ORDER BY hit.rank DESC, hit.rowid
"""
# A bare word ending in * (outside "quotes"): a prefix, as SQLite's FTS5 takes it.
_PREFIX = re.compile(r"(?<!\S)([^\s\"*]+)\*+(?=\s|$)")


_WORD = re.compile(r"\w+")


def split_prefixes(query: str) -> tuple[str, list[str]]:
    """(the query without its prefix* words, those words without their stars).

    Only a prefix's letters and digits reach ``to_tsquery``, whose own syntax (``:``,
    ``\\``, ``&``, ...) would otherwise fail: in ``e-mail*`` "e" is a word of the query and
    "mail" the prefix.
    """
    pieces = query.split('"')
    prefixes: list[str] = []
    words: list[str] = []
    for index in range(0, len(pieces), 2):  # even pieces lie outside quotes
        for found in _PREFIX.findall(pieces[index]):
            runs = _WORD.findall(found)
            if runs:
                words += runs[:-1]
                prefixes.append(runs[-1])
        pieces[index] = _PREFIX.sub(" ", pieces[index])
    rest = '"'.join(pieces)
    return (f"{rest} {' '.join(words)}" if words else rest), prefixes


def tsquery_sql(query: str) -> tuple[str, dict[str, str]]:
    """SQL for the tsquery of what the user typed, and its parameters.

    ``websearch_to_tsquery`` takes words, "phrases", ``or`` and ``-word`` and never fails on
    syntax; each ``prefix*`` word becomes a prefix match ANDed to it, as on SQLite.
    """
    rest, prefixes = split_prefixes(query)
    parts = [f"websearch_to_tsquery('{CONFIG}', :query)"]
    params = {"query": rest}
    for n, word in enumerate(prefixes):
        parts.append(f"to_tsquery('{CONFIG}', quote_literal(:prefix{n}) || ':*')")
        params[f"prefix{n}"] = word
    return " && ".join(parts), params


def search(connection: Connection, query: str, *, limit: int = 50) -> list[IndexHit]:
    """The best ``limit`` index rows for what the user typed; InputError if it has no words."""
    search_index.match_expression(query)  # the same refusal of empty queries as on SQLite
    expression, params = tsquery_sql(query)
    statement = text(_SEARCH.format(query=expression, config=CONFIG, weights=_WEIGHTS))
    rows = connection.execute(
        statement, {**params, "limit": limit, "options": HEADLINE_OPTIONS}
    ).all()
    hits = []
    for rowid, title, snippet, rank in rows:
        kind, source_id = search_index.source_of(rowid)
        hits.append(IndexHit(kind, source_id, title, snippet, -float(rank)))
    return hits


def index_document(connection: Connection, document_id: int, title: str, body: str) -> None:
    """(Re)index one document's extracted text, as ``search_index.index_document`` does."""
    rowid = search_index.rowid_for(search_index.DOCUMENT, document_id)
    connection.execute(
        text(
            "INSERT INTO search_index (rowid, kind, title, body) "
            "VALUES (:rowid, :kind, :title, :body) ON CONFLICT (rowid) DO UPDATE "
            "SET title = excluded.title, body = excluded.body"
        ),
        {"rowid": rowid, "kind": search_index.DOCUMENT, "title": title, "body": body},
    )
