"""Reading a filled workbook back: every value at its place, everything else as it was.

The output is re-read with the same reader (openpyxl's cell parser, in its read-only
mode) and every value written is looked for at its cell. The package is compared with
the original entry by entry: only the sheets that took answers and the core properties
may differ; in those sheets every other cell must be the same XML (value, type, formula
and style) and everything outside ``sheetData`` unchanged. Each problem is one sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import deepcopy
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import FillReport
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage, check_office_file
from secresponder.forms.xlsx.sheetxml import (
    CORE_PART,
    SheetEditor,
    WorkbookParts,
    cell_ref,
    parse_xml,
    split_ref,
    unescape_cell_text,
)
from secresponder.forms.xlsx.workbook import read_cell_values

_WHERE = re.compile(r"^sheet '(?P<sheet>.+)', cell (?P<ref>[A-Z]{1,3}\d+) \(")
# Problems listed before the rest are summarised.
MAX_PROBLEMS = 20


# Several values written into one cell (a position, then the rationale) are joined so.
PARTS_JOIN = "\n\n"


def placed_cells(report: FillReport) -> dict[tuple[str, int, int], str]:
    """(sheet, row, col) -> the value the report says was written there.

    Values reported at the same cell are the parts of one value, in order.
    """
    cells: dict[tuple[str, int, int], str] = {}
    for placement in report.placed:
        match = _WHERE.match(placement.where)
        if match is None:
            continue
        position = split_ref(match.group("ref"))
        if position is None:
            continue
        key = (match.group("sheet"), *position)
        cells[key] = (
            cells[key] + PARTS_JOIN + placement.value if key in cells else placement.value
        )
    return cells


def verify_xlsx(
    original: OfficePackage | str | Path, filled: bytes, report: FillReport
) -> list[str]:
    """The problems found reading ``filled`` back against ``original`` (empty when none)."""
    package = original if isinstance(original, OfficePackage) else check_office_file(original)
    expected = placed_cells(report)
    wanted: dict[str, set[tuple[int, int]]] = {}
    for title, row, col in expected:
        wanted.setdefault(title, set()).add((row, col))
    try:
        values = read_cell_values(filled, wanted)
    except Exception as exc:  # openpyxl raises many types for what it cannot read
        return [f"the filled workbook cannot be read ({type(exc).__name__})."]
    problems: list[str] = []
    for (title, row, col), value in expected.items():
        if (title, row, col) not in values:
            problems.append(f"the filled workbook has no cell {cell_ref(row, col)} on "
                            f"sheet '{title}'.")
            continue
        got = values[(title, row, col)]
        text = "" if got is None else unescape_cell_text(str(got))
        if text != value.replace("\r\n", "\n").replace("\r", "\n"):
            problems.append(
                f"cell {cell_ref(row, col)} on sheet '{title}' does not hold the value "
                "written there."
            )
    problems.extend(_compare_parts(package, filled, expected))
    return problems[:MAX_PROBLEMS]


def _compare_parts(
    package: OfficePackage, filled: bytes, expected: dict[tuple[str, int, int], str]
) -> list[str]:
    """Every part as in the original, but for the cells written in the answer sheets."""
    parts = WorkbookParts.open(package)
    titles = {part: title for title, part in parts.sheet_parts.items()}
    changing = {parts.sheet_parts[t] for t, _, _ in expected if t in parts.sheet_parts}
    try:
        with zipfile.ZipFile(io.BytesIO(filled)) as out, zipfile.ZipFile(
            io.BytesIO(package.data)
        ) as src:
            names_before = [i.filename for i in src.infolist()]
            names_after = [i.filename for i in out.infolist()]
            if names_after != names_before:
                return ["the filled workbook's parts are not the original's."]
            problems = []
            for name in names_before:
                old, new = src.read(name), out.read(name)
                if old == new or name == CORE_PART:
                    continue
                if name not in changing:
                    problems.append(f"the part {name} changed although no answer went there.")
                    continue
                old_root, new_root = parse_xml(old), parse_xml(new)
                title = titles[name]
                written = {(r, c) for t, r, c in expected if t == title}
                problems.extend(_compare_sheet_cells(title, old_root, new_root, written))
                if _outside_cells(old_root) != _outside_cells(new_root):
                    problems.append(f"the part {name} changed outside its cells.")
            return problems
    except (zipfile.BadZipFile, FormError, etree.XMLSyntaxError, OSError) as exc:
        return [f"the filled workbook cannot be read as a package ({type(exc).__name__})."]


def _cells(root: etree._Element) -> dict[tuple[int, int], bytes]:
    """(row, col) -> the XML of each cell, references made explicit first.

    Both sides are serialised by lxml from the same namespaces, and nothing in a cell that
    was not written is reordered, so plain serialisations compare as well as canonical ones.
    """
    editor = SheetEditor(root)
    found: dict[tuple[int, int], bytes] = {}
    for row in editor.rows.values():
        for cell in row.iterchildren("{*}c"):
            position = split_ref(cell.get("r") or "")
            if position is not None:
                found[position] = etree.tostring(cell)
    return found


def _compare_sheet_cells(
    title: str, old_root: etree._Element, new_root: etree._Element, written: set
) -> list[str]:
    old, new = _cells(old_root), _cells(new_root)
    problems = []
    for key in sorted(set(old) | set(new)):
        if key in written or old.get(key) == new.get(key):
            continue
        if key not in old and not _holds_value(new[key]):
            continue  # a new comment row's empty cell, given the row's look
        if key in old and key in new and _same_but_style(old[key], new[key]):
            continue  # an empty cell of a new comment row, given the row's look
        problems.append(
            f"cell {cell_ref(*key)} on sheet '{title}' changed although no answer went there."
        )
    return problems


def _holds_value(cell_xml: bytes) -> bool:
    cell = parse_xml(cell_xml)
    return any(etree.QName(child).localname in ("v", "f", "is") for child in cell)


def _same_but_style(old_xml: bytes, new_xml: bytes) -> bool:
    """True when the old cell had no style and no value, and the new one only gained a style."""
    old, new = parse_xml(old_xml), parse_xml(new_xml)
    if _holds_value(old_xml) or _holds_value(new_xml) or old.get("s") not in (None, "0"):
        return False
    return {k: v for k, v in new.attrib.items() if k != "s"} == dict(old.attrib)


def _outside_cells(root: etree._Element) -> bytes:
    """A sheet part's canonical XML with its cells (sheetData) left out."""
    copy = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        if etree.QName(child).localname != "sheetData":
            copy.append(deepcopy(child))
    return etree.tostring(copy, method="c14n")
