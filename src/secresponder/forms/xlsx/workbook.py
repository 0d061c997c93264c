"""Opening a checked .xlsx package with openpyxl, and saving it back to bytes."""

from __future__ import annotations

import io
import warnings

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage
from secresponder.forms.xlsx.layout import SheetLayout, analyse_sheet


def open_workbook(package: OfficePackage) -> Workbook:
    """The workbook in ``package``, formulas kept as written; one sentence if unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips
            return load_workbook(io.BytesIO(package.data), data_only=False, keep_links=True)
    except Exception as exc:  # openpyxl raises many types for a malformed workbook
        raise FormError(
            f"{package.path}: could not be read as an Excel workbook "
            f"({type(exc).__name__}: {exc})."
        ) from None


def save_workbook(package: OfficePackage, workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except Exception as exc:  # an openpyxl writing failure is not the user's doing
        raise FormError(
            f"{package.path}: the filled workbook could not be written "
            f"({type(exc).__name__}: {exc})."
        ) from None
    return buffer.getvalue()


def ordered_sheets(workbook: Workbook) -> list[Worksheet]:
    """Worksheets with the active one first (chart sheets left out)."""
    sheets = [ws for ws in workbook.worksheets if isinstance(ws, Worksheet)]
    active = workbook.active
    if isinstance(active, Worksheet) and active in sheets:
        sheets.remove(active)
        sheets.insert(0, active)
    return sheets


def analyse_workbook(package: OfficePackage, workbook: Workbook) -> list[SheetLayout]:
    """Layouts of every sheet, the one holding the response table first.

    Refuses, in one sentence, a workbook with no comment or question table.
    """
    layouts = [analyse_sheet(ws) for ws in ordered_sheets(workbook)]
    with_table = [layout for layout in layouts if layout.table is not None]
    if not with_table:
        raise FormError(
            f"{package.path}: has no comments table (Document / Section / Comment columns) "
            "or question table (Question / Response columns) that secresponder recognises."
        )
    first = with_table[0]
    return [first, *(layout for layout in layouts if layout is not first)]
