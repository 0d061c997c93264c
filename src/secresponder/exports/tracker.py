"""The response tracker workbook (.xlsx) that goes into a response pack.

One row per consultation: reference, title, kind, closing date and time (a
real Excel date/time in UK local time), days left, draft status, owner,
reviewer, each question's position in its own column (Q1..Qn) and, when asked
for, the consultation's notes (each dated, oldest first). The sheet
is an Excel table with a styled header row and filters, the header frozen and
columns sized to their contents. Text is always written as text: a title
starting with "=" never becomes a formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from secresponder.domain.deadline import LONDON

SHEET_TITLE = "Responses"
TABLE_NAME = "Responses"
DATE_FORMAT = "dd/mm/yyyy hh:mm"
FIXED_HEADERS: tuple[str, ...] = (
    "Reference",
    "Title",
    "Kind",
    "Closing date",
    "Days left",
    "Status",
    "Owner",
    "Reviewer",
)
_WIDTH_LIMITS = {"Title": 60, "Notes": 80}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class TrackerRow:
    reference: str
    title: str
    kind: str
    closes_at: datetime
    status: str
    owner: str = ""
    reviewer: str = ""
    # Position per question number, in the form's order: [("1", "Yes"), ("2", "")].
    positions: Sequence[tuple[str, str]] = field(default_factory=tuple)
    notes: str = ""


def days_left(closes_at: datetime, now: datetime) -> int:
    """Calendar days from today to the closing day in London; negative once past."""
    return (closes_at.astimezone(LONDON).date() - now.astimezone(LONDON).date()).days


def _text(value: str) -> str:
    return _ILLEGAL.sub(" ", value)


def write_tracker(
    rows: Sequence[TrackerRow], out: BinaryIO, *, now: datetime, with_notes: bool = False
) -> None:
    """Write the tracker workbook for ``rows`` to ``out``; ``with_notes`` adds a Notes column."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    question_count = max((len(r.positions) for r in rows), default=0)
    headers = [*FIXED_HEADERS, *(f"Q{i}" for i in range(1, question_count + 1))]
    if with_notes:
        headers.append("Notes")
    ws.append(headers)
    for row in rows:
        positions = [p for _, p in row.positions]
        positions += [""] * (question_count - len(positions))
        local = row.closes_at.astimezone(LONDON).replace(tzinfo=None)
        values: list[object] = [
            _text(row.reference),
            _text(row.title),
            _text(row.kind),
            local,
            days_left(row.closes_at, now),
            _text(row.status),
            _text(row.owner),
            _text(row.reviewer),
            *(_text(p) for p in positions),
        ]
        if with_notes:
            values.append(_text(row.notes))
        ws.append(values)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
        ws.cell(row=ws.max_row, column=4).number_format = DATE_FORMAT

    header_font = Font(bold=True)
    for cell in ws[1]:
        cell.font = header_font
        cell.alignment = Alignment(vertical="center")
    last_row = max(ws.max_row, 2)  # a table needs one data row, even if empty
    ref = f"A1:{get_column_letter(len(headers))}{last_row}"
    table = Table(displayName=TABLE_NAME, ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name="TableStyleMedium2", showRowStripes=True, showColumnStripes=False
    )
    ws.add_table(table)
    ws.freeze_panes = "A2"
    _size_columns(ws, headers)
    wb.save(out)


def _size_columns(ws, headers: Sequence[str]) -> None:
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        if header == "Closing date":
            width = 18
        else:
            longest = max(
                (len(str(c.value)) for c in ws[letter] if c.value is not None), default=0
            )
            width = min(max(longest + 2, len(header) + 4, 8), _WIDTH_LIMITS.get(header, 30))
        ws.column_dimensions[letter].width = width
