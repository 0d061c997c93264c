"""Setting up, upgrading and copying workspaces: the explicit steps a team database needs.

A folder upgrades itself when opened. A team database is only ever changed by this
step, run by a role that may create tables (the database's owner, say); everyone
else's role needs only to read and write rows, which ``grant_to`` gives a group role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from secresponder.domain.clock import Clock
from secresponder.errors import WorkspaceError
from secresponder.paths import database_path
from secresponder.store import backends, copy
from secresponder.store.copy import CopyReport, Progress
from secresponder.store.location import DatabaseLocation, FolderLocation, parse_location
from secresponder.store.sql import database


@dataclass(frozen=True)
class UpgradeReport:
    workspace: str  # as the user named it (never with a password: those are refused)
    team: bool
    before: int
    after: int
    granted_to: str | None = None

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def summary(self) -> str:
        """One sentence for the command line and the window."""
        if not self.changed:
            done = f"{self.workspace}: already at schema {self.after}; nothing to upgrade"
        elif self.before == 0:
            done = f"{self.workspace}: set up a new workspace at schema {self.after}"
        else:
            done = f"{self.workspace}: upgraded from schema {self.before} to {self.after}"
        if self.granted_to:
            done += f"; role {self.granted_to} may read and write its rows"
        return done + "."


def upgrade_workspace(where: str | Path | None, *, grant_to: str | None = None) -> UpgradeReport:
    """Create or migrate the workspace named by a folder or a PostgreSQL URL.

    Refuses (WorkspaceError, nothing changed) a schema newer than this version, a role
    that may not create tables, and ``grant_to`` for a folder.
    """
    location = parse_location(where)
    result = backends.upgrade_workspace(location, grant_to=grant_to)
    return UpgradeReport(
        workspace=location.display,
        team=isinstance(location, DatabaseLocation),
        before=result.before,
        after=result.after,
        granted_to=grant_to,
    )


@dataclass(frozen=True)
class CopyResult:
    source: str
    destination: str
    report: CopyReport
    set_up: bool  # the destination database was set up for the copy

    @property
    def summary(self) -> str:
        return f"{self.source} -> {self.destination}: {self.report.summary}."


def copy_workspace(
    source: str | Path,
    destination: str | Path,
    *,
    clock: Clock,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CopyResult:
    """Copy a whole workspace into a new one: folder to database, database to folder, or alike.

    The source must exist; the destination must be empty (an empty team database is set
    up first, which needs a role that may create tables).
    """
    src_location, dst_location = parse_location(source), parse_location(destination)
    if src_location == dst_location:
        raise WorkspaceError(f"{src_location.display}: is both the source and the destination.")
    if isinstance(src_location, FolderLocation) and not database_path(src_location.path).is_file():
        raise WorkspaceError(f"{src_location.display}: there is no workspace there to copy.")
    set_up = False
    if isinstance(dst_location, DatabaseLocation) and database.stored_version(dst_location) == 0:
        backends.upgrade_workspace(dst_location)
        set_up = True
    with backends.open_workspace(src_location) as src, \
            backends.open_workspace(dst_location) as dst:
        report = copy.copy_workspace(src, dst, now=clock(), progress=progress,
                                     cancelled=cancelled)
    return CopyResult(src_location.display, dst_location.display, report, set_up)
