"""The list's order: the most urgent first under a truthful arrow; order and filters are kept
in the workspace, so two workspaces keep their own."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings, Qt

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.ui.catalogue_model import Column
from secresponder.ui.main_window import create_main_window
from tests.ui.conftest import visible_rows

# Between two closing dates of the bundled list, so that some are open and some closed.
MID_2022 = fixed_clock(datetime(2022, 9, 1, 9, 0, tzinfo=LONDON))


def test_open_soonest_first_then_closed_most_recent_first(make_window):
    window = make_window(clock_=MID_2022)
    window.list.open_only.setChecked(False)
    rows = visible_rows(window)
    now = window.model.now
    opened = [r for r in rows if r.is_open]
    closed = [r for r in rows if not r.is_open]
    assert opened and closed
    assert rows == opened + closed  # every open one above every closed one
    assert [r.consultation.closes_at for r in opened] == sorted(
        r.consultation.closes_at for r in opened)
    assert [r.consultation.closes_at for r in closed] == sorted(
        (r.consultation.closes_at for r in closed), reverse=True)
    assert all(r.consultation.closes_at > now for r in opened)
    header = window.list.table.horizontalHeader()
    # The arrow says what the order is: least "Time left" first.
    assert header.sortIndicatorSection() == Column.TIME_LEFT
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert header.isSortIndicatorShown()


def test_closing_date_orders_by_the_date_both_ways(make_window):
    window = make_window(clock_=MID_2022)
    window.list.open_only.setChecked(False)
    window.list.table.sortByColumn(Column.CLOSES, Qt.SortOrder.DescendingOrder)
    dates = [r.consultation.closes_at for r in visible_rows(window)]
    assert dates == sorted(dates, reverse=True)


def test_order_and_filters_are_kept_per_workspace(make_window, tmp_path, clock, qtbot):
    window = make_window()
    window.list.open_only.setChecked(False)
    window.list.table.sortByColumn(Column.REFERENCE, Qt.SortOrder.DescendingOrder)
    window.close()
    again = make_window()
    assert not again.list.open_only.isChecked()
    header = again.list.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        Column.REFERENCE, Qt.SortOrder.DescendingOrder)
    references = [r.consultation.reference or "" for r in visible_rows(again)]
    assert references == sorted(references, reverse=True)
    # Another workspace, same machine settings: its own (default) view.
    other = create_main_window(tmp_path / "other", clock=clock,
                               settings=QSettings(str(tmp_path / "window.ini"),
                                                  QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    other.show()
    qtbot.waitUntil(lambda: other.loaded, timeout=20_000)
    assert other.list.open_only.isChecked()
    assert other.list.table.horizontalHeader().sortIndicatorSection() == Column.TIME_LEFT
    other.close()
