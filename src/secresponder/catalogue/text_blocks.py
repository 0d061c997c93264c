"""Blocks from a text copy of a page: each non-empty line is a paragraph, bullets are items.

A text copy has lost its links and its markup, so there are no headings here:
the page parsers recognise entry titles and section labels by their wording.
"""

from __future__ import annotations

from secresponder.catalogue.blocks import Block, BlockKind, clean_text

_BULLETS = frozenset("•·◦▪‣∙*")
_ITEM = BlockKind.ITEM
_PARAGRAPH = BlockKind.PARAGRAPH


class TextBlockReader:
    """``BlockReader`` for plain text copies (what "Save as text" or copy-and-paste gives)."""

    format = "text"

    def blocks(self, text: str) -> list[Block]:
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
