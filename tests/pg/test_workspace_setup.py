"""The upgrade service on both kinds of workspace: what it does and what it says."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from secresponder.errors import WorkspaceError
from secresponder.services.workspace_setup import upgrade_workspace
from secresponder.store.location import parse_location
from secresponder.store.sql import migrate
from secresponder.store.sql.database import make_engine
from secresponder.store.workspace import schema_version


def test_a_team_database_is_set_up_then_left_alone(pg_url):
    first = upgrade_workspace(pg_url)
    assert (first.team, first.before, first.after) == (True, 0, schema_version())
    assert first.summary == f"{pg_url}: set up a new workspace at schema {schema_version()}."
    again = upgrade_workspace(pg_url)
    assert not again.changed
    assert again.summary == (
        f"{pg_url}: already at schema {schema_version()}; nothing to upgrade."
    )


def test_an_older_team_database_is_upgraded_and_the_group_role_granted(pg_server, pg_url):
    location = parse_location(pg_url)
    engine = make_engine(location)
    with engine.begin() as connection:  # as an earlier version of the app left it
        migrate.upgrade(connection, location.schema, target="0005")
    engine.dispose()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE ROLE regulation_team NOLOGIN")
    try:
        report = upgrade_workspace(pg_url, grant_to="regulation_team")
        assert report.summary == (
            f"{pg_url}: upgraded from schema 5 to {schema_version()}; role regulation_team "
            "may read and write its rows."
        )
        with psycopg.connect(pg_url) as conn:
            allowed = conn.execute(
                "SELECT has_table_privilege('regulation_team', 'form_corrections', 'INSERT'), "
                "has_table_privilege('regulation_team', 'notes', 'DELETE'), "
                "has_schema_privilege('regulation_team', 'public', 'CREATE')"
            ).fetchone()
        assert allowed == (True, True, False)
        with psycopg.connect(pg_url) as conn:  # as a later upgrade would
            conn.execute("CREATE TABLE added_later (x int)")
            assert conn.execute(
                "SELECT has_table_privilege('regulation_team', 'added_later', 'UPDATE')"
            ).fetchone() == (True,)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP OWNED BY regulation_team")
            conn.execute("DROP ROLE regulation_team")


def test_a_folder_is_migrated_by_the_same_call(workspace_root):
    report = upgrade_workspace(workspace_root)
    assert (report.team, report.before, report.after) == (False, 0, schema_version())
    conn = sqlite3.connect(workspace_root / "workspace.sqlite3")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    finally:
        conn.close()
    assert not upgrade_workspace(str(workspace_root)).changed


def test_a_folder_has_no_roles_to_grant(workspace_root):
    with pytest.raises(WorkspaceError, match="a folder has no database roles"):
        upgrade_workspace(workspace_root, grant_to="regulation_team")
