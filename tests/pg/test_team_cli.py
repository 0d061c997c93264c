"""`workspace upgrade` and `workspace copy` from the command line, against the real server."""

from __future__ import annotations

import io
import json

import psycopg

from secresponder.cli.main import main
from secresponder.store.workspace import schema_version


def run(*args: str, clock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), clock=clock, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_upgrade_sets_up_a_team_database_and_grants_rows_only(pg_url, clock):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE ROLE analysts NOLOGIN")
    try:
        code, out, err = run("workspace", "upgrade", "--workspace", pg_url, "--grant",
                             "analysts", clock=clock)
        assert (code, err) == (0, "")
        assert out == (f"{pg_url}: set up a new workspace at schema {schema_version()}; role "
                       "analysts may read and write its rows.\n")
        code, out, _ = run("workspace", "upgrade", "--workspace", pg_url, "--json", clock=clock)
        assert code == 0
        assert json.loads(out) == {"workspace": pg_url, "team": True,
                                   "before": schema_version(), "after": schema_version(),
                                   "granted_to": None}
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("DROP OWNED BY analysts")
            conn.execute("DROP ROLE analysts")


def test_copy_a_laptop_workspace_into_a_team_database_and_back(pg_url, tmp_path, clock):
    laptop, train = tmp_path / "laptop", tmp_path / "train"
    assert run("note", "MP231", "Check rollback", "--workspace", str(laptop), clock=clock)[0] == 0
    code, out, err = run("workspace", "copy", str(laptop), pg_url, clock=clock)
    assert code == 0, err
    assert out.startswith(f"{laptop} -> {pg_url}: copied ")
    assert "1 notes" in out and "Copying consultations..." in err
    code, out, err = run("workspace", "copy", pg_url, str(train), "--json", clock=clock)
    assert code == 0, err
    assert json.loads(out)["rows"]["notes"] == 1
    listed = [run("list", "--json", "--workspace", str(where), clock=clock)[1]
              for where in (laptop, train)]
    assert listed[0] == listed[1]
    _, notes_out, _ = run("notes", "MP231", "--workspace", str(train), clock=clock)
    assert "Check rollback" in notes_out


def test_faults_are_one_sentence_and_change_nothing(pg_url, tmp_path, clock):
    code, out, err = run("workspace", "upgrade", "--workspace",
                         pg_url.replace("pgadmin@", "pgadmin:hunter2@"), clock=clock)
    assert code == 1 and out == ""
    assert err.startswith("secresponder: ") and err.count("\n") == 1
    assert "password file" in err and "hunter2" not in err
    code, _, err = run("workspace", "copy", str(tmp_path / "none"), pg_url, clock=clock)
    assert code == 1
    assert err == (f"secresponder: {tmp_path / 'none'}: there is no workspace there to "
                   "copy.\n")
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = 'public'").fetchone() == (0,)


def test_a_database_not_set_up_says_how_and_backup_is_left_to_its_server(
        pg_url, tmp_path, clock, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("list", "--workspace", pg_url, clock=clock)
    assert code == 1 and out == ""
    assert err.startswith(f"secresponder: {pg_url}: has no secresponder workspace yet")
    assert "workspace upgrade" in err and err.count("\n") == 1
    code, out, err = run("workspace", "backup", "--workspace", pg_url, clock=clock)
    assert code == 1 and out == ""
    assert err.startswith(f"secresponder: {pg_url}: a team database is checked and backed up "
                          "by its database server")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # no folder named after the URL
