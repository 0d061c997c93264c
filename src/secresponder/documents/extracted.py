"""The text taken out of a document, cleaned so it is safe to index and show as plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 controls other than tab and newline, DEL and C1 controls: never meaningful in a
# document's words, and the search index uses some of them as match markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ExtractedText:
    format: str
    text: str
    title: str | None = None
    pages: int | None = None

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())


def clean_text(text: str) -> str:
    """Normalise line ends and spaces, drop control characters, trim blank runs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_title(title: object) -> str | None:
    if not isinstance(title, str):
        return None
    cleaned = clean_text(title).replace("\n", " ")
    return cleaned[:300] or None
