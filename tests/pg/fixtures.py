"""Pytest fixtures for PostgreSQL: one throwaway server per session, a fresh database per test.

The server starts on first use only, so a run that touches no PostgreSQL test starts
none. When no server can be found the tests that need one FAIL with a sentence on how
to install it: a team workspace that is never tested must not pass quietly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from psycopg import sql

from tests.pg.server import PASSWORD_GROUP, ServerUnavailable, ThrowawayServer

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    try:
        server = ThrowawayServer.start()
    except ServerUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        with admin_connection(server) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(PASSWORD_GROUP)))
        yield server
    finally:
        server.stop()


def admin_connection(server: ThrowawayServer, database: str = "postgres") -> psycopg.Connection:
    """A superuser connection in autocommit mode, for setting up roles and databases."""
    return psycopg.connect(server.url(database), autocommit=True)


@pytest.fixture
def pg_database(pg_server: ThrowawayServer) -> Iterator[str]:
    """The name of a new, empty database, dropped after the test."""
    name = f"test_{next(_names)}"
    with admin_connection(pg_server) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with admin_connection(pg_server) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def pg_url(pg_server: ThrowawayServer, pg_database: str) -> str:
    """A connection URL for a new, empty database, as a role that may create tables."""
    return pg_server.url(pg_database)


@pytest.fixture(scope="session")
def pg_shared_workspace(pg_server: ThrowawayServer) -> str:
    """A database set up as a team workspace once per session (creating one costs ~1 s)."""
    from secresponder.store.backends import upgrade_workspace

    name = "shared_workspace"
    with admin_connection(pg_server) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    upgrade_workspace(pg_server.url(name))
    return name


@pytest.fixture
def pg_workspace_url(pg_server: ThrowawayServer, pg_shared_workspace: str) -> Iterator[str]:
    """A URL for an empty team workspace (public schema); emptied again after the test.

    For tests that only read and write rows; a test that changes the schema or its
    version uses ``pg_url`` and upgrades a database of its own.
    """
    yield pg_server.url(pg_shared_workspace)
    with admin_connection(pg_server, pg_shared_workspace) as conn:
        names = [row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'")]
        conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
            sql.SQL(", ").join(sql.Identifier(name) for name in names)))


@pytest.fixture(params=["folder", "team"])
def any_workspace(request: pytest.FixtureRequest, tmp_path):  # type: ignore[no-untyped-def]
    """Each kind of workspace in turn: a folder (SQLite) and a team database (PostgreSQL).

    Tests of code that must behave the same on both take this one fixture.
    """
    from secresponder.store.backends import open_workspace

    where = (tmp_path / "workspace" if request.param == "folder"
             else request.getfixturevalue("pg_workspace_url"))
    workspace = open_workspace(where)
    try:
        yield workspace
    finally:
        workspace.close()


# --- a keyring held in memory, and a role that must give a password ----------------


class MemoryKeyring(KeyringBackend):
    """A keyring held in memory, standing in for Windows Credential Manager."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not there")


@pytest.fixture
def memory_keyring():
    """The system keyring replaced by one in memory for the test."""
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def password_role(pg_server, pg_database, pg_url, tmp_path, monkeypatch):
    """A role that must give a password, granted rows in a set-up workspace; no pgpass."""
    name = "kim"
    with admin_connection(pg_server) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(name), sql.Literal("tr0ub4dor&3"), sql.Identifier(PASSWORD_GROUP)))
    from secresponder.store.backends import upgrade_workspace

    upgrade_workspace(pg_url, grant_to=name)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    yield pg_server.url(pg_database, user=name)
    with admin_connection(pg_server, pg_database) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
