"""The throwaway server itself: found, started unprivileged on loopback, and removed."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import psycopg
import pytest

from tests.pg import server as server_module
from tests.pg.server import (
    INSTALL_HINT,
    UNPRIVILEGED_USER,
    ServerUnavailable,
    ThrowawayServer,
    find_bindir,
)


def test_server_answers_on_loopback_as_an_unprivileged_process(pg_server, pg_url):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1 + 1").fetchone() == (2,)
        address = conn.execute("SELECT inet_server_addr()::text").fetchone()[0]
        assert address.split("/")[0] == "127.0.0.1"
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == "127.0.0.1"
    data_owner = (pg_server.data_dir / "PG_VERSION").stat().st_uid
    expected = pwd.getpwnam(UNPRIVILEGED_USER).pw_uid if os.geteuid() == 0 else os.geteuid()
    assert data_owner == expected


def test_each_test_gets_its_own_empty_database(pg_url, pg_database):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == pg_database
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
        assert tables == 0
        conn.execute("CREATE TABLE scratch (x int)")


def test_missing_server_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRESPONDER_PG_BIN", str(tmp_path))
    monkeypatch.setattr(server_module.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(server_module.shutil, "which", lambda name: None)
    with pytest.raises(ServerUnavailable) as caught:
        find_bindir()
    assert str(caught.value) == INSTALL_HINT
    assert "apt-get install postgresql" in INSTALL_HINT


def test_server_is_stopped_and_its_folder_removed():
    server = ThrowawayServer.start()
    base: Path = server.base
    url = server.url()
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    server.stop()
    assert not base.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
