"""Filtering and sorting the consultation list: the search box, "Open only" and "Relevant".

``ConsultationFilterProxy`` is a proxy model over the consultation model that
shows a list of source row numbers. When a filter input or the sort changes,
the new list is computed in Python over the precomputed haystacks
(``visible_rows``) and the view is told once, as one layout change; Qt never
calls back into Python once per row. Selections and the current row are
carried over to their new positions (or dropped when their row is hidden).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from secresponder.domain.parties import PartyCategory
from secresponder.ui.catalogue_model import COLUMN_COUNT, Column, ConsultationTableModel
from secresponder.ui.visible_rows import RowFilter, VisibleRows, query_terms

_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)
# Few persistent indexes (the current row, a selection) are looked up by scanning the
# new list; many are looked up through a position table.
_SCAN_LIMIT = 16


class ConsultationFilterProxy(QAbstractProxyModel):
    """Search text, open-only and relevant-to-my-category filters over the consultation model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: ConsultationTableModel | None = None
        self._filter = RowFilter()
        self._rows = VisibleRows()
        self._shown: list[int] = []
        self._positions: dict[int, int] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- inputs ------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        terms = query_terms(text)
        if terms != self._filter.terms:
            self._change(RowFilter(terms, self._filter.open_only, self._filter.categories))

    def set_open_only(self, on: bool) -> None:
        if on != self._filter.open_only:
            self._change(RowFilter(self._filter.terms, on, self._filter.categories))

    def set_relevant_categories(self, categories: Iterable[PartyCategory] | None) -> None:
        """Show only consultations for these categories; None shows all."""
        wanted = None if categories is None else frozenset(categories)
        if wanted != self._filter.categories:
            self._change(RowFilter(self._filter.terms, self._filter.open_only, wanted))

    @property
    def query(self) -> list[str]:
        return list(self._filter.terms)

    @property
    def filtering(self) -> bool:
        """True when any filter input (words, open only, categories) is set."""
        return self._filter != RowFilter()

    # -- the shown rows ----------------------------------------------------------------

    def _consultations(self) -> ConsultationTableModel:
        assert self._source is not None
        return self._source

    def _compute(self) -> list[int]:
        if self._source is None:
            return []
        column = self._sort_column
        if column < 0:
            return self._rows.rows(self._filter)
        # Closing date orders by the instant; Time left by urgency (``urgency_key``).
        sort_id = column
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return self._rows.rows(self._filter, sort_id, descending,
                               lambda: self._consultations().sort_keys(sort_id))

    def _change(self, wanted: RowFilter) -> None:
        self._filter = wanted
        self._relayout()

    def _relayout(self) -> None:
        """Show the newly computed rows as one layout change, keeping persistent indexes."""
        self.layoutAboutToBeChanged.emit()
        old_shown = self._shown
        new_shown = self._compute()
        self._shown = new_shown
        self._positions = None
        persistent = self.persistentIndexList()
        if persistent:
            moved = []
            for index in persistent:
                row = index.row()
                source_row = old_shown[row] if 0 <= row < len(old_shown) else -1
                at = self._position_of(source_row, len(persistent))
                moved.append(QModelIndex() if at < 0 else self.createIndex(at, index.column()))
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _position_of(self, source_row: int, lookups: int = _SCAN_LIMIT + 1) -> int:
        if source_row < 0:
            return -1
        if lookups <= _SCAN_LIMIT and self._positions is None:
            try:
                return self._shown.index(source_row)
            except ValueError:
                return -1
        if self._positions is None:
            self._positions = {s: i for i, s in enumerate(self._shown)}
        return self._positions.get(source_row, -1)

    def shown_source_rows(self) -> list[int]:
        """The source row numbers shown, top to bottom."""
        return list(self._shown)

    # -- the source model --------------------------------------------------------------

    def setSourceModel(self, model: ConsultationTableModel) -> None:  # type: ignore[override]
        old = self._source
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._source_about_to_reset)
            old.modelReset.disconnect(self._source_reset)
            old.dataChanged.disconnect(self._source_data_changed)
        self.beginResetModel()
        super().setSourceModel(model)
        self._source = model
        model.modelAboutToBeReset.connect(self._source_about_to_reset)
        model.modelReset.connect(self._source_reset)
        model.dataChanged.connect(self._source_data_changed)
        self._load_rows()
        self.endResetModel()

    def _load_rows(self) -> None:
        rows = self._consultations().rows()
        self._rows.reset(
            [r.haystack for r in rows], [r.is_open for r in rows], [r.categories for r in rows]
        )
        self._shown = self._compute()
        self._positions = None

    def _source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _source_reset(self) -> None:
        self._load_rows()
        self.endResetModel()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                             roles: list[int] | None = None) -> None:
        if top_left.column() <= Column.DRAFT <= bottom_right.column():
            self._rows.forget_order(Column.DRAFT)
        if not self._shown:
            return
        if top_left.row() == bottom_right.row():
            at = self._position_of(top_left.row(), 1)
            if at < 0:
                return
            first, last = at, at
        else:
            first, last = 0, len(self._shown) - 1
        self.dataChanged.emit(self.createIndex(first, top_left.column()),
                              self.createIndex(last, bottom_right.column()), roles or [])

    # -- QAbstractProxyModel -----------------------------------------------------------

    def mapToSource(self, proxy_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not proxy_index.isValid() or self._source is None:
            return QModelIndex()
        row = proxy_index.row()
        if row >= len(self._shown):
            return QModelIndex()
        return self._source.index(self._shown[row], proxy_index.column())

    def mapFromSource(self, source_index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        at = self._position_of(source_index.row(), 1)
        return QModelIndex() if at < 0 else self.createIndex(at, source_index.column())

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._shown) and 0 <= column < COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Any = None) -> Any:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return QObject.parent(self)
        return QModelIndex()

    def sibling(self, row: int, column: int, index: QModelIndex | QPersistentModelIndex
                ) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._shown)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or self._source is None:
            return None
        row = index.row()
        if row >= len(self._shown):
            return None
        return self._source.value(self._shown[row], index.column(), role)

    def cell(self, row: int, column: int) -> tuple[str, Any, Any, Any, bool] | None:
        """The parts the list's delegate paints for one shown cell (None when out of range)."""
        if self._source is None or not 0 <= row < len(self._shown):
            return None
        return self._source.cell(self._shown[row], column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._consultations().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    # -- sorting -----------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the shown rows by the column's sort-role key (one layout change)."""
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self._relayout()

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order
