"""Backups of the workspace database, with SQLite's online backup, and restoring one.

Backups are whole database files in the workspace's ``backups`` folder, named
by the instant they were taken (UTC) and why: ``workspace-20261202T091500Z-daily.sqlite3``.
They are written under a hidden temporary name and renamed into place, so a
crash never leaves half a backup that looks whole. Kept: the latest 7, and the
latest of each of the last 4 weeks that have one; older ones are removed.
Restoring never deletes anything: the database it replaces is renamed aside.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from secresponder.errors import NotFoundError, WorkspaceError
from secresponder.paths import database_path

BACKUPS_DIR_NAME = "backups"
KEEP_LATEST = 7
KEEP_WEEKLY = 4
DAILY = timedelta(hours=24)
# Temporary files older than this are leftovers of a killed process, not work in progress.
STALE_AFTER = timedelta(hours=1)
_NAME = re.compile(r"^workspace-(\d{8}T\d{6}(?:\d{6})?Z)-([a-z0-9-]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


def backups_dir(root: Path) -> Path:
    return root / BACKUPS_DIR_NAME


def list_backups(root: Path) -> list[Backup]:
    """The workspace's backups, oldest first."""
    folder = backups_dir(root)
    found = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and path.is_file():
                stamp = match.group(1)
                fmt = _STAMP if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
                taken = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
                found.append(Backup(path, taken, match.group(2)))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def latest_backup(root: Path) -> Backup | None:
    backups = list_backups(root)
    return backups[-1] if backups else None


def backup_due(root: Path, now: datetime) -> bool:
    """True when no backup was taken in the last 24 hours."""
    latest = latest_backup(root)
    return latest is None or now - latest.taken_at >= DAILY


def take_backup(conn: sqlite3.Connection, root: Path, now: datetime, reason: str) -> Path:
    """Copy the open database into a new backup, consistently even while others write;
    then prune old backups. Returns the backup's path."""
    folder = backups_dir(root)
    stamp = now.astimezone(UTC).strftime(_STAMP)
    target = folder / f"workspace-{stamp}-{reason}.sqlite3"
    temp = folder / f".{target.name}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(temp)) as copy:
            conn.backup(copy)
            # A backup is one self-contained file: no -wal beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
        _fsync(temp)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise WorkspaceError(f"{folder}: could not write a backup of the workspace ({exc}).") \
            from None
    prune(root)
    return target


def prune(root: Path) -> list[Path]:
    """Remove backups beyond the latest 7 and the latest of each of the last 4 weeks."""
    backups = list_backups(root)
    keep = {b.path for b in backups[-KEEP_LATEST:]}
    weeks: dict[tuple[int, int], Backup] = {}
    for backup in backups:
        weeks[backup.taken_at.isocalendar()[:2]] = backup  # the latest of its week wins
    keep |= {b.path for b in sorted(weeks.values(), key=lambda b: b.taken_at)[-KEEP_WEEKLY:]}
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def check_backup(path: Path) -> None:
    """Refuse a backup that is missing or is not a sound SQLite database."""
    if not path.is_file():
        raise NotFoundError(f"{path}: no such backup.")
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path}: is not a usable backup ({exc}).") from None
    if result != "ok":
        raise WorkspaceError(f"{path}: the backup is damaged too ({result}); choose another.")


def restore_backup(root: Path, backup: Path, now: datetime) -> Path | None:
    """Put ``backup`` in place of the workspace database; returns where the database it
    replaced was kept (None when there was none). Call with the workspace closed."""
    check_backup(backup)
    database = database_path(root)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = None
    temp = root / f".{database.name}.restoring.part"
    try:
        _copy(backup, temp)
        if database.exists():
            aside = database.with_name(f"{database.name}.replaced-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{database}{suffix}")
                if source.exists():
                    os.replace(source, Path(f"{aside}{suffix}"))
        os.replace(temp, database)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise WorkspaceError(
            f"{database}: could not restore the backup ({exc.strerror or exc}); close "
            "secresponder's window and any other program using the workspace, and try again "
            "(nothing was deleted)."
        ) from None
    return aside


def stale_temporary_files(folders: Iterable[Path], now: datetime) -> list[Path]:
    """Hidden ``.part`` files (from writes a killed process never finished) older than an
    hour; younger ones may belong to a save in progress in another window."""
    found = []
    for folder in folders:
        with contextlib.suppress(FileNotFoundError, NotADirectoryError, PermissionError):
            for path in folder.iterdir():
                if path.name.startswith(".") and path.name.endswith(".part") and older_than_stale(
                        path, now):
                    found.append(path)
    return found


def older_than_stale(path: Path, now: datetime) -> bool:
    """Whether ``path`` was last changed more than an hour before ``now``."""
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return False
    return now - modified >= STALE_AFTER


def _copy(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("wb") as dst:
        while block := src.read(1 << 20):
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
