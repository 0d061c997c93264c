"""The workspace through SQLAlchemy Core: one set of tables for SQLite and PostgreSQL.

How the two backends share one migration story:

- A folder (SQLite) keeps its numbered ``store/migrations/NNNN_name.sql`` scripts,
  applied when it is opened and counted in ``PRAGMA user_version``: every existing
  workspace on every laptop already follows them, and their FTS5 tables, views and
  triggers are SQLite's own.
- A team database (PostgreSQL) is migrated by Alembic from ``pg_migrations``, one
  revision per SQLite migration with the same number, only by an explicit upgrade
  (``secresponder workspace upgrade``) run by a role that may create tables.
- ``tables.metadata`` describes the tables both create, with column types that read
  and write the same Python values on each; repositories written against it are the
  one copy of the app's logic. A test compares the metadata with both real schemas,
  so the three cannot drift apart.

DDL is per backend either way (full-text search, triggers and types differ); keeping
SQLite on its own scripts means no existing workspace has to be adopted by a new tool.
"""
