"""A team workspace on the throwaway PostgreSQL: upgrade, least privilege, versions, schemas."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import insert, select

from secresponder.domain.deadline import LONDON
from secresponder.errors import WorkspaceError
from secresponder.store import backends
from secresponder.store.location import parse_location
from secresponder.store.sql import tables
from secresponder.store.sql.database import DatabaseWorkspace, schema_version
from secresponder.store.workspace import schema_version as sqlite_schema_version
from tests.pg.fixtures import admin_connection
from tests.pg.server import PASSWORD_GROUP

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def _tables(pg_url: str, schema: str = "public") -> set[str]:
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,),
        ).fetchall()
    return {row[0] for row in rows}


def _version(pg_url: str, schema: str = "public") -> str:
    with psycopg.connect(pg_url) as conn:
        return conn.execute(
            sql.SQL("SELECT version_num FROM {}").format(sql.Identifier(schema, "alembic_version"))
        ).fetchone()[0]


def _add_consultation(connection, key: str = "mp231", title: str = "Smart meter faults") -> int:
    return connection.execute(
        insert(tables.consultations).values(
            key=key, reference=key.upper(), title=title, closes_at=NOW,
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
            audience=["Large Suppliers"], documents=[{"label": "Consultation document"}],
        ).returning(tables.consultations.c.id)
    ).scalar_one()


def _make_role(server, name: str, *, password: str | None = None) -> None:
    with admin_connection(server) as conn:
        statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name))
        if password:
            statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(name), sql.Literal(password), sql.Identifier(PASSWORD_GROUP))
        conn.execute(statement)


@pytest.fixture
def roles(pg_server, pg_database):
    """Makes login roles; they are dropped with what was granted to them in the test's database."""
    made: list[str] = []

    def make(name: str, *, password: str | None = None) -> str:
        _make_role(pg_server, name, password=password)
        made.append(name)
        return name

    yield make
    with admin_connection(pg_server, pg_database) as conn:
        for name in made:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


# --- upgrade --------------------------------------------------------------------------


def test_upgrade_sets_up_an_empty_database_at_the_same_version_as_a_folder(pg_url):
    result = backends.upgrade_workspace(pg_url)
    assert (result.before, result.after) == (0, schema_version())
    assert schema_version() == sqlite_schema_version()
    assert {t.name for t in tables.metadata.sorted_tables} <= _tables(pg_url)
    assert _version(pg_url) == f"{schema_version():04d}"
    again = backends.upgrade_workspace(pg_url)
    assert (again.before, again.after) == (schema_version(), schema_version())


def test_opening_a_database_that_was_never_upgraded_says_what_to_run_and_creates_nothing(
    pg_url,
):
    with pytest.raises(WorkspaceError) as caught:
        backends.open_workspace(pg_url)
    message = str(caught.value)
    assert f"run `secresponder workspace upgrade --workspace {pg_url}`" in message
    assert "has no secresponder workspace yet" in message
    assert _tables(pg_url) == set()


def test_an_older_schema_is_not_upgraded_by_opening_it(pg_url):
    backends.upgrade_workspace(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    with pytest.raises(WorkspaceError, match=r"older workspace \(schema 4.*run `secresponder"):
        backends.open_workspace(pg_url)
    assert _version(pg_url) == "0004"


def test_a_newer_schema_is_refused_by_open_and_upgrade_and_left_untouched(pg_url):
    backends.upgrade_workspace(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("CREATE TABLE future_feature (x int)")
    before = _tables(pg_url)
    for action in (backends.open_workspace, backends.upgrade_workspace):
        with pytest.raises(WorkspaceError, match="newer version of secresponder") as caught:
            action(pg_url)
        assert "left untouched" in str(caught.value)
    assert _tables(pg_url) == before
    assert _version(pg_url) == "0099"


def test_a_failed_upgrade_changes_nothing(pg_url):
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE snippets (id int)")  # in the way of revision 0004
    with pytest.raises(WorkspaceError, match="the database refused the request") as caught:
        backends.upgrade_workspace(pg_url)
    assert "snippets" in str(caught.value)
    assert _tables(pg_url) == {"snippets"}


# --- least privilege ------------------------------------------------------------------


def test_a_role_that_may_only_read_and_write_rows_uses_the_workspace(
    pg_server, pg_database, pg_url, roles
):
    analyst = roles("analyst")
    backends.upgrade_workspace(pg_url, grant_to=analyst)
    analyst_url = pg_server.url(pg_database, user=analyst)
    with backends.open_workspace(analyst_url) as ws:
        assert isinstance(ws, DatabaseWorkspace)
        with ws.transaction() as conn:
            consultation = _add_consultation(conn)
            conn.execute(insert(tables.notes).values(
                consultation_id=consultation, body="Check with metering", created_at=NOW,
                updated_at=NOW, author="Sam Patel <sam@bright.example>"))
            conn.execute(tables.settings.insert().values(key="profile", value={"name": "Sam"}))
        with ws.reading() as conn:
            authors = conn.execute(select(tables.notes.c.author)).scalars().all()
            assert authors == ["Sam Patel <sam@bright.example>"]
            assert conn.execute(select(tables.settings.c.value)).scalar_one() == {"name": "Sam"}
    with psycopg.connect(analyst_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("CREATE TABLE mine (x int)")
    with psycopg.connect(analyst_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE alembic_version SET version_num = '0001'")


def test_a_row_only_role_cannot_set_up_a_database_and_is_told_why(
    pg_server, pg_database, pg_url, roles
):
    analyst = roles("reader_writer")
    analyst_url = pg_server.url(pg_database, user=analyst)
    with pytest.raises(WorkspaceError) as opened:
        backends.open_workspace(analyst_url)
    assert "run `secresponder workspace upgrade" in str(opened.value)
    with admin_connection(pg_server, pg_database) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA team AUTHORIZATION pgadmin"))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA team TO {}").format(sql.Identifier(analyst)))
    with pytest.raises(WorkspaceError, match="may not do this in schema team") as caught:
        backends.upgrade_workspace(analyst_url + "?schema=team")
    assert f"the role '{analyst}'" in str(caught.value)
    assert "run the upgrade as a role that may create tables" in str(caught.value)
    assert _tables(pg_url, "team") == set()


def test_grant_names_a_role_not_sql(pg_url):
    with pytest.raises(WorkspaceError, match="not a usable role name"):
        backends.upgrade_workspace(pg_url, grant_to='x"; DROP TABLE settings; --')


# --- one team, one schema -------------------------------------------------------------


def test_each_team_sees_only_its_own_schema(pg_url):
    with psycopg.connect(pg_url) as conn:  # a decoy where an unqualified name might land
        conn.execute("CREATE TABLE settings (key text, value jsonb)")
        conn.execute("""INSERT INTO settings VALUES ('profile', '{"name": "public"}')""")
    backends.upgrade_workspace(f"{pg_url}?schema=retail")
    backends.upgrade_workspace(f"{pg_url}?schema=networks")
    assert "consultations" not in _tables(pg_url, "public")
    with backends.open_workspace(f"{pg_url}?schema=retail") as retail, \
            retail.transaction() as conn:
        conn.execute(tables.settings.insert().values(key="profile", value={"name": "retail"}))
    with backends.open_workspace(f"{pg_url}?schema=networks") as networks, \
            networks.reading() as conn:
        assert conn.execute(select(tables.settings)).all() == []
        assert conn.exec_driver_sql("SHOW search_path").scalar_one() == "networks"
    with backends.open_workspace(f"{pg_url}?schema=retail") as retail, retail.reading() as conn:
        assert conn.execute(select(tables.settings.c.value)).scalar_one() == {"name": "retail"}


def test_search_triggers_index_into_their_own_schema(pg_url):
    for team in ("retail", "networks"):
        backends.upgrade_workspace(f"{pg_url}?schema={team}")
    with backends.open_workspace(f"{pg_url}?schema=retail") as retail, \
            retail.transaction() as conn:
        _add_consultation(conn, title="Retail only tariff change")
    with psycopg.connect(pg_url) as conn:
        counts = {
            team: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(
                sql.Identifier(team, "search_index"))).fetchone()[0]
            for team in ("retail", "networks")
        }
    assert counts == {"retail": 1, "networks": 0}


# --- connecting -----------------------------------------------------------------------


def test_sslmode_is_passed_to_the_driver(pg_url):
    backends.upgrade_workspace(pg_url)
    with backends.open_workspace(f"{pg_url}?sslmode=disable"):
        pass
    # The throwaway server has no certificate: a URL that demands TLS must not connect
    # without it.
    with pytest.raises(WorkspaceError, match="could not connect to the database") as caught:
        backends.open_workspace(f"{pg_url}?sslmode=require")
    assert "SSL" in str(caught.value)


def test_password_comes_from_libpqs_password_file(
    pg_server, pg_database, pg_url, roles, tmp_path, monkeypatch
):
    role = roles("sam", password="correct horse")
    backends.upgrade_workspace(pg_url, grant_to=role)
    url = pg_server.url(pg_database, user=role)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "missing"))
    with pytest.raises(WorkspaceError, match="could not connect to the database"):
        backends.open_workspace(url)
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_server.port}:{pg_database}:{role}:correct horse\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    with backends.open_workspace(url) as ws, ws.reading() as conn:
        assert conn.exec_driver_sql("SELECT current_user").scalar_one() == role


def test_service_file_names_the_server(pg_server, pg_database, pg_url, tmp_path, monkeypatch):
    backends.upgrade_workspace(pg_url)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[team]\nhost=127.0.0.1\nport={pg_server.port}\nuser=pgadmin\ndbname={pg_database}\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with backends.open_workspace("postgresql:///?service=team") as ws, ws.reading() as conn:
        assert conn.exec_driver_sql("SELECT current_database()").scalar_one() == pg_database


def test_no_server_listening_is_one_sentence():
    from tests.pg.server import free_port

    url = f"postgresql://nobody@127.0.0.1:{free_port()}/nothing?connect_timeout=2"
    with pytest.raises(WorkspaceError) as caught:
        backends.open_workspace(url)
    message = str(caught.value)
    assert message.startswith(f"{url}: could not connect to the database (")
    assert "\n" not in message


def test_location_objects_are_accepted_as_well_as_text(pg_url):
    backends.upgrade_workspace(parse_location(pg_url))
    with backends.open_workspace(parse_location(pg_url)) as ws:
        assert ws.schema == "public"


def test_a_role_without_access_to_the_schema_is_told_how_to_get_it(
    pg_server, pg_database, pg_url, roles
):
    outsider = roles("outsider")
    backends.upgrade_workspace(f"{pg_url}?schema=retail")
    url = pg_server.url(pg_database, user=outsider, query="schema=retail")
    with pytest.raises(WorkspaceError) as caught:
        backends.open_workspace(url)
    assert str(caught.value) == (
        f"{url}: the role 'outsider' may not use schema retail; the database's owner can let "
        f"the team's role in with `secresponder workspace upgrade --workspace {url} --grant "
        "ROLE`."
    )
    with admin_connection(pg_server, pg_database) as conn:  # the schema, but not the rows
        conn.execute("GRANT USAGE ON SCHEMA retail TO outsider")
    with pytest.raises(WorkspaceError, match=r"may not do this in schema retail \(permission "
                                             r"denied for table alembic_version\); the "
                                             r"database's owner can let"):
        backends.open_workspace(url)
