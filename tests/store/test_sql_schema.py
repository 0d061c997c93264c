"""The one table description (store/sql/tables.py) agrees with both backends' real schemas.

SQLite's numbered migrations and PostgreSQL's Alembic revisions are written apart;
these tests fail as soon as either differs from the metadata the repositories use.
"""

from __future__ import annotations

import re

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from secresponder.store import backends
from secresponder.store.location import parse_location
from secresponder.store.sql import migrate, tables
from secresponder.store.sql.database import make_engine
from secresponder.store.workspace import Workspace, migrations

# The full-text index is each backend's own, kept by triggers: not in the shared metadata.
_BACKEND_OWN = re.compile(r"^(search_index(_\w+)?|alembic_version)$")


def _differences(connection, *, compare_type: bool, skip_tables: frozenset[str] = frozenset()):
    def include(obj, name, type_, reflected, compare_to):
        table = obj if type_ == "table" else getattr(obj, "table", None)
        table_name = name if type_ == "table" else getattr(table, "name", "")
        return not (_BACKEND_OWN.match(table_name or "") or table_name in skip_tables)

    context = MigrationContext.configure(connection, opts={
        "compare_type": compare_type, "include_object": include,
    })
    return compare_metadata(context, tables.metadata)


def test_every_sqlite_migration_has_a_postgres_revision_with_the_same_number():
    sqlite = [(f"{m.number:04d}", m.name.split("_", 1)[1]) for m in migrations()]
    postgres = []
    for revision in migrate.revisions():
        script = migrate.script_directory().get_revision(revision)
        stem = script.module.__file__.rsplit("/", 1)[-1].removesuffix(".py")
        postgres.append((revision, stem.split("_", 1)[1]))
    assert postgres == sqlite


def test_metadata_matches_the_postgres_schema_after_upgrade(pg_url):
    backends.upgrade_workspace(pg_url)
    engine = make_engine(parse_location(pg_url))
    try:
        with engine.connect() as connection:
            assert _differences(connection, compare_type=True) == []
    finally:
        engine.dispose()


def test_metadata_matches_a_migrated_sqlite_workspace(workspace_root):
    Workspace.open(workspace_root).close()
    engine = create_engine(f"sqlite:///{workspace_root / 'workspace.sqlite3'}")
    try:
        with engine.connect() as connection:
            found = _differences(connection, compare_type=False,
                                 skip_tables=tables.POSTGRES_ONLY)
    finally:
        engine.dispose()
    # SQLite's reflection does not report ON DELETE, and its TEXT primary keys accept
    # NULL; what matters here is that the same tables, columns and indexes exist.
    meaningful = [
        diff for diff in found
        if not isinstance(diff, tuple) or diff[0] not in {"add_fk", "remove_fk"}
    ]
    meaningful = [
        diff for diff in meaningful
        if not (isinstance(diff, list) and diff[0][0] == "modify_nullable"
                and tables.metadata.tables[diff[0][2]].c[diff[0][3]].primary_key)
    ]
    assert meaningful == []
