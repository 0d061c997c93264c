"""Alembic, run from code, for a team workspace's schema on PostgreSQL.

The revision scripts ship inside the package (``pg_migrations``), so no ``alembic.ini``
is needed at run time. Revision ids are the numbers of the SQLite migrations they
mirror ("0001", "0002", ...): "schema 5" means the same tables on both backends.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

SCRIPT_LOCATION = "secresponder.store.sql:pg_migrations"
VERSION_TABLE = "alembic_version"


def _config(connection: Connection | None = None, schema: str = "public") -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    config.attributes["schema"] = schema
    return config


def revisions() -> list[str]:
    """Every known revision id, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    return revisions()[-1]


def number(revision: str | None) -> int:
    """The schema number a revision stands for; 0 for an empty database."""
    return int(revision) if revision else 0


def current_revision(connection: Connection, schema: str) -> str | None:
    """The revision recorded in ``schema``, or None when it has none."""
    context = MigrationContext.configure(
        connection, opts={"version_table_schema": schema, "version_table": VERSION_TABLE}
    )
    return context.get_current_revision()


def upgrade(connection: Connection, schema: str, target: str = "head") -> None:
    """Bring ``schema`` to ``target`` (the newest revision) inside the caller's transaction."""
    command.upgrade(_config(connection, schema), target)


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())
