"""Finding the answer places in a worksheet: respondent cells and the response table.

A comments log is a table whose header row names columns such as "Document",
"Section / Paragraph", "Comment" and "Proposed change"; a questions sheet has
"Question" and "Response" columns. Respondent details are label cells
("Organisation", "Email", ...) with the value cell to the right or below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from secresponder.domain.forms import RESPONDENT_KEYS, FormKind
from secresponder.forms.respondent_labels import is_respondent_detail, respondent_key

if TYPE_CHECKING:  # listed.py reads sheets with the helpers of this module
    from secresponder.forms.xlsx.listed import ListedQuestion

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
# A comments-log column asking the respondent's details on every row: "respondent:" + key.
RESPONDENT_ROLE = "respondent:"
ROW_RESPONDENT_KEYS = tuple(key for key in RESPONDENT_KEYS if key != "confidential")
# Question-table column roles.
QUESTION, RESPONSE, RATIONALE = "question", "response", "rationale"

_NUMBER_LABELS = {"no", "no.", "#", "number", "item", "item no", "ref", "ref no", "q", "q no"}

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


_ROW_NUMBER = re.compile(
    r"^(?:(?:comment|item|issue|row|line|point|response)\s*)?(?:no|number|ref|reference|#|id)\.?$"
)


def comment_role(text: str) -> str | None:
    t = normalise_label(text)
    if not t:
        return None
    if t in _NUMBER_LABELS or _ROW_NUMBER.match(t):
        return NUMBER  # "Comment No." numbers the rows: it is not the comment
    if "confidential" in t:
        return CONFIDENTIAL
    if "propos" in t or "amend" in t or "suggest" in t:
        return PROPOSAL
    if "comment" in t:
        return COMMENT
    if any(w in t for w in ("section", "paragraph", "clause", "page")) or t in ("para", "para."):
        return SECTION
    if "document" in t:
        return DOCUMENT
    key = respondent_key(text)
    if key in ROW_RESPONDENT_KEYS:
        return RESPONDENT_ROLE + key  # "Organisation" on every row of a shared log
    return None


# Header words for a position column and a rationale column (whole labels or their start).
_RESPONSE_LABELS = {
    "agree/disagree",
    "agree or disagree",
    "agree/disagree/neutral",
    "yes/no",
    "yes/no/neutral",
    "y/n",
    "support/oppose",
    "agree",
    "view",
    "your view",
    "do you agree",
    "do you agree?",
}
_RESPONSE_STARTS = ("response", "your response", "answer", "position", "your position")
_RATIONALE_STARTS = (
    "rationale",
    "reason",
    "comments",
    "comment",
    "explanation",
    "justification",
    "further comments",
    "additional comments",
    "supporting",
    "detail",
    "please explain",
    "please provide",
    "your comments",
)


_QUESTION_NUMBER = re.compile(
    r"^(?:(?:q|question|item|ref)\s*(?:no|number|ref|reference|#)|q|no|item|ref|#)\.?$"
)
_RATIONALE_WORDS = re.compile(
    r"\b(?:rationale|reasons?|reasoning|comments?|explanation|justification|evidence)\b"
)
_RESPONSE_WORDS = re.compile(r"\b(?:response|answer|position)\b")


def question_role(text: str) -> str | None:
    t = normalise_label(text)
    if not t:
        return None
    if t in _NUMBER_LABELS or _QUESTION_NUMBER.match(t):
        return NUMBER
    if t in ("question", "questions", "consultation question", "question text") or (
        t.startswith(("question", "consultation question")) and not _RESPONSE_WORDS.search(t)
    ):
        return QUESTION
    if t in _RESPONSE_LABELS or t.startswith(_RESPONSE_STARTS):
        return RESPONSE
    if t.startswith(_RATIONALE_STARTS):
        return RATIONALE
    if _RESPONSE_WORDS.search(t) and not _RATIONALE_WORDS.search(t):
        return RESPONSE  # "Respondent response", "Organisation's position"
    if _RATIONALE_WORDS.search(t):
        return RATIONALE  # "Respondent comments", "Supporting reasons"
    return None


@dataclass
class Table:
    """A response table: its header rows, its columns by role, and their header texts.

    ``header_row`` is the table's first header row and ``last_header_row`` its last
    (a merged "Your response" over "Agree/Disagree | Rationale" makes two); data rows
    start below ``last_header_row``. ``guessed`` holds the roles taken from a merged
    parent header rather than the column's own label.
    """

    kind: FormKind
    header_row: int
    columns: dict[str, int]  # role -> column index (1-based)
    headers: list[tuple[int, str]]  # (column, header text) left to right
    last_header_row: int = 0
    guessed: frozenset[str] = frozenset()
    first_col: int = 0
    last_col: int = 0

    def __post_init__(self) -> None:
        cols = [c for c, _ in self.headers]
        self.first_col, self.last_col = min(cols), max(cols)
        self.last_header_row = max(self.last_header_row, self.header_row)

    def header_text(self, col: int) -> str:
        return next((text for c, text in self.headers if c == col), "")

    def is_header(self, row: int, col: int) -> bool:
        return self.header_row <= row <= self.last_header_row and (
            self.first_col <= col <= self.last_col
        )


@dataclass
class RespondentCell:
    """A respondent detail's label and value cell; ``key`` is None for a label not known."""

    key: str | None
    label: str
    label_row: int
    label_col: int
    row: int
    col: int
    below: bool = False  # the value cell is below the label, not beside it
    prefilled: bool = False  # the value cell already holds text (instructions, a sample)


@dataclass
class SheetLayout:
    sheet: Worksheet
    table: Table | None
    respondent: list[RespondentCell] = field(default_factory=list)
    merges: Merges | None = None
    # questions laid out as labels, on a sheet with no table (see listed.py)
    listed: list[ListedQuestion] = field(default_factory=list)


_SMALL_MERGE = 400  # cells in a merged range looked up by cell rather than scanned


class Merges:
    """The merged ranges of a sheet, looked up by cell."""

    def __init__(self, sheet: Worksheet) -> None:
        self.ranges = [
            (r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges
        ]
        self.by_origin = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in self.ranges}
        # cells covered by small ranges, looked up at once; large ranges are scanned
        self._covered: set[tuple[int, int]] = set()
        self._large: list[tuple[int, int, int, int]] = []
        for r1, c1, r2, c2 in self.ranges:
            if (r2 - r1 + 1) * (c2 - c1 + 1) > _SMALL_MERGE:
                self._large.append((r1, c1, r2, c2))
                continue
            self._covered.update(
                (r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)
            )

    def extent(self, row: int, col: int) -> tuple[int, int]:
        """(last row, last column) of the merged range starting at (row, col), or the cell."""
        return self.by_origin.get((row, col), (row, col))

    def inside(self, row: int, col: int) -> bool:
        """True for a cell covered by a merged range but not its top-left cell."""
        return (row, col) in self._covered or any(
            r1 <= row <= r2 and c1 <= col <= c2 and (r1, c1) != (row, col)
            for r1, c1, r2, c2 in self._large
        )

    def groups_ending_at(self, row: int) -> list[tuple[int, int, int]]:
        """(first col, last col, top row) of ranges across columns that end at ``row``."""
        return [(c1, c2, r1) for r1, c1, r2, c2 in self.ranges if r2 == row and c2 > c1]


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


_QUESTION_LIKE = re.compile(r"^(?:q(?:uestion)?\s*)?\d+[a-z]?[.):]?(?:\s+\S|$)", re.IGNORECASE)


def _label_like(text: str) -> bool:
    """True for a short header label (not a question, its number or a paragraph)."""
    if len(text) > 80 or _QUESTION_LIKE.match(text):
        return False
    return "?" not in text or len(text) <= 30


@dataclass
class _HeaderCell:
    text: str
    parent: str | None = None


def _header_band(
    rows: dict[int, list[tuple[int, str]]], merges: Merges, row: int
) -> tuple[int, dict[int, _HeaderCell]]:
    """The header rows starting at ``row`` and each column's lowest label.

    A row joins the band when it holds labels under a cell of the row above that is
    merged across several columns ("Your response" over "Agree/Disagree" and
    "Rationale") and nothing but short labels elsewhere (a note under "Question" is
    not a question); up to two such rows are followed.
    """
    columns = {c: _HeaderCell(t) for c, t in rows[row]}
    end = row
    for _ in range(2):
        groups = merges.groups_ending_at(end)
        below = rows.get(end + 1)
        if not groups or not below or not all(_label_like(text) for _, text in below):
            break
        owners: dict[int, str | None] = {}
        for c, _ in below:
            first = next((c1 for c1, c2, _ in groups if c1 <= c <= c2), None)
            if first is not None:
                parent = columns.get(first)
                owners[c] = parent.text if parent is not None else None
        if not owners:
            break
        for c, text in below:
            if c in owners:
                columns[c] = _HeaderCell(text, owners[c])
            elif c not in columns:
                columns[c] = _HeaderCell(text)
        end += 1
    return end, columns


def _assign_roles(
    columns: dict[int, _HeaderCell], role_of, kind: FormKind
) -> tuple[dict[str, int], set[str]]:
    """Role -> column from each column's own label, then from a merged parent's label."""
    roles: dict[str, int] = {}
    for c in sorted(columns):
        role = role_of(columns[c].text)
        if role and role not in roles:
            roles[role] = c
    guessed: set[str] = set()
    taken = set(roles.values())
    for c in sorted(columns):
        cell = columns[c]
        if c in taken or cell.parent is None or role_of(cell.text) is not None:
            continue
        parent_role = role_of(cell.parent)
        if parent_role and parent_role not in roles:
            role = parent_role
        elif kind is FormKind.QUESTIONS and parent_role == RESPONSE and RATIONALE not in roles:
            role = RATIONALE  # "Your response" over two unnamed columns: position, then why
        else:
            continue
        roles[role] = c
        taken.add(c)
        guessed.add(role)
    return roles, guessed


def _find_table(sheet: Worksheet, grid: dict[tuple[int, int], str], merges: Merges) -> Table | None:
    rows: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in sorted(grid.items()):
        rows.setdefault(r, []).append((c, text))
    for r in sorted(rows):
        end, columns = _header_band(rows, merges, r)
        comment_cols, guessed = _assign_roles(columns, comment_role, FormKind.COMMENTS_LOG)
        comment_cols = _attached(comment_cols, columns)
        if COMMENT in comment_cols and ({DOCUMENT, SECTION, PROPOSAL} & comment_cols.keys()):
            return _table(FormKind.COMMENTS_LOG, r, end, comment_cols, columns, guessed)
        question_cols, guessed = _assign_roles(columns, question_role, FormKind.QUESTIONS)
        if QUESTION in question_cols and RESPONSE in question_cols:
            return _table(FormKind.QUESTIONS, r, end, question_cols, columns, guessed)
    return None


def _attached(roles: dict[str, int], columns: dict[int, _HeaderCell]) -> dict[str, int]:
    """Roles without respondent columns that stand apart from the table (a block beside it)."""
    core = [c for role, c in roles.items() if not role.startswith(RESPONDENT_ROLE)]
    if not core:
        return roles
    lo, hi = min(core), max(core)

    def joined(col: int) -> bool:
        span = range(hi + 1, col) if col > hi else range(col + 1, lo)
        return all(c in columns for c in span)

    return {
        role: c
        for role, c in roles.items()
        if not role.startswith(RESPONDENT_ROLE) or lo <= c <= hi or joined(c)
    }


def _table(
    kind: FormKind,
    row: int,
    end: int,
    roles: dict[str, int],
    columns: dict[int, _HeaderCell],
    guessed: set[str],
) -> Table:
    lo, hi = min(roles.values()), max(roles.values())
    headers = [(c, columns[c].text) for c in sorted(columns) if lo <= c <= hi]
    return Table(kind, row, roles, headers, last_header_row=end, guessed=frozenset(guessed))


def _find_respondent(
    sheet: Worksheet, grid: dict[tuple[int, int], str], table: Table | None, merges: Merges
) -> list[RespondentCell]:
    def in_table(r: int, c: int) -> bool:
        return (
            table is not None
            and r >= table.header_row
            and table.first_col <= c <= table.last_col
        )

    labels: dict[tuple[int, int], str | None] = {
        pos: key
        for pos, text in grid.items()
        if not in_table(*pos) and (key := respondent_key(text)) is not None
    }
    # any label-like detail ("Role of Respondent") is not a value cell either
    details = {pos for pos, text in grid.items() if pos in labels or is_respondent_detail(text)}
    # details we have no key for, in the block of known ones, are listed by their label
    for pos in sorted(details - labels.keys()):
        if not in_table(*pos) and _in_block(pos, labels) and not _heading(grid[pos]):
            labels[pos] = None
    found: list[RespondentCell] = []
    seen: set[str] = set()
    for (r, c), key in sorted(labels.items()):
        label = grid[(r, c)].rstrip(" :")
        if (key or label) in seen:
            continue
        last_row, last_col = merges.extent(r, c)
        right = (r, last_col + 1)
        below = (last_row + 1, c)
        # Labels side by side in a row form a horizontal block: values sit below them.
        horizontal = right in details or (r, c - 1) in details
        target = None
        for pos in (below, right) if horizontal else (right, below):
            if pos in details or in_table(*pos) or merges.inside(*pos):
                continue
            value = sheet.cell(*pos).value
            if isinstance(value, str) and value.startswith("="):
                continue  # a formula cell is never a place for a value
            target = pos
            break
        if target is None:
            continue
        seen.add(key or label)
        found.append(
            RespondentCell(
                key, label, r, c, *target, below=target == below, prefilled=target in grid
            )
        )
    return found


def _in_block(pos: tuple[int, int], known: dict[tuple[int, int], str | None]) -> bool:
    """True for a cell within two rows (same column) or columns (same row) of a known label."""
    r, c = pos
    return any(
        (kc == c and abs(kr - r) <= 2) or (kr == r and abs(kc - c) <= 2)
        for kr, kc in known
        if known[(kr, kc)] is not None
    )


def _heading(text: str) -> bool:
    """True for a heading over the block ("Respondent details"), not a detail asked for."""
    words = normalise_label(text).split()
    return not words or words[-1] in ("details", "information", "info", "section")


def analyse_sheet(sheet: Worksheet) -> SheetLayout:
    grid = _grid(sheet)
    merges = Merges(sheet)
    table = _find_table(sheet, grid, merges)
    return SheetLayout(sheet, table, _find_respondent(sheet, grid, table, merges), merges)
