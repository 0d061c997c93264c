"""INSERT ... ON CONFLICT (DO UPDATE or DO NOTHING), written once for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def upsert(conn: Connection, table: Table, values: dict[str, Any], *, key: tuple[str, ...],
           update: tuple[str, ...]) -> None:
    """Insert ``values``, or on a clash of ``key`` set the ``update`` columns to the new ones."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values)
    conn.execute(statement.on_conflict_do_update(
        index_elements=list(key),
        set_={column: statement.excluded[column] for column in update},
    ))


def insert_new(conn: Connection, table: Table, values: dict[str, Any], *,
               key: tuple[str, ...]) -> bool:
    """Insert ``values`` unless a row with the same ``key`` exists; True when inserted."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing(
        index_elements=list(key)).returning(table.c[key[0]])
    # RETURNING rather than rowcount, which psycopg through SQLAlchemy leaves at -1 here.
    return conn.execute(statement).first() is not None
