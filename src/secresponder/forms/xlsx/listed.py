"""Question sheets without a header row: each question a label, its answer cell beside or below.

Some authorities lay a spreadsheet out like a Word form: "Q1:" (or "1.") and the
question text, often merged across the sheet, with a full-width answer row below;
or a question in one cell and its answer box to the right. A label is a question
when it is numbered, ends with "?" or asks for something ("Please provide ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from secresponder.forms.respondent_labels import respondent_key
from secresponder.forms.xlsx.layout import Merges, cell_text

# How much of a sheet is read for listed questions.
LIST_SCAN_ROWS = 20_000
LIST_SCAN_COLS = 40

_NUMBERED = re.compile(r"^(?:q(?:uestion)?\s*)?(\d{1,3}[a-z]?)\s*[.):\-–]?\s+(\S.*)$", re.I)
_NUMBER_ONLY = re.compile(r"^(?:q(?:uestion)?\s*)?(\d{1,3}[a-z]?)\s*[.):]?$", re.I)
_REQUEST = re.compile(
    r"^(?:please\s+)?(?:provide|explain|describe|set out|give|outline|tell us|identify|"
    r"list|state|summarise|comment)\b",
    re.I,
)
_MIN_QUESTION_CHARS = 20

Position = tuple[int, int]


@dataclass(frozen=True)
class ListedQuestion:
    """A question label and the cells that could take its answer."""

    number: str  # "" when the sheet gives none
    text: str
    row: int
    col: int  # the label's first column (its number cell, if separate)
    right: Position | None  # a free cell beside the label
    below: Position | None  # a free cell under the label
    right_box: bool  # the cell beside is prepared for an answer (styled or merged)
    below_box: bool
    wide: bool  # the label spans columns, as label rows over full-width answer rows do
    asks: str | None = None  # the respondent detail the question asks for, if any


def _grid(sheet: Worksheet) -> dict[Position, object]:
    grid: dict[Position, object] = {}
    max_row = min(sheet.max_row, LIST_SCAN_ROWS)
    max_col = min(sheet.max_column, LIST_SCAN_COLS)
    for r, values in enumerate(
        sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True), start=1
    ):
        for c, value in enumerate(values, start=1):
            if cell_text(value):
                grid[(r, c)] = value
    return grid


def _question_text(text: str) -> tuple[str, str] | None:
    """(number, text) when ``text`` reads as a question, else None."""
    match = _NUMBERED.match(text)
    if match and len(match.group(2)) >= 3:
        return match.group(1), match.group(2)
    if len(text) >= _MIN_QUESTION_CHARS and (text.endswith("?") or _REQUEST.match(text)):
        return "", text
    return None


def find_listed_questions(
    sheet: Worksheet, merges: Merges, taken: set[Position]
) -> list[ListedQuestion]:
    """The questions laid out as labels on ``sheet`` (``taken``: respondent cells, skipped)."""
    grid = _grid(sheet)
    texts = {pos: cell_text(value) for pos, value in grid.items()}
    found: list[ListedQuestion] = []
    consumed: set[Position] = set()
    for (r, c), text in sorted(texts.items()):
        if (r, c) in consumed or (r, c) in taken:
            continue
        first_col, text_col, number = c, c, ""
        only = _NUMBER_ONLY.match(text)
        if only:  # "Q1:" in its own (merged) cell, the question in the next one
            _, last = merges.extent(r, c)
            nxt = (r, last + 1)
            if nxt not in texts:
                continue
            number, text_col, text = only.group(1), last + 1, texts[nxt]
            consumed.add(nxt)
            read = _question_text(text)
            if read is None or read[0]:
                read = ("", text)
        else:
            read = _question_text(text)
            if read is None:
                continue
        number = number or read[0]
        text = read[1]
        last_row, last_col = merges.extent(r, text_col)
        right, below = (r, last_col + 1), (last_row + 1, first_col)

        def free(pos: Position) -> bool:
            return pos not in grid and pos not in taken and not merges.inside(*pos)

        def box(pos: Position) -> bool:
            return free(pos) and (pos in merges.by_origin or sheet.cell(*pos).has_style)

        found.append(
            ListedQuestion(
                number,
                text,
                r,
                first_col,
                right if free(right) else None,
                below if free(below) else None,
                box(right),
                box(below),
                wide=last_col > text_col or first_col < text_col,
                asks=respondent_key(text),
            )
        )
    usable = [q for q in found if q.right or q.below]
    if any(q.number for q in usable) or len(usable) >= 2:
        return usable
    return []
