"""Reading a filled workbook back: every value at its place, everything else as it was.

The output is re-read with the same reader (openpyxl) and compared cell by cell
with the original; the package is compared entry by entry (only the sheets that
took answers and the core properties may differ), and in those sheets everything
outside ``sheetData`` must be unchanged. Each problem is one sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import FillReport
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage, check_office_file
from secresponder.forms.xlsx.sheetxml import (
    CORE_PART,
    WorkbookParts,
    cell_ref,
    parse_xml,
    split_ref,
    unescape_cell_text,
)
from secresponder.forms.xlsx.workbook import read_workbook

_WHERE = re.compile(r"^sheet '(?P<sheet>.+)', cell (?P<ref>[A-Z]{1,3}\d+) \(")
# Problems listed before the rest are summarised.
MAX_PROBLEMS = 20


def placed_cells(report: FillReport) -> dict[tuple[str, int, int], str]:
    """(sheet, row, col) -> the value the report says was written there."""
    cells: dict[tuple[str, int, int], str] = {}
    for placement in report.placed:
        match = _WHERE.match(placement.where)
        if match is None:
            continue
        position = split_ref(match.group("ref"))
        if position is not None:
            cells[(match.group("sheet"), *position)] = placement.value
    return cells


def verify_xlsx(
    original: OfficePackage | str | Path, filled: bytes, report: FillReport
) -> list[str]:
    """The problems found reading ``filled`` back against ``original`` (empty when none)."""
    package = original if isinstance(original, OfficePackage) else check_office_file(original)
    expected = placed_cells(report)
    problems: list[str] = []
    try:
        before = read_workbook(package.data)
        after = read_workbook(filled)
    except Exception as exc:  # openpyxl raises many types for what it cannot read
        return [f"the filled workbook cannot be read ({type(exc).__name__})."]
    if after.sheetnames != before.sheetnames:
        return ["the filled workbook's sheets are not the original's."]
    for title in before.sheetnames:
        _compare_cells(title, before[title], after[title], expected, problems)
        if len(problems) >= MAX_PROBLEMS:
            break
    problems.extend(_compare_parts(package, filled, {sheet for sheet, _, _ in expected}))
    return problems


def _values(sheet) -> dict[tuple[int, int], object]:
    found: dict[tuple[int, int], object] = {}
    if not hasattr(sheet, "iter_rows"):
        return found  # a chart sheet has no cells
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                found[(cell.row, cell.column)] = cell.value
    return found


def _compare_cells(title, before, after, expected, problems: list[str]) -> None:
    old, new = _values(before), _values(after)
    for key in sorted(set(old) | set(new)):
        ref = f"cell {_ref(*key)} on sheet '{title}'"
        if (title, *key) in expected:
            continue
        if old.get(key) != new.get(key):
            problems.append(f"{ref} changed although no answer went there.")
    for (sheet, row, col), value in expected.items():
        if sheet != title:
            continue
        got = new.get((row, col))
        text = "" if got is None else unescape_cell_text(str(got))
        want = value.replace("\r\n", "\n").replace("\r", "\n")
        if text != want:
            problems.append(
                f"cell {_ref(row, col)} on sheet '{title}' does not hold the value written there."
            )


def _ref(row: int, col: int) -> str:
    return cell_ref(row, col)


def _compare_parts(package: OfficePackage, filled: bytes, sheets: set[str]) -> list[str]:
    parts = WorkbookParts.open(package)
    changing = {parts.sheet_parts[t] for t in sheets if t in parts.sheet_parts}
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
                elif _outside_cells(old) != _outside_cells(new):
                    problems.append(f"the part {name} changed outside its cells.")
            return problems
    except (zipfile.BadZipFile, FormError, etree.XMLSyntaxError, OSError) as exc:
        return [f"the filled workbook cannot be read as a package ({type(exc).__name__})."]


def _outside_cells(data: bytes) -> bytes:
    """A sheet part's canonical XML with its cells (sheetData) taken out."""
    root = parse_xml(data)
    for sheet_data in root.findall("{*}sheetData"):
        root.remove(sheet_data)
    return etree.tostring(root, method="c14n")
