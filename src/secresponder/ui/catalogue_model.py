"""The consultation list as a Qt table model: one row per stored consultation.

The rows (``catalogue_rows.Row``) arrive ready-made from the loading job, with
everything the view, the filter and the sort need precomputed: a lowercase
haystack for the search box, sort keys for every column, and the urgency at the
model's "now". The model keeps the store's order; the filter proxy orders and
filters row numbers.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from secresponder.domain.deadline import Urgency, describe_time_left
from secresponder.domain.listing_order import listing_key
from secresponder.ui.catalogue_rows import (
    Highlight,
    Row,
    StoredEntry,
    build_rows,
    make_haystack,
    short_date,
)
from secresponder.ui.urgency_colours import closed_foreground, urgency_backgrounds

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TEXT_ROLES = (int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.AccessibleTextRole))
_SORT = int(SORT_ROLE)
_ENTRY = int(ENTRY_ROLE)


class Column(enum.IntEnum):
    REFERENCE = 0
    TITLE = 1
    KIND = 2
    CLOSES = 3
    TIME_LEFT = 4
    DRAFT = 5

    @property
    def header(self) -> str:
        return _HEADERS[self]


COLUMN_COUNT = len(Column)

_HEADERS = {
    Column.REFERENCE: "Reference",
    Column.TITLE: "Title",
    Column.KIND: "Kind",
    Column.CLOSES: "Closing date",
    Column.TIME_LEFT: "Time left",
    Column.DRAFT: "My draft",
}

__all__ = [
    "COLUMN_COUNT", "ENTRY_ROLE", "SORT_ROLE", "Column", "ConsultationTableModel", "Highlight",
    "Row", "StoredEntry", "make_haystack", "short_date",
]


def urgency_key(row: Row) -> float:
    """Least time left first: the list order the command line uses too (``listing_key``)."""
    return listing_key(row.closes_ts, row.is_open)


class ConsultationTableModel(QAbstractTableModel):
    """Consultations as rows; ``SORT_ROLE`` gives real datetimes and casefolded text keys."""

    def __init__(self, now: datetime, parent=None) -> None:
        super().__init__(parent)
        self._now = now
        self._rows: list[Row] = []
        self._positions: dict[int, int] = {}
        self._backgrounds = urgency_backgrounds(self._palette())
        self._closed_fg = closed_foreground(self._palette())
        style = QApplication.style()
        self._icons = {
            Urgency.DUE_TODAY: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Urgency.CLOSING_SOON: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        self._bold = QFont()
        self._bold.setBold(True)

    @staticmethod
    def _palette() -> QPalette:
        return QApplication.palette()

    # -- loading -----------------------------------------------------------------

    def set_rows(
        self,
        rows: list[Row],
        now: datetime,
        highlights: Mapping[int, Highlight] | None = None,
    ) -> None:
        """Replace every row (one model reset) with rows built off the UI thread."""
        self.beginResetModel()
        self._now = now
        self._rows = rows
        self._positions = {row.entry.id: i for i, row in enumerate(rows)}
        for consultation_id, mark in (highlights or {}).items():
            at = self._positions.get(consultation_id)
            if at is not None:
                rows[at].highlight = mark
                rows[at].cells = None
        self.endResetModel()

    def set_entries(
        self,
        entries: Iterable[StoredEntry],
        now: datetime,
        draft_statuses: Mapping[int, str] | None = None,
        highlights: Mapping[int, Highlight] | None = None,
    ) -> None:
        """Build the rows here and replace every row (for callers without a job)."""
        self.set_rows(build_rows(entries, now, draft_statuses), now, highlights)

    def refresh_palette(self) -> None:
        """Recompute the urgency colours after the system switched light/dark."""
        self._backgrounds = urgency_backgrounds(self._palette())
        self._closed_fg = closed_foreground(self._palette())
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole],
            )

    def set_draft_status(self, consultation_id: int, status: str) -> None:
        i = self.find(consultation_id)
        if i < 0:
            return
        row = self._rows[i]
        if row.draft_status == status:
            return
        row.draft_status = status
        row.cells = None
        index = self.index(i, Column.DRAFT)
        self.dataChanged.emit(index, index)

    def clear_highlight(self, consultation_id: int, mark: Highlight) -> None:
        """Take ``mark`` off a row (say, once the reminder was exported again)."""
        i = self.find(consultation_id)
        if i < 0 or self._rows[i].highlight is not mark:
            return
        row = self._rows[i]
        row.highlight = None
        row.cells = None
        self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))

    # -- access for the filter, the sort and the window -------------------------------

    @property
    def now(self) -> datetime:
        return self._now

    def rows(self) -> list[Row]:
        return self._rows

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def find(self, consultation_id: int) -> int:
        """The row number of a consultation id, or -1."""
        return self._positions.get(consultation_id, -1)

    def sort_key(self, row: Row, column: int) -> Any:
        c = row.consultation
        if column == Column.REFERENCE:
            return (c.reference or "").casefold()
        if column == Column.TITLE:
            return c.title.casefold()
        if column == Column.KIND:
            return (c.kind or "").casefold()
        if column == Column.CLOSES:
            return c.closes_at
        if column == Column.TIME_LEFT:
            return urgency_key(row)
        return row.draft_status.casefold()

    def sort_keys(self, column: int) -> list[Any]:
        """Every row's sort key for ``column``, in row order."""
        if column == Column.CLOSES:
            # Timestamps order exactly as the instants do, and compare much faster.
            return [row.closes_ts for row in self._rows]
        if column == Column.TIME_LEFT:
            return [urgency_key(row) for row in self._rows]
        return [self.sort_key(row, column) for row in self._rows]

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return Column(section).header
        return None

    def _cells(self, row: Row) -> list[str]:
        if row.cells is None:
            c = row.consultation
            title = c.title if row.highlight is None else f"{row.highlight.value}: {c.title}"
            left = describe_time_left(c.closes_at, self._now)
            if row.urgency in (Urgency.DUE_TODAY, Urgency.CLOSING_SOON):
                # "Closing soon: 4 days 8 hours" (the label says it is still open).
                left = f"{row.urgency.label}: {left.removesuffix(' left')}"
            row.cells = [
                c.reference or "—",
                title,
                c.kind or "—",
                short_date(c.closes_at),
                left,
                row.draft_status or "Not started",
            ]
        return row.cells

    def cell(self, row_number: int, column: int) -> tuple[str, Any, Any, Any, bool]:
        """Text, background, foreground, icon and bold flag of one cell, for the delegate."""
        row = self._rows[row_number]
        cells = row.cells
        if cells is None:
            cells = self._cells(row)
        level = row.urgency
        return (
            cells[column],
            self._backgrounds.get(level),
            self._closed_fg if level is Urgency.CLOSED else None,
            self._icons.get(level) if column == Column.TIME_LEFT else None,
            row.highlight is not None,
        )

    def value(self, row_number: int, column: int, role: int) -> Any:
        """What ``data`` answers for a row number and column (the proxy calls this directly)."""
        row = self._rows[row_number]
        role = int(role)
        if role == _DISPLAY:
            cells = row.cells
            return (cells if cells is not None else self._cells(row))[column]
        if role == _BACKGROUND:
            return self._backgrounds.get(row.urgency)
        if role == _FOREGROUND:
            return self._closed_fg if row.urgency is Urgency.CLOSED else None
        if role == _DECORATION:
            return self._icons.get(row.urgency) if column == Column.TIME_LEFT else None
        if role == _FONT:
            return self._bold if row.highlight is not None else None
        if role == _SORT:
            return self.sort_key(row, column)
        if role == _ENTRY:
            return row
        if role in _TEXT_ROLES:
            text = self._cells(row)[column]
            if column == Column.TIME_LEFT:
                return f"{text} ({row.urgency.label})"
            return text
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        return self.value(index.row(), index.column(), role)
