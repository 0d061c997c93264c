"""The consultation list: loading the seeded workspace, sorting, filtering, urgency."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.parties import PartyCategory
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.profile import update_profile
from secresponder.ui.catalogue_model import SORT_ROLE, Column
from tests.ui.conftest import select, visible_rows


def test_seeded_list_shows_open_consultations_first(window, now):
    rows = window.model.rows()
    assert len(rows) >= 10
    assert window.list.open_only.isChecked()  # the default
    shown = visible_rows(window)
    assert [r.consultation.reference for r in shown] == ["MP231"]
    assert all(r.consultation.closes_at > now for r in shown)
    window.list.open_only.setChecked(False)
    assert window.list.proxy.rowCount() == len(rows)
    assert window.list.count.text() == f"{len(rows)} of {len(rows)} shown"


def test_sorting_by_closing_date_uses_real_datetimes(window, qtbot):
    window.list.open_only.setChecked(False)
    window.list.table.sortByColumn(Column.CLOSES, Qt.SortOrder.AscendingOrder)
    proxy = window.list.proxy
    keys = [proxy.index(r, Column.CLOSES).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert all(isinstance(k, datetime) for k in keys)
    assert keys == sorted(keys)
    # Text order would put "12 May 2023" before "3 Aug 2020"; time order must not.
    texts = [proxy.index(r, Column.CLOSES).data() for r in range(proxy.rowCount())]
    assert texts[-1].startswith("12 May 2023")
    window.list.table.sortByColumn(Column.REFERENCE, Qt.SortOrder.DescendingOrder)
    refs = [proxy.index(r, Column.REFERENCE).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert refs == sorted(refs, reverse=True)


def test_search_filters_reference_title_and_summary_as_you_type(window, qtbot):
    window.list.open_only.setChecked(False)
    qtbot.keyClicks(window.list.search, "firmware")
    shown = visible_rows(window)
    expected = [
        r for r in window.model.rows()
        if "firmware" in f"{r.consultation.reference} {r.consultation.title} "
                         f"{r.consultation.summary}".lower()
    ]
    assert {r.id for r in shown} == {r.id for r in expected}
    assert {"MP231", None} <= {r.consultation.reference for r in shown}  # SMETS2 has no ref
    window.list.search.clear()
    qtbot.keyClicks(window.list.search, "mp116")
    assert [r.consultation.reference for r in visible_rows(window)] == ["MP116"]
    window.list.search.setText("FORECASTING   service")  # every word, any case, any order
    shown = {r.consultation.reference for r in visible_rows(window)}
    assert "MP116" in shown
    for row in window.model.rows():
        c = row.consultation
        text = f"{c.reference} {c.title} {c.summary}".lower()
        assert (row.consultation.reference in shown) == (
            "forecasting" in text and "service" in text
        )
    window.list.search.setText("no such words anywhere")
    assert window.list.proxy.rowCount() == 0


def test_relevant_to_my_party_category(workspace_root, make_window, clock):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        update_profile(ws, organisation="Northern Gas", party_category=PartyCategory.GAS_NETWORK)
    window = make_window()
    window.list.open_only.setChecked(False)
    assert window.list.relevant.isEnabled()
    window.list.relevant.setChecked(True)
    shown = visible_rows(window)
    assert shown
    assert all(PartyCategory.GAS_NETWORK in r.consultation.party_categories for r in shown)
    hidden = [r for r in window.model.rows() if r.id not in {s.id for s in shown}]
    assert hidden
    assert all(PartyCategory.GAS_NETWORK not in r.consultation.party_categories for r in hidden)


def test_relevant_toggle_is_disabled_without_a_profile(window):
    assert not window.list.relevant.isEnabled()
    assert "Preferences" in window.list.relevant.toolTip()


def test_urgency_reads_without_colour(make_window):
    # 8 May 2023: MP231 closes in four days.
    window = make_window(clock_=fixed_clock(datetime(2023, 5, 8, 9, 0, tzinfo=LONDON)))
    row = window.model.find(next(r.id for r in window.model.rows()
                                 if r.consultation.reference == "MP231"))
    left = window.model.index(row, Column.TIME_LEFT)
    assert left.data().startswith("Closing soon: 4 days")
    assert isinstance(left.data(Qt.ItemDataRole.BackgroundRole), QColor)
    assert left.data(Qt.ItemDataRole.DecorationRole) is not None
    closed = window.model.index(window.model.find(next(
        r.id for r in window.model.rows() if r.consultation.reference == "MP116")),
        Column.TIME_LEFT)
    assert closed.data().startswith("closed")
    assert closed.data(Qt.ItemDataRole.BackgroundRole) is None


def test_urgency_colours_keep_contrast_on_a_dark_palette(qapp):
    from PySide6.QtGui import QPalette

    from secresponder.ui.urgency_colours import urgency_backgrounds

    for base, text in ((QColor(250, 250, 250), QColor(0, 0, 0)),
                       (QColor(30, 30, 30), QColor(235, 235, 235))):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, base)
        palette.setColor(QPalette.ColorRole.Text, text)
        for urgency, colour in urgency_backgrounds(palette).items():
            assert colour != base, urgency
            # The tinted background stays on the same side of mid-grey as the base,
            # so the palette's own text colour keeps its contrast.
            assert (colour.lightnessF() < 0.5) == (base.lightnessF() < 0.5)
            assert abs(colour.lightnessF() - text.lightnessF()) > 0.4


def test_no_matches_note_names_the_search_and_clears_it(window, qtbot):
    window.list.open_only.setChecked(False)
    qtbot.keyClicks(window.list.search, "zebra crossing")
    assert window.list.proxy.rowCount() == 0
    assert window.list.showing_no_matches()
    assert window.list.no_matches.message.text() == "No consultations match “zebra crossing”."
    window.list.open_only.setChecked(True)
    assert window.list.no_matches.message.text() == (
        "No consultations match “zebra crossing” among the open ones.")
    qtbot.mouseClick(window.list.no_matches.clear_button, Qt.MouseButton.LeftButton)
    assert window.list.search.text() == ""
    assert not window.list.open_only.isChecked()
    assert not window.list.showing_no_matches()
    assert window.list.stack.currentWidget() is window.list.table
    assert window.list.proxy.rowCount() == window.model.rowCount()


def test_selection_survives_typing_while_its_row_stays_shown(window, qtbot):
    select(window, "MP231")
    chosen = window.list.current_id()
    qtbot.keyClicks(window.list.search, "firmware")
    assert window.list.current_id() == chosen
    assert [r.id for r in window.list.selected_rows()] == [chosen]
    qtbot.keyClicks(window.list.search, " interoperability")  # MP231's text lacks it
    assert chosen not in {r.id for r in visible_rows(window)}
    assert window.list.current_id() != chosen
    window.list.search.clear()
    assert window.list.proxy.rowCount() == window.model.rowCount()


def test_sorting_while_searching_keeps_the_filter(window, qtbot):
    window.list.open_only.setChecked(False)
    qtbot.keyClicks(window.list.search, "firmware")
    matching = {r.id for r in visible_rows(window)}
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        window.list.table.sortByColumn(Column.CLOSES, order)
        shown = visible_rows(window)
        assert {r.id for r in shown} == matching
        keys = [r.consultation.closes_at for r in shown]
        assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
    window.list.table.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    titles = [r.consultation.title.casefold() for r in visible_rows(window)]
    assert titles == sorted(titles)


def test_a_palette_switch_repaints_urgency_colours(make_window, qapp, qtbot):
    from PySide6.QtGui import QPalette

    window = make_window(clock_=fixed_clock(datetime(2023, 5, 8, 9, 0, tzinfo=LONDON)))
    row = window.model.find(next(r.id for r in window.model.rows()
                                 if r.consultation.reference == "MP231"))
    index = window.model.index(row, Column.TIME_LEFT)
    light = index.data(Qt.ItemDataRole.BackgroundRole)
    original = qapp.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.Text, QColor(235, 235, 235))
    changed = []
    window.list.proxy.dataChanged.connect(lambda *_: changed.append(1))
    try:
        qapp.setPalette(dark)
        qtbot.waitUntil(lambda: bool(changed))
        shaded = index.data(Qt.ItemDataRole.BackgroundRole)
        assert shaded != light
        assert shaded.lightnessF() < 0.5 < light.lightnessF()
    finally:
        qapp.setPalette(original)
    qtbot.waitUntil(lambda: index.data(Qt.ItemDataRole.BackgroundRole) == light)


def test_list_cells_are_painted_with_their_urgency_background(make_window, qtbot):
    window = make_window(clock_=fixed_clock(datetime(2023, 5, 8, 9, 0, tzinfo=LONDON)))
    table = window.list.table
    proxy = window.list.proxy
    index = proxy.index(0, Column.DRAFT)  # open only: MP231, closing soon
    assert proxy.data(proxy.index(0, Column.REFERENCE)) == "MP231"
    table.clearSelection()
    rect = table.visualRect(index)
    image = table.viewport().grab().toImage()
    expected = proxy.data(index, Qt.ItemDataRole.BackgroundRole)
    # A point in the cell past its short text: background only.
    colour = image.pixelColor(rect.right() - 3, rect.center().y())
    assert colour.rgb() == expected.rgb()
    text_colours = {image.pixelColor(x, rect.center().y()).rgb()
                    for x in range(rect.left() + 4, rect.left() + 40)}
    assert len(text_colours) > 1  # the text "Not started" is drawn over it


def test_the_closing_date_column_widens_only_for_a_time_and_fits_it(window):
    from PySide6.QtGui import QFont, QFontMetrics

    from secresponder.ui.catalogue_rows import build_rows
    from secresponder.ui.column_widths import ColumnWidths

    widths = ColumnWidths(window.list.table)
    model = window.model
    rows = model.rows()
    assert all((r.consultation.closes_at.astimezone(LONDON).hour,
                r.consultation.closes_at.astimezone(LONDON).minute) == (17, 0) for r in rows)
    dated = widths.closes(model)
    entries = [r.entry for r in rows]
    noon = entries[0]._replace(closes_at=datetime(2022, 1, 27, 12, 30, tzinfo=LONDON))
    now = window.clock()
    model.set_rows(build_rows([noon, *entries[1:]], now), now)
    text = model.value(0, Column.CLOSES, 0)
    assert text == "27 Jan 2022, 12:30"
    bold = QFont(window.list.table.font())
    bold.setBold(True)
    timed = widths.closes(model)
    assert timed > dated
    assert timed >= QFontMetrics(bold).horizontalAdvance(text) + widths.cell_padding
