"""A window left open for days still takes the workspace's daily backup, off the UI thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from secresponder.store.backup import list_backups


def test_an_open_window_takes_the_daily_backup_when_one_is_due(make_window, qtbot,
                                                             workspace_root):
    window = make_window()
    qtbot.waitUntil(lambda: window.loaded)
    before = len(list_backups(workspace_root))
    # The window has been open for a day since the workspace was opened.
    a_day_on = datetime.now(UTC) + timedelta(days=1, minutes=1)
    assert window.run_upkeep() is not None  # nothing due yet: a job that takes no backup
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
    assert len(list_backups(workspace_root)) == before
    job = window.run_upkeep(a_day_on)
    assert job is not None
    with qtbot.waitSignal(job.signals.finished, timeout=60_000):
        pass
    backups = list_backups(workspace_root)
    assert len(backups) == before + 1
    # Within the same day nothing more is taken.
    job = window.run_upkeep(a_day_on + timedelta(hours=1))
    with qtbot.waitSignal(job.signals.finished, timeout=60_000):
        pass
    assert len(list_backups(workspace_root)) == before + 1
    assert window._upkeep.interval() <= int(timedelta(hours=1).total_seconds() * 1000)
