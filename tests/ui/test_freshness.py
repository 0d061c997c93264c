"""The window says where the list comes from and when; a failed refresh claims nothing;
the refresh at start is quiet when the site cannot be reached."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.freshness import set_refresh_at_start
from secresponder.services.preferences import Preferences, save_preferences
from tests.ui.test_refresh import site  # noqa: F401  (the local web server fixture)

LATER = datetime(2024, 3, 1, 12, 0, tzinfo=LONDON)


@pytest.fixture
def no_dialogs(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(str(a[2])))
    return shown


def set_pages(workspace_root, clock, urls, *, at_start: bool = True) -> None:
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        save_preferences(ws, Preferences(page_urls=tuple(urls)))
        set_refresh_at_start(ws, at_start)


def test_the_status_bar_names_the_bundled_copy(window):
    assert window.freshness_label.text() == (
        "List from the bundled copy of May 2023: Refresh to update")
    assert window.freshness_label.isVisible()
    assert window.freshness_label.font().bold()


def test_an_old_list_with_nothing_open_does_not_claim_nothing_is_open(make_window):
    window = make_window(clock_=fixed_clock(LATER))
    assert window.list.showing_empty_state()
    text = window.list.empty.message.text()
    assert "right now" not in text
    assert text == ("None of the consultations from the bundled copy of May 2023 is still open, "
                    "but the list may be out of date: newer ones may be open.")


def test_a_refresh_names_the_site_and_time_then_ages(site, workspace_root, clock, make_window,  # noqa: F811
                                                     qtbot, now):
    set_pages(workspace_root, clock, [f"{site}/consultations.txt", f"{site}/releases.txt"])
    window = make_window()
    with qtbot.waitSignal(window.import_done, timeout=30_000):
        window.refresh_action.trigger()
    assert window.freshness_label.text() == "List from 127.0.0.1, 1 May 2023 09:00"
    assert not window.freshness_label.font().bold()
    window.close()
    older = make_window(clock_=fixed_clock(now + timedelta(days=9)))
    assert older.freshness_label.text() == (
        "List from 127.0.0.1, 1 May 2023 09:00, over a week ago: Refresh to update")


def test_a_failed_refresh_is_said_and_the_empty_state_stays_truthful(
    site, workspace_root, make_window, qtbot, no_dialogs  # noqa: F811
):
    later = fixed_clock(LATER)
    set_pages(workspace_root, later, [f"{site}/gone.html"])
    window = make_window(clock_=later)
    with qtbot.waitSignal(window.import_done, timeout=30_000):
        window.refresh_action.trigger()
    assert no_dialogs and "gone.html" in no_dialogs[0]  # asked for: said out loud
    assert "the last refresh failed" in window.freshness_label.text()
    message = window.list.empty.message.text()
    assert message.startswith("The refresh failed: ")
    assert "gone.html" in message
    assert "newer ones may be" in message
    # Remembered: a new window on the workspace says so too.
    window.close()
    again = make_window(clock_=later)
    assert "the last refresh failed" in again.freshness_label.text()


def test_the_refresh_at_start_reads_the_pages(site, workspace_root, clock, make_window,  # noqa: F811
                                              qtbot):
    set_pages(workspace_root, clock, [f"{site}/consultations.txt"])
    window = make_window(start_refresh=True)
    qtbot.waitUntil(lambda: window.freshness_label.text().startswith("List from 127.0.0.1"),
                    timeout=30_000)
    assert any(r.consultation.reference == "MP250" for r in window.model.rows())


def test_the_refresh_at_start_is_quiet_when_offline(workspace_root, clock, make_window, qtbot,
                                                    no_dialogs):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    set_pages(workspace_root, clock, [f"http://127.0.0.1:{port}/consultations.html"])
    window = make_window(start_refresh=True)
    qtbot.waitUntil(lambda: "refresh failed" in window.freshness_label.text(), timeout=30_000)
    assert no_dialogs == []
    assert window.statusBar().currentMessage().startswith("Could not refresh: ")
    assert window.model.rowCount() >= 10


def test_the_refresh_at_start_can_be_turned_off(site, workspace_root, clock, make_window,  # noqa: F811
                                                qtbot):
    set_pages(workspace_root, clock, [f"{site}/consultations.txt"], at_start=False)
    window = make_window(start_refresh=True)
    qtbot.wait(300)
    assert window.runner.running == []
    assert window.freshness_label.text().startswith("List from the bundled copy")
