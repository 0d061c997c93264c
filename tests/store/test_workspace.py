import sqlite3

import pytest

from secresponder.errors import WorkspaceError
from secresponder.store.workspace import Workspace, schema_version


def test_new_workspace_is_migrated_wal_with_foreign_keys(workspace_root):
    with Workspace.open(workspace_root) as ws:
        conn = ws.connection
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_nothing_twice(workspace_root):
    Workspace.open(workspace_root).close()
    with Workspace.open(workspace_root) as ws:
        assert ws.connection.execute("PRAGMA user_version").fetchone()[0] == schema_version()


def test_newer_database_is_refused_and_left_untouched(workspace_root):
    workspace_root.mkdir(parents=True)
    db = workspace_root / "workspace.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE future(x)")
    conn.execute(f"PRAGMA user_version = {schema_version() + 5}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version"):
        Workspace.open(workspace_root)
    assert db.read_bytes() == before
    assert not (workspace_root / "workspace.sqlite3-wal").exists()


def test_not_a_database_is_refused(workspace_root):
    workspace_root.mkdir(parents=True)
    (workspace_root / "workspace.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError,
                       match=r"the workspace database is damaged \(file is not a database\)"):
        Workspace.open(workspace_root)
