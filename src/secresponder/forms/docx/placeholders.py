"""Recognising text that marks a place to write: placeholders, offered positions, numbers.

Pure string rules, no XML: "[Insert response]", "Click or tap here to enter
text.", "Yes / No / Neutral", runs of underscores, and question numbers such as
"Q1:", "1.", "Question 3".
"""

from __future__ import annotations

import re

CHECK_GLYPHS = "☐☑☒⊠□■✓✔✗✘"

_PROMPTS = (
    "click or tap here to enter text",
    "click here to enter text",
    "click or tap to enter a date",
    "click here to enter a date",
    "choose an item",
    "enter text here",
    "type here",
    "insert text here",
)
_BRACKETED = re.compile(r"^\s*(\[[^\[\]]*\]|<[^<>]*>|\{[^{}]*\})\s*$")
_FILL_LINE = re.compile(r"^[\s_.…\-]{3,}$")
_POSITION_WORDS = {
    "yes": "Yes",
    "no": "No",
    "neutral": "Neutral",
    "agree": "Agree",
    "disagree": "Disagree",
    "partially agree": "Partially agree",
    "partially": "Partially",
    "don't know": "Don't know",
    "do not know": "Do not know",
    "not sure": "Not sure",
    "unsure": "Unsure",
    "support": "Support",
    "oppose": "Oppose",
    "no comment": "No comment",
}
_POSITION_SPLIT = re.compile(r"\s*(?:/|\||,|\bor\b)\s*", re.IGNORECASE)
_QUESTION_NUMBER = re.compile(
    r"^\s*(?:(?:question|q)\s*(?P<q>\d{1,3}(?:\.\d{1,3})*[a-z]?)\b"
    r"|(?P<n>\d{1,3}(?:\.\d{1,3})*[a-z]?)(?P<punct>[.):]))"
    r"\s*[.:)\-–—]?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BARE_NUMBER = re.compile(
    r"^\s*(?:(?:question|q)\s*)?(?P<n>\d{1,4}(?:\.\d{1,3})*[a-z]?)\s*[.:)]?\s*$", re.IGNORECASE
)


def clean(text: str) -> str:
    """Text with non-breaking spaces made plain and outer whitespace removed."""
    return text.replace("\u00a0", " ").replace("\u200b", "").strip()


def strip_glyphs(text: str) -> str:
    return clean("".join(ch for ch in text if ch not in CHECK_GLYPHS))


def is_blank(text: str) -> bool:
    return not clean(text)


def offered_positions(text: str) -> tuple[str, ...]:
    """("Yes", "No", "Neutral") for "Yes / No / Neutral" (brackets allowed); else ()."""
    body = clean(text)
    if body[:1] in "[(<{" and body[-1:] in "])>}":
        body = body[1:-1]
    body = body.strip().rstrip(".").strip()
    if not body:
        return ()
    tokens = [t.strip() for t in _POSITION_SPLIT.split(body)]
    if len(tokens) < 2 or any(not t for t in tokens):
        return ()
    out: list[str] = []
    for token in tokens:
        known = _POSITION_WORDS.get(token.lower().replace("’", "'"))
        if known is None:
            return ()
        out.append(known)
    return tuple(out)


def is_placeholder(text: str) -> bool:
    """True for text that only marks where something is to be written."""
    body = clean(text)
    if not body:
        return False
    lowered = body.lower().rstrip(".")
    if lowered in _PROMPTS:
        return True
    if _BRACKETED.match(body) or _FILL_LINE.match(body):
        return True
    return bool(offered_positions(body))


def is_blank_or_placeholder(text: str) -> bool:
    body = clean(text)
    return not body or is_placeholder(body)


def position_key(text: str) -> str:
    """A position or label compared loosely: case, spaces and punctuation ignored."""
    lowered = strip_glyphs(text).lower().replace("’", "'")
    return re.sub(r"[^a-z0-9']+", " ", lowered).strip()


def split_question_number(text: str) -> tuple[str, str] | None:
    """("3", "rest of text") for text starting "Q3:", "3.", "Question 3"; else None."""
    m = _QUESTION_NUMBER.match(clean(text))
    if m is None:
        return None
    number = m.group("q") or m.group("n")
    return number, clean(m.group("rest"))


def bare_question_number(text: str) -> str | None:
    """ "1" for a cell holding only "1", "1.", "Q1" or "Question 1"; else None."""
    m = _BARE_NUMBER.match(clean(text))
    return None if m is None else m.group("n")


def normalise_number(number: str) -> str:
    """A question number compared loosely: "Q1", "1.", "Question 1" all give "1"."""
    bare = bare_question_number(number)
    return (bare or clean(number)).lower()
