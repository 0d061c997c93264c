"""Reading what an .xlsx response form asks for: respondent cells and its table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.forms import (
    FormFormat,
    FormInspection,
    FormKind,
    Question,
    RespondentField,
)
from secresponder.forms.safety import OfficePackage
from secresponder.forms.xlsx.layout import (
    NUMBER,
    QUESTION,
    RespondentCell,
    SheetLayout,
    Table,
    cell_text,
)
from secresponder.forms.xlsx.workbook import analyse_workbook, open_workbook

_NUMBERED = re.compile(r"^(?:q(?:uestion)?\s*)?(\d+[a-z]?)[.):]?\s+(.+)$", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^(?:q(?:uestion)?\s*)?(\d+[a-z]?)[.):]?$", re.IGNORECASE)


@dataclass(frozen=True)
class QuestionRow:
    """A question of a questions sheet and the row it sits on."""

    question: Question
    row: int


def inspect_xlsx(package: OfficePackage) -> FormInspection:
    """What a checked .xlsx form asks for (comments log or questions sheet)."""
    workbook = open_workbook(package)
    layouts = analyse_workbook(package, workbook)
    main = layouts[0]
    table = main.table
    assert table is not None
    fields = tuple(RespondentField(c.key, c.label) for c in respondent_cells(layouts))
    if table.kind is FormKind.COMMENTS_LOG:
        columns = tuple(text for _, text in table.headers)
        return FormInspection(
            FormFormat.XLSX, FormKind.COMMENTS_LOG, fields, comment_columns=columns
        )
    questions = tuple(q.question for q in question_rows(main.sheet, table))
    return FormInspection(FormFormat.XLSX, FormKind.QUESTIONS, fields, questions=questions)


def respondent_cells(layouts: list[SheetLayout]) -> list[RespondentCell]:
    """The first cell found for each respondent detail, the table's sheet searched first."""
    cells: list[RespondentCell] = []
    keys: set[str] = set()
    for layout in layouts:
        for cell in layout.respondent:
            if cell.key not in keys:
                keys.add(cell.key)
                cells.append(cell)
    return cells


def question_rows(sheet: Worksheet, table: Table) -> list[QuestionRow]:
    """The questions under a Question / Response header, numbered as the sheet numbers them."""
    q_col = table.columns[QUESTION]
    n_col = table.columns.get(NUMBER)
    rows: list[QuestionRow] = []
    for r in range(table.header_row + 1, sheet.max_row + 1):
        text = cell_text(sheet.cell(r, q_col).value)
        if not text:
            continue
        number = ""
        if n_col is not None:
            match = _NUMBER_ONLY.match(cell_text(sheet.cell(r, n_col).value))
            number = match.group(1) if match else ""
        if not number and (match := _NUMBERED.match(text)):
            number, text = match.group(1), match.group(2)
        if not number:
            number = str(len(rows) + 1)
        rows.append(QuestionRow(Question(number, text), r))
    return rows
