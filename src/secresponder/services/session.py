"""The one way into a workspace for the window and the command line: where it is, and opening it.

What the user gives (``--workspace``, the Preferences choice, ``$SECRESPONDER_HOME``)
is a folder or a team database's URL; ``WorkspaceAddress`` is that, parsed once and
named for display without ever showing a password. A folder's SQLite connection
belongs to the thread that opened it, so a background job opens its own; a team
database's engine is a thread-safe pool, so every thread of the window shares one.
A team database has no folder of its own: its log and local copies of stored files
go in a local folder named after the database (backups are the database's owner's).
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from secresponder.domain.clock import Clock
from secresponder.errors import WorkspaceError
from secresponder.paths import APP_NAME, HOME_ENV, database_path
from secresponder.store.location import (
    DatabaseLocation,
    FolderLocation,
    Location,
    is_database_url,
    parse_location,
)

if TYPE_CHECKING:
    from secresponder.store.backends import AnyWorkspace
    from secresponder.store.sql.database import DatabaseWorkspace

# The workspaces themselves (and with them SQLAlchemy) are imported where one is opened or
# looked at: the window parses its address and is shown first, and opens the workspace after.

__all__ = [
    "WorkspaceAddress",
    "WorkspaceSession",
    "address_of",
    "cached_files_dir",
    "checked_choice",
    "describe",
    "is_team_database",
    "is_team_workspace",
    "local_folder",
    "on_job_thread",
    "open_seeded",
    "open_workspace",
    "parse_address",
]

TEAM_PREFIX = "Team server: "
# Under $SECRESPONDER_HOME (when set) or the user cache folder: one folder per team database.
TEAM_FOLDERS = "team-servers"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class WorkspaceAddress:
    """Where a workspace is: a folder or a team database, as the user gave it."""

    location: Location

    @property
    def is_team(self) -> bool:
        return isinstance(self.location, DatabaseLocation)

    @property
    def folder(self) -> Path | None:
        """The workspace folder; None for a team database."""
        return self.location.path if isinstance(self.location, FolderLocation) else None

    @property
    def given(self) -> str:
        """What to store and pass on (a folder path or the URL as typed, never with a
        password: a URL holding one is refused when parsed)."""
        return self.location.display

    @property
    def display(self) -> str:
        """The folder path, or ``Team server: host/dbname`` (for titles and the status bar)."""
        if isinstance(self.location, FolderLocation):
            return str(self.location.path)
        return TEAM_PREFIX + _server_name(self.location)

    @property
    def local_folder(self) -> Path:
        """Where this computer keeps the workspace's log and local copies of stored files."""
        if isinstance(self.location, FolderLocation):
            return self.location.path
        home = os.environ.get(HOME_ENV)
        base = (Path(home).expanduser() / TEAM_FOLDERS if home else
                Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / TEAM_FOLDERS)
        return base / _folder_name(_server_name(self.location))

    @property
    def database_file(self) -> Path | None:
        """A folder's SQLite file (named in messages about a damaged database); None for a team."""
        folder = self.folder
        return database_path(folder) if folder is not None else None

    def open(self, *, upkeep: bool = True) -> AnyWorkspace:
        """Open it: a folder is created and migrated as needed; a team database must be set up."""
        if isinstance(self.location, FolderLocation):
            from secresponder.store.workspace import Workspace

            return Workspace.open(self.location.path, upkeep=upkeep)
        from secresponder.store.backends import open_workspace as open_location

        return open_location(self.location)


def parse_address(where: str | os.PathLike[str] | WorkspaceAddress | AnyWorkspace | None
                  ) -> WorkspaceAddress:
    """A folder or team database from what the user gave (None: the default folder), or
    where an open workspace is (a job on another thread then opens it again there).

    Raises WorkspaceError in one sentence for another kind of URL, a malformed one, or
    one holding a password.
    """
    if isinstance(where, WorkspaceAddress):
        return where
    if where is None or isinstance(where, Path):
        return WorkspaceAddress(parse_location(where))
    if isinstance(where, str | os.PathLike):
        return WorkspaceAddress(parse_location(os.fspath(where)))
    return address_of(where)  # an open workspace


def checked_choice(team: bool, text: str) -> WorkspaceAddress:
    """The workspace chosen in Preferences: "This computer" (a folder; blank: the usual
    one) or "Team server" (a connection string). Raises WorkspaceError in one sentence."""
    text = text.strip()
    if not team:
        if is_database_url(text):
            raise WorkspaceError(f"{_masked(text)}: This computer takes a folder; choose Team "
                                 "server for a database.")
        return parse_address(text or None)
    if not text:
        raise WorkspaceError("Team server: give the team database's connection string, such as "
                             "postgresql://you@db.example.org/secresponder.")
    if not is_database_url(text):
        raise WorkspaceError(f"{text}: a team server is named by a postgresql:// connection "
                             "string (postgresql://user@host:port/dbname, or "
                             "postgresql:///dbname?service=NAME).")
    return parse_address(text)


def is_team_database(where: str) -> bool:
    """Whether ``where`` (``--workspace`` as given) names a team database, not a folder."""
    return is_database_url(where)


def is_team_workspace(ws: AnyWorkspace) -> bool:
    """Whether an open workspace is a team database."""
    from secresponder.store.sql.database import DatabaseWorkspace

    return isinstance(ws, DatabaseWorkspace)


def address_of(ws: AnyWorkspace) -> WorkspaceAddress:
    """Where an open workspace is."""
    if is_team_workspace(ws):
        return WorkspaceAddress(ws.location)
    return WorkspaceAddress(FolderLocation(ws.root))


def describe(ws: AnyWorkspace) -> str:
    """An open workspace's name for display: its folder, or ``Team server: host/dbname``."""
    return address_of(ws).display


def local_folder(ws: AnyWorkspace) -> Path:
    """Where this computer keeps the workspace's log and local copies of its files."""
    return address_of(ws).local_folder


def cached_files_dir(ws: AnyWorkspace) -> Path | None:
    """Where local copies of a team database's stored files go (None: a folder has its own)."""
    if is_team_workspace(ws):
        return address_of(ws).local_folder / "files"
    return None


def open_workspace(where: str | os.PathLike[str] | WorkspaceAddress | AnyWorkspace | None, *,
                   upkeep: bool = True) -> AnyWorkspace:
    """Open the workspace at ``where`` (a folder path or a team database's URL), or open
    an open one again (for another thread).

    ``upkeep`` (a folder only) runs the daily backup and the clean-up of leftovers.
    """
    return parse_address(where).open(upkeep=upkeep)


def open_seeded(where: str | os.PathLike[str] | WorkspaceAddress | None, *, clock: Clock,
                upkeep: bool = True) -> AnyWorkspace:
    """Open the workspace; if nothing was ever imported into it, import the bundled snapshot."""
    from secresponder.services.bootstrap import seed_if_empty

    ws = open_workspace(where, upkeep=upkeep)
    try:
        seed_if_empty(ws, clock=clock)
    except BaseException:
        ws.close()
        raise
    return ws


@contextlib.contextmanager
def on_job_thread(ws: AnyWorkspace) -> Iterator[AnyWorkspace]:
    """The workspace for a background job's thread, given the window's open one.

    A folder gets a connection of its own (an SQLite connection stays on its thread),
    closed at the end; a team database's engine is shared as it is and left open.
    """
    if is_team_workspace(ws):
        yield ws
        return
    from secresponder.store.workspace import Workspace

    with Workspace.open(ws.root, upkeep=False) as own:
        yield own


class WorkspaceSession:
    """The workspace the window works on: its address, and once open, the workspace itself.

    ``workspace`` is opened on the window's thread; jobs ask ``for_job()``. On a team
    database every thread shares one open workspace (opened by whichever asks first).
    """

    def __init__(self, where: str | os.PathLike[str] | WorkspaceAddress | None) -> None:
        self.address = parse_address(where)
        self.workspace: AnyWorkspace | None = None
        self._shared: DatabaseWorkspace | None = None
        self._lock = threading.Lock()

    @property
    def display(self) -> str:
        return self.address.display

    @property
    def is_team(self) -> bool:
        return self.address.is_team

    def _team(self) -> DatabaseWorkspace:
        from secresponder.store.sql.database import DatabaseWorkspace

        with self._lock:
            if self._shared is None:
                opened = self.address.open()
                assert isinstance(opened, DatabaseWorkspace)
                self._shared = opened
            return self._shared

    def open(self) -> AnyWorkspace:
        """The window's own workspace, opened on first call (on the window's thread)."""
        if self.workspace is None:
            # A folder's daily upkeep runs here as it always has (a team database has none).
            self.workspace = self._team() if self.is_team else self.address.open()
            if self.is_team:
                # The window's log goes there (only an existing folder takes one).
                with contextlib.suppress(OSError):
                    self.address.local_folder.mkdir(parents=True, exist_ok=True)
        return self.workspace

    @contextlib.contextmanager
    def for_job(self, *, seed_clock: Clock | None = None) -> Iterator[AnyWorkspace]:
        """The workspace for a background job; ``seed_clock``: seed it if it is empty.

        A folder is opened afresh on the job's thread (with the daily upkeep when it is
        the first open, the seeding one) and closed after; a team database is shared.
        """
        if self.is_team:
            ws: AnyWorkspace = self._team()
            if seed_clock is not None:
                from secresponder.services.bootstrap import seed_if_empty

                seed_if_empty(ws, clock=seed_clock)
            yield ws
            return
        if seed_clock is not None:
            own = open_seeded(self.address, clock=seed_clock)
        else:
            own = self.address.open(upkeep=False)
        with own:
            yield own

    def close(self) -> None:
        """Close the window's workspace (and a team database's shared pool)."""
        workspace, self.workspace = self.workspace, None
        with self._lock:
            shared, self._shared = self._shared, None
        if workspace is not None and workspace is not shared:
            workspace.close()
        if shared is not None:
            shared.close()


def _server_name(location: DatabaseLocation) -> str:
    """``host[:port]/dbname`` (or the service's name), with a schema other than public."""
    url = location.url
    service = url.query.get("service")
    if isinstance(service, tuple):
        service = service[-1]
    host = url.host or (f"service {service}" if service else "localhost")
    if url.port and url.port != 5432:
        host = f"{host}:{url.port}"
    name = f"{host}/{url.database}" if url.database else host
    if location.schema != "public":
        name += f" (schema {location.schema})"
    return name


def _masked(text: str) -> str:
    """A URL as typed with any password in it hidden."""
    return re.sub(r"(?i)([?&]password=)[^&]*", r"\1***",
                  re.sub(r"(//[^/@:]*):[^/@]*@", r"\1:***@", text))


def _folder_name(name: str) -> str:
    return _UNSAFE.sub("_", name).strip("._") or "team"
