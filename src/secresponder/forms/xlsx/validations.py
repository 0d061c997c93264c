"""Drop-down lists of a worksheet: list data validations, read from the sheet's XML.

Both kinds are read: the classic ``dataValidations`` and Excel 2010's
``x14:dataValidations`` in the sheet's ``extLst`` (which openpyxl does not read).
A list's items are a literal (``"Yes,No,Neutral"``), a range (``Lists!$A$1:$A$3``,
possibly on a hidden sheet) or a defined name standing for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from openpyxl import Workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.labels import loose
from secresponder.domain.parties import PartyCategory
from secresponder.forms.xlsx.layout import cell_text

# Literal lists and ranges longer than this are not drop-downs a person answers with.
MAX_ITEMS = 500
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384

_AREA = r"(?:\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})"
_SHEET_RANGE = re.compile(
    rf"^(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^'!]+))!(?P<range>{_AREA})$"
)
_LOCAL_RANGE = re.compile(rf"^{_AREA}$")


@dataclass(frozen=True)
class ListValidation:
    """A drop-down over some cells; ``items`` is None when they cannot be worked out."""

    areas: tuple[tuple[int, int, int, int], ...]  # (min_col, min_row, max_col, max_row)
    formula: str
    items: tuple[str, ...] | None

    def covers(self, row: int, col: int) -> bool:
        return any(c1 <= col <= c2 and r1 <= row <= r2 for c1, r1, c2, r2 in self.areas)


def sheet_list_validations(
    root: etree._Element, workbook: Workbook, sheet: Worksheet
) -> list[ListValidation]:
    """Every list validation of the sheet whose XML is ``root``, classic and x14."""
    found: list[ListValidation] = []
    for dv in root.iter("{*}dataValidation"):
        if (dv.get("type") or "none") != "list":
            continue
        ns = etree.QName(dv).namespace or ""
        if ns.endswith("/spreadsheetml/2009/9/main"):  # x14: formula in xm:f, area in xm:sqref
            formula_el = dv.find("{*}formula1/{*}f")
            sqref_el = dv.find("{*}sqref")
            sqref = sqref_el.text if sqref_el is not None else ""
        else:
            formula_el = dv.find("{*}formula1")
            sqref = dv.get("sqref") or ""
        formula = (formula_el.text or "").strip() if formula_el is not None else ""
        areas = _areas(sqref or "")
        if not areas or not formula:
            continue
        found.append(ListValidation(areas, formula, _items(formula, workbook, sheet)))
    return found


def _areas(sqref: str) -> tuple[tuple[int, int, int, int], ...]:
    areas = []
    for piece in sqref.split():
        try:
            c1, r1, c2, r2 = range_boundaries(piece.replace("$", ""))
        except (ValueError, TypeError):
            continue
        # whole columns ("C:C") and whole rows ("3:3") leave the other bounds open
        areas.append(
            (
                c1 or 1,
                r1 or 1,
                c2 or MAX_COLUMNS,
                r2 or MAX_ROWS,
            )
        )
    return tuple(areas)


def _items(formula: str, workbook: Workbook, sheet: Worksheet) -> tuple[str, ...] | None:
    text = formula.lstrip("=").strip()
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        inner = text[1:-1].replace('""', '"')
        items = tuple(item.strip() for item in inner.split(",") if item.strip())
        return items[:MAX_ITEMS] or None
    target = _defined_name(text, workbook, sheet) or text
    match = _SHEET_RANGE.match(target)
    if match:
        title = match.group("quoted")
        title = title.replace("''", "'") if title is not None else match.group("plain").strip()
        if title not in workbook.sheetnames:
            return None
        source = workbook[title]
        area = match.group("range")
    elif _LOCAL_RANGE.match(target):
        source, area = sheet, target
    else:
        return None  # OFFSET, INDIRECT, a name for something else: not known here
    if not isinstance(source, Worksheet):
        return None
    bounds = range_boundaries(area.replace("$", ""))
    # a whole column ("Lists!$A:$A") holds as many items as the sheet has rows
    c1, r1 = bounds[0] or 1, bounds[1] or 1
    c2, r2 = bounds[2] or source.max_column, bounds[3] or source.max_row
    if (c2 - c1 + 1) * (r2 - r1 + 1) > MAX_ITEMS * 4:
        return None
    items: list[str] = []
    for row in source.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value.startswith("="):
                return None  # items computed by formulas are not known without Excel
            item = cell_text(value)
            if item:
                items.append(item)
    return tuple(items[:MAX_ITEMS]) or None


def _defined_name(name: str, workbook: Workbook, sheet: Worksheet) -> str | None:
    """The range a defined name stands for (sheet-scoped first), or None."""
    for scope in (getattr(sheet, "defined_names", {}), workbook.defined_names):
        try:
            defined = scope.get(name)
        except AttributeError:
            defined = None
        if defined is not None and defined.attr_text:
            return defined.attr_text.lstrip("=").strip()
    return None


_YES_NO_ALIASES = {"yes": ("y", "yes", "true"), "no": ("n", "no", "false")}
_PARTY_SUFFIX = re.compile(r"\s+part(?:y|ies)$", re.IGNORECASE)


def match_item(value: str, items: tuple[str, ...]) -> str | None:
    """The item ``value`` chooses, as written in the list, or None.

    Case, spacing, hyphens and underscores do not matter; "Yes"/"No" also choose a
    "Y"/"N" item, and a SEC Party Category chooses the list's spelling of the same
    category ("Large Supplier" chooses "Large Supplier Party").
    """
    wanted = loose(value)
    for item in items:
        if loose(item) == wanted:
            return item
    for aliases in _YES_NO_ALIASES.values():
        if wanted in aliases:
            for item in items:
                if loose(item) in aliases:
                    return item
    category = _category(value)
    if category is not None:
        for item in items:
            if _category(item) is category:
                return item
    return None


def _category(text: str) -> PartyCategory | None:
    for spelling in (text, _PARTY_SUFFIX.sub("", text.strip())):
        try:
            return PartyCategory.parse(spelling)
        except ValueError:
            continue
    return None
