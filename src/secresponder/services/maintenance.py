"""Looking after a workspace: check it, back it up, restore a backup.

These take where the workspace is (its folder or a team database's URL; given an open
workspace, they use its place) and open it themselves: a damaged database cannot be
opened, and is exactly when check and restore are needed. A team database is checked
and backed up by its own server, so there ``check`` looks at its stored files only,
backup and restore are refused in one sentence, and the daily upkeep has nothing to do.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from secresponder.errors import NotFoundError, SecResponderError, WorkspaceError
from secresponder.paths import database_path
from secresponder.services.session import WorkspaceAddress, parse_address
from secresponder.store import backup as backups
from secresponder.store.files_audit import audit_files, audit_stored_files, present_files
from secresponder.store.location import DatabaseLocation, FolderLocation, Location
from secresponder.store.sql import session
from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.workspace import Workspace, integrity_problems

# Where the workspace is: its folder, what --workspace said, or an open workspace's place.
Where = str | os.PathLike[str] | Location | WorkspaceAddress | Workspace | DatabaseWorkspace
SERVER_KEEPS_IT = ("is checked and backed up by its database server (with pg_dump or the "
                   "server's own backups), not by secresponder")


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: one sentence per problem, and a summary when all is well."""

    problems: list[str]
    summary: str

    @property
    def sound(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Restored:
    backup: Path
    kept_aside: Path | None  # the database it replaced, renamed, never deleted


def _place(where: Where) -> Path | DatabaseLocation:
    """The folder, or the team database, that ``where`` names."""
    if isinstance(where, Workspace):
        return where.root
    if isinstance(where, DatabaseWorkspace):
        return where.location
    if isinstance(where, WorkspaceAddress):
        where = where.location
    if isinstance(where, DatabaseLocation):
        return where
    if isinstance(where, FolderLocation):
        return where.path
    if isinstance(where, os.PathLike):
        return Path(where)
    location = parse_address(where).location
    return location if isinstance(location, DatabaseLocation) else location.path


def daily_upkeep(where: Where, now: datetime) -> list[str]:
    """Take the daily backup when one is due and clear old leftovers; the notices it made.

    Opening a workspace does this once; a window left open for days calls it again.
    A read-only workspace is left alone, and so is a team database (its server's job).
    """
    root = _place(where)
    if isinstance(root, DatabaseLocation):
        return []
    with Workspace.open(root, upkeep=False) as ws:
        if ws.read_only:
            return []
        ws.upkeep(now)
        return list(ws.notices)


def check(where: Where) -> CheckReport:
    """SQLite's integrity check, then the files folder against the database (by checksum);
    for a team database, its stored files against what it needs (by checksum)."""
    root = _place(where)
    if isinstance(root, DatabaseLocation):
        return _check_database(root)
    problems = integrity_problems(root)
    if problems:
        return CheckReport(problems, "")
    with Workspace.open(root, upkeep=False) as ws:
        report = audit_files(ws.connection, ws.files_dir)
        files_dir = ws.files_dir
        count = len(present_files(files_dir))
    problems += [f"{files_dir / name}: missing; the workspace needs it (an attached document or "
                 "a draft's form); attach it or choose the form again." for name in report.missing]
    problems += [f"{files_dir / name}: altered since it was stored (its checksum differs); "
                 "attach it or choose the form again." for name in report.altered]
    problems += [f"{path}: orphaned; nothing in the workspace uses it, so it can be deleted."
                 for path in report.orphaned]
    latest = backups.latest_backup(root)
    backup_text = (f"latest backup {latest.path.name}" if latest else "no backup yet")
    summary = (f"{database_path(root)}: sound; {files_dir}: {count} files, each as stored; "
               f"{backup_text}.")
    return CheckReport(problems, summary)


def _check_database(location: DatabaseLocation) -> CheckReport:
    with DatabaseWorkspace.open(location) as ws, session.reading(ws) as conn:
        report, count = audit_stored_files(conn)
    where = location.display
    problems = [f"{where}: the stored file {name} is missing; the workspace needs it (an "
                "attached document or a draft's form); attach it or choose the form again."
                for name in report.missing]
    problems += [f"{where}: the stored file {name} was altered since it was stored (its "
                 "checksum differs); attach it or choose the form again."
                 for name in report.altered]
    summary = (f"{where}: {count} stored files, each as stored; the database itself "
               f"{SERVER_KEEPS_IT}.")
    return CheckReport(problems, summary)


def _folder_only(root: Path | DatabaseLocation) -> Path:
    """The folder; WorkspaceError in one sentence for a team database."""
    if isinstance(root, DatabaseLocation):
        raise WorkspaceError(f"{root.display}: a team database {SERVER_KEEPS_IT}; ask whoever "
                             "runs the server for a backup or a restore.")
    return root


def backup_now(where: Where, now: datetime) -> Path:
    """Take a backup now (whatever the schedule says); returns its path."""
    root = _folder_only(_place(where))
    if not database_path(root).is_file():
        raise NotFoundError(f"{root}: there is no workspace here to back up.")
    with Workspace.open(root, upkeep=False) as ws:
        return backups.take_backup(ws.connection, root, now, "manual")


def restore(where: Where, backup: str | None, now: datetime) -> Restored:
    """Put a backup (the latest when none is named) in place of the workspace database; the
    database it replaces is kept aside, renamed."""
    root = _folder_only(_place(where))
    chosen = _find_backup(root, backup)
    # Fold the write-ahead log of a sound database into it first, so the copy kept aside
    # is complete on its own.
    with contextlib.suppress(SecResponderError, sqlite3.Error, OSError), Workspace.open(
        root, upkeep=False
    ) as ws:
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    aside = backups.restore_backup(root, chosen, now)
    return Restored(chosen, aside)


def _find_backup(root: Path, name: str | None) -> Path:
    if name is None:
        latest = backups.latest_backup(root)
        if latest is None:
            raise NotFoundError(
                f"{backups.backups_dir(root)}: there are no backups of this workspace to restore."
            )
        return latest.path
    given = Path(name).expanduser()
    for candidate in (given, backups.backups_dir(root) / name):
        if candidate.is_file():
            return candidate
    known = ", ".join(b.path.name for b in backups.list_backups(root)[-3:]) or "none"
    raise WorkspaceError(f"{name}: no such backup (the latest are: {known}).")
