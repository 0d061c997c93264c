"""The import log: which page was read into the workspace, when, and what it changed;
written once with SQLAlchemy Core for both workspace kinds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from secresponder.store.records import ImportLogEntry
from secresponder.store.sql.tables import imports

_i = imports.c


def log_import(conn: Connection, *, source: str, page_kind: str, page_format: str,
               imported_at: datetime, summary: dict[str, Any]) -> int:
    """Record one page read into the workspace; returns the entry's id."""
    return int(conn.execute(
        insert(imports).values(source=source, page_kind=page_kind, page_format=page_format,
                               imported_at=imported_at, summary=summary).returning(_i.id)
    ).scalar_one())


def import_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(imports)).scalar_one())


def list_imports(conn: Connection) -> list[ImportLogEntry]:
    """The import log, most recent first."""
    rows = conn.execute(select(_i.id, _i.source, _i.page_kind, _i.page_format, _i.imported_at,
                               _i.summary).order_by(_i.id.desc()))
    return [ImportLogEntry(id=row.id, source=row.source, page_kind=row.page_kind,
                           page_format=row.page_format, imported_at=row.imported_at,
                           summary=row.summary) for row in rows]


def latest_list_import(conn: Connection) -> tuple[str, datetime] | None:
    """The source and time of the last consultations page read into the workspace."""
    row = conn.execute(
        select(_i.source, _i.imported_at).where(_i.page_kind == "consultations")
        .order_by(_i.imported_at.desc(), _i.id.desc()).limit(1)
    ).first()
    return None if row is None else (str(row.source), row.imported_at)
