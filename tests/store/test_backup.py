"""Backups, restore, clean-up at start, damaged and read-only databases."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.exports.response_forms import MP231, add_consultations

from secresponder.domain.draft import Draft
from secresponder.errors import WorkspaceError
from secresponder.services import drafting
from secresponder.store import backup as backups
from secresponder.store import workspace as workspace_module
from secresponder.store.workspace import Workspace, migrations

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def root(workspace_root) -> Path:
    with Workspace.open(workspace_root) as ws:
        add_consultations(ws, MP231)
        drafting.save(ws, Draft(MP231.key, notes="Before the backup."))
    return workspace_root


def _notes(root: Path) -> str:
    with Workspace.open(root, upkeep=False) as ws:
        return drafting.open_draft(ws, "MP231").notes


def _fake_backup(root: Path, when: datetime, reason: str = "daily") -> Path:
    folder = backups.backups_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"workspace-{when.strftime('%Y%m%dT%H%M%S%fZ')}-{reason}.sqlite3"
    path.write_bytes(b"")
    return path


def test_a_backup_is_a_whole_database_taken_while_in_use(root):
    with Workspace.open(root, upkeep=False) as ws:
        path = backups.take_backup(ws.connection, root, NOW, "manual")
        drafting.save(ws, Draft(MP231.key, notes="After the backup."), base_version=1)
    assert path.name == "workspace-20260302T120000000000Z-manual.sqlite3"
    assert not list(path.parent.glob(".*"))  # no temporary file left behind
    with sqlite3.connect(path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("SELECT count(*) FROM draft_versions").fetchone()[0] == 1
    assert [b.reason for b in backups.list_backups(root)] == ["manual"]


def test_prune_keeps_the_latest_seven_and_the_latest_of_four_weeks(root):
    days = [NOW - timedelta(days=d) for d in range(40)]  # one a day
    for day in days:
        _fake_backup(root, day)
    backups.prune(root)
    kept = {b.taken_at for b in backups.list_backups(root)}
    latest_of_week: dict[tuple[int, int], datetime] = {}
    for day in days:
        week = day.isocalendar()[:2]
        latest_of_week[week] = max(latest_of_week.get(week, day), day)
    expected = set(days[:7]) | set(sorted(latest_of_week.values())[-4:])
    assert kept == expected
    assert 7 < len(kept) < 12


def test_daily_backup_once_a_day_when_used(root):
    with Workspace.open(root):
        pass
    first = backups.list_backups(root)
    assert [b.reason for b in first] == ["daily"]
    with Workspace.open(root):
        pass
    assert backups.list_backups(root) == first  # not again within 24 hours
    with Workspace.open(root, upkeep=False) as ws:
        ws.upkeep(first[0].taken_at + timedelta(hours=25))
        assert ws.notices == []
    assert [b.reason for b in backups.list_backups(root)] == ["daily", "daily"]


def test_an_upgrade_is_preceded_by_a_backup_of_the_old_schema(workspace_root):
    workspace_root.mkdir(parents=True)
    old = migrations()[:4]
    with sqlite3.connect(workspace_root / "workspace.sqlite3", isolation_level=None) as conn:
        for migration in old:
            for statement in workspace_module._statements(migration.sql):
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 4")
    with Workspace.open(workspace_root) as ws:
        assert ws.connection.execute("PRAGMA user_version").fetchone()[0] == len(migrations())
    [kept] = [b for b in backups.list_backups(workspace_root) if b.reason.startswith("before")]
    assert kept.reason == f"before-upgrade-to-{len(migrations())}"
    with sqlite3.connect(kept.path) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 4


def test_leftovers_older_than_an_hour_are_cleaned_at_start(root):
    files = root / "files"
    files.mkdir(exist_ok=True)
    old = (datetime.now(UTC) - timedelta(hours=2)).timestamp()
    leftovers = [files / ".abc.docx.x1y2.part", root / ".workspace.sqlite3.restoring.part",
                 files / ("ab" * 32 + ".docx")]  # a form copied in by a save that failed
    young = files / ("cd" * 32 + ".xlsx")  # perhaps a save in progress in another window
    for path in [*leftovers, young]:
        path.write_bytes(b"x")
    for path in leftovers:
        os.utime(path, (old, old))
    with Workspace.open(root):
        pass
    assert [p for p in leftovers if p.exists()] == []
    assert young.exists()


def test_a_form_a_draft_uses_is_never_cleaned(root, tmp_path):
    from tests.exports.response_forms import questions_workbook

    form = questions_workbook(tmp_path / "MP231 form.xlsx")
    with Workspace.open(root) as ws:
        chosen = drafting.choose_form(ws, "MP231", form)
        # A later save with another form leaves the first one needed by the old version.
        drafting.choose_form(ws, "MP231", "builtin")
    kept = root / "files" / chosen.form.stored_name
    old = (datetime.now(UTC) - timedelta(days=2)).timestamp()
    os.utime(kept, (old, old))
    with Workspace.open(root) as ws:
        assert ws.orphaned_files() == []
    assert kept.exists()


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = b"garbage!" * 512
    path.write_bytes(bytes(data))


def _checkpoint(root: Path) -> None:
    with Workspace.open(root, upkeep=False) as ws:
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_damaged_database_is_refused_with_how_to_restore(root):
    with Workspace.open(root, upkeep=False) as ws:
        backups.take_backup(ws.connection, root, NOW, "manual")
    _checkpoint(root)
    _damage(root / "workspace.sqlite3")
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(root)
    message = str(caught.value)
    assert message.startswith(f"{root / 'workspace.sqlite3'}: the workspace database is damaged")
    assert message.endswith(
        "run `secresponder workspace restore` to put back the latest backup "
        "(workspace-20260302T120000000000Z-manual.sqlite3), keeping the damaged file aside.")


def test_a_damaged_database_without_backups_says_so(root):
    _checkpoint(root)
    _damage(root / "workspace.sqlite3")
    with pytest.raises(WorkspaceError, match="there is no backup in"):
        Workspace.open(root)


def test_a_read_only_database_is_read_but_never_written(root, monkeypatch):
    database = root / "workspace.sqlite3"
    _checkpoint(root)
    before = database.read_bytes()

    def access(path, mode):  # this user may not write the database file
        return not (Path(path) == database and mode & os.W_OK)

    monkeypatch.setattr(workspace_module.os, "access", access)
    with Workspace.open(root) as ws:
        assert ws.read_only
        assert drafting.open_draft(ws, "MP231").notes == "Before the backup."
        with pytest.raises(WorkspaceError) as caught:
            drafting.set_answer(ws, "MP231", "1", rationale="lost?")
    assert str(caught.value) == (
        f"{root}: the workspace is read-only, so nothing can be changed in it; listing, "
        "showing, searching and exporting still work.")
    assert database.read_bytes() == before
    assert backups.list_backups(root) == []  # no upkeep on a read-only workspace


def test_a_failed_daily_backup_is_noted_and_logged_not_raised(root):
    (root / "backups").write_text("a file where the backups folder should be")
    with Workspace.open(root) as ws:
        assert len(ws.notices) == 1
        assert ws.notices[0].startswith(f"{root / 'backups'}: could not write a backup")
        assert drafting.open_draft(ws, "MP231").notes == "Before the backup."
    log = (root / "logs" / "secresponder.log").read_text("utf-8")
    assert "could not write a backup" in log
