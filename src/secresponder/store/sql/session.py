"""SQLAlchemy connections for either kind of workspace, so one repository serves both.

On a team database these are the workspace's own pooled connections. On a folder they
wrap the workspace's one SQLite connection, inside ``Workspace.transaction()``: a
repository written with SQLAlchemy Core and one still written with plain SQL can then
share a transaction, and the workspace alone begins, commits or rolls it back (the
engine's own commit and rollback do nothing), as it did before.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.workspace import Workspace

AnyWorkspace = Workspace | DatabaseWorkspace

_engines: weakref.WeakKeyDictionary[Workspace, Engine] = weakref.WeakKeyDictionary()


def _folder_engine(ws: Workspace) -> Engine:
    engine = _engines.get(ws)
    if engine is None:
        connection = ws.connection
        engine = create_engine(
            "sqlite://", creator=lambda: connection, poolclass=StaticPool,
            pool_reset_on_return=None,
        )

        # The workspace owns the transaction (BEGIN IMMEDIATE ... COMMIT).
        def _leave_to_workspace(_dbapi_connection: Any) -> None:
            return None

        engine.dialect.do_commit = _leave_to_workspace  # type: ignore[method-assign]
        engine.dialect.do_rollback = _leave_to_workspace  # type: ignore[method-assign]
        _engines[ws] = engine
    return engine


@contextlib.contextmanager
def transaction(ws: AnyWorkspace) -> Iterator[Connection]:
    """A connection inside a write transaction: committed on success, rolled back on error."""
    if isinstance(ws, DatabaseWorkspace):
        with ws.transaction() as connection:
            yield connection
        return
    with ws.transaction(), _folder_engine(ws).connect() as connection:
        yield connection


@contextlib.contextmanager
def reading(ws: AnyWorkspace) -> Iterator[Connection]:
    """A connection for reads, outside any write transaction."""
    if isinstance(ws, DatabaseWorkspace):
        with ws.reading() as connection:
            yield connection
        return
    with _folder_engine(ws).connect() as connection:
        yield connection


@contextlib.contextmanager
def snapshot(ws: AnyWorkspace) -> Iterator[Connection]:
    """A connection whose reads all see one moment of the workspace, for copying it whole."""
    if isinstance(ws, DatabaseWorkspace):
        with ws.reading() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            yield connection
        return
    raw = ws.connection
    raw.execute("BEGIN")  # deferred: the first read fixes what this connection sees
    try:
        with _folder_engine(ws).connect() as connection:
            yield connection
    finally:
        raw.execute("ROLLBACK")
