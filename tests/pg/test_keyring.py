"""A team database's password kept in the system keyring, never in the app's settings."""

from __future__ import annotations

import keyring
import pytest
from keyring.errors import KeyringError

from secresponder.errors import WorkspaceError
from secresponder.store import backends
from secresponder.store.location import parse_location
from secresponder.store.sql import credentials
from tests.pg.fixtures import MemoryKeyring


class BrokenKeyring(MemoryKeyring):
    """A keyring that cannot be reached (a locked store, no session bus)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the store is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the store is locked")


def test_password_from_the_keyring_lets_the_role_in(password_role, memory_keyring):
    location = parse_location(password_role)
    with pytest.raises(WorkspaceError, match="could not connect to the database"):
        backends.open_workspace(password_role)
    name = credentials.remember_password(location, "tr0ub4dor&3")
    assert name == credentials.account(location)
    assert name.startswith("kim@127.0.0.1:")
    with backends.open_workspace(password_role) as ws, ws.reading() as conn:
        assert conn.exec_driver_sql("SELECT current_user").scalar_one() == "kim"
    # The password is kept only in the keyring, under the app's own service name.
    assert memory_keyring.entries == {("secresponder", name): "tr0ub4dor&3"}
    assert credentials.forget_password(location) is True
    assert credentials.forget_password(location) is False
    with pytest.raises(WorkspaceError, match="could not connect to the database"):
        backends.open_workspace(password_role)


def test_an_unusable_keyring_leaves_libpqs_own_means(password_role, tmp_path, monkeypatch,
                                                      pg_server):
    before = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        location = parse_location(password_role)
        assert credentials.stored_password(location) is None
        with pytest.raises(WorkspaceError) as caught:
            credentials.remember_password(location, "tr0ub4dor&3")
        assert str(caught.value).startswith(f"{location.display}: the system keyring could not")
        assert "password file" in str(caught.value)
        passfile = tmp_path / "pgpass"
        passfile.write_text(f"127.0.0.1:{pg_server.port}:*:kim:tr0ub4dor&3\n")
        passfile.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(passfile))
        with backends.open_workspace(password_role) as ws, ws.reading() as conn:
            assert conn.exec_driver_sql("SELECT current_user").scalar_one() == "kim"
    finally:
        keyring.set_keyring(before)


def test_a_url_with_no_user_has_no_keyring_entry(memory_keyring):
    location = parse_location("postgresql:///team?service=regulation")
    assert credentials.account(location) is None
    assert credentials.stored_password(location) is None
    with pytest.raises(WorkspaceError, match="names no user"):
        credentials.remember_password(location, "secret")


def _run(*args: str, stdin: str, clock, monkeypatch) -> tuple[int, str, str]:
    import io

    from secresponder.cli.main import main

    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), clock=clock, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_workspace_password_checks_keeps_and_forgets(password_role, memory_keyring, clock,
                                                     monkeypatch):
    entry = credentials.account(parse_location(password_role))
    code, out, err = _run("workspace", "password", "--workspace", password_role,
                          stdin="wrong\n", clock=clock, monkeypatch=monkeypatch)
    assert code != 0 and out == ""
    assert err.startswith(f"secresponder: {password_role}: could not connect to the database (")
    assert err.rstrip().endswith("; the password was not kept.")
    assert memory_keyring.entries == {}

    code, out, err = _run("workspace", "password", "--workspace", password_role,
                          stdin="tr0ub4dor&3\n", clock=clock, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert out == (f"{password_role}: the password is kept in the system keyring as {entry} "
                   "(service secresponder), not in secresponder's settings.\n")
    # Now every command gets in with it: the list is read from the team database.
    code, out, err = _run("list", "--workspace", password_role, "--json", stdin="",
                          clock=clock, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")

    code, out, _ = _run("workspace", "password", "--forget", "--workspace", password_role,
                        stdin="", clock=clock, monkeypatch=monkeypatch)
    assert out == f"{password_role}: the password kept as {entry} was removed from the keyring.\n"
    assert memory_keyring.entries == {}


def test_workspace_password_for_a_folder_is_refused(tmp_path, memory_keyring, clock, monkeypatch):
    folder = str(tmp_path / "ws")
    code, out, err = _run("workspace", "password", "--workspace", folder, stdin="x\n",
                          clock=clock, monkeypatch=monkeypatch)
    assert code != 0 and out == ""
    assert err.startswith(f"secresponder: {folder}: a folder needs no password; this is for a")


def test_the_change_feed_gets_in_with_the_keyrings_password(password_role, memory_keyring):
    from secresponder.store.sql.changes import ChangeFeed

    location = parse_location(password_role)
    credentials.remember_password(location, "tr0ub4dor&3")
    with ChangeFeed.open(location) as feed:
        feed.announce_presence("Kim Lee", 7)
        heard = feed.poll(2.0)
    assert [(c.table, c.author, c.consultation_id) for c in heard] == [
        ("presence", "Kim Lee", 7)]
