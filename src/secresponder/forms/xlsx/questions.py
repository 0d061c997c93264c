"""The questions of an .xlsx form and the cells that take each answer.

Questions come from a Question / Response table (one row each) or, on a sheet with
no table, from question labels with their answer cell beside or below
(:mod:`listed`). Either way a question has a response cell and, when the form
has one, a separate rationale cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.forms import Question
from secresponder.forms.respondent_labels import respondent_key
from secresponder.forms.xlsx.layout import (
    NUMBER,
    QUESTION,
    RATIONALE,
    RESPONSE,
    Merges,
    Table,
    cell_text,
)
from secresponder.forms.xlsx.listed import ListedQuestion

_NUMBERED = re.compile(r"^(?:q(?:uestion)?\s*)?(\d+[a-z]?)[.):]?\s+(.+)$", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^(?:q(?:uestion)?\s*)?(\d+[a-z]?)[.):]?$", re.IGNORECASE)


@dataclass(frozen=True)
class AnswerCell:
    """A cell that takes (part of) an answer, described for a person."""

    row: int
    col: int
    detail: str  # "Rationale column", "below question 3"
    sure: bool = True


@dataclass(frozen=True)
class QuestionRow:
    """A question, the row its label sits on and its answer cells."""

    question: Question
    row: int
    sheet: Worksheet | None = None
    response: AnswerCell | None = None
    rationale: AnswerCell | None = None  # None: the rationale shares the response cell
    numbered: bool = True  # the sheet gives the number (not counted by the reader)
    asks: str | None = None  # the respondent detail the row asks for ("confidential")
    label_col: int = 0


def column_detail(table: Table, col: int) -> str:
    header = table.header_text(col)
    return f"{header} column" if header else "answer column"


def _counted(rows: list[QuestionRow]) -> str:
    return str(sum(1 for q in rows if q.asks is None or q.numbered) + 1)


_LETTERED = re.compile(r"^(?:\((?:[a-h]|i{1,3}|iv|v|vi)\)|[a-h][.)])\s*\S", re.IGNORECASE)
_ASKING = re.compile(
    r"\?$|^(?:please\s+)?(?:provide|explain|describe|set out|give|outline|tell us|identify|"
    r"list|state|summarise)\b",
    re.IGNORECASE,
)


def _asks(text: str) -> str | None:
    """The respondent detail a question-column row asks for, if any."""
    # respondent labels are short; the confidentiality question is the one long one
    if len(text) > 60 and "confidential" not in text.lower():
        return None
    return respondent_key(text)


def _next_number(rows: list[QuestionRow]) -> str:
    """The number after the last one given ("4" after "3"), for a question the sheet left out."""
    for q in reversed(rows):
        if q.question.number.isdigit():
            return str(int(q.question.number) + 1)
    return _counted(rows)


def table_questions(
    sheet: Worksheet, table: Table, merges: Merges | None = None
) -> list[QuestionRow]:
    """The questions under a Question / Response header, numbered as the sheet numbers them.

    When the sheet numbers its questions, a row it does not number is not a question of its
    own: lettered options ("(a) ...") are the question's options, a row that asks
    something ("Any other comments?") gets the next number (unsure), and anything else (a
    note, a sub-heading) is left alone. A heading merged across the answer columns is never
    a question.
    """
    q_col = table.columns[QUESTION]
    n_col = table.columns.get(NUMBER)
    r_col = table.columns[RESPONSE]
    response = AnswerCell(0, r_col, column_detail(table, r_col), RESPONSE not in table.guessed)
    rationale = None
    if RATIONALE in table.columns:
        col = table.columns[RATIONALE]
        rationale = AnswerCell(0, col, column_detail(table, col), RATIONALE not in table.guessed)
    raw: list[tuple[int, str, str]] = []
    for r in range(table.last_header_row + 1, sheet.max_row + 1):
        text = cell_text(sheet.cell(r, q_col).value)
        if not text:
            continue
        if merges is not None and q_col < r_col <= merges.extent(r, q_col)[1]:
            continue  # a heading across the table ("Part B: legal text")
        number = ""
        if n_col is not None:
            match = _NUMBER_ONLY.match(cell_text(sheet.cell(r, n_col).value))
            number = match.group(1) if match else ""
        if not number and (match := _NUMBERED.match(text)):
            number, text = match.group(1), match.group(2)
        raw.append((r, number, text))
    sheet_numbers = any(number for _, number, _ in raw)
    rows: list[QuestionRow] = []
    for r, number, text in raw:
        asks = _asks(text)
        cells = {
            "response": AnswerCell(r, response.col, response.detail, response.sure),
            "rationale": None
            if rationale is None
            else AnswerCell(r, rationale.col, rationale.detail, rationale.sure),
        }
        if asks is not None and not number:
            # "Name of organisation" or "Do you wish your response to be treated as
            # confidential?" in the question column: a respondent detail, not a question
            rows.append(QuestionRow(Question("", text), r, sheet, **cells, numbered=False,
                                    asks=asks, label_col=q_col))
            continue
        if not number and sheet_numbers:
            if _LETTERED.match(text) and rows and rows[-1].question.number:
                last = rows[-1]
                options = (*last.question.options, text)
                rows[-1] = replace(last, question=replace(last.question, options=options))
                continue
            if not _ASKING.search(text):
                continue
            rows.append(QuestionRow(Question(_next_number(rows), text), r, sheet, **cells,
                                    numbered=False, label_col=q_col))
            continue
        rows.append(
            QuestionRow(Question(number or _counted(rows), text), r, sheet, **cells,
                        numbered=bool(number), asks=asks, label_col=q_col)
        )
    return rows


def listed_questions(
    sheet: Worksheet,
    listed: list[ListedQuestion],
    has_drop_down: Callable[[int, int], bool],
) -> list[QuestionRow]:
    """Questions laid out as labels, each with the answer cell(s) chosen for it.

    A drop-down beside the question with a box below takes the position beside and
    the rationale below; a label across the sheet takes its answer below (label rows
    over answer rows); otherwise a prepared box beside, then below, then any free
    cell beside or below.
    """
    rows: list[QuestionRow] = []
    for q in listed:
        name = f"question {q.number}" if q.number else "the question"
        beside, under = f"beside {name}", f"below {name}"
        response: AnswerCell | None = None
        rationale: AnswerCell | None = None
        if q.right and q.below and q.right_box and q.below_box and has_drop_down(*q.right):
            response = AnswerCell(*q.right, beside, q.number != "")
            rationale = AnswerCell(*q.below, under, q.number != "")
        else:
            choices = [
                (q.below, under, q.below_box) if q.wide else None,
                (q.right, beside, q.right_box) if q.right_box else None,
                (q.below, under, q.below_box) if q.below_box else None,
                (q.right, beside, False),
                (q.below, under, False),
            ]
            for choice in choices:
                if choice is not None and choice[0] is not None:
                    (row, col), detail, boxed = choice
                    response = AnswerCell(row, col, detail, boxed and q.number != "")
                    break
        if response is None:
            continue
        if q.asks is not None and not q.number:
            rows.append(QuestionRow(Question("", q.text), q.row, sheet, response, rationale,
                                    numbered=False, asks=q.asks, label_col=q.col))
            continue
        rows.append(
            QuestionRow(Question(q.number or _counted(rows), q.text), q.row, sheet, response,
                        rationale, numbered=q.number != "", asks=q.asks, label_col=q.col)
        )
    return rows
