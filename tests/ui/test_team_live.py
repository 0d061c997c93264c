"""The window on a team database shows another person's work within 2 s.

One real window (as Sam) on a real team database, and Asha working through the
services on a workspace of her own, as her window would: her saves show in Sam's
list and open draft, her presence on the draft shows as "Also open: Asha Khan", what
Sam typed and has not saved is kept and merged, and a clash on the same answer is
shown in place.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from sqlalchemy import insert

from secresponder.domain.draft import DraftStatus
from secresponder.services import drafting, team_activity
from secresponder.services.team_activity import open_watcher
from secresponder.store.backends import open_workspace
from secresponder.store.sql import session, tables
from secresponder.ui.conflict_view import ConflictView
from secresponder.ui.main_window import MainWindow, create_main_window
from secresponder.ui.team_presence import TeamLive

SAM = "Sam Patel <sam@bright.example>"
ASHA = "Asha Khan <asha@bright.example>"
KEY = "mp231-consultation"


def _add_consultation(ws, now, key: str, title: str) -> int:
    with session.transaction(ws) as conn:
        return conn.execute(insert(tables.consultations).values(
            key=key, reference=key.split("-")[0].upper(), title=title, kind="general",
            closes_at=now.replace(year=now.year + 1), respond_to="sec.change@gemserv.com",
            first_seen=now, last_seen=now,
        ).returning(tables.consultations.c.id)).scalar_one()


@pytest.fixture
def asha(pg_workspace_url, now, clock):
    """Asha's own workspace connection, with a consultation whose draft she started."""
    ws = open_workspace(pg_workspace_url)
    try:
        _add_consultation(ws, now, KEY, "Firmware upgrade pathways")
        draft = replace(drafting.open_draft(ws, "MP231"), form=drafting.builtin_choice("general"))
        drafting.save(ws, draft, author=ASHA, clock=clock)
        yield ws
    finally:
        ws.close()


def _open_window(qtbot, url: str, settings_path: Path, clock) -> MainWindow:
    """A window on the team database as the app opens it, showing the MP231 draft."""
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = create_main_window(url, clock=clock, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=20_000)
    live = _live(window)
    assert live is not None and live.watch.running
    row = next(r for r in window.model.rows() if r.entry.key == KEY)
    window.open_draft(row.id)
    qtbot.waitUntil(lambda: window.drafting.editors != [], timeout=5000)
    # Typing here is saved only when the test says so.
    window.drafting.autosave._timer.setInterval(60_000)
    return window


@pytest.fixture
def team_window(qtbot, asha, pg_workspace_url, qsettings_path, clock, monkeypatch, tmp_path
                ) -> MainWindow:
    """Sam's window on the team database, showing the MP231 draft."""
    monkeypatch.setenv("SECRESPONDER_USER", SAM)
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))
    window = _open_window(qtbot, pg_workspace_url, qsettings_path, clock)
    yield window
    if window.workspace is not None:
        window.close()


def _live(window: MainWindow) -> TeamLive | None:
    found = window.findChildren(TeamLive)
    return found[0] if found else None


def _shot(widget, folder: Path, name: str) -> None:
    widget.grab().save(str(folder / f"{name}.png"))


def _consultation_id(window: MainWindow) -> int:
    return next(r.id for r in window.model.rows() if r.entry.key == KEY)


def test_a_colleagues_save_shows_in_the_open_draft_and_the_list_within_two_seconds(
        qtbot, team_window, asha, clock, tmp_path):
    window, panel = team_window, team_window.drafting
    drafting.set_answer(asha, "MP231", "1", response="Yes", rationale="Metering agrees.",
                        clock=clock, author=ASHA)
    qtbot.waitUntil(lambda: panel.editors[0].rationale.toPlainText() == "Metering agrees.",
                    timeout=2000)
    lines = _live(window).lines
    assert lines.activity.isVisible()
    assert lines.activity.text() == "Updated with Asha Khan's changes at 09:00."
    assert panel.current_draft() == panel.draft  # reading it again is no edit of Sam's
    _shot(panel, tmp_path, "team-live-updated")

    drafting.set_status(asha, "MP231", DraftStatus.IN_REVIEW, clock=clock, author=ASHA)
    cid = _consultation_id(window)
    qtbot.waitUntil(lambda: next(r for r in window.model.rows() if r.id == cid).draft_status
                    == DraftStatus.IN_REVIEW.value, timeout=2000)
    qtbot.waitUntil(lambda: panel.status.currentData() is DraftStatus.IN_REVIEW, timeout=2000)


def _put_cursor(qtbot, window: MainWindow, editor: int, text: str, at: int) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    box = window.drafting.editors[editor].rationale
    box.setFocus()
    cursor = box.textCursor()
    cursor.setPosition(at)
    box.setTextCursor(cursor)
    assert box.toPlainText() == text


def _cursor(window: MainWindow) -> tuple[int, int]:
    """(answer box, position) of the keyboard cursor in the Draft tab."""
    focused = QApplication.focusWidget()
    at = next(i for i, e in enumerate(window.drafting.editors) if e.rationale is focused)
    return at, focused.textCursor().position()


def test_the_cursor_stays_where_it_was_when_the_draft_is_read_again(qtbot, team_window, asha,
                                                                     clock):
    panel = team_window.drafting
    drafting.set_answer(asha, "MP231", "3", rationale="Costs fall on suppliers.", clock=clock,
                        author=ASHA)
    qtbot.waitUntil(lambda: panel.editors[2].rationale.toPlainText() != "", timeout=2000)
    _put_cursor(qtbot, team_window, 2, "Costs fall on suppliers.", 6)
    drafting.set_answer(asha, "MP231", "1", rationale="Metering agrees.", clock=clock,
                        author=ASHA)
    qtbot.waitUntil(lambda: panel.editors[0].rationale.toPlainText() == "Metering agrees.",
                    timeout=2000)
    assert _cursor(team_window) == (2, 6)
    # Typing there, then a save that merges Asha's next change in: still in place.
    panel.editors[2].rationale.textCursor().insertText("all ")
    drafting.set_answer(asha, "MP231", "2", rationale="Asha again.", clock=clock, author=ASHA)
    lines = _live(team_window).lines
    qtbot.waitUntil(lambda: "saving will merge" in lines.activity.text(), timeout=2000)
    panel.save_now()
    assert panel.editors[1].rationale.toPlainText() == "Asha again."
    assert panel.editors[2].rationale.toPlainText() == "Costs all fall on suppliers."
    assert _cursor(team_window) == (2, 10)


def test_two_windows_of_one_person_show_each_others_saves(qtbot, team_window, pg_workspace_url,
                                                           tmp_path, clock):
    other = _open_window(qtbot, pg_workspace_url, tmp_path / "other.ini", clock)
    try:
        other.drafting.editors[0].rationale.setPlainText("Typed on the desktop.")
        other.drafting.save_now()
        panel = team_window.drafting
        qtbot.waitUntil(lambda: panel.editors[0].rationale.toPlainText()
                        == "Typed on the desktop.", timeout=2000)
        assert _live(team_window).lines.activity.text() == (
            "Updated with your changes from another window at 09:00.")
        assert not _live(other).lines.activity.isVisible()  # its own save: no news there
    finally:
        other.close()


def test_a_consultation_added_elsewhere_shows_in_the_list(qtbot, team_window, asha, now):
    _add_consultation(asha, now, "mp240-consultation", "Added by Asha")
    qtbot.waitUntil(lambda: any(r.entry.key == "mp240-consultation"
                                for r in team_window.model.rows()), timeout=2000)


def test_who_else_has_the_draft_open(qtbot, team_window, asha, tmp_path):
    lines = _live(team_window).lines
    cid = _consultation_id(team_window)
    assert not lines.presence.isVisible()
    with open_watcher(asha, ASHA) as her_window:
        her_window.announce(cid)
        qtbot.waitUntil(lambda: lines.presence.isVisible(), timeout=2000)
        assert lines.presence.text() == "Also open: Asha Khan"
        _shot(team_window.drafting, tmp_path, "team-live-also-open")
        # Sam's window says it has the draft open too: Asha's hears it.
        end = time.monotonic() + 2.0
        while time.monotonic() < end and her_window.others_on(cid) != ["Sam Patel"]:
            her_window.poll(0.1)
        assert her_window.others_on(cid) == ["Sam Patel"]
        her_window.announce(None)
        qtbot.waitUntil(lambda: not lines.presence.isVisible(), timeout=2000)
    # Sam leaves the Draft tab: his window no longer counts as having it open.
    team_window.tabs.setCurrentWidget(team_window.detail)
    assert _live(team_window).watch.open_draft is None


def test_a_name_is_shown_as_plain_text(qtbot, team_window, asha):
    lines = _live(team_window).lines
    with open_watcher(asha, "<b>Eve</b>") as her_window:
        her_window.announce(_consultation_id(team_window))
        qtbot.waitUntil(lambda: lines.presence.isVisible(), timeout=2000)
    assert lines.presence.text() == "Also open: <b>Eve</b>"
    assert lines.presence.textFormat().name == "PlainText"


def test_unsaved_typing_is_kept_and_merged_on_save(qtbot, team_window, asha, clock,
                                                   tmp_path):
    panel = team_window.drafting
    panel.editors[0].rationale.setPlainText("Sam's view on question 1.")
    assert panel.autosave.pending
    drafting.set_answer(asha, "MP231", "2", response="No", rationale="Asha on question 2.",
                        clock=clock, author=ASHA)
    lines = _live(team_window).lines
    qtbot.waitUntil(lambda: "saving will merge" in lines.activity.text(), timeout=2000)
    assert lines.activity.text() == ("Asha Khan saved changes to this draft; saving will merge "
                                     "them with yours.")
    assert panel.editors[0].rationale.toPlainText() == "Sam's view on question 1."
    assert panel.editors[1].rationale.toPlainText() == ""
    _shot(panel, tmp_path, "team-live-merge-pending")
    panel.save_now()
    assert panel.editors[0].rationale.toPlainText() == "Sam's view on question 1."
    assert panel.editors[1].rationale.toPlainText() == "Asha on question 2."
    assert lines.activity.text() == "Saved, merged with Asha Khan's changes at 09:00."
    stored = drafting.open_draft(asha, "MP231")
    assert (stored.answers["1"].rationale, stored.answers["2"].rationale) == (
        "Sam's view on question 1.", "Asha on question 2.")


def test_both_changing_one_answer_shows_the_conflict_in_place(qtbot, team_window, asha, clock,
                                                              tmp_path):
    panel = team_window.drafting
    panel.editors[0].rationale.setPlainText("Sam: we disagree.")
    drafting.set_answer(asha, "MP231", "1", response="Yes", rationale="Asha: we agree.",
                        clock=clock, author=ASHA)
    lines = _live(team_window).lines
    qtbot.waitUntil(lambda: "saving will merge" in lines.activity.text(), timeout=2000)
    panel.save_now()
    views = [v for v in panel.findChildren(ConflictView) if v.isVisible()]
    assert len(views) == 1
    texts = {box.toPlainText() for box in views[0].findChildren(QPlainTextEdit)}
    assert any("Sam: we disagree." in text for text in texts)
    assert any("Asha: we agree." in text for text in texts)
    assert lines.activity.text() == (
        "Saved at 09:00: where you and Asha Khan changed the same answer, both texts are "
        "shown below to choose from.")
    panel.scroll.verticalScrollBar().setValue(0)
    qtbot.wait(50)
    _shot(panel, tmp_path, "team-live-conflict")


def test_own_saves_are_not_reported_as_someone_elses(qtbot, team_window):
    panel = team_window.drafting
    panel.editors[0].rationale.setPlainText("Sam alone.")
    panel.save_now()
    qtbot.wait(700)
    assert not _live(team_window).lines.activity.isVisible()


def test_a_dropped_link_is_said_in_the_status_bar_and_reopened(qtbot, team_window, asha, now,
                                                               pg_server, monkeypatch):
    monkeypatch.setattr(team_activity, "RETRY_FIRST_S", 0.2)
    window = team_window
    watcher = _live(window).watch.watcher
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (watcher._feed.own_pid,))
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith("Lost the link"), timeout=2000)
    assert "\n" not in bar.currentMessage()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith(
        "Connected to the team database again"), timeout=3000)
    # Listening again: a consultation added now shows, and the sentence stays.
    _add_consultation(asha, now, "mp241-consultation", "Added after the drop")
    qtbot.waitUntil(lambda: any(r.entry.key == "mp241-consultation"
                                for r in window.model.rows()), timeout=2000)
    assert bar.currentMessage().startswith("Connected to the team database again")


def test_closing_the_window_stops_listening(qtbot, team_window):
    live = _live(team_window)
    team_window.close()
    assert not live.watch.running
    assert not any(t.name == "team-watch" and t.is_alive() for t in threading.enumerate())


def test_a_folder_window_does_not_listen(window):
    assert _live(window) is None
