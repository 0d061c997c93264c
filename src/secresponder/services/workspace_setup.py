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
from secresponder.store.sql import credentials, database


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


def keyring_entry(where: str | Path | None) -> str:
    """The system keyring entry a team database's password is kept under (user@host:port/db)."""
    location = _team_database(where)
    name = credentials.account(location)
    if name is None:
        raise WorkspaceError(
            f"{location.display}: the URL names no user, so there is no password to keep; "
            "write it as postgresql://user@host:port/dbname."
        )
    return name


def remember_password(where: str | Path | None, password: str) -> str:
    """Keep a team database's password in the system keyring once the server accepts it.

    Returns one sentence saying where it is kept. A password the server refuses is not
    kept (WorkspaceError says why), and nothing is written to the app's settings.
    """
    location = _team_database(where)
    entry = keyring_entry(where)
    previous = credentials.stored_password(location)
    credentials.remember_password(location, password)
    try:
        database.stored_version(location)  # connects with it: refused now, not at next start
    except WorkspaceError as exc:
        if previous is None:
            credentials.forget_password(location)
        else:
            credentials.remember_password(location, previous)
        raise WorkspaceError(f"{exc.args[0].rstrip('.')}; the password was not kept.") from None
    return (f"{location.display}: the password is kept in the system keyring as {entry} "
            "(service secresponder), not in secresponder's settings.")


def forget_password(where: str | Path | None) -> str:
    """Remove a team database's password from the system keyring; one sentence on the outcome."""
    location = _team_database(where)
    entry = keyring_entry(where)
    if credentials.forget_password(location):
        return f"{location.display}: the password kept as {entry} was removed from the keyring."
    return f"{location.display}: the system keyring held no password for {entry}."


def _team_database(where: str | Path | None) -> DatabaseLocation:
    location = parse_location(where)
    if not isinstance(location, DatabaseLocation):
        raise WorkspaceError(
            f"{location.display}: a folder needs no password; this is for a team database "
            "(--workspace postgresql://user@host:port/dbname)."
        )
    return location
