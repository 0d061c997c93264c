"""Computing the numbers Word shows for list-numbered paragraphs (w:numPr).

Word does not store the number it displays: it counts the paragraphs of each
list in document order, using the level definitions in numbering.xml, with the
list taken from the paragraph or from its style.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from secresponder.forms.docx.wordml import ILVL, NUMID, NUMPR, PPR, PSTYLE, VAL, w

_MAX_LEVELS = 9
_LEVEL_REF = re.compile(r"%([1-9])")
_QUESTION_WORD = re.compile(r"^\s*(?:question|q)\s*(?=\d)", re.IGNORECASE)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    # Word repeats the letter: a..z, aa..zz, ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """``n`` in a numFmt; None for bullets and formats that show no number."""
    if fmt in ("decimal", "decimalZero", "decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("ordinal", "cardinalText", "ordinalText"):
        return str(n)
    return None


def _levels(lvl_parent: etree._Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in lvl_parent.iterfind(w("lvl")):
        ilvl = _int(lvl.get(ILVL), 0)
        start = lvl.find(w("start"))
        fmt = lvl.find(w("numFmt"))
        text = lvl.find(w("lvlText"))
        levels[ilvl] = _Level(
            start=_int(None if start is None else start.get(VAL), 1),
            fmt="decimal" if fmt is None else fmt.get(VAL, "decimal"),
            text="" if text is None else text.get(VAL, ""),
        )
    return levels


class ListNumbering:
    """The list definitions of one document, able to number its paragraphs."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._lists: dict[str, dict[int, _Level]] = {}
        if numbering is not None:
            abstract: dict[str, dict[int, _Level]] = {
                a.get(w("abstractNumId"), ""): _levels(a)
                for a in numbering.iterfind(w("abstractNum"))
            }
            for num in numbering.iterfind(w("num")):
                ref = num.find(w("abstractNumId"))
                levels = dict(abstract.get("" if ref is None else ref.get(VAL, ""), {}))
                for override in num.iterfind(w("lvlOverride")):
                    ilvl = _int(override.get(ILVL), 0)
                    replaced = _levels(override).get(ilvl)
                    if replaced is not None:
                        levels[ilvl] = replaced
                    start = override.find(w("startOverride"))
                    if start is not None and ilvl in levels:
                        old = levels[ilvl]
                        levels[ilvl] = _Level(_int(start.get(VAL), old.start), old.fmt, old.text)
                self._lists[num.get(w("numId"), "")] = levels
        self._style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self._based_on: dict[str, str] = {}
        if styles is not None:
            for style in styles.iterfind(w("style")):
                sid = style.get(w("styleId"), "")
                based = style.find(w("basedOn"))
                if based is not None:
                    self._based_on[sid] = based.get(VAL, "")
                ppr = style.find(PPR)
                numpr = None if ppr is None else ppr.find(NUMPR)
                if numpr is not None:
                    self._style_numbering[sid] = _numpr_values(numpr)

    def _from_style(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._style_numbering:
                return self._style_numbering[style_id]
            style_id = self._based_on.get(style_id)
        return None, None

    def _list_of(self, p: etree._Element) -> tuple[str, int] | None:
        ppr = p.find(PPR)
        if ppr is None:
            return None
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(NUMPR)
        if numpr is not None:
            num_id, ilvl = _numpr_values(numpr)
        if num_id is None or ilvl is None:
            style = ppr.find(PSTYLE)
            style_num, style_lvl = self._from_style(None if style is None else style.get(VAL))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is None or num_id == "0" or num_id not in self._lists:
            return None
        return num_id, min(max(ilvl or 0, 0), _MAX_LEVELS - 1)

    def numbers(self, paragraphs: Iterable[etree._Element]) -> dict[etree._Element, str]:
        """The displayed number of every list-numbered paragraph, in document order."""
        if not self._lists:
            return {}
        counters: dict[str, list[int | None]] = {}
        out: dict[etree._Element, str] = {}
        for p in paragraphs:
            found = self._list_of(p)
            if found is None:
                continue
            num_id, ilvl = found
            levels = self._lists[num_id]
            level = levels.get(ilvl)
            if level is None:
                continue
            counts = counters.setdefault(num_id, [None] * _MAX_LEVELS)
            current = counts[ilvl]
            counts[ilvl] = level.start if current is None else current + 1
            for deeper in range(ilvl + 1, _MAX_LEVELS):
                counts[deeper] = None
            shown = _render(level, levels, counts)
            if shown:
                out[p] = shown
        return out


def _numpr_values(numpr: etree._Element) -> tuple[str | None, int | None]:
    num = numpr.find(NUMID)
    lvl = numpr.find(ILVL)
    return (
        None if num is None else num.get(VAL),
        None if lvl is None else _int(lvl.get(VAL), 0),
    )


def _render(level: _Level, levels: dict[int, _Level], counts: list[int | None]) -> str | None:
    if format_number(1, level.fmt) is None:
        return None
    missing = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal missing
        k = int(match.group(1)) - 1
        ref = levels.get(k)
        value = counts[k]
        if ref is None:
            missing = True
            return ""
        shown = format_number(value if value is not None else ref.start, ref.fmt)
        return shown or ""

    text = _LEVEL_REF.sub(substitute, level.text)
    if missing:
        return None
    text = _QUESTION_WORD.sub("", text).strip(" \t.:-–[]")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    elif text.count(")") > text.count("("):
        text = text.rstrip(")")
    elif text.count("(") > text.count(")"):
        text = text.lstrip("(")
    return text or None


_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')
_BASED_ON = re.compile(rb'<w:basedOn w:val="([^"]*)"')


def styles_may_number(styles: bytes | None, used: set[str]) -> bool:
    """False only when no style in ``used`` (or its ancestors) can carry list numbering.

    A quick scan of styles.xml's bytes that lets a document skip parsing a large
    styles part; whenever the scan cannot tell, it answers True.
    """
    if not styles or not used or b"numPr" not in styles:
        return False
    if (
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"' not in styles
        or b"<w:style " not in styles
    ):
        return True
    numbered: set[str] = set()
    based_on: dict[str, str] = {}
    for chunk in styles.split(b"<w:style ")[1:]:
        ident = _STYLE_ID.search(chunk, 0, 400)
        if ident is None:
            return True
        sid = ident.group(1).decode("utf-8", "replace")
        end = chunk.find(b"</w:style>")
        body = chunk if end < 0 else chunk[:end]
        if b"numPr" in body:
            numbered.add(sid)
        base = _BASED_ON.search(body)
        if base is not None:
            based_on[sid] = base.group(1).decode("utf-8", "replace")
    for sid in used:
        seen: set[str] = set()
        while sid and sid not in seen:
            if sid in numbered:
                return True
            seen.add(sid)
            sid = based_on.get(sid, "")
    return False
