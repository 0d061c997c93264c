"""Telling a team database from a folder where ``--workspace`` is given."""

from __future__ import annotations

import pytest

from secresponder.errors import WorkspaceError
from secresponder.services.session import checked_choice, is_team_database, parse_address


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


def test_a_team_database_is_named_by_server_and_database_never_with_a_password(tmp_path,
                                                                            monkeypatch):
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path))
    address = parse_address("postgresql://sam@db.example.org:5433/sec?schema=bright")
    assert address.is_team and address.folder is None and address.database_file is None
    assert address.display == "Team server: db.example.org:5433/sec (schema bright)"
    assert address.given == "postgresql://sam@db.example.org:5433/sec?schema=bright"
    # Its log and local copies of stored files: a folder of its own on this computer.
    assert address.local_folder == (tmp_path / "team-servers"
                                    / "db.example.org_5433_sec_schema_bright")
    service = parse_address("postgresql:///sec?service=team")
    assert service.display == "Team server: service team/sec"
    with pytest.raises(WorkspaceError) as refused:
        parse_address("postgresql://sam:hunter2@db.example.org/sec")
    assert "password file" in str(refused.value) and "hunter2" not in str(refused.value)


def test_a_folder_is_named_by_its_path(tmp_path):
    address = parse_address(tmp_path / "ws")
    assert not address.is_team
    assert address.display == address.given == str(tmp_path / "ws")
    assert address.local_folder == address.folder == tmp_path / "ws"


@pytest.mark.parametrize(
    ("team", "text", "said"),
    [
        (True, "", "Team server: give the team database's connection string, such as "
                   "postgresql://you@db.example.org/secresponder."),
        (True, "/home/sam/sec", "/home/sam/sec: a team server is named by a postgresql:// "
                                "connection string (postgresql://user@host:port/dbname, or "
                                "postgresql:///dbname?service=NAME)."),
        (False, "postgresql://sam:pw@db/sec", "postgresql://sam:***@db/sec: This computer "
                                              "takes a folder; choose Team server for a "
                                              "database."),
    ],
)
def test_the_preferences_choice_is_refused_in_one_sentence(team, text, said):
    with pytest.raises(WorkspaceError) as refused:
        checked_choice(team, text)
    assert str(refused.value) == said


def test_a_blank_folder_choice_is_the_usual_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))
    assert checked_choice(False, "  ").folder == tmp_path / "home"
    assert checked_choice(True, " postgresql://db/sec ").given == "postgresql://db/sec"
