"""The keyboard: Ctrl+F and Enter open a draft, Tab leaves the list and the answer boxes, F6
moves between panes, Ctrl+Down/Up between questions, Esc clears the search, undo goes by
words, and the Edit menu offers Undo, Redo, Cut, Copy and Paste."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import select
from tests.ui.test_drafting import start_draft


def focused():
    return QApplication.focusWidget()


def activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def test_enter_in_the_search_box_opens_the_first_match_with_the_cursor_in_its_answer(
    window, qtbot
):
    start_draft(window, qtbot, "MP231")  # a draft with questions to land in
    window.tabs.setCurrentWidget(window.detail)
    select(window, "MP216")
    activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.list.search
    qtbot.keyClicks(window.list.search, "firmware")
    qtbot.keyClick(window.list.search, Qt.Key.Key_Return)
    assert window.detail.heading.text() == "Firmware upgrade pathways"
    assert window.tabs.currentWidget() is window.drafting
    assert focused() is window.drafting.editors[0].rationale
    # Escape in the search box empties it.
    window.list.search.setFocus()
    qtbot.keyClick(window.list.search, Qt.Key.Key_Escape)
    assert window.list.search.text() == ""


def test_enter_and_double_click_on_a_row_open_its_draft(window, qtbot):
    activate(window, qtbot)
    select(window, "MP231")
    window.list.table.setFocus()
    qtbot.keyClick(window.list.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.drafting
    assert window.drafting.heading.text().startswith("MP231")
    # Without a form yet, the focus lands on choosing one.
    assert focused() is window.drafting.browse_button
    window.tabs.setCurrentWidget(window.detail)
    index = window.list.table.currentIndex()
    window.list.table.doubleClicked.emit(index)
    assert window.tabs.currentWidget() is window.drafting


def test_tab_leaves_the_list(window, qtbot):
    activate(window, qtbot)
    select(window, "MP231")
    table = window.list.table
    table.setFocus()
    row = table.currentIndex().row()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert focused() is not table
    assert table.currentIndex().row() == row


def test_f6_moves_between_list_details_and_draft(window, qtbot):
    activate(window, qtbot)
    select(window, "MP231")
    window.list.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert window.tabs.currentWidget() is window.detail
    assert focused() is window.detail
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert window.tabs.currentWidget() is window.drafting
    assert window.drafting.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.list.table
    qtbot.keyClick(focused(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.drafting.isAncestorOf(focused())


def test_answers_tab_out_move_by_ctrl_arrows_and_undo_by_words(window, qtbot):
    panel = start_draft(window, qtbot)
    activate(window, qtbot)
    first, second = panel.editors[0].rationale, panel.editors[1].rationale
    window.open_draft(window.list.current_id())
    assert focused() is first
    qtbot.keyClicks(first, "We support this, strongly.")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert "\t" not in first.toPlainText()
    assert focused() is not first
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert focused() is second
    qtbot.keyClick(second, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert focused() is first
    qtbot.keyClick(first, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert first.toPlainText() == "We support this, "
    undo = window.edit_actions["undo"]
    undo.trigger()
    assert first.toPlainText() == "We support "
    window.edit_actions["redo"].trigger()
    assert first.toPlainText() == "We support this, "


def test_the_edit_menu_cuts_copies_and_pastes_in_the_focused_box(window, qtbot):
    panel = start_draft(window, qtbot)
    activate(window, qtbot)
    box = panel.editors[0].rationale
    box.setFocus()
    qtbot.keyClicks(box, "Copy me")
    box.selectAll()
    window.edit_menu.aboutToShow.emit()
    assert window.edit_actions["copy"].isEnabled() and window.edit_actions["cut"].isEnabled()
    window.edit_actions["cut"].trigger()
    window.edit_menu.aboutToHide.emit()
    assert box.toPlainText() == ""
    window.edit_actions["paste"].trigger()
    window.edit_actions["paste"].trigger()
    assert box.toPlainText() == "Copy meCopy me"
    assert [a.text().replace("&", "") for a in window.edit_menu.actions()[:5]] == [
        "Undo", "Redo", "Cut", "Copy", "Paste"]
