"""Opening the workspace database: WAL, foreign keys, busy timeout, numbered migrations.

Migrations are the files ``migrations/NNNN_name.sql`` beside this module, applied
in order inside one transaction each; ``PRAGMA user_version`` records the last
one applied. A database written by a newer version of the app is refused and
left exactly as it was; one written by an older version is backed up first.

Opening also looks after the workspace: a damaged database is detected and the
sentence says how to restore it; a read-only database or folder is opened
read-only (reading works, writing is refused in one sentence); and, at most
once a day, a backup is taken, while leftover temporary files and orphaned
files (nothing in the database needs them) older than an hour are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from secresponder.errors import SecResponderError, WorkspaceError
from secresponder.logs import record_failure
from secresponder.paths import database_path, files_dir
from secresponder.store import backup as backups
from secresponder.store.files_audit import orphaned_files, present_files

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

    def __init__(self, root: Path, connection: sqlite3.Connection, *,
                 read_only: bool = False) -> None:
        self.root = root
        self.connection = connection
        self.read_only = read_only
        # Upkeep that could not be done (a backup that failed): one sentence each.
        self.notices: list[str] = []

    @property
    def files_dir(self) -> Path:
        return files_dir(self.root)

    @classmethod
    def open(cls, root: str | Path, *, upkeep: bool = True) -> Workspace:
        """Open (creating and migrating if needed) the workspace at ``root``.

        ``upkeep`` runs the daily backup and the clean-up of leftovers; the
        workspace commands turn it off to look at the workspace as it is.
        """
        root = Path(root)
        path = database_path(root)
        read_only = is_read_only(root)
        if read_only and not path.is_file():
            raise WorkspaceError(
                f"{root}: the workspace folder is read-only and holds no workspace yet; "
                "choose a folder you can write to."
            )
        if not read_only:
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(
                    f"{root}: cannot create the workspace folder ({exc})."
                ) from None
        existed = path.is_file() and path.stat().st_size > 0
        connection = _connect(path, read_only=read_only)
        try:
            if existed:
                _check_sound(connection, root)
            if read_only:
                _require_current(connection, root)
            else:
                _migrate(connection, path, root)
        except BaseException:
            connection.close()
            raise
        ws = cls(root, connection, read_only=read_only)
        if upkeep and not read_only and existed:
            ws.upkeep(datetime.now(UTC))
        return ws

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read_only_error(self) -> WorkspaceError:
        return WorkspaceError(
            f"{self.root}: the workspace is read-only, so nothing can be changed in it; "
            "listing, showing, searching and exporting still work."
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An immediate (write-locking) transaction, committed on success, rolled back on error."""
        if self.read_only:
            raise self.read_only_error()
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise WorkspaceError(
                    f"{database_path(self.root)}: the workspace is busy in another window or "
                    f"process; waited {BUSY_TIMEOUT_MS // 1000} seconds, try again."
                ) from None
            if "readonly" in str(exc):
                raise self.read_only_error() from None
            raise
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()

    def upkeep(self, now: datetime) -> None:
        """Remove leftovers older than an hour, and take the daily backup when one is due.

        Problems are kept in ``notices`` rather than raised: upkeep never stops work.
        """
        try:
            for path in backups.stale_temporary_files(
                (self.root, self.files_dir, backups.backups_dir(self.root)), now
            ):
                with contextlib.suppress(OSError):
                    path.unlink()
            for path in self.orphaned_files(now):
                with contextlib.suppress(OSError):
                    path.unlink()
            if backups.backup_due(self.root, now) and self._claim_daily_backup(now):
                backups.take_backup(self.connection, self.root, now, "daily")
        except (SecResponderError, OSError, sqlite3.Error) as exc:
            sentence = (str(exc) if isinstance(exc, SecResponderError)
                        else f"{self.root}: the workspace's daily upkeep failed ({exc}).")
            self.notices.append(sentence)
            # Not silent: the details go to the workspace's log.
            record_failure(exc, workspace_root=self.root, context=sentence)

    def orphaned_files(self, now: datetime | None = None) -> list[Path]:
        """Files in ``files/`` that nothing in the database needs; with ``now``, only those
        older than an hour (a younger one may belong to a save in progress)."""
        present = present_files(self.files_dir)
        if now is not None:
            present = [p for p in present if backups.older_than_stale(p, now)]
        return orphaned_files(self.connection, self.files_dir, present)

    def _claim_daily_backup(self, now: datetime) -> bool:
        """Only one of several processes opening the workspace at once takes the backup."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = 'upkeep.backup_claimed'"
            ).fetchone()
            if row is not None:
                with contextlib.suppress(ValueError):
                    claimed = datetime.fromisoformat(row[0].strip('"'))
                    if now - claimed < backups.DAILY:
                        return False
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('upkeep.backup_claimed', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f'"{now.isoformat()}"',),
            )
        return True


def is_read_only(root: Path) -> bool:
    """A workspace whose database file, or folder, this user may not write."""
    path = database_path(root)
    if path.exists() and not os.access(path, os.W_OK):
        return True
    # SQLite writes its journal beside the database: a read-only folder is read-only too.
    return root.is_dir() and not os.access(root, os.W_OK)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            conn = _connect_read_only(path)
        else:
            # isolation_level=None: transactions are explicit (see Workspace.transaction).
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise damaged_error(path.parent, str(exc)) from None
    if version > schema_version():
        conn.close()
        raise WorkspaceError(
            f"{path}: was written by a newer version of secresponder (schema {version}, "
            f"this version knows {schema_version()}); it was left untouched."
        )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL database in a folder where its -shm file cannot be made: nobody can be
        # writing it, so read it as an unchanging file.
        conn.close()
        return sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)


def damaged_error(root: Path, detail: str) -> WorkspaceError:
    """The sentence for a damaged database: what happened and how to restore."""
    path = database_path(root)
    latest = backups.latest_backup(root)
    if latest is not None:
        return WorkspaceError(
            f"{path}: the workspace database is damaged ({detail}); run `secresponder "
            f"workspace restore` to put back the latest backup ({latest.path.name}), keeping "
            "the damaged file aside."
        )
    return WorkspaceError(
        f"{path}: the workspace database is damaged ({detail}) and there is no backup in "
        f"{backups.backups_dir(root)}; move the file aside to start afresh, or put back a "
        "copy of the folder from your own backups."
    )


def _check_sound(conn: sqlite3.Connection, root: Path) -> None:
    """Refuse a damaged database before anything reads or writes it."""
    try:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise damaged_error(root, str(exc)) from None
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    if problems:
        raise damaged_error(root, problems[0])


def _require_current(conn: sqlite3.Connection, root: Path) -> None:
    if conn.execute("PRAGMA user_version").fetchone()[0] < schema_version():
        raise WorkspaceError(
            f"{root}: the workspace is read-only and was written by an older version of "
            "secresponder, so it cannot be upgraded; open it once where it can be written."
        )


def _migrate(conn: sqlite3.Connection, path: Path, root: Path | None = None) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if 0 < current < schema_version() and root is not None:
        # Keep the workspace as it was before changing its schema.
        reason = f"before-upgrade-to-{schema_version()}"
        backups.take_backup(conn, root, datetime.now(UTC), reason)
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


def integrity_problems(root: Path, limit: int = 20) -> list[str]:
    """SQLite's full integrity check of the workspace database, without changing it: each
    problem as SQLite words it (empty when the database is sound)."""
    path = database_path(root)
    if not path.is_file():
        return [f"{path}: there is no workspace database here."]
    try:
        with contextlib.closing(_connect_read_only(path)) as conn:
            rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
            rows += conn.execute("PRAGMA foreign_key_check").fetchall()[:limit]
    except sqlite3.DatabaseError as exc:
        return [f"{path}: {exc}."]
    return [f"{path}: {row[0] if len(row) == 1 else 'broken link in table ' + str(row[0])}."
            for row in rows if not (len(row) == 1 and row[0] == "ok")]
