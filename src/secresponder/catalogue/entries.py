"""What the two page parsers share: the parser interface, skipped entries, wording helpers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from secresponder.catalogue.blocks import HEADING, PARAGRAPH, Block

T = TypeVar("T", covariant=True)

REFERENCE_PATTERN = r"(?:SECMP\s?\d{1,4}|MP\s?\d{2,4}[A-Z]?)"
REFERENCE_RE = re.compile(rf"\b{REFERENCE_PATTERN}(?![\w])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
OPEN_QUOTES = "‘'“\"′`´"
CLOSE_QUOTES = "’'”\"′`´"
# A quoted stretch: curly single, curly double or straight quotes. A curly closing
# quote followed by a lower-case letter is an apostrophe ("Forum’s"), not the end.
QUOTED = r"(?:‘(?P<q1>.+?)’(?![a-z])|“(?P<q2>.+?)”|'(?P<q3>.+?)'(?![a-z])|\"(?P<q4>.+?)\")"


def quoted_text(match: re.Match[str]) -> str:
    return next(g for g in (match.group(f"q{i}") for i in range(1, 5)) if g is not None)


@dataclass(frozen=True)
class SkippedEntry:
    """An entry that could not be read: its heading and why, in a few words."""

    heading: str
    reason: str


@dataclass(frozen=True)
class Parsed(Generic[T]):
    items: tuple[T, ...]
    skipped: tuple[SkippedEntry, ...]
    # Sentences about what was read but not kept as it stood (an entry listed twice).
    notes: tuple[str, ...] = ()


class EntryParser(Protocol[T]):
    """One kind of page (consultations or releases): find its entries and read them.

    ``split`` cuts the page into entries once; the reader counts them to pick the
    parser and hands the same entries to ``parse_entries``.
    """

    kind: str

    def split(self, blocks: Sequence[Block]) -> list[list[Block]]: ...

    def parse_entries(self, entries: Sequence[Sequence[Block]], source: str) -> Parsed[T]: ...


def entry_starts(blocks: Sequence[Block], is_title) -> list[int]:
    """Indexes of blocks that open an entry; headings win when the page has any."""
    headings = [
        i for i, b in enumerate(blocks) if b.kind is HEADING and is_title(b.text)
    ]
    if headings:
        return headings
    return [
        i for i, b in enumerate(blocks)
        if (b.kind is PARAGRAPH or b.kind is HEADING) and is_title(b.text)
    ]


def split_entries(blocks: Sequence[Block], is_title) -> list[list[Block]]:
    """The page's blocks cut into entries, each starting with its title block.

    A heading repeated straight after itself with next to nothing under the first
    opens one entry, not two: a single consultation's own page carries its title in
    the site theme's heading and again in the entry's own heading. (A whole entry
    listed twice stays twice, for the reader to report.)
    """
    starts = entry_starts(blocks, is_title)
    entries: list[list[Block]] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        entry = list(blocks[start:end])
        if entries and _same_heading(entries[-1][0], entry[0]):
            shorter, longer = sorted((entries[-1], entry), key=len)
            if _is_bare(shorter):
                entries[-1] = longer
                continue
        entries.append(entry)
    return entries


# Under a theme's heading come at most a date line or a breadcrumb, never an entry's
# summary and sections.
_BARE_BLOCKS = 2
_BARE_CHARS = 300


def _same_heading(a: Block, b: Block) -> bool:
    return normalise_for_compare(a.text) == normalise_for_compare(b.text)


def _is_bare(entry: Sequence[Block]) -> bool:
    body = entry[1:]
    return len(body) <= _BARE_BLOCKS and sum(len(b.text) for b in body) <= _BARE_CHARS


def strip_quotes(text: str) -> str:
    """Remove the quotes around a whole title and stray spaces inside them."""
    text = text.strip()
    while len(text) >= 2 and text[0] in OPEN_QUOTES and text[-1] in CLOSE_QUOTES:
        text = text[1:-1].strip()
    if text[:1] in OPEN_QUOTES and not any(q in text[1:] for q in CLOSE_QUOTES):
        text = text[1:].strip()
    if text[-1:] in CLOSE_QUOTES and not any(q in text[:-1] for q in OPEN_QUOTES):
        text = text[:-1].strip()
    return text


def normalise_for_compare(text: str) -> str:
    return " ".join(text.split()).casefold()


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(‘“\"'])")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences without breaking e-mail addresses or "5.30pm"."""
    return [s for s in _SENTENCE_BREAK.split(text) if s.strip()]
