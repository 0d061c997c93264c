"""The detail pane (plain text only) and the empty state with no open consultations."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from tests.ui.conftest import select


def test_detail_pane_shows_how_to_respond_and_documents(window, qtbot):
    select(window, "MP231")
    detail = window.detail
    assert detail.heading.text() == "Firmware upgrade pathways"
    assert detail.summary.isReadOnly()
    assert detail.summary.toPlainText().startswith("Certain Device models")
    assert detail.address.text() == "sec.change@gemserv.com"
    assert detail.deadline.text() == "5pm, Friday 12 May 2023 (UK time)"
    assert detail.countdown.text() == "11 days 8 hours left (Open)"
    assert "Other SEC Parties (MAPs and Device Manufacturers)" in detail.audience.text()
    assert "Other SEC Party" in detail.categories.text()
    texts = [w.text() for w in detail.documents_box.findChildren(QLabel)]
    assert "consultation document" in texts
    assert any(t.startswith("link not known") for t in texts)
    # Nothing from a page is ever interpreted as rich text.
    for label in detail.findChildren(QLabel):
        if label.buddy() is None and label.parent() is not None and label.text():
            assert label.textFormat() in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText)
    for label in (detail.heading, detail.audience, detail.address, detail.history):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_subject_line_and_history_of_an_implemented_modification(window):
    select(window, "MP104")
    assert window.detail.subject.text() == "MP104 Modification consultation response"
    select(window, "MP116")
    history = window.detail.history.text()
    assert "Implemented in SEC v57.0 on 24 February 2022." in history
    assert window.detail.countdown.text().startswith("closed")


def test_markup_in_a_page_is_shown_as_text(window, tmp_path, qtbot):
    page = tmp_path / "consultations.txt"
    page.write_text(
        "MP300 ‘<b>Bold</b> &amp; <a href=\"x\">link</a>’ (Closing Date: 30 June 2023)\n\n"
        "MP300 ‘<b>Bold</b> &amp; <a href=\"x\">link</a>’\n\n"
        "<script>alert(1)</script> A summary with <i>tags</i>.\n\n"
        "Who should respond?\n\n  • Suppliers.\n\nHow to respond\n\n"
        "Please use the response template and contact sec.change@gemserv.com "
        "by 5pm on 30 June 2023.\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.import_done, timeout=20_000):
        window.start_import([str(page)], "Importing pages")
    select(window, "MP300")
    assert "<b>Bold</b>" in window.detail.heading.text()
    assert window.detail.heading.textFormat() == Qt.TextFormat.PlainText
    assert "<i>tags</i>" in window.detail.summary.toPlainText()


def test_empty_state_lists_recent_consultations_and_offers_refresh(make_window, qtbot):
    window = make_window(clock_=fixed_clock(datetime(2024, 3, 1, 12, 0, tzinfo=LONDON)))
    assert window.list.showing_empty_state()
    empty = window.list.empty
    # The bundled copy is old: nothing claims that no consultation is open on the website.
    assert empty.message.text().startswith(
        "None of the consultations from the bundled copy of May 2023 is still open")
    recent = [empty.recent.item(i).text() for i in range(empty.recent.count())]
    assert len(recent) == 5
    assert recent[0].startswith("MP231 Firmware upgrade pathways")
    calls = []
    window.list.refresh_requested.disconnect()
    window.list.refresh_requested.connect(lambda: calls.append("refresh"))
    qtbot.mouseClick(empty.refresh_button, Qt.MouseButton.LeftButton)
    assert calls == ["refresh"]
    # Choosing a recent one shows the whole list with it selected.
    empty.recent.itemClicked.emit(empty.recent.item(0))
    assert not window.list.showing_empty_state()
    assert window.detail.heading.text() == "Firmware upgrade pathways"


def test_not_empty_when_something_is_open(window):
    assert not window.list.showing_empty_state()


def test_search_everything_result_selects_the_consultation(window, qtbot):
    window.search.consultationActivated.emit("mp116-consultation")
    assert window.detail.heading.text() == "Service Request Forecasting"
    assert window.tabs.currentWidget() is window.detail
    assert window.documents.key == "mp116-consultation"


def test_tabs_hold_their_panels_once_the_window_is_up(window):
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Details", "Draft", "Documents", "Search everything"]
    assert [tabs.widget(i) for i in range(tabs.count())] == [
        window.detail, window.drafting, window.documents, window.search]
    assert tabs.currentWidget() is window.detail
    assert window.drafting.workspace is window.workspace is not None


def test_details_list_the_attached_documents(window, qtbot, tmp_path):
    from tests.ui.conftest import select

    select(window, "MP231")
    page = tmp_path / "MP231 notes.txt"
    page.write_text("Firmware sequencing", encoding="utf-8")
    from secresponder.ui.documents_panel import AttachSource

    with qtbot.waitSignal(window.documents.documentsChanged, timeout=10_000):
        window.documents.attach([AttachSource(str(page))])
    box = window.detail.documents_box
    labels = [w.text() for w in box.findChildren(type(window.detail.heading))]
    assert "Attached for offline reading (Documents tab): MP231 notes.txt" in labels
