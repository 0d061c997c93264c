"""Blocks from a text copy of a page: each non-empty line is a paragraph, bullets are items.

A text copy has lost its links and its markup, so there are no headings here:
the page parsers recognise entry titles and section labels by their wording.
"""

from __future__ import annotations

from secresponder.catalogue.blocks import Block, BlockKind, clean_text, needs_full_cleaning

_BULLETS = frozenset("•·◦▪‣∙*")
_ITEM = BlockKind.ITEM
_PARAGRAPH = BlockKind.PARAGRAPH


class TextBlockReader:
    """``BlockReader`` for plain text copies (what "Save as text" or copy-and-paste gives)."""

    format = "text"

    def blocks(self, text: str) -> list[Block]:
        if not needs_full_cleaning(text):
            return _plain_blocks(text)
        blocks: list[Block] = []
        for raw in text.splitlines():
            stripped = raw.lstrip()
            if not stripped:
                continue
            bullet = stripped[:1] in _BULLETS
            # The spaces after a bullet need no cutting: ``clean_text`` strips them.
            line = clean_text(stripped[1:] if bullet else raw)
            if not line:
                continue
            blocks.append(Block(_ITEM if bullet else _PARAGRAPH, line))
        return blocks


def _plain_blocks(text: str) -> list[Block]:
    """``TextBlockReader.blocks`` for a page with only ordinary spaces (nearly every page).

    Splitting a line into words does all of ``clean_text``'s work at once; a bullet is the
    first character of the first word.
    """
    blocks: list[Block] = []
    for raw in text.splitlines():
        words = raw.split()
        if not words:
            continue
        first = words[0]
        if first[0] in _BULLETS:
            if len(first) > 1:
                words[0] = first[1:]
            else:
                del words[0]
                if not words:
                    continue
            blocks.append(Block(_ITEM, " ".join(words)))
        else:
            blocks.append(Block(_PARAGRAPH, " ".join(words)))
    return blocks
