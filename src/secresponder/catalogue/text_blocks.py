"""Blocks from a text copy of a page: each non-empty line is a paragraph, bullets are items.

A text copy has lost its links and its markup, so there are no headings here:
the page parsers recognise entry titles and section labels by their wording.
"""

from __future__ import annotations

import re

from secresponder.catalogue.blocks import Block, BlockKind, clean_text

_BULLET = re.compile(r"^\s*[•·◦▪‣∙*]\s*")


class TextBlockReader:
    """``BlockReader`` for plain text copies (what "Save as text" or copy-and-paste gives)."""

    format = "text"

    def blocks(self, text: str) -> list[Block]:
        blocks: list[Block] = []
        for raw in text.splitlines():
            bullet = _BULLET.match(raw)
            line = clean_text(raw[bullet.end():] if bullet else raw)
            if not line:
                continue
            kind = BlockKind.ITEM if bullet else BlockKind.PARAGRAPH
            blocks.append(Block(kind, line))
        return blocks
