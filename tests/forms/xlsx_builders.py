"""Real .xlsx response forms built with openpyxl, in the shapes authorities send out."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
ROW_FILL = PatternFill("solid", fgColor="FFF2CC")


def _style_header(cell) -> None:
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = HEADER_FILL
    cell.border = BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _style_data(cell) -> None:
    cell.font = Font(name="Arial", size=10)
    cell.border = BOX
    cell.fill = ROW_FILL
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    cell.number_format = "@"


def comments_log(
    path: Path,
    *,
    headers: tuple[str, ...] = (
        "No.",
        "Document",
        "Section / Paragraph",
        "Comment",
        "Proposed change / amendment",
        "Confidential (Y/N)",
    ),
    respondent: str = "above",
    header_row: int | None = None,
    first_col: int = 1,
    styled_rows: int = 10,
    numbered: bool = True,
    existing: tuple[tuple[str, ...], ...] = (),
    footnote_after: int | None = None,
    title: str = "MP215 'Release Management Policy' comments log",
) -> Path:
    """A comments log; ``respondent`` is "above", "beside", "horizontal" or "sheet"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Comments"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    labels = ("Organisation", "Name", "Email", "Contact number", "Party Category", "Confidential")
    if respondent == "above":
        for i, label in enumerate(labels, start=3):
            ws.cell(i, first_col, f"{label}:").font = Font(bold=True)
            ws.cell(i, first_col + 1).border = BOX
        row = header_row or 11
    elif respondent == "horizontal":
        for i, label in enumerate(labels):
            ws.cell(3, first_col + i, label).font = Font(bold=True)
            ws.cell(4, first_col + i).border = BOX
        row = header_row or 7
    elif respondent == "beside":
        col = first_col + len(headers) + 1
        for i, label in enumerate(labels, start=3):
            ws.cell(i, col, label).font = Font(bold=True)
            ws.cell(i, col + 1).border = BOX
        row = header_row or 3
    else:  # "sheet": respondent details on a sheet of their own
        details = wb.create_sheet("Respondent", 0)
        for i, label in enumerate(labels, start=2):
            details.cell(i, 2, label)
            details.cell(i, 3).border = BOX
        wb.active = 1
        row = header_row or 3
    for offset, text in enumerate(headers):
        cell = ws.cell(row, first_col + offset, text)
        _style_header(cell)
        ws.column_dimensions[cell.column_letter].width = 12 + 4 * offset
    ws.row_dimensions[row + 1].height = 30
    for r in range(row + 1, row + 1 + styled_rows):
        for offset, text in enumerate(headers):
            cell = ws.cell(r, first_col + offset)
            _style_data(cell)
            if numbered and text.lower().startswith("no"):
                cell.value = r - row
    for r, values in enumerate(existing, start=row + 1):
        for offset, value in enumerate(values):
            if value:
                ws.cell(r, first_col + offset, value)
    if footnote_after is not None:
        ws.cell(row + footnote_after + 1, first_col + 1, "Please return by 5pm on 12 May 2023")
    conf_col = [i for i, h in enumerate(headers) if "confidential" in h.lower()]
    if conf_col:
        letter = ws.cell(row, first_col + conf_col[0]).column_letter
        dv = DataValidation(type="list", formula1='"Y,N"', allow_blank=True)
        dv.add(f"{letter}{row + 1}:{letter}{row + 200}")
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row + 1, 1)
    wb.defined_names["CommentsHeader"] = DefinedName(
        "CommentsHeader", attr_text=f"'{ws.title}'!$A${row}:$F${row}"
    )
    notes = wb.create_sheet("Guidance")
    notes["A1"] = "Use one row per comment. Do not change the column headings."
    notes["A2"] = "=COUNTA(Comments!D:D)-1"
    wb.save(path)
    return path


def questions_sheet(path: Path, questions: tuple[str, ...], *, rationale: bool = True) -> Path:
    """A spreadsheet of questions with a Response (and Rationale) column per row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws["A1"] = "Respondent details"
    ws["A2"], ws["A3"] = "Name", "Organisation"
    headers = ["Q", "Question", "Response"] + (["Rationale"] if rationale else [])
    for i, text in enumerate(headers, start=1):
        _style_header(ws.cell(6, i, text))
    for n, question in enumerate(questions, start=1):
        ws.cell(6 + n, 1, n)
        ws.cell(6 + n, 2, question)
        for col in range(3, len(headers) + 1):
            _style_data(ws.cell(6 + n, col))
    wb.save(path)
    return path
