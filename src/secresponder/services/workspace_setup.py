"""Setting up and upgrading a workspace's schema: the explicit step a team database needs.

A folder upgrades itself when opened. A team database is only ever changed by this
step, run by a role that may create tables (the database's owner, say); everyone
else's role needs only to read and write rows, which ``grant_to`` gives a group role.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from secresponder.store import backends
from secresponder.store.location import DatabaseLocation, parse_location


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
