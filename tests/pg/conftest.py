"""The PostgreSQL fixtures for the tests in this folder (see tests/pg/fixtures.py)."""

from tests.pg.fixtures import pg_database, pg_server, pg_url

__all__ = ["pg_database", "pg_server", "pg_url"]
