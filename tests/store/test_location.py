"""Telling a folder from a PostgreSQL URL, and what is refused, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from secresponder.errors import WorkspaceError
from secresponder.store.location import (
    DatabaseLocation,
    FolderLocation,
    is_database_url,
    parse_location,
)


@pytest.mark.parametrize(
    "text",
    ["/home/sam/workspace", "C:\\Users\\Sam\\OneDrive\\secresponder", "relative/folder",
     "~/secresponder", "postgresql-notes", "\\\\server\\share\\team"],
)
def test_anything_without_a_scheme_is_a_folder(text):
    location = parse_location(text)
    assert isinstance(location, FolderLocation)
    assert location.path == Path(text).expanduser()
    assert not is_database_url(text)


def test_no_workspace_given_is_the_home_folder(workspace_root):
    assert parse_location(None) == FolderLocation(workspace_root)


def test_host_port_database_and_user():
    location = parse_location("postgresql://sam@db.bright.example:6543/regulation")
    assert isinstance(location, DatabaseLocation)
    url = location.url
    assert (url.drivername, url.username, url.host, url.port, url.database) == (
        "postgresql+psycopg", "sam", "db.bright.example", 6543, "regulation")
    assert location.schema == "public"
    assert location.display == "postgresql://sam@db.bright.example:6543/regulation"
    # A window that waits on a dead server says so within seconds, and the server's
    # activity view names the app.
    assert url.query["connect_timeout"] == "10"
    assert url.query["application_name"] == "secresponder"


def test_service_file_entry_and_libpq_parameters_pass_through():
    location = parse_location(
        "postgres:///regulation?service=team&sslmode=verify-full&sslrootcert=/etc/ca.pem"
        "&connect_timeout=3"
    )
    assert isinstance(location, DatabaseLocation)
    assert location.url.host is None
    assert location.url.database == "regulation"
    assert dict(location.url.query) == {
        "service": "team", "sslmode": "verify-full", "sslrootcert": "/etc/ca.pem",
        "connect_timeout": "3", "application_name": "secresponder",
    }


def test_team_schema_is_taken_out_of_the_driver_parameters():
    location = parse_location("postgresql://sam@host/db?schema=retail_team&sslmode=require")
    assert isinstance(location, DatabaseLocation)
    assert location.schema == "retail_team"
    assert "schema" not in location.url.query
    assert location.url.query["sslmode"] == "require"


@pytest.mark.parametrize("schema", ["Retail", "pg_catalog", "a-b", "1team", "x" * 64])
def test_unusable_schema_names_are_refused(schema):
    with pytest.raises(WorkspaceError, match="is not a usable name"):
        parse_location(f"postgresql://sam@host/db?schema={schema}")


@pytest.mark.parametrize(
    "text",
    ["postgresql://sam:s3cret@host/db", "postgresql://sam@host/db?password=s3cret",
     "postgresql://sam:@host/db"],
)
def test_a_password_in_the_url_is_refused_and_never_repeated(text):
    with pytest.raises(WorkspaceError) as caught:
        parse_location(text)
    message = str(caught.value)
    assert "password file" in message
    assert "s3cret" not in message


@pytest.mark.parametrize("text", ["mysql://sam@host/db", "sqlite:///tmp/x.db",
                                  "https://example.com/workspace"])
def test_other_kinds_of_url_are_refused(text):
    with pytest.raises(WorkspaceError, match="a folder or a PostgreSQL URL"):
        parse_location(text)


def test_malformed_url_is_one_sentence():
    with pytest.raises(WorkspaceError, match="is not a valid PostgreSQL URL"):
        parse_location("postgresql://sam@host:port/db")
