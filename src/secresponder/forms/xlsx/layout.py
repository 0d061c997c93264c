"""Finding the answer places in a worksheet: respondent cells and the response table.

A comments log is a table whose header row names columns such as "Document",
"Section / Paragraph", "Comment" and "Proposed change"; a questions sheet has
"Question" and "Response" columns. Respondent details are label cells
("Organisation", "Email", ...) with the value cell to the right or below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.forms import FormKind

# How far down a sheet the header row and the respondent block are looked for.
HEADER_SCAN_ROWS = 200
HEADER_SCAN_COLS = 40

# Comment-table column roles, as the keys of a Comment (plus the row number).
NUMBER, DOCUMENT, SECTION, COMMENT, PROPOSAL, CONFIDENTIAL = (
    "number",
    "document",
    "section",
    "comment",
    "proposal",
    "confidential",
)
# Question-table column roles.
QUESTION, RESPONSE, RATIONALE = "question", "response", "rationale"

_NUMBER_LABELS = {"no", "no.", "#", "number", "item", "item no", "ref", "ref no", "q", "q no"}
_RESPONDENT_LABELS: dict[str, str] = {
    "name": "name",
    "your name": "name",
    "contact name": "name",
    "respondent name": "name",
    "name of respondent": "name",
    "organisation": "organisation",
    "organization": "organisation",
    "organisation name": "organisation",
    "organization name": "organisation",
    "company": "organisation",
    "company name": "organisation",
    "respondent organisation": "organisation",
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "e-mail address": "email",
    "contact email": "email",
    "contact number": "phone",
    "telephone": "phone",
    "telephone number": "phone",
    "phone": "phone",
    "phone number": "phone",
    "contact telephone": "phone",
    "party category": "party_category",
    "sec party category": "party_category",
    "party type": "party_category",
    "confidential": "confidential",
    "confidential?": "confidential",
    "confidential (y/n)": "confidential",
    "confidential (yes/no)": "confidential",
    "is this response confidential?": "confidential",
    "is your response confidential?": "confidential",
}


def cell_text(value: object) -> str:
    """A cell's value as trimmed text on one line ('' for empty)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def normalise_label(text: str) -> str:
    """Lower-cased label without trailing colons, asterisks or surrounding spaces."""
    t = cell_text(text).lower().replace("\u00a0", " ")
    t = re.sub(r"\s*/\s*", "/", t)
    return t.rstrip(":*").strip()


def respondent_key(text: str) -> str | None:
    label = normalise_label(text)
    key = _RESPONDENT_LABELS.get(label)
    if key is None and label.startswith("confidential"):
        key = "confidential"
    return key


def comment_role(text: str) -> str | None:
    t = normalise_label(text)
    if not t:
        return None
    if t in _NUMBER_LABELS:
        return NUMBER
    if "confidential" in t:
        return CONFIDENTIAL
    if "propos" in t or "amend" in t or "suggest" in t:
        return PROPOSAL
    if "comment" in t:
        return COMMENT
    if "section" in t or "paragraph" in t or "clause" in t or t in ("para", "para."):
        return SECTION
    if "document" in t:
        return DOCUMENT
    return None


def question_role(text: str) -> str | None:
    t = normalise_label(text)
    if not t:
        return None
    if t in _NUMBER_LABELS or t in ("question no", "question no.", "question number", "q."):
        return NUMBER
    if t in ("question", "questions", "consultation question", "question text"):
        return QUESTION
    if t.startswith(("response", "your response", "answer", "position")):
        return RESPONSE
    if t.startswith(("rationale", "reason", "comments", "comment", "explanation")):
        return RATIONALE
    return None


@dataclass
class Table:
    """A response table: its header row, its columns by role, and their header texts."""

    kind: FormKind
    header_row: int
    columns: dict[str, int]  # role -> column index (1-based)
    headers: list[tuple[int, str]]  # (column, header text) left to right
    first_col: int = 0
    last_col: int = 0

    def __post_init__(self) -> None:
        cols = [c for c, _ in self.headers]
        self.first_col, self.last_col = min(cols), max(cols)


@dataclass
class RespondentCell:
    key: str
    label: str
    label_row: int
    label_col: int
    row: int
    col: int


@dataclass
class SheetLayout:
    sheet: Worksheet
    table: Table | None
    respondent: list[RespondentCell] = field(default_factory=list)


def _grid(sheet: Worksheet) -> dict[tuple[int, int], str]:
    """Non-empty text cells in the scanned area, keyed by (row, column)."""
    grid: dict[tuple[int, int], str] = {}
    max_row = min(sheet.max_row, HEADER_SCAN_ROWS)
    max_col = min(sheet.max_column, HEADER_SCAN_COLS)
    for row in sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for cell in row:
            text = cell_text(cell.value)
            if text:
                grid[(cell.row, cell.column)] = text
    return grid


def _find_table(grid: dict[tuple[int, int], str]) -> Table | None:
    rows: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in sorted(grid.items()):
        rows.setdefault(r, []).append((c, text))
    for r in sorted(rows):
        cells = rows[r]
        comment_cols: dict[str, int] = {}
        for c, text in cells:
            role = comment_role(text)
            if role and role not in comment_cols:
                comment_cols[role] = c
        if COMMENT in comment_cols and ({DOCUMENT, SECTION, PROPOSAL} & comment_cols.keys()):
            return _table(FormKind.COMMENTS_LOG, r, comment_cols, cells)
        question_cols: dict[str, int] = {}
        for c, text in cells:
            role = question_role(text)
            if role and role not in question_cols:
                question_cols[role] = c
        if QUESTION in question_cols and RESPONSE in question_cols:
            return _table(FormKind.QUESTIONS, r, question_cols, cells)
    return None


def _table(kind: FormKind, row: int, roles: dict[str, int], cells: list[tuple[int, str]]) -> Table:
    lo, hi = min(roles.values()), max(roles.values())
    headers = [(c, t) for c, t in cells if lo <= c <= hi]
    return Table(kind, row, roles, headers)


def _merged_extent(sheet: Worksheet, row: int, col: int) -> tuple[int, int]:
    """(last row, last column) of the merged range starting at (row, col), or the cell."""
    for rng in sheet.merged_cells.ranges:
        if rng.min_row == row and rng.min_col == col:
            return rng.max_row, rng.max_col
    return row, col


def _is_merged_inside(sheet: Worksheet, row: int, col: int) -> bool:
    """True for a cell covered by a merged range but not its top-left cell."""
    for rng in sheet.merged_cells.ranges:
        if (
            rng.min_row <= row <= rng.max_row
            and rng.min_col <= col <= rng.max_col
            and (rng.min_row, rng.min_col) != (row, col)
        ):
            return True
    return False


def _find_respondent(
    sheet: Worksheet, grid: dict[tuple[int, int], str], table: Table | None
) -> list[RespondentCell]:
    def in_table(r: int, c: int) -> bool:
        return (
            table is not None
            and r >= table.header_row
            and table.first_col <= c <= table.last_col
        )

    labels = {
        pos: key
        for pos, text in grid.items()
        if not in_table(*pos) and (key := respondent_key(text)) is not None
    }
    found: list[RespondentCell] = []
    seen_keys: set[str] = set()
    for (r, c), key in sorted(labels.items()):
        if key in seen_keys:
            continue
        last_row, last_col = _merged_extent(sheet, r, c)
        right = (r, last_col + 1)
        below = (last_row + 1, c)
        # Labels side by side in a row form a horizontal block: values sit below them.
        horizontal = right in labels or (r, c - 1) in labels
        target = None
        for pos in (below, right) if horizontal else (right, below):
            if pos in labels or in_table(*pos) or _is_merged_inside(sheet, *pos):
                continue
            target = pos
            break
        if target is None:
            continue
        seen_keys.add(key)
        found.append(RespondentCell(key, grid[(r, c)].rstrip(" :"), r, c, *target))
    return found


def analyse_sheet(sheet: Worksheet) -> SheetLayout:
    grid = _grid(sheet)
    table = _find_table(grid)
    return SheetLayout(sheet, table, _find_respondent(sheet, grid, table))
