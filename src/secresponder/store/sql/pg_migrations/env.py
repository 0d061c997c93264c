"""Alembic's environment for a team workspace: always run from ``store.sql.migrate``.

The caller hands over an open connection (in ``config.attributes``) whose search_path
is the team's schema; every revision runs in the one transaction the caller holds, so
an upgrade that fails changes nothing.
"""

from alembic import context

connection = context.config.attributes["connection"]
schema = context.config.attributes["schema"]

context.configure(
    connection=connection,
    version_table_schema=schema,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
