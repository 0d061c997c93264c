"""Full-text search across consultations, releases, attached documents, drafts and notes.

What the user types is turned into a query each workspace's own engine takes safely
(FTS5 in a folder, tsvector in a team database: words, "phrases", prefix*), so no query
can raise a syntax error. Each hit carries a snippet split
into plain and matched pieces: the window escapes each piece and marks the
matched ones, never treating document text as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from secresponder.store.records import HitTarget
from secresponder.store.sql import search as search_store
from secresponder.store.sql.search import MATCH_END, MATCH_START
from secresponder.store.sql.session import AnyWorkspace

DEFAULT_LIMIT = 50

Snippet = tuple[tuple[str, bool], ...]  # (text, is a match) pieces


@dataclass(frozen=True)
class SearchHit:
    kind: str  # consultation | release | document | note | draft
    title: str
    snippet: Snippet
    target: HitTarget
    rank: float

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)

    def marked(self, start: str = "[", end: str = "]") -> str:
        """The snippet with each match between ``start`` and ``end`` (for a terminal)."""
        return "".join(f"{start}{t}{end}" if hit else t for t, hit in self.snippet)

    def to_json(self) -> dict[str, Any]:
        matches, offset = [], 0
        for text, hit in self.snippet:
            if hit:
                matches.append([offset, offset + len(text)])
            offset += len(text)
        return {
            "kind": self.kind,
            "title": self.title,
            "snippet": self.snippet_text,
            "matches": matches,
            "consultation": self.target.consultation_key,
            "reference": self.target.reference,
            "release": self.target.release_version,
            "document_id": self.target.attachment_id,
            "note_id": self.target.note_id,
        }


def split_snippet(marked: str) -> Snippet:
    """Turn the engine's marked snippet into (text, is a match) pieces."""
    pieces: list[tuple[str, bool]] = []
    rest = marked
    while rest:
        start = rest.find(MATCH_START)
        if start < 0:
            pieces.append((rest, False))
            break
        end = rest.find(MATCH_END, start)
        if end < 0:
            end = len(rest)
        if start:
            pieces.append((rest[:start], False))
        if rest[start + 1 : end]:
            pieces.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    merged = _merge(pieces)
    if merged and not merged[0][1]:
        merged[0] = (merged[0][0].lstrip(), False)
    if merged and not merged[-1][1]:
        merged[-1] = (merged[-1][0].rstrip(), False)
    return tuple((text, hit) for text, hit in merged if text)


def _merge(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    merged: list[tuple[str, bool]] = []
    for text, hit in pieces:
        if merged and merged[-1][1] == hit:
            merged[-1] = (merged[-1][0] + text, hit)
        else:
            merged.append((text, hit))
    return merged


def search(ws: AnyWorkspace, query: str, *, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The best matches for ``query``, best first; InputError if it has no words."""
    hits: list[SearchHit] = []
    for found, targets in search_store.search(ws, query, limit=limit):
        snippet = split_snippet(found.snippet)
        for target in targets:
            hits.append(SearchHit(found.kind, found.title, snippet, target, found.rank))
    return hits[:limit]
