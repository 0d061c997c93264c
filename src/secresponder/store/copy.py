"""Copying a whole workspace between a folder and a team database, either way.

Every table the shared metadata describes is copied row for row with its ids (so
drafts keep their versions, notes their consultations), through column types that
convert each backend's storage (ISO text and timestamptz, JSON text and jsonb). Files
go from ``files/`` to ``stored_files`` or back, checked against their checksums on the
way. The destination must be empty; the rows are written in one transaction there, so a
copy that fails or is cancelled leaves nothing behind (files written into a folder for
it are removed again). The source is read as of one moment and never written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from secresponder.errors import WorkspaceError
from secresponder.store.file_store import DatabaseFiles, FolderFiles, files_for
from secresponder.store.sql import session
from secresponder.store.sql.database import DatabaseWorkspace, describe_failure
from secresponder.store.sql.tables import POSTGRES_ONLY, metadata
from secresponder.store.workspace import Workspace

AnyWorkspace = Workspace | DatabaseWorkspace
Progress = Callable[[str], None]
BATCH = 500
# Tables each backend keeps for itself: SQLite's FTS5 index and its shadow tables,
# Alembic's version table, SQLite's own.
_BACKEND_OWN = re.compile(r"^(search_index(_\w+)?|alembic_version|sqlite_\w+)$")


@dataclass(frozen=True)
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    indexed_documents: int = 0

    @property
    def summary(self) -> str:
        counts = ", ".join(f"{n:,} {name}" for name, n in self.rows.items() if n)
        return f"copied {counts or 'no rows'} and {self.files:,} stored files"


def _name(ws: AnyWorkspace) -> str:
    return ws.location.display if isinstance(ws, DatabaseWorkspace) else str(ws.root)


def _tables(ws: AnyWorkspace) -> list:
    folder = not isinstance(ws, DatabaseWorkspace)
    return [t for t in metadata.sorted_tables if not (folder and t.name in POSTGRES_ONLY)]


def _check_source_is_known(conn: Connection, ws: AnyWorkspace) -> None:
    """Refuse a source holding a table this version cannot copy, rather than drop it."""
    known = {t.name for t in metadata.sorted_tables}
    schema = ws.schema if isinstance(ws, DatabaseWorkspace) else None
    unknown = sorted(
        name for name in inspect(conn).get_table_names(schema=schema)
        if name not in known and not _BACKEND_OWN.match(name)
    )
    if unknown:
        raise WorkspaceError(
            f"{_name(ws)}: holds tables this version cannot copy ({', '.join(unknown)}); "
            "nothing was copied."
        )


def _check_empty(conn: Connection, ws: AnyWorkspace) -> None:
    for table in _tables(ws):
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            raise WorkspaceError(
                f"{_name(ws)}: is not empty (it has {table.name}); copy only into a new "
                "workspace, so nothing in it is overwritten."
            )
    if files_for(ws).names():
        raise WorkspaceError(f"{_name(ws)}: is not empty (it has stored files); copy only "
                             "into a new workspace, so nothing in it is overwritten.")


def copy_workspace(
    source: AnyWorkspace,
    destination: AnyWorkspace,
    *,
    now: datetime,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CopyReport:
    """Copy everything in ``source`` into the empty ``destination``; see the module's notes."""
    say = progress or (lambda _text: None)

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise WorkspaceError(f"{_name(destination)}: the copy was cancelled; nothing was "
                                 "copied.")

    written: list[str] = []
    dst_files = files_for(destination)
    try:
        with session.snapshot(source) as src, session.transaction(destination) as dst:
            _check_source_is_known(src, source)
            _check_empty(dst, destination)
            rows: dict[str, int] = {}
            for table in _tables(source):
                if table.name in POSTGRES_ONLY:
                    continue  # file contents: copied as files below
                check_cancel()
                say(f"Copying {table.name}...")
                rows[table.name] = _copy_rows(src, dst, table)
            _restart_ids(dst, destination)
            indexed = _copy_document_index(src, dst)
            files = 0
            src_files = files_for(source)
            for stored_name in src_files.names():
                check_cancel()
                data = src_files.get(stored_name)  # refuses an altered or missing file
                if isinstance(dst_files, DatabaseFiles):
                    dst_files.put(data, stored_name, now=now, conn=dst)
                else:
                    if not dst_files.exists(stored_name):
                        written.append(stored_name)
                    dst_files.put(data, stored_name, now=now)
                files += 1
            say(f"Copied {files:,} stored files.")
    except SQLAlchemyError as exc:
        _remove(dst_files, written)
        failed = destination if isinstance(destination, DatabaseWorkspace) else source
        if isinstance(failed, DatabaseWorkspace):
            raise WorkspaceError(describe_failure(failed.location, exc)) from None
        raise WorkspaceError(f"{_name(failed)}: the copy failed ({exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}); nothing was copied.") from None
    except BaseException:
        _remove(dst_files, written)
        raise
    return CopyReport(rows=rows, files=files, indexed_documents=indexed)


def _copy_rows(src: Connection, dst: Connection, table) -> int:  # type: ignore[no-untyped-def]
    count = 0
    result = src.execution_options(yield_per=BATCH).execute(select(table))
    for batch in result.mappings().partitions(BATCH):
        dst.execute(insert(table), [dict(row) for row in batch])
        count += len(batch)
    return count


def _restart_ids(dst: Connection, destination: AnyWorkspace) -> None:
    """After rows were written with their ids, new rows must get ids above them."""
    if not isinstance(destination, DatabaseWorkspace):
        return  # SQLite picks the next rowid from the table itself
    for table in _tables(destination):
        if "id" in table.c and table.c.id.identity is not None:
            dst.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            ))


def _copy_document_index(src: Connection, dst: Connection) -> int:
    """Attached documents' extracted text: the app indexes it, no trigger can rebuild it."""
    rows = src.execute(text(
        "SELECT rowid, title, body FROM search_index WHERE kind = 'document'"
    )).all()
    for rowid, title, body in rows:
        dst.execute(
            text("INSERT INTO search_index (rowid, kind, title, body) "
                 "VALUES (:rowid, 'document', :title, :body)"),
            {"rowid": rowid, "title": title, "body": body},
        )
    return len(rows)


def _remove(files: FolderFiles | DatabaseFiles, names: list[str]) -> None:
    if isinstance(files, FolderFiles):
        for name in names:
            files.remove(name)
