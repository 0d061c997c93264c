"""Filling an .xlsx response form: respondent values, comment rows or answers.

The fill is planned against what openpyxl read, every value checked against its
cell (never a header, a formula, a locked cell of a protected sheet, a cell inside
merged cells; never cut to fit; a drop-down's value one of its items), then written
straight into the sheets' XML (see :mod:`sheetxml`): nothing else in the workbook
changes. New comment rows take the style of the table's first data row.
"""

from __future__ import annotations

from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.clock import Clock, default_clock
from secresponder.domain.forms import (
    RESPONDENT_KEYS,
    Answers,
    Comment,
    FilledForm,
    FillReport,
    FormKind,
    Placement,
    Respondent,
    answer_item,
    comment_item,
    respondent_item,
)
from secresponder.forms.docx.coreprops import stamp_modified
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage
from secresponder.forms.xlsx.layout import (
    CONFIDENTIAL,
    NUMBER,
    RESPONDENT_ROLE,
    Table,
    cell_text,
    normalise_label,
)
from secresponder.forms.xlsx.questions import column_detail
from secresponder.forms.xlsx.reader import (
    XlsxForm,
    describe,
    first_free_row,
    read_form,
    respondent_detail,
    row_is_free,
    why_not_writable,
)
from secresponder.forms.xlsx.sheetxml import (
    MAX_CELL_CHARS,
    CellWrite,
    cell_ref,
    has_unstorable_characters,
)
from secresponder.forms.xlsx.validations import match_item
from secresponder.forms.xlsx.verify import PARTS_JOIN, verify_xlsx

# The respondent details that are text (confidentiality is a yes or no).
_TEXT_KEYS = tuple(key for key in RESPONDENT_KEYS if key != "confidential")


def fill_xlsx(package: OfficePackage, answers: Answers, *, clock: Clock | None = None) -> bytes:
    """The filled workbook as bytes, checked by reading it back.

    Raises FormError when an answer or comment has no place in the form, or when the
    output does not read back as planned.
    """
    filled = fill_xlsx_report(package, answers, clock=clock)
    missing = [u for u in filled.report.unplaced if not u.startswith("respondent ")]
    if missing:
        raise FormError(f"{package.path}: {'; '.join(missing)}.")
    problems = verify_xlsx(package, filled.data, filled.report)
    if problems:
        raise FormError(
            f"{package.path}: the filled workbook did not read back as written "
            f"({problems[0].rstrip('.')}), so nothing was written."
        )
    return filled.data


def fill_xlsx_report(
    package: OfficePackage, answers: Answers, *, clock: Clock | None = None
) -> FilledForm:
    """The filled workbook and what went where; FormError for a value that cannot fit."""
    form = read_form(package)
    plan = _Plan(form)
    _fill_respondent(plan, answers)
    if form.kind is FormKind.COMMENTS_LOG:
        for number in answers.answers:
            plan.unplaced.append(
                f"answer {number}: the form is a comments log, with no questions "
                "(put the points under \"comments\")"
            )
        _fill_comments(plan, answers.comments, answers.respondent)
    else:
        for index, _ in enumerate(answers.comments, start=1):
            plan.unplaced.append(
                f"{comment_item(index)}: the form is a question form, with no comments table"
            )
        _fill_questions(plan, answers)
    core = form.parts.part("docProps/core.xml")
    stamped = stamp_modified(core, (clock or default_clock())()) if core is not None else None
    data = form.parts.to_bytes(plan.writes, stamped)
    return FilledForm(data, FillReport(tuple(plan.placed), tuple(plan.unplaced)))


class _Plan:
    """The cells to write and the report of what went where, each value checked."""

    def __init__(self, form: XlsxForm) -> None:
        self.form = form
        self.path = form.package.path
        self.writes: list[CellWrite] = []
        self.placed: list[Placement] = []
        self.unplaced: list[str] = []
        self._taken: dict[tuple[str, int, int], str] = {}
        self._headers = {
            layout.sheet.title: layout.table for layout in form.layouts if layout.table
        }

    def put(
        self,
        item: str,
        sheet: Worksheet,
        row: int,
        col: int,
        value: str | int,
        detail: str,
        *,
        style_from: tuple[int, int] | None = None,
        height_from: int | None = None,
        parts: list[tuple[str, str]] | None = None,
    ) -> None:
        """Check ``value`` against the cell and plan its writing; FormError if it cannot go.

        ``parts`` reports a value made of several (a position, then the rationale) item by
        item, all at the one place, as the Word filler reports them.
        """
        where = describe(sheet, row, col, detail)
        taken = self._taken.get((sheet.title, row, col))
        if taken is not None:
            raise FormError(
                f"{self.path}: cell {cell_ref(row, col)} on sheet '{sheet.title}' was found as "
                f"the place of both {taken} and {item}; fill this form in Excel."
            )
        self._taken[(sheet.title, row, col)] = item
        self._check_cell(item, sheet, row, col, where)
        if isinstance(value, str):
            value = self._check_text(item, sheet, row, col, value, where)
        self.writes.append(
            CellWrite(sheet.title, row, col, value, style_from=style_from, height_from=height_from)
        )
        for part_item, part_value in parts or [(item, str(value))]:
            self.placed.append(Placement(part_item, where, part_value))

    def style_only(self, sheet: Worksheet, row: int, col: int, source: tuple[int, int]) -> None:
        """Give an empty cell of a new comment row the look of the first data row."""
        self.writes.append(CellWrite(sheet.title, row, col, None, style_from=source))

    def _check_cell(self, item: str, sheet: Worksheet, row: int, col: int, where: str) -> None:
        ref = f"cell {cell_ref(row, col)} on sheet '{sheet.title}'"
        table = self._headers.get(sheet.title)
        if table is not None and table.is_header(row, col):
            raise FormError(f"{self.path}: {ref} is a table header and cannot take {item}.")
        reason = why_not_writable(sheet, row, col)
        if reason is not None:
            raise FormError(f"{self.path}: {ref} {reason}, so {item} cannot go there.")

    def _check_text(
        self, item: str, sheet: Worksheet, row: int, col: int, value: str, where: str
    ) -> str:
        if has_unstorable_characters(value):
            raise FormError(
                f"{self.path}: {item} holds a character that cannot be stored in a workbook "
                "(a lone surrogate); retype that text."
            )
        if len(value) > MAX_CELL_CHARS:
            raise FormError(
                f"{self.path}: {item} is {len(value):,} characters long, over the "
                f"{MAX_CELL_CHARS:,} an Excel cell holds ({where}); shorten it."
            )
        validation = self.form.validation_at(sheet, row, col)
        if validation is not None and validation.items is not None:
            chosen = match_item(value, validation.items)
            if chosen is None:
                raise FormError(
                    f"{self.path}: {item} '{_shown(value)}' is not one of the drop-down's "
                    f"items at {where}: {', '.join(_shown(i) for i in validation.items)}."
                )
            return chosen
        return value


def _shown(text: str, limit: int = 60) -> str:
    """A value quoted in a sentence: on one line, and cut with "..." when long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _yes_no(label: str, value: bool) -> str:
    short = "y/n" in normalise_label(label)
    if value:
        return "Y" if short else "Yes"
    return "N" if short else "No"


def _fill_respondent(plan: _Plan, answers: Answers) -> None:
    respondent = answers.respondent
    given = any(respondent.value(k) for k in _TEXT_KEYS)
    # a numbered question asking a detail ("9. Do you wish your response to be treated
    # as confidential?") takes its answer when there is one
    answered = {
        (q.sheet.title, q.row)
        for q in plan.form.questions
        if q.sheet is not None
        and q.question.number in answers.answers
        and not answers.answers[q.question.number].is_empty
    }
    placed: set[str] = set()
    for sheet, place in plan.form.respondent:
        if place.key is None:
            continue  # a detail asked by a label we do not know: the user fills it
        placed.add(place.key)
        if (sheet.title, place.row) in answered:
            continue
        if place.key == "confidential":
            if not (given or respondent.confidential):
                continue
            value: str = _yes_no(place.label, respondent.confidential)
        else:
            value = str(respondent.value(place.key) or "")
            if not value:
                continue
        plan.put(
            respondent_item(place.key),
            sheet,
            place.row,
            place.col,
            value,
            respondent_detail(place),
        )
    # Details the form does not ask for (an answers file carries the whole profile) are
    # not missing; a wish for confidentiality the form cannot record is.
    if respondent.confidential and "confidential" not in placed:
        plan.unplaced.append(
            f"{respondent_item('confidential')}: the form does not ask whether the response "
            "is confidential"
        )


def _row_is_unstyled(sheet: Worksheet, table: Table, row: int) -> bool:
    return not any(
        sheet.cell(row, col).has_style for col in range(table.first_col, table.last_col + 1)
    )


def _fill_comments(plan: _Plan, comments: tuple[Comment, ...], respondent: Respondent) -> None:
    if not comments:
        return
    layout = plan.form.tables[0]
    sheet, table = layout.sheet, layout.table
    assert table is not None
    template_row = table.last_header_row + 1
    start = first_free_row(sheet, table)
    rows = range(start, start + len(comments))
    for offset, row in enumerate(rows):
        if not row_is_free(sheet, table, row):
            raise FormError(
                f"{plan.path}: the comments table on sheet '{sheet.title}' has room for "
                f"{offset} more comments, but the answers file has {len(comments)}."
            )
    headers = dict(table.headers)
    for index, (row, comment) in enumerate(zip(rows, comments, strict=True), start=1):
        item = comment_item(index)
        new_look = row != template_row and _row_is_unstyled(sheet, table, row)
        height = template_row if new_look else None
        written: set[int] = set()
        for role, col in table.columns.items():
            detail = column_detail(table, col)
            if role == NUMBER:
                if not cell_text(sheet.cell(row, col).value):
                    number = row - table.last_header_row
                    plan.put(item, sheet, row, col, number, detail,
                             style_from=(template_row, col) if new_look else None,
                         height_from=height)
                    written.add(col)
                continue
            if role == CONFIDENTIAL:
                value: str = _yes_no(headers[col], comment.confidential)
            elif role.startswith(RESPONDENT_ROLE):
                value = str(respondent.value(role.removeprefix(RESPONDENT_ROLE)) or "")
            else:
                value = getattr(comment, role)
            if value:
                plan.put(item, sheet, row, col, value, detail,
                         style_from=(template_row, col) if new_look else None,
                         height_from=height)
                written.add(col)
        if new_look:
            for col in range(table.first_col, table.last_col + 1):
                if col not in written and not isinstance(sheet.cell(row, col), MergedCell):
                    plan.style_only(sheet, row, col, (template_row, col))


def _fill_questions(plan: _Plan, answers: Answers) -> None:
    by_number = {q.question.number: q for q in plan.form.questions}
    for number, answer in answers.answers.items():
        q = by_number.get(number)
        if q is None:
            plan.unplaced.append(f"answer {number}: the form has no question {number}")
            continue
        if answer.is_empty:
            continue
        assert q.sheet is not None and q.response is not None
        response = q.response
        rationale = "\n\n".join(answer.paragraphs())
        position = answer.response.strip()
        if q.rationale is None:
            validation = plan.form.validation_at(q.sheet, response.row, response.col)
            if validation is not None and validation.items is not None:
                # a drop-down takes the position alone: the rationale has no place
                if position:
                    plan.put(answer_item(number, "response"), q.sheet, response.row,
                             response.col, position, response.detail)
                if rationale:
                    plan.unplaced.append(
                        f"{answer_item(number, 'rationale')}: question {number} has only a "
                        "drop-down for the answer, with no cell for a rationale"
                    )
                continue
            parts = [
                (answer_item(number, part), value)
                for part, value in (("response", position), ("rationale", rationale))
                if value
            ]
            text = PARTS_JOIN.join(value for _, value in parts)
            plan.put(parts[0][0], q.sheet, response.row, response.col, text, response.detail,
                     parts=parts)
            continue
        if position:
            plan.put(answer_item(number, "response"), q.sheet, response.row, response.col,
                     position, response.detail)
        if rationale:
            plan.put(answer_item(number, "rationale"), q.sheet, q.rationale.row,
                     q.rationale.col, rationale, q.rationale.detail)
