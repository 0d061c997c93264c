"""Reading what an .xlsx response form asks for: respondent cells, its tables, its places.

openpyxl reads the cells; the sheets' own XML gives the drop-down lists (both
kinds). Hidden sheets are never question sheets; a workbook may hold several
question sheets, read in workbook order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.forms import (
    Confidence,
    FormFormat,
    FormInspection,
    FormKind,
    PlaceInfo,
    Question,
    RespondentField,
    answer_item,
    comment_item,
    respondent_item,
)
from secresponder.forms.safety import OfficePackage
from secresponder.forms.xlsx.layout import (
    NUMBER,
    RespondentCell,
    SheetLayout,
    Table,
    cell_text,
)
from secresponder.forms.xlsx.questions import (
    QuestionRow,
    listed_questions,
    table_questions,
)
from secresponder.forms.xlsx.sheetxml import WorkbookParts, cell_ref
from secresponder.forms.xlsx.validations import ListValidation, sheet_list_validations
from secresponder.forms.xlsx.workbook import analyse_workbook, open_workbook


@dataclass
class XlsxForm:
    """Everything read from a workbook that inspecting and filling need."""

    package: OfficePackage
    parts: WorkbookParts
    workbook: Workbook
    layouts: list[SheetLayout]
    kind: FormKind
    tables: list[SheetLayout]  # the comments log, or every question sheet in order
    respondent: list[tuple[Worksheet, RespondentCell]]
    questions: list[QuestionRow] = field(default_factory=list)
    _validations: dict[str, list[ListValidation]] = field(default_factory=dict, repr=False)

    def validation_at(self, sheet: Worksheet, row: int, col: int) -> ListValidation | None:
        """The drop-down list over a cell, if any."""
        if sheet.title not in self._validations:
            root = self.parts.sheet_xml(sheet.title)
            self._validations[sheet.title] = sheet_list_validations(root, self.workbook, sheet)
        return next((v for v in self._validations[sheet.title] if v.covers(row, col)), None)


def read_form(package: OfficePackage) -> XlsxForm:
    """Read a checked .xlsx form; FormError in one sentence when it has no table."""
    workbook = open_workbook(package)
    parts = WorkbookParts.open(package)
    layouts = analyse_workbook(package, workbook)
    main = layouts[0]
    kind = main.table.kind if main.table is not None else FormKind.QUESTIONS
    if kind is FormKind.COMMENTS_LOG:
        tables = [main]
    else:
        order = {ws.title: i for i, ws in enumerate(workbook.worksheets)}
        tables = sorted(
            (
                x
                for x in layouts
                if x.listed or (x.table is not None and x.table.kind is FormKind.QUESTIONS)
            ),
            key=lambda x: order[x.sheet.title],
        )
    form = XlsxForm(package, parts, workbook, layouts, kind, tables, respondent_cells(layouts))
    if kind is FormKind.QUESTIONS:
        rows = _all_questions(form, tables)
        form.respondent.extend(_respondent_rows(form, rows))
        # a numbered row stays a question even when it asks a detail: its answer wins
        form.questions = [q for q in rows if q.asks is None or q.numbered]
    return form


def _respondent_rows(
    form: XlsxForm, rows: list[QuestionRow]
) -> list[tuple[Worksheet, RespondentCell]]:
    """Questions that ask a respondent detail the form asks nowhere else."""
    known = {cell.key for _, cell in form.respondent}
    found: list[tuple[Worksheet, RespondentCell]] = []
    for q in rows:
        if q.asks is None or q.asks in known or q.sheet is None or q.response is None:
            continue
        known.add(q.asks)
        row, col = q.response.row, q.response.col
        prefilled = bool(cell_text(q.sheet.cell(row, col).value))
        cell = RespondentCell(q.asks, q.question.text, q.row, q.label_col, row, col,
                              below=row != q.row, prefilled=prefilled)
        found.append((q.sheet, cell))
    return found


def inspect_xlsx(package: OfficePackage) -> FormInspection:
    """What a checked .xlsx form asks for (comments log or questions sheet), and where."""
    form = read_form(package)
    fields = tuple(RespondentField(c.key, c.label) for _, c in form.respondent)
    places = tuple(form_places(form))
    if form.kind is FormKind.COMMENTS_LOG:
        table = form.tables[0].table
        assert table is not None
        columns = tuple(text for _, text in table.headers)
        return FormInspection(
            FormFormat.XLSX, FormKind.COMMENTS_LOG, fields, comment_columns=columns, places=places
        )
    questions = tuple(q.question for q in form.questions)
    return FormInspection(
        FormFormat.XLSX, FormKind.QUESTIONS, fields, questions=questions, places=places
    )


def describe(sheet: Worksheet, row: int, col: int, detail: str) -> str:
    """A place in words: "sheet 'Responses', cell D7 (Rationale column)"."""
    return f"sheet '{sheet.title}', cell {cell_ref(row, col)} ({detail})"


def respondent_detail(place: RespondentCell) -> str:
    return f"{'below' if place.below else 'beside'} '{place.label}'"


def form_places(form: XlsxForm) -> list[PlaceInfo]:
    """Every answer place found, with how sure the reader is of it."""
    places: list[PlaceInfo] = []
    for sheet, cell in form.respondent:
        sure = (
            cell.key is not None
            and not cell.prefilled
            and _writable_looking(sheet, cell.row, cell.col)
        )
        places.append(
            PlaceInfo(
                respondent_item(cell.key or cell.label),
                describe(sheet, cell.row, cell.col, respondent_detail(cell)),
                Confidence.SURE if sure else Confidence.UNSURE,
            )
        )
    if form.kind is FormKind.COMMENTS_LOG:
        layout = form.tables[0]
        table = layout.table
        assert table is not None
        row = first_free_row(layout.sheet, table)
        columns = ", ".join(text for _, text in table.headers)
        where = f"sheet '{layout.sheet.title}', rows from {row} ({columns} columns)"
        sure = not table.guessed
        places.append(
            PlaceInfo(comment_item(1), where, Confidence.SURE if sure else Confidence.UNSURE)
        )
        return places
    for q in form.questions:
        assert q.sheet is not None and q.response is not None
        for part, cell in (("response", q.response), ("rationale", q.rationale or q.response)):
            sure = q.numbered and cell.sure and _writable_looking(q.sheet, cell.row, cell.col)
            places.append(
                PlaceInfo(
                    answer_item(q.question.number, part),
                    describe(q.sheet, cell.row, cell.col, cell.detail),
                    Confidence.SURE if sure else Confidence.UNSURE,
                )
            )
    return places


def why_not_writable(sheet: Worksheet, row: int, col: int) -> str | None:
    """Why a cell can never take a value ("holds a formula", ...), or None when it can."""
    cell = sheet.cell(row, col)
    if isinstance(cell, MergedCell):
        return "is inside merged cells"
    if isinstance(cell.value, str) and cell.value.startswith("="):
        return "holds a formula, which secresponder never overwrites"
    if sheet.protection.sheet and cell.protection.locked:
        return "is locked on a protected sheet (unprotect it or unlock the cell in Excel)"
    return None


def _writable_looking(sheet: Worksheet, row: int, col: int) -> bool:
    return why_not_writable(sheet, row, col) is None


def respondent_cells(layouts: list[SheetLayout]) -> list[tuple[Worksheet, RespondentCell]]:
    """The first cell found for each respondent detail, the table's sheet searched first.

    Details with no key (labels not known) are listed once per label.
    """
    cells: list[tuple[Worksheet, RespondentCell]] = []
    seen: set[str] = set()
    for layout in layouts:
        for cell in layout.respondent:
            name = cell.key or f"label:{cell.label.casefold()}"
            if name not in seen:
                seen.add(name)
                cells.append((layout.sheet, cell))
    return cells


def row_is_free(sheet: Worksheet, table: Table, row: int) -> bool:
    """True when a comments-log row holds nothing but (perhaps) its number."""
    number_col = table.columns.get(NUMBER)
    for col in range(table.first_col, table.last_col + 1):
        if col == number_col:
            continue
        value = sheet.cell(row, col).value
        if cell_text(value):
            return False
    return True


def first_free_row(sheet: Worksheet, table: Table) -> int:
    row = table.last_header_row + 1
    while not row_is_free(sheet, table, row):
        row += 1
    return row


def _all_questions(form: XlsxForm, tables: list[SheetLayout]) -> list[QuestionRow]:
    rows: list[QuestionRow] = []
    for layout in tables:
        if layout.table is not None:
            rows.extend(table_questions(layout.sheet, layout.table, layout.merges))
        else:
            sheet = layout.sheet

            def has_drop_down(row: int, col: int, sheet: Worksheet = sheet) -> bool:
                found = form.validation_at(sheet, row, col)
                return found is not None and found.items is not None

            rows.extend(listed_questions(sheet, layout.listed, has_drop_down))
    numbers = [q.question.number for q in rows if q.question.number]
    if len(set(numbers)) != len(numbers):
        # several sheets each starting at 1: number the questions through the workbook
        count = 0
        renumbered = []
        for q in rows:
            if q.question.number:
                count += 1
                q = replace(q, question=Question(str(count), q.question.text), numbered=False)
            renumbered.append(q)
        rows = renumbered
    return [
        replace(q, question=replace(q.question, options=_options(form, q))) for q in rows
    ]


def _options(form: XlsxForm, q: QuestionRow) -> tuple[str, ...]:
    assert q.sheet is not None and q.response is not None
    validation = form.validation_at(q.sheet, q.response.row, q.response.col)
    if validation is None or validation.items is None:
        return q.question.options  # lettered options under the question, if any
    return validation.items
