"""Opening the workspace database: WAL, foreign keys, busy timeout, numbered migrations.

Migrations are the files ``migrations/NNNN_name.sql`` beside this module, applied
in order inside one transaction each; ``PRAGMA user_version`` records the last
one applied. A database written by a newer version of the app is refused and
left exactly as it was.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from secresponder.errors import WorkspaceError
from secresponder.paths import database_path, files_dir

# Found through importlib.resources so a checkout, a wheel and a frozen build agree.
MIGRATIONS = resources.files("secresponder.store").joinpath("migrations")
BUSY_TIMEOUT_MS = 10_000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """All known migrations, in order; numbers must run 1, 2, 3... without gaps."""
    found = []
    for entry in sorted(MIGRATIONS.iterdir(), key=lambda e: e.name):
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name.removesuffix(".sql"),
                                   entry.read_text("utf-8")))
    for expected, migration in enumerate(found, start=1):
        if migration.number != expected:
            raise RuntimeError(f"migration {migration.name} is out of sequence")
    return found


def schema_version() -> int:
    """The schema version this build of the app writes."""
    known = migrations()
    return known[-1].number if known else 0


class Workspace:
    """One folder: ``workspace.sqlite3`` plus ``files/`` for attached documents and forms."""

    def __init__(self, root: Path, connection: sqlite3.Connection) -> None:
        self.root = root
        self.connection = connection

    @property
    def files_dir(self) -> Path:
        return files_dir(self.root)

    @classmethod
    def open(cls, root: str | Path) -> Workspace:
        root = Path(root)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"{root}: cannot create the workspace folder ({exc}).") from None
        path = database_path(root)
        connection = _connect(path)
        try:
            _migrate(connection, path)
        except BaseException:
            connection.close()
            raise
        return cls(root, connection)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An immediate (write-locking) transaction, committed on success, rolled back on error."""
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise WorkspaceError(
                    f"{database_path(self.root)}: the workspace is busy in another window or "
                    f"process; waited {BUSY_TIMEOUT_MS // 1000} seconds, try again."
                ) from None
            raise
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        # isolation_level=None: transactions are explicit (see Workspace.transaction).
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path}: is not a secresponder workspace database ({exc}).") from None
    if version > schema_version():
        conn.close()
        raise WorkspaceError(
            f"{path}: was written by a newer version of secresponder (schema {version}, "
            f"this version knows {schema_version()}); it was left untouched."
        )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    for migration in migrations():
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if migration.number <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Re-check under the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= migration.number:
                conn.rollback()
                continue
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.number}")
            conn.commit()
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.rollback()
            raise WorkspaceError(
                f"{path}: could not upgrade the workspace ({migration.name}: {exc})."
            ) from None


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (executescript would commit implicitly)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
