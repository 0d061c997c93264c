"""Filling an .xlsx response form: respondent values, comment rows or answers.

Only the answer cells change; new comment rows take the style of the table's
first data row. A workbook holding parts openpyxl would drop on saving
(pictures, charts, form controls, threaded comments) is refused, not damaged.
"""

from __future__ import annotations

import copy

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.forms import Answers, Comment, FormKind, Respondent
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage
from secresponder.forms.xlsx.layout import (
    CONFIDENTIAL,
    NUMBER,
    RATIONALE,
    RESPONSE,
    RespondentCell,
    SheetLayout,
    Table,
    cell_text,
    normalise_label,
)
from secresponder.forms.xlsx.reader import question_rows, respondent_cells
from secresponder.forms.xlsx.workbook import analyse_workbook, open_workbook, save_workbook

# Parts openpyxl cannot carry through a load and save.
UNKEPT_PARTS: tuple[tuple[str, str], ...] = (
    ("xl/drawings/drawing", "pictures or shapes"),
    ("xl/charts/", "charts"),
    ("xl/media/", "pictures"),
    ("xl/embeddings/", "embedded objects"),
    ("xl/ctrlProps/", "form controls"),
    ("xl/activeX/", "form controls"),
    ("xl/threadedComments/", "threaded comments"),
    ("xl/slicers/", "slicers"),
    ("xl/timelines/", "timelines"),
)


def fill_xlsx(package: OfficePackage, answers: Answers) -> bytes:
    """The filled workbook as bytes; raises FormError for anything it cannot do safely."""
    refuse_unkept_parts(package)
    workbook = open_workbook(package)
    layouts = analyse_workbook(package, workbook)
    main = layouts[0]
    table = main.table
    assert table is not None
    _fill_respondent(package, layouts, answers.respondent)
    if table.kind is FormKind.COMMENTS_LOG:
        if answers.answers:
            raise FormError(
                f"{package.path}: is a comments log, but the answers file gives answers to "
                "questions; put them under \"comments\" instead."
            )
        _fill_comments(package, main.sheet, table, answers.comments)
    else:
        _fill_questions(package, main.sheet, table, answers)
    return save_workbook(package, workbook)


def refuse_unkept_parts(package: OfficePackage) -> None:
    for prefix, what in UNKEPT_PARTS:
        if package.has_member(prefix):
            raise FormError(
                f"{package.path}: contains {what}, which would be lost if secresponder "
                "filled it; remove them or fill this workbook in Excel."
            )


def _yes_no(label: str, value: bool) -> str:
    short = "y/n" in normalise_label(label)
    if value:
        return "Y" if short else "Yes"
    return "N" if short else "No"


def _writable(package: OfficePackage, sheet: Worksheet, row: int, col: int) -> Cell:
    cell = sheet.cell(row, col)
    if isinstance(cell, MergedCell):
        raise FormError(
            f"{package.path}: cell {cell.coordinate} on sheet '{sheet.title}' is inside "
            "merged cells and cannot take an answer."
        )
    return cell


def _fill_respondent(
    package: OfficePackage, layouts: list[SheetLayout], respondent: Respondent
) -> None:
    given = any(respondent.value(k) for k in ("name", "organisation", "email", "phone"))
    owners = {id(c): layout.sheet for layout in layouts for c in layout.respondent}
    places: list[tuple[Worksheet, RespondentCell]] = [
        (owners[id(cell)], cell) for cell in respondent_cells(layouts)
    ]
    for sheet, place in places:
        if place.key == "confidential":
            if not (given or respondent.confidential):
                continue
            value: str = _yes_no(place.label, respondent.confidential)
        else:
            value = str(respondent.value(place.key) or "")
            if not value:
                continue
        _writable(package, sheet, place.row, place.col).value = value


def _row_is_free(sheet: Worksheet, table: Table, row: int) -> bool:
    number_col = table.columns.get(NUMBER)
    for col in range(table.first_col, table.last_col + 1):
        if col == number_col:
            continue
        cell = sheet.cell(row, col)
        if not isinstance(cell, MergedCell) and cell_text(cell.value):
            return False
    return True


def _row_is_unstyled(sheet: Worksheet, table: Table, row: int) -> bool:
    return not any(
        sheet.cell(row, col).has_style for col in range(table.first_col, table.last_col + 1)
    )


def _fill_comments(
    package: OfficePackage, sheet: Worksheet, table: Table, comments: tuple[Comment, ...]
) -> None:
    if not comments:
        return
    template_row = table.header_row + 1
    start = template_row
    while not _row_is_free(sheet, table, start):
        start += 1
    rows = range(start, start + len(comments))
    for offset, row in enumerate(rows):
        if not _row_is_free(sheet, table, row):
            raise FormError(
                f"{package.path}: the comments table on sheet '{sheet.title}' has room for "
                f"{offset} more comments, but the answers file has {len(comments)}."
            )
    headers = dict(table.headers)
    template_height = sheet.row_dimensions[template_row].height
    for row, comment in zip(rows, comments, strict=True):
        if row != template_row and _row_is_unstyled(sheet, table, row):
            # a row the form did not prepare takes the look of the first data row
            for col in range(table.first_col, table.last_col + 1):
                source = sheet.cell(template_row, col)
                target = sheet.cell(row, col)
                if isinstance(source, MergedCell) or isinstance(target, MergedCell):
                    continue
                if source.has_style:
                    target._style = copy.copy(source._style)
            if template_height is not None and sheet.row_dimensions[row].height is None:
                sheet.row_dimensions[row].height = template_height
        for role, col in table.columns.items():
            if role == NUMBER:
                number_cell = _writable(package, sheet, row, col)
                if not cell_text(number_cell.value):
                    number_cell.value = row - table.header_row
                continue
            if role == CONFIDENTIAL:
                value: str = _yes_no(headers[col], comment.confidential)
            else:
                value = getattr(comment, role)
            if value:
                _writable(package, sheet, row, col).value = value


def _fill_questions(
    package: OfficePackage, sheet: Worksheet, table: Table, answers: Answers
) -> None:
    if answers.comments:
        raise FormError(
            f"{package.path}: is a question form, but the answers file gives comments; "
            "put them under \"answers\" by question number instead."
        )
    by_number = {q.question.number: q for q in question_rows(sheet, table)}
    unknown = [n for n in answers.answers if n not in by_number]
    if unknown:
        raise FormError(
            f"{package.path}: has no question {unknown[0]}, but the answers file answers it."
        )
    response_col = table.columns[RESPONSE]
    rationale_col = table.columns.get(RATIONALE)
    for number, answer in answers.answers.items():
        if answer.is_empty:
            continue
        row = by_number[number].row
        rationale = "\n\n".join(answer.paragraphs())
        if rationale_col is None:
            text = "\n\n".join(p for p in (answer.response.strip(), rationale) if p)
            _writable(package, sheet, row, response_col).value = text
            continue
        if answer.response.strip():
            _writable(package, sheet, row, response_col).value = answer.response.strip()
        if rationale:
            _writable(package, sheet, row, rationale_col).value = rationale
