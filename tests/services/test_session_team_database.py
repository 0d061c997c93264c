"""Telling a team database from a folder where ``--workspace`` is given."""

from __future__ import annotations

import pytest

from secresponder.services.session import is_team_database


@pytest.mark.parametrize(
    "where",
    [
        "postgresql://alice@db.example.org/sec",
        "postgres://db.example.org:5433/sec?sslmode=require",
        "postgresql+psycopg://db/sec",
        "  POSTGRESQL://db/sec",
    ],
)
def test_postgresql_urls_are_team_databases(where: str) -> None:
    assert is_team_database(where)


@pytest.mark.parametrize(
    "where",
    ["/home/alice/secresponder", "C:\\Users\\alice\\sec", "postgresql-workspace", "sqlite:///x.db",
     "https://example.org/sec", ""],
)
def test_folders_and_other_urls_are_not(where: str) -> None:
    assert not is_team_database(where)
