"""The consultation list as a Qt table model: one row per stored consultation.

Rows are built once from the store's entries (``.id``, ``.consultation``,
``.listed``, ``.deadline_changes``) and keep everything the view, the filter and
the sort need precomputed: a lowercase haystack for the search box, sort keys
for every column, and the urgency at the model's "now".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, Urgency, describe_time_left, urgency
from secresponder.domain.parties import PartyCategory
from secresponder.ui.urgency_colours import closed_foreground, urgency_backgrounds

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2


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


_HEADERS = {
    Column.REFERENCE: "Reference",
    Column.TITLE: "Title",
    Column.KIND: "Kind",
    Column.CLOSES: "Closing date",
    Column.TIME_LEFT: "Time left",
    Column.DRAFT: "My draft",
}


class StoredEntry(Protocol):
    """What the store hands back for one consultation."""

    id: int
    consultation: Consultation
    listed: bool
    deadline_changes: Any


class Highlight(enum.Enum):
    NEW = "New"
    DEADLINE_CHANGED = "Deadline changed"


@dataclass
class Row:
    """One consultation with its precomputed display, search and sort data."""

    entry: StoredEntry
    haystack: str
    is_open: bool
    urgency: Urgency
    categories: frozenset[PartyCategory]
    draft_status: str = ""
    highlight: Highlight | None = None
    _cells: list[str] | None = field(default=None, repr=False)

    @property
    def id(self) -> int:
        return self.entry.id

    @property
    def consultation(self) -> Consultation:
        return self.entry.consultation


def make_haystack(consultation: Consultation) -> str:
    """The lowercase text the search box matches: reference, title and summary."""
    return "\n".join(
        (consultation.reference or "", consultation.title, consultation.summary)
    ).casefold()


def short_date(instant: datetime) -> str:
    local = instant.astimezone(LONDON)
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


class ConsultationTableModel(QAbstractTableModel):
    """Consultations as rows; ``SORT_ROLE`` gives real datetimes and casefolded text keys."""

    def __init__(self, now: datetime, parent=None) -> None:
        super().__init__(parent)
        self._now = now
        self._rows: list[Row] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
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

    def set_entries(
        self,
        entries: Iterable[StoredEntry],
        now: datetime,
        draft_statuses: Mapping[int, str] | None = None,
        highlights: Mapping[int, Highlight] | None = None,
    ) -> None:
        """Replace every row (a model reset)."""
        statuses = draft_statuses or {}
        marks = highlights or {}
        self.beginResetModel()
        self._now = now
        self._rows = [
            Row(
                entry=e,
                haystack=make_haystack(e.consultation),
                is_open=now < e.consultation.closes_at,
                urgency=urgency(e.consultation.closes_at, now),
                categories=frozenset(e.consultation.party_categories),
                draft_status=statuses.get(e.id, ""),
                highlight=marks.get(e.id),
            )
            for e in entries
        ]
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def refresh_palette(self) -> None:
        """Recompute the urgency colours after the system switched light/dark."""
        self._backgrounds = urgency_backgrounds(self._palette())
        self._closed_fg = closed_foreground(self._palette())
        self._emit_all_changed()

    def set_draft_status(self, consultation_id: int, status: str) -> None:
        for i, row in enumerate(self._rows):
            if row.id == consultation_id:
                row.draft_status = status
                row._cells = None
                index = self.index(i, Column.DRAFT)
                self.dataChanged.emit(index, index)
                return

    def _emit_all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

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
        for i, row in enumerate(self._rows):
            if row.id == consultation_id:
                return i
        return -1

    def sort_key(self, row: Row, column: int) -> Any:
        c = row.consultation
        if column == Column.REFERENCE:
            return (c.reference or "").casefold()
        if column == Column.TITLE:
            return c.title.casefold()
        if column == Column.KIND:
            return (c.kind or "").casefold()
        if column in (Column.CLOSES, Column.TIME_LEFT):
            return c.closes_at
        return row.draft_status.casefold()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        reverse = order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=lambda r: self.sort_key(r, column), reverse=reverse)

    def reorder(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the rows by ``column``'s sort key, keeping selections (persistent indexes)."""
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in old_persistent]
        self._sort_rows(column, order)
        position = {id(r): i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old_persistent,
            [
                self.index(position[id(r)], i.column())
                for r, i in zip(old_rows, old_persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return Column(section).header
        return None

    def _cells(self, row: Row) -> list[str]:
        if row._cells is None:
            c = row.consultation
            title = c.title if row.highlight is None else f"{row.highlight.value}: {c.title}"
            left = describe_time_left(c.closes_at, self._now)
            if row.urgency in (Urgency.DUE_TODAY, Urgency.CLOSING_SOON):
                left = f"{row.urgency.label}: {left}"
            row._cells = [
                c.reference or "—",
                title,
                c.kind or "",
                short_date(c.closes_at),
                left,
                row.draft_status or "Not started",
            ]
        return row._cells

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[column]
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == ENTRY_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._backgrounds.get(row.urgency)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._closed_fg if row.urgency is Urgency.CLOSED else None
        if role == Qt.ItemDataRole.DecorationRole and column == Column.TIME_LEFT:
            return self._icons.get(row.urgency)
        if role == Qt.ItemDataRole.FontRole and row.highlight is not None:
            return self._bold
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._cells(row)[column]
            if column == Column.TIME_LEFT:
                return f"{text} ({row.urgency.label})"
            return text
        return None
