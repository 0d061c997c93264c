"""The format-neutral shape of a page: headings, paragraphs, list items and table rows.

Both the text and the HTML readers produce a sequence of ``Block``; the page
parsers only ever look at blocks, so they do not care which format came in.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class BlockKind(enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    ROW = "row"


# The kinds as plain names for hot loops: an enum attribute look-up costs several times a
# global one.
HEADING = BlockKind.HEADING
PARAGRAPH = BlockKind.PARAGRAPH
ITEM = BlockKind.ITEM
ROW = BlockKind.ROW


@dataclass(frozen=True, slots=True)
class Link:
    """A link inside a block: its visible label and where it points (``mailto:`` included)."""

    label: str
    href: str

    @property
    def email(self) -> str | None:
        """The address of a ``mailto:`` link, or None."""
        if self.href.lower().startswith("mailto:"):
            address = self.href[7:].split("?", 1)[0].strip()
            return address or None
        return None


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    links: tuple[Link, ...] = ()


class BlockReader(Protocol):
    """Turns one page format (already decoded to ``str``) into blocks."""

    format: str

    def blocks(self, text: str) -> list[Block]: ...


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2007\u202f\u2009\u200a\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Characters that need the slow path: invisible ones, and whitespace that ``str.split``
# splits on but that is not one of ``_SPACES`` (so must stay inside the text).
_UNUSUAL = re.compile(
    r"[\u200b\u200c\u200d\u2060\ufeff\u00ad"
    r"\x1c-\x1f\x85\u1680\u2000-\u2006\u2008\u2028\u2029\u205f]"
)


def needs_full_cleaning(text: str) -> bool:
    """True when ``text`` holds invisible characters or unusual spaces (one quick scan).

    When it does not, ``clean_text`` of any part of it is ``" ".join(part.split())``.
    """
    return _UNUSUAL.search(text) is not None


def clean_text(text: str) -> str:
    """One line of text: non-breaking and odd spaces become plain spaces, runs collapse."""
    if _UNUSUAL.search(text) is None:
        # Every space here is one of ``_SPACES`` or a newline: splitting does it all at once.
        return " ".join(text.split())
    text = _INVISIBLE.sub("", text.replace("\n", " "))
    return _SPACES.sub(" ", text).strip()


def texts(blocks: Sequence[Block]) -> list[str]:
    return [b.text for b in blocks]
