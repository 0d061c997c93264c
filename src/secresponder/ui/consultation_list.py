"""The consultation list panel: search box, "Open only" and "Relevant" toggles, the table,
the empty state shown when no consultation is open, and the note shown when the
filters match nothing."""

from __future__ import annotations

import heapq
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.parties import PartyCategory
from secresponder.services.view_state import ListView
from secresponder.ui.catalogue_filter import ConsultationFilterProxy
from secresponder.ui.catalogue_model import Column, ConsultationTableModel, Row, short_date
from secresponder.ui.column_widths import ColumnWidths
from secresponder.ui.list_delegate import ConsultationDelegate

RECENT_COUNT = 5


class EmptyState(QWidget):
    """No open consultations: say so, list the most recent ones, offer Refresh."""

    refresh_requested = Signal()
    recent_chosen = Signal(int)
    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.message.setFont(font)
        # Until the window knows where the list comes from, claim nothing about the website.
        self.message.setText("None of the consultations in the list is still open.")
        self.hint = QLabel(
            "Refresh to check the SEC website for new ones, or read one of the most recent:"
        )
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Most recent consultations")
        # Long titles wrap within the panel rather than running off its edge.
        self.recent.setWordWrap(True)
        self.recent.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.itemActivated.connect(self._chosen)
        self.recent.itemClicked.connect(self._chosen)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton("Refresh from the SEC website")
        self.refresh_button.setAccessibleName("Refresh from the SEC website")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.show_all_button = QPushButton("Show all consultations")
        self.show_all_button.clicked.connect(self.show_all_requested)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.show_all_button)
        buttons.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        layout.addWidget(self.recent, 1)
        layout.addLayout(buttons)

    def set_recent(self, model: ConsultationTableModel) -> None:
        rows = heapq.nlargest(RECENT_COUNT, model.rows(), key=lambda r: r.closes_ts)
        self.recent.clear()
        for row in rows:
            c = row.consultation
            label = " ".join(p for p in (c.reference, c.title) if p)
            item = QListWidgetItem(f"{label} — closed {short_date(c.closes_at)}")
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.recent.addItem(item)

    def set_message(self, text: str) -> None:
        """Say what "nothing open" means for this list (see ``services.freshness``)."""
        self.message.setText(text)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))


class NoMatches(QWidget):
    """The filters hide every consultation: say what was searched and offer to clear it."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message.setAccessibleName("No consultations match")
        self.clear_button = QPushButton("Clear the search and filters")
        self.clear_button.clicked.connect(self.clear_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def describe(self, words: list[str], open_only: bool, relevant: bool) -> None:
        limits = [text for on, text in ((open_only, "open"), (relevant, "relevant to you"))
                  if on]
        among = f" among the {' and '.join(limits)} ones" if limits else ""
        if words:
            searched = " ".join(words)
            self.message.setText(f"No consultations match “{searched}”{among}.")
        else:
            self.message.setText(f"No consultations are shown{among}.")


class ConsultationList(QWidget):
    """Emits ``current_changed(id or -1)`` when the selected consultation changes."""

    current_changed = Signal(int)
    refresh_requested = Signal()
    # Enter or a double-click on a row, or Enter in the search box: open this one's draft.
    open_requested = Signal(int)

    def __init__(self, model: ConsultationTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ConsultationFilterProxy(self)
        self.proxy.setSourceModel(model)
        self._relevant_to: PartyCategory | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search reference, title and summary")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search consultations")
        self.search.textChanged.connect(self.proxy.set_query)
        self.search.returnPressed.connect(self._open_first_match)
        self.search.installEventFilter(self)
        self.open_only = QCheckBox("Open only")
        self.open_only.setAccessibleName("Show open consultations only")
        self.open_only.toggled.connect(self._open_only_toggled)
        self.relevant = QCheckBox("Relevant to my Party Category")
        self.relevant.setAccessibleName("Show consultations relevant to my Party Category only")
        self.relevant.toggled.connect(self._apply_relevant)

        self.table = QTableView()
        self.table.setAccessibleName("Consultations")
        self.table.setModel(self.proxy)
        self.delegate = ConsultationDelegate(self.proxy, self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        # Tab and Shift+Tab leave the list (the arrow keys move within it).
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(lambda _index: self._open_current())
        self.table.installEventFilter(self)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.KIND, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.widths = ColumnWidths(self.table)
        for column, width in self.widths.fixed().items():
            header.resizeSection(column, width)
        self._kind_resized_by_user = False
        self._sizing_kind = False
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        # The most urgent first: least time left (open, soonest closing), then the closed ones
        # most recently closed first, under an ascending arrow on "Time left".
        header.setSortIndicator(Column.TIME_LEFT, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self.empty = EmptyState()
        self.empty.refresh_requested.connect(self.refresh_requested)
        self.empty.recent_chosen.connect(self._recent_chosen)
        self.empty.show_all_requested.connect(lambda: self.open_only.setChecked(False))
        self.no_matches = NoMatches()
        self.no_matches.clear_requested.connect(self.clear_filters)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_matches)

        toggles = QHBoxLayout()
        toggles.addWidget(self.open_only)
        toggles.addWidget(self.relevant)
        toggles.addStretch(1)
        self.count = QLabel()
        self.count.setAccessibleName("Number of consultations shown")
        toggles.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(toggles)
        layout.addWidget(self.stack, 1)

        self._any_open = False
        model.modelReset.connect(self._model_reset)
        # The proxy reports every filter or sort change as one layout change.
        self.proxy.layoutChanged.connect(self._update_state)
        self._update_state()

    # -- filters -----------------------------------------------------------------------

    def party_category(self) -> PartyCategory | None:
        return self._relevant_to

    def set_party_category(self, category: PartyCategory | None) -> None:
        self._relevant_to = category
        self.relevant.setEnabled(category is not None)
        self.relevant.setToolTip(
            f"Your Party profile says: {category.value}" if category
            else "Set your Party Category in Preferences to use this filter."
        )
        self._apply_relevant()

    def _apply_relevant(self, *_args) -> None:
        if self.relevant.isChecked() and self._relevant_to is not None:
            self.proxy.set_relevant_categories({self._relevant_to})
        else:
            self.proxy.set_relevant_categories(None)

    def _open_only_toggled(self, on: bool) -> None:
        self.proxy.set_open_only(on)
        self._update_state()

    def view(self) -> ListView:
        """The order and filters as shown, to keep in the workspace."""
        header = self.table.horizontalHeader()
        return ListView(
            sort_column=Column(header.sortIndicatorSection()).name.lower(),
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            open_only=self.open_only.isChecked(),
            relevant=self.relevant.isChecked(),
        )

    def apply_view(self, view: ListView) -> None:
        """Show the list ordered and filtered as it was left."""
        self.open_only.setChecked(view.open_only)
        self.relevant.setChecked(view.relevant)
        column = Column[view.sort_column.upper()]
        order = Qt.SortOrder.DescendingOrder if view.descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)

    def clear_filters(self) -> None:
        """Show every consultation: empty the search box and untick both toggles."""
        self.search.clear()
        self.open_only.setChecked(False)
        self.relevant.setChecked(False)

    # -- selection ---------------------------------------------------------------------

    def current_id(self) -> int:
        index = self.table.currentIndex()
        if not index.isValid():
            return -1
        return self.model.row_at(self.proxy.mapToSource(index).row()).id

    def selected_rows(self) -> list[Row]:
        """The selected consultations in list order (for packs)."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.row_at(self.proxy.mapToSource(i).row()) for i in rows]

    def select_id(self, consultation_id: int) -> bool:
        row = self.model.find(consultation_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.current_id() if current.isValid() else -1)

    def _recent_chosen(self, consultation_id: int) -> None:
        self.open_only.setChecked(False)
        self.select_id(consultation_id)

    # -- state -------------------------------------------------------------------------

    def _model_reset(self) -> None:
        self._any_open = any(row.is_open for row in self.model.rows())
        self._set_width(Column.TIME_LEFT, self.widths.time_left(self.model))
        self._set_width(Column.CLOSES, self.widths.closes(self.model))
        self._fit_kind()
        self._update_state()

    # -- column widths -----------------------------------------------------------------

    def _set_width(self, column: Column, width: int) -> None:
        self._sizing_kind = True
        try:
            self.table.horizontalHeader().resizeSection(column, width)
        finally:
            self._sizing_kind = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == Column.KIND and not self._sizing_kind:
            self._kind_resized_by_user = True  # keep the user's width from now on

    def _fit_kind(self) -> None:
        """Fit the columns to the list's width; Title gives way first.

        With room, Kind takes its usual width and Title the rest. Narrower, Title shrinks to a
        readable width while Kind shrinks to its heading; narrower still, Kind is hidden and
        Title shrinks to its floor; only below that does the list scroll sideways, so the
        reference, dates, time left and draft status always show in full.
        """
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in Column if c not in (Column.TITLE, Column.KIND))
        spare = self.table.viewport().width() - others
        widths = self.widths
        hide_kind = spare < widths.title_minimum() + widths.kind_minimum()
        if header.isSectionHidden(Column.KIND) != hide_kind:
            header.setSectionHidden(Column.KIND, hide_kind)
        if not hide_kind and not self._kind_resized_by_user:
            # Title stays the widest column while there is room for that.
            widest = max(header.sectionSize(c) for c in Column
                         if c not in (Column.TITLE, Column.KIND))
            title = max(widths.title_minimum(), widest + 1)
            kind = max(widths.kind_minimum(), min(widths.kind_preferred(), spare - title))
            if header.sectionSize(Column.KIND) != kind:
                self._set_width(Column.KIND, kind)
        kind_width = 0 if hide_kind else header.sectionSize(Column.KIND)
        squeezed = spare - kind_width < widths.title_floor()
        mode = QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(Column.TITLE) != mode:
            header.setSectionResizeMode(Column.TITLE, mode)
        if squeezed and header.sectionSize(Column.TITLE) != widths.title_floor():
            header.resizeSection(Column.TITLE, widths.title_floor())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_kind()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_current()
                return True
            if watched is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    # -- opening a draft from the keyboard ---------------------------------------------

    def _open_current(self) -> None:
        current = self.current_id()
        if current >= 0:
            self.open_requested.emit(current)

    def _open_first_match(self) -> None:
        """Enter in the search box: the first consultation shown."""
        if self.stack.currentWidget() is not self.table or self.proxy.rowCount() == 0:
            return
        first = self.proxy.index(0, 0)
        self.table.selectionModel().setCurrentIndex(
            first,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._open_current()

    def no_open_consultations(self) -> bool:
        return not self._any_open

    def showing_table(self) -> bool:
        return self.stack.currentWidget() is self.table

    def showing_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def showing_no_matches(self) -> bool:
        return self.stack.currentWidget() is self.no_matches

    def _update_state(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        empty = self.open_only.isChecked() and self.no_open_consultations()
        page: QWidget = self.table
        if empty and not self.proxy.query:
            self.empty.set_recent(self.model)
            page = self.empty
        elif shown == 0 and total > 0:
            self.no_matches.describe(self.proxy.query, self.open_only.isChecked(),
                                     self.relevant.isChecked() and self.relevant.isEnabled())
            page = self.no_matches
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        self.count.setText(f"{shown} of {total} shown")

    def changeEvent(self, event: QEvent) -> None:
        # A light/dark switch changes the palette: recompute the urgency colours.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.model.refresh_palette()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.delegate.reset_fonts()
            if hasattr(self, "_sizing_kind"):  # built: measure the columns in the new font
                self._remeasure()
        super().changeEvent(event)

    def _remeasure(self) -> None:
        self.widths = ColumnWidths(self.table)
        for column, width in self.widths.fixed().items():
            if column != Column.KIND:
                self._set_width(column, width)
        self._set_width(Column.TIME_LEFT, self.widths.time_left(self.model))
        self._set_width(Column.CLOSES, self.widths.closes(self.model))
        self._fit_kind()

    def now(self) -> datetime:
        return self.model.now
