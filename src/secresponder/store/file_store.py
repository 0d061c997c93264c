"""Attached documents and response forms, stored once by checksum, in either kind of workspace.

A folder keeps each file as ``files/<sha256>.<format>``; a team database keeps its
bytes in ``stored_files``, one row per checksum, so every analyst's window reads the
same forms and documents. Both are addressed by the same ``stored_name`` the
documents and drafts tables hold, and both check the checksum when a file is read
back. Code that needs a path (Word filling, opening a document) asks for a local
copy, written once per checksum under a cache folder.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection

from secresponder.errors import WorkspaceError
from secresponder.fileio import atomic_write_bytes
from secresponder.store.sql import session
from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.sql.tables import stored_files
from secresponder.store.workspace import Workspace

_STORED_NAME = re.compile(r"^([0-9a-f]{64})(\.[a-z0-9]{1,8})?$")


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha_of(stored_name: str) -> str:
    match = _STORED_NAME.match(stored_name)
    if match is None:
        raise WorkspaceError(f"{stored_name!r} is not the name of a stored file.")
    return match.group(1)


class FolderFiles:
    """Files under the workspace folder's ``files/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, data: bytes, stored_name: str, *, now: datetime) -> None:
        """Keep ``data`` under ``stored_name`` (whose checksum it must have); once only."""
        if checksum(data) != _sha_of(stored_name):
            raise ValueError(f"{stored_name}: the data does not have this checksum")
        target = self.folder / stored_name
        if target.is_file() and checksum(target.read_bytes()) == _sha_of(stored_name):
            return
        atomic_write_bytes(target, data, overwrite=True)

    def exists(self, stored_name: str) -> bool:
        _sha_of(stored_name)
        return (self.folder / stored_name).is_file()

    def names(self) -> list[str]:
        """Every stored file's name (half-written temporary files are not stored files)."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if _STORED_NAME.match(p.name))

    def remove(self, stored_name: str) -> None:
        _sha_of(stored_name)
        (self.folder / stored_name).unlink(missing_ok=True)

    def get(self, stored_name: str) -> bytes:
        sha = _sha_of(stored_name)  # never a path outside the folder
        path = self.folder / stored_name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise WorkspaceError(f"{path}: missing; the workspace needs it.") from None
        except OSError as exc:
            raise WorkspaceError(f"{path}: cannot be read ({exc.strerror}).") from None
        if checksum(data) != sha:
            raise WorkspaceError(f"{path}: altered since it was stored (its checksum differs).")
        return data

    def local_path(self, stored_name: str) -> Path:
        """A path to read the file from (the stored file itself), checked first."""
        self.get(stored_name)
        return self.folder / stored_name


class DatabaseFiles:
    """Files in a team database's ``stored_files`` table, one row per checksum."""

    def __init__(self, ws: DatabaseWorkspace, cache_dir: Path | None = None) -> None:
        self.ws = ws
        self.cache_dir = cache_dir

    def put(self, data: bytes, stored_name: str, *, now: datetime,
            conn: Connection | None = None) -> None:
        """Keep ``data`` under ``stored_name`` (whose checksum it must have); once only.

        Inside the caller's transaction when ``conn`` is given, else in one of its own.
        """
        sha = _sha_of(stored_name)
        if checksum(data) != sha:
            raise ValueError(f"{stored_name}: the data does not have this checksum")
        # Two analysts attaching the same file at once both succeed; one row is kept.
        statement = pg_insert(stored_files).values(
            sha256=sha, name=stored_name, size=len(data), content=data, added_at=now
        ).on_conflict_do_nothing(index_elements=["sha256"])
        if conn is not None:
            conn.execute(statement)
            return
        with session.transaction(self.ws) as own:
            own.execute(statement)

    def names(self) -> list[str]:
        with session.reading(self.ws) as conn:
            return list(conn.execute(select(stored_files.c.name).order_by(stored_files.c.name))
                        .scalars())

    def exists(self, stored_name: str) -> bool:
        with session.reading(self.ws) as conn:
            return conn.execute(
                select(stored_files.c.sha256).where(stored_files.c.sha256 == _sha_of(
                    stored_name))
            ).first() is not None

    def get(self, stored_name: str) -> bytes:
        sha = _sha_of(stored_name)
        with session.reading(self.ws) as conn:
            content = conn.execute(
                select(stored_files.c.content).where(stored_files.c.sha256 == sha)
            ).scalar_one_or_none()
        where = f"{self.ws.location.display}: the stored file {stored_name}"
        if content is None:
            raise WorkspaceError(f"{where} is missing; the workspace needs it.")
        data = bytes(content)
        if checksum(data) != sha:
            raise WorkspaceError(f"{where} was altered since it was stored (its checksum "
                                 "differs).")
        return data

    def local_path(self, stored_name: str) -> Path:
        """A local copy to read from, written once per checksum under the cache folder."""
        if self.cache_dir is None:
            raise WorkspaceError(
                f"{self.ws.location.display}: no local folder was given for copies of stored "
                "files."
            )
        target = self.cache_dir / stored_name
        if target.is_file() and checksum(target.read_bytes()) == _sha_of(stored_name):
            return target
        atomic_write_bytes(target, self.get(stored_name), overwrite=True)
        return target


FileStore = FolderFiles | DatabaseFiles


def files_for(ws: Workspace | DatabaseWorkspace, *, cache_dir: Path | None = None) -> FileStore:
    """The file store of a workspace of either kind."""
    if isinstance(ws, DatabaseWorkspace):
        return DatabaseFiles(ws, cache_dir)
    return FolderFiles(ws.files_dir)

