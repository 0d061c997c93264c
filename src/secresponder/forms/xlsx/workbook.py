"""Opening a checked .xlsx package with openpyxl (the reader) and finding its tables."""

from __future__ import annotations

import io
import re
import warnings
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage
from secresponder.forms.xlsx.layout import SheetLayout, analyse_sheet
from secresponder.forms.xlsx.listed import find_listed_questions


def read_workbook(data: bytes) -> Workbook:
    """The workbook in ``data``, formulas kept as written (openpyxl's exceptions pass)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips
        return load_workbook(io.BytesIO(data), data_only=False, keep_links=True)


def read_cell_values(
    data: bytes, wanted: dict[str, set[tuple[int, int]]]
) -> dict[tuple[str, int, int], object]:
    """The values openpyxl reads at the ``wanted`` cells of each sheet (absent sheets left out).

    Reads in openpyxl's read-only mode: the same cell parser, without building styles and
    merged cells the check does not need.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions as it parses
        return _read_cell_values(data, wanted)


def _read_cell_values(
    data: bytes, wanted: dict[str, set[tuple[int, int]]]
) -> dict[tuple[str, int, int], object]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    found: dict[tuple[str, int, int], object] = {}
    try:
        for title, cells in wanted.items():
            if title not in workbook.sheetnames or not cells:
                continue
            sheet = workbook[title]
            top = min(r for r, _ in cells)
            bottom = max(r for r, _ in cells)
            right = max(c for _, c in cells)
            rows = sheet.iter_rows(
                min_row=top, max_row=bottom, min_col=1, max_col=right, values_only=True
            )
            for row, values in enumerate(rows, start=top):
                for col, value in enumerate(values, start=1):
                    if (row, col) in cells:
                        found[(title, row, col)] = value
    finally:
        workbook.close()
    return found


# openpyxl makes an object for every cell of a merged range: more than this many in a
# workbook would take minutes and gigabytes to read, so such a file is refused first.
MAX_MERGED_CELLS = 500_000
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")


def merged_cells_count(package: OfficePackage) -> int:
    """How many cells the workbook's merged ranges cover, read from the sheets' XML."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/") and name.lower().endswith(".xml")):
                continue
            for ref in _MERGE_REF.findall(archive.read(name)):
                try:
                    c1, r1, c2, r2 = range_boundaries(ref.decode("ascii", "replace"))
                except (ValueError, TypeError):
                    continue
                if None not in (c1, r1, c2, r2):
                    total += (c2 - c1 + 1) * (r2 - r1 + 1)  # type: ignore[operator]
    return total


def open_workbook(package: OfficePackage) -> Workbook:
    """The workbook in ``package``, formulas kept as written; one sentence if unreadable."""
    merged = merged_cells_count(package)
    if merged > MAX_MERGED_CELLS:
        raise FormError(
            f"{package.path}: merges {merged:,} cells, too many to read safely (the limit is "
            f"{MAX_MERGED_CELLS:,}); unmerge the empty areas in Excel and try again."
        )
    try:
        return read_workbook(package.data)
    except Exception as exc:  # openpyxl raises many types for a malformed workbook
        # openpyxl's messages can run over several lines: the first one says what failed
        detail = " ".join((str(exc).strip().splitlines() or [""])[0].split()).rstrip(".")
        if len(detail) > 120:
            detail = detail[:117] + "..."
        raise FormError(
            f"{package.path}: could not be read as an Excel workbook "
            f"({type(exc).__name__}{': ' + detail if detail else ''})."
        ) from None


def is_hidden(sheet: Worksheet) -> bool:
    return sheet.sheet_state in ("hidden", "veryHidden")


def ordered_sheets(workbook: Workbook) -> list[Worksheet]:
    """Visible worksheets with the active one first (chart and hidden sheets left out)."""
    sheets = [
        ws for ws in workbook.worksheets if isinstance(ws, Worksheet) and not is_hidden(ws)
    ]
    active = workbook.active
    if isinstance(active, Worksheet) and active in sheets:
        sheets.remove(active)
        sheets.insert(0, active)
    return sheets


def analyse_workbook(package: OfficePackage, workbook: Workbook) -> list[SheetLayout]:
    """Layouts of every visible sheet, the one holding the response table first.

    Sheets with no table are read for questions laid out as labels only when no sheet
    has a table. Refuses, in one sentence, a workbook with neither.
    """
    layouts = [analyse_sheet(ws) for ws in ordered_sheets(workbook)]
    with_table = [layout for layout in layouts if layout.table is not None]
    if not with_table:
        for layout in layouts:
            taken = {(c.label_row, c.label_col) for c in layout.respondent}
            taken |= {(c.row, c.col) for c in layout.respondent}
            assert layout.merges is not None
            layout.listed = find_listed_questions(layout.sheet, layout.merges, taken)
        with_table = [layout for layout in layouts if layout.listed]
    if not with_table:
        raise FormError(
            f"{package.path}: has no comments table (Document / Section / Comment columns), "
            "question table (Question / Response columns) or numbered questions with answer "
            "cells that secresponder recognises."
        )
    first = with_table[0]
    return [first, *(layout for layout in layouts if layout is not first)]
