"""Opening a workspace of either kind from what the user gave: a folder or a PostgreSQL URL."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

from secresponder.errors import WorkspaceError
from secresponder.paths import database_path
from secresponder.store.location import (
    DatabaseLocation,
    FolderLocation,
    Location,
    parse_location,
)
from secresponder.store.sql import database
from secresponder.store.sql.database import DatabaseWorkspace, UpgradeResult
from secresponder.store.workspace import Workspace, schema_version

AnyWorkspace = Workspace | DatabaseWorkspace
_ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def open_workspace(where: str | Path | Location | None) -> AnyWorkspace:
    """The workspace at a folder (created and migrated as needed) or in a team database."""
    location = where if isinstance(where, FolderLocation | DatabaseLocation) else (
        parse_location(where))
    if isinstance(location, DatabaseLocation):
        return DatabaseWorkspace.open(location)
    return Workspace.open(location.path)


def upgrade_workspace(where: str | Path | Location, *, grant_to: str | None = None
                      ) -> UpgradeResult:
    """Create or migrate a workspace's schema; ``grant_to`` (a database role) gets rows only."""
    location = where if isinstance(where, FolderLocation | DatabaseLocation) else (
        parse_location(where))
    if isinstance(location, DatabaseLocation):
        if grant_to is not None and not _ROLE_NAME.match(grant_to):
            raise WorkspaceError(
                f"{grant_to!r} is not a usable role name; use letters, digits and underscores."
            )
        return database.upgrade(location, grant_to=grant_to)
    if grant_to is not None:
        raise WorkspaceError(
            f"{location.display}: a folder has no database roles to grant to; --grant is "
            "for a team database."
        )
    before = _folder_version(location.path)
    with Workspace.open(location.path):
        pass
    return UpgradeResult(before, schema_version())


def _folder_version(root: Path) -> int:
    """The schema number a folder's database holds (0 for none), read without writing."""
    path = database_path(root)
    if not path.is_file():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro",
                                                uri=True)) as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return 0  # Workspace.open says what is wrong with it
