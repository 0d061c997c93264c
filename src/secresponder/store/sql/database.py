"""A team workspace: one PostgreSQL database (or one schema in it), opened with least privilege.

Day-to-day use only reads and writes rows, so it never creates or alters anything:
a database whose schema is missing or older says to run ``secresponder workspace
upgrade``, and one written by a newer version of the app is refused untouched.
Upgrading is the separate, explicit step, by a role that may create tables; it
runs every revision in one transaction, so a failed upgrade changes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from secresponder.errors import WorkspaceError
from secresponder.store.location import DatabaseLocation
from secresponder.store.sql import credentials

if TYPE_CHECKING:
    import psycopg

# psycopg and Alembic are imported where a team database is used, not with this module:
# every command on a folder imports it (through the session) and would pay ~0.3 s for them.

UPGRADE_COMMAND = "secresponder workspace upgrade --workspace"
_GRANT_REMEDY = ("the database's owner can let the team's role in with `secresponder workspace "
                 "upgrade --workspace {url} --grant ROLE`")
# One upgrade at a time per database, whoever starts it.
_UPGRADE_LOCK = 0x5EC_0011


def make_engine(location: DatabaseLocation) -> Engine:
    """An engine whose every connection sees only the location's schema."""
    password = credentials.stored_password(location)
    engine = create_engine(location.url, pool_pre_ping=True, pool_size=4, max_overflow=4,
                           connect_args={"password": password} if password else {})
    schema = location.schema

    @event.listens_for(engine, "connect")
    def _only_this_schema(dbapi_connection: psycopg.Connection, _record: object) -> None:
        from psycopg import sql as pgsql

        # Nothing from another team's schema (or public) can be read by an unqualified name.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
        dbapi_connection.commit()

    return engine


def describe_failure(location: DatabaseLocation, exc: BaseException, *,
                     upgrading: bool = False) -> str:
    """One sentence for a database error, naming the workspace; no password is ever shown."""
    import psycopg

    original = getattr(exc, "orig", None) or exc
    detail = str(original).strip().splitlines()[0] if str(original).strip() else type(
        original).__name__
    if isinstance(original, psycopg.errors.InsufficientPrivilege):
        remedy = ("run the upgrade as a role that may create tables (the database's owner)"
                  if upgrading else _GRANT_REMEDY.format(url=location.display))
        return (f"{location.display}: the role {_role(location)} may not do this in schema "
                f"{location.schema} ({detail}); {remedy}.")
    if isinstance(original, psycopg.OperationalError):
        return f"{location.display}: could not connect to the database ({detail})."
    return f"{location.display}: the database refused the request ({detail})."


def _role(location: DatabaseLocation) -> str:
    return repr(location.user) if location.user else "used"


@dataclass(frozen=True)
class SchemaState:
    current: int  # 0: not set up
    known: bool  # False: written by a newer version of the app


def _state(connection: Connection, schema: str) -> SchemaState:
    from secresponder.store.sql import migrate

    revision = migrate.current_revision(connection, schema)
    return SchemaState(migrate.number(revision), revision is None or revision in
                       migrate.revisions())


def _newer_message(location: DatabaseLocation, state: SchemaState) -> str:
    return (
        f"{location.display}: was written by a newer version of secresponder (schema "
        f"{state.current}, this version knows {schema_version()}); it was left untouched."
    )


def schema_version() -> int:
    """The team schema version this build writes (the same number as SQLite's)."""
    from secresponder.store.sql import migrate

    return migrate.number(migrate.head_revision())


class DatabaseWorkspace:
    """An open team workspace: an engine bound to one database and schema."""

    def __init__(self, location: DatabaseLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine

    @property
    def schema(self) -> str:
        return self.location.schema

    @classmethod
    def open(cls, location: DatabaseLocation) -> DatabaseWorkspace:
        """Open for daily use; the schema must be exactly this version's (never changed here)."""
        engine = make_engine(location)
        try:
            with engine.connect() as connection:
                usable = connection.execute(
                    text("SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace "
                         "WHERE nspname = :name"), {"name": location.schema}).scalar()
                if usable is False:
                    engine.dispose()
                    raise WorkspaceError(
                        f"{location.display}: the role {_role(location)} may not use schema "
                        f"{location.schema}; " + _GRANT_REMEDY.format(url=location.display)
                        + "."
                    )
                state = _state(connection, location.schema)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise WorkspaceError(describe_failure(location, exc)) from None
        if not state.known:
            engine.dispose()
            raise WorkspaceError(_newer_message(location, state))
        if state.current < schema_version():
            engine.dispose()
            found = ("has no secresponder workspace yet" if state.current == 0 else
                     f"holds an older workspace (schema {state.current}, this version needs "
                     f"{schema_version()})")
            raise WorkspaceError(
                f"{location.display}: {found} in schema {location.schema}; run "
                f"`{UPGRADE_COMMAND} {location.display}` as a role that may create tables."
            )
        return cls(location, engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> DatabaseWorkspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A transaction, committed on success and rolled back on error."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except DBAPIError as exc:
            raise WorkspaceError(describe_failure(self.location, exc)) from None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (its transaction is rolled back at the end)."""
        try:
            with self.engine.connect() as connection:
                yield connection
        except DBAPIError as exc:
            raise WorkspaceError(describe_failure(self.location, exc)) from None


def stored_version(location: DatabaseLocation) -> int:
    """The schema number the database holds (0: not set up), read without changing anything."""
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            state = _state(connection, location.schema)
    except SQLAlchemyError as exc:
        raise WorkspaceError(describe_failure(location, exc)) from None
    finally:
        engine.dispose()
    if not state.known:
        raise WorkspaceError(_newer_message(location, state))
    return state.current


@dataclass(frozen=True)
class UpgradeResult:
    before: int
    after: int


def upgrade(location: DatabaseLocation, *, grant_to: str | None = None) -> UpgradeResult:
    """Create or migrate the team schema; optionally let ``grant_to`` read and write its rows.

    Everything runs in one transaction under an advisory lock: a failed or refused
    upgrade leaves the database exactly as it was.
    """
    from psycopg import sql as pgsql

    from secresponder.store.sql import migrate

    engine = make_engine(location)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
            state = _state(connection, location.schema)
            if not state.known:
                raise WorkspaceError(_newer_message(location, state))
            exists = connection.execute(
                text("SELECT 1 FROM pg_namespace WHERE nspname = :name"),
                {"name": location.schema},
            ).first()
            if exists is None:  # asking only when needed: a role without CREATE may re-run it
                connection.exec_driver_sql(
                    pgsql.SQL("CREATE SCHEMA {}").format(pgsql.Identifier(location.schema))
                    .as_string()
                )
            migrate.upgrade(connection, location.schema)
            if grant_to:
                _grant(connection, location.schema, grant_to)
            after = _state(connection, location.schema).current
    except SQLAlchemyError as exc:
        raise WorkspaceError(describe_failure(location, exc, upgrading=True)) from None
    finally:
        engine.dispose()
    return UpgradeResult(state.current, after)


def _grant(connection: Connection, schema: str, role: str) -> None:
    """Rows only: read and write every table, read the schema version, create nothing."""
    from psycopg import sql as pgsql

    from secresponder.store.sql import migrate

    names = {"schema": pgsql.Identifier(schema), "role": pgsql.Identifier(role),
             "version": pgsql.Identifier(schema, migrate.VERSION_TABLE)}
    for statement in (
        "GRANT USAGE ON SCHEMA {schema} TO {role}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
        "REVOKE INSERT, UPDATE, DELETE ON {version} FROM {role}",
        # Tables a later upgrade (by the same role) creates are granted as they appear.
        "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    ):
        connection.exec_driver_sql(pgsql.SQL(statement).format(**names).as_string())
