"""The calendar reminder's lead time: Preferences decide unless --reminder-days says."""

from __future__ import annotations

import io
from pathlib import Path

from secresponder.cli.main import main
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.preferences import Preferences, save_preferences


def _export(workspace_root: Path, out: Path, clock, *extra: str) -> str:
    stderr = io.StringIO()
    code = main(["--workspace", str(workspace_root), "export", "MP231", "-o", str(out), *extra],
                clock=clock, stdout=io.StringIO(), stderr=stderr)
    assert code == 0, stderr.getvalue()
    (ics,) = out.glob("*.ics")
    return next(line for line in ics.read_text().splitlines() if line.startswith("TRIGGER"))


def test_reminder_follows_preferences_then_the_option(workspace_root, tmp_path, clock):
    # Friday 12 May 2023, 5pm: two working days before is Wednesday 5pm, four is Monday
    # 8 May, a bank holiday that year, so four working days lands on Friday 5 May.
    assert _export(workspace_root, tmp_path / "default", clock) == "TRIGGER:-P2D"
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        save_preferences(ws, Preferences(reminder_days=4))
    assert _export(workspace_root, tmp_path / "preferred", clock) == "TRIGGER:-P7D"
    assert _export(workspace_root, tmp_path / "option", clock, "--reminder-days", "1") == (
        "TRIGGER:-P1D"
    )


def test_an_export_from_the_command_line_records_the_deadline_its_reminder_names(
    workspace_root, tmp_path, clock
):
    from secresponder.services.alerts import exported_deadlines, stale_reminder
    from secresponder.services.lookup import find_consultation

    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        key = find_consultation(ws, "MP231").key
        assert key not in exported_deadlines(ws)
    _export(workspace_root, tmp_path / "out", clock)
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        stored = find_consultation(ws, "MP231")
        exported_for = exported_deadlines(ws)[key]
    assert exported_for == stored.consultation.closes_at
    assert stale_reminder(exported_for, stored.consultation.closes_at) == ""
