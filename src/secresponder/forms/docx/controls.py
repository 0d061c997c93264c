"""Content controls (w:sdt) by kind: text, drop-down list, combo box, date picker.

Choosing an item of a drop-down writes its display text and nothing else; a
date picker gets its ``w:fullDate`` and the text in its own ``w:dateFormat``.
A value that fits none of the items, or is not a date, is refused (FormError),
never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from secresponder.forms.docx.fields import DROPDOWN as LEGACY_DROPDOWN
from secresponder.forms.docx.fields import FLDCHAR, FLDCHAR_TYPE, field_kind
from secresponder.forms.docx.fields import TEXT as LEGACY_TEXT
from secresponder.forms.docx.placeholders import is_placeholder, position_key
from secresponder.forms.docx.wordml import SDT, SDTPR, VAL, R, is_checkbox_sdt, w
from secresponder.forms.errors import FormError

TEXT, DROPDOWN, COMBOBOX, DATE, OTHER = "text", "dropdown", "combobox", "date", "other"
_NOT_TEXT = {w("picture"), w("docPartObj"), w("docPartList"), w("group"), w("equation")}


def control_kind(sdt: etree._Element) -> str:
    """The kind of a (non check-box) content control."""
    sdtpr = sdt.find(SDTPR)
    if sdtpr is None:
        return TEXT
    for child in sdtpr:
        tag = child.tag
        if tag == w("dropDownList"):
            return DROPDOWN
        if tag == w("comboBox"):
            return COMBOBOX
        if tag == w("date"):
            return DATE
        if tag in _NOT_TEXT:
            return OTHER
    return TEXT


def input_controls(el: etree._Element) -> list[etree._Element]:
    """Content controls (not check boxes) and legacy text/drop-down fields, in order."""
    out = []
    if el.tag == R and field_kind(el) in (LEGACY_TEXT, LEGACY_DROPDOWN):
        return [el]
    # Legacy fields are found through their w:fldChar (few), not by testing every run.
    for c in el.iter(SDT, FLDCHAR):
        if c.tag == SDT:
            if not is_checkbox_sdt(c) and control_kind(c) != OTHER:
                out.append(c)
        elif c.get(FLDCHAR_TYPE) == "begin":
            run = c.getparent()
            if (
                run is not None
                and run.tag == R
                and field_kind(run) in (LEGACY_TEXT, LEGACY_DROPDOWN)
            ):
                out.append(run)
    return out


def control_name(sdt: etree._Element) -> str:
    """The control's title (alias) or tag, '' when it has neither."""
    sdtpr = sdt.find(SDTPR)
    if sdtpr is None:
        return ""
    for tag in ("alias", "tag"):
        el = sdtpr.find(w(tag))
        if el is not None and el.get(VAL, "").strip():
            return el.get(VAL, "").strip()
    return ""


def _list(sdt: etree._Element) -> etree._Element | None:
    sdtpr = sdt.find(SDTPR)
    if sdtpr is None:
        return None
    return (
        sdtpr.find(w("dropDownList"))
        if sdtpr.find(w("dropDownList")) is not None
        else (sdtpr.find(w("comboBox")))
    )


def list_items(sdt: etree._Element) -> list[tuple[str, str]]:
    """(display text, value) of a drop-down's or combo box's items, prompts left out."""
    spec = _list(sdt)
    if spec is None:
        return []
    out = []
    for item in spec.findall(w("listItem")):
        value = item.get(w("value"), "")
        shown = item.get(w("displayText")) or value
        if not shown.strip() or (not value.strip() and is_placeholder(shown)):
            continue
        out.append((shown, value))
    return out


def control_options(sdt: etree._Element) -> tuple[str, ...]:
    """The display texts a drop-down or combo box offers (empty for other controls)."""
    return tuple(shown for shown, _ in list_items(sdt))


def choose_item(sdt: etree._Element, wanted: str, what: str) -> str:
    """The display text of the item matching ``wanted``; FormError naming the items if none.

    A combo box also accepts text of its own, as Word does.
    """
    items = list_items(sdt)
    key = position_key(wanted)
    for shown, value in items:
        if position_key(shown) == key or (value and position_key(value) == key):
            spec = _list(sdt)
            if spec is not None and spec.get(w("lastValue")) is not None:
                spec.set(w("lastValue"), value)
            return shown
    if control_kind(sdt) == COMBOBOX:
        return wanted
    offered = ", ".join(f"'{shown}'" for shown, _ in items) or "none"
    raise FormError(f"{what} '{wanted}' is not one of the drop-down's items ({offered}).")


_DATE_INPUTS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
)


def parse_date(text: str) -> dt.date | None:
    """A date read from ``text`` ("2024-05-12", "12/05/2024", "12 May 2024"), or None."""
    body = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.IGNORECASE)
    body = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", body, flags=re.IGNORECASE)
    for fmt in _DATE_INPUTS:
        try:
            return dt.datetime.strptime(body, fmt).date()
        except ValueError:
            continue
    return None


# Word's date-format pictures, longest first so that "dddd" wins over "dd".
_PICTURE = re.compile(r"dddd|ddd|dd|d|MMMM|MMM|MM|M|yyyy|yy|'[^']*'", re.UNICODE)


def format_date(date: dt.date, picture: str) -> str:
    """``date`` written in a Word date picture such as "dd/MM/yyyy" or "d MMMM yyyy"."""

    def one(match: re.Match[str]) -> str:
        token = match.group()
        if token.startswith("'"):
            return token[1:-1]
        return {
            "dddd": date.strftime("%A"),
            "ddd": date.strftime("%a"),
            "dd": f"{date.day:02d}",
            "d": str(date.day),
            "MMMM": date.strftime("%B"),
            "MMM": date.strftime("%b"),
            "MM": f"{date.month:02d}",
            "M": str(date.month),
            "yyyy": f"{date.year:04d}",
            "yy": f"{date.year % 100:02d}",
        }[token]

    return _PICTURE.sub(one, picture or "dd/MM/yyyy")


def set_date(sdt: etree._Element, value: str, what: str) -> str:
    """Set a date picker's full date from ``value``; the text to show. FormError if no date."""
    date = parse_date(value)
    if date is None:
        raise FormError(f"{what} '{value}' is not a date, and its place is a date picker.")
    spec = sdt.find(SDTPR).find(w("date"))
    spec.set(w("fullDate"), f"{date.isoformat()}T00:00:00Z")
    picture = spec.find(w("dateFormat"))
    return format_date(date, "" if picture is None else picture.get(VAL, ""))


def date_value(sdt: etree._Element) -> str:
    """The ISO date a date picker holds ('' when none)."""
    spec = sdt.find(SDTPR).find(w("date"))
    return (spec.get(w("fullDate")) or "")[:10]
