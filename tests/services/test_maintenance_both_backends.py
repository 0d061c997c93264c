"""Looking after a workspace: a folder is checked and backed up by secresponder; a team
database's stored files are checked by checksum, and the rest is left to its server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, update

from secresponder.errors import WorkspaceError
from secresponder.services import documents as documents_service
from secresponder.services import maintenance
from secresponder.services.session import open_workspace, parse_address
from secresponder.store.sql import session, tables

NOW = datetime(2023, 5, 1, 8, 0, tzinfo=UTC)


def _attach(ws, tmp_path) -> str:
    with session.transaction(ws) as conn:
        cid = conn.execute(insert(tables.consultations).values(
            key="mp231", reference="MP231", title="Firmware", closes_at=NOW,
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ).returning(tables.consultations.c.id)).scalar_one()
    path = tmp_path / "a.txt"
    path.write_text("words to index")
    return documents_service.attach_file(ws, cid, path, clock=lambda: NOW).attachment.document \
        .stored_name


def test_a_team_database_checks_its_stored_files_and_leaves_the_rest_to_its_server(
        pg_workspace_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))
    with open_workspace(pg_workspace_url) as ws:
        name = _attach(ws, tmp_path)
        for where in (pg_workspace_url, parse_address(pg_workspace_url), ws):
            report = maintenance.check(where)
            assert report.sound, report.problems
            assert report.summary.startswith(f"{ws.location.display}: 1 stored files")
            assert "pg_dump" in report.summary
        with session.transaction(ws) as conn:
            conn.execute(update(tables.stored_files).values(content=b"changed"))
        (altered,) = maintenance.check(ws).problems
        assert name in altered and "altered" in altered and "\n" not in altered
        with session.transaction(ws) as conn:
            conn.execute(tables.stored_files.delete())
        (missing,) = maintenance.check(ws).problems
        assert name in missing and "missing" in missing
        for refused in (lambda: maintenance.backup_now(pg_workspace_url, NOW),
                        lambda: maintenance.restore(ws, None, NOW)):
            with pytest.raises(WorkspaceError, match="backed up by its database server") as e:
                refused()
            assert "pg_dump" in str(e.value) and "\n" not in str(e.value)
        assert maintenance.daily_upkeep(ws, NOW) == []
    assert not (tmp_path / "home").exists() or not any(
        p.suffix == ".sqlite3" for p in (tmp_path / "home").rglob("*"))


def test_a_folder_is_checked_and_backed_up_as_before(tmp_path):
    root = tmp_path / "ws"
    with open_workspace(root) as ws:
        name = _attach(ws, tmp_path)
        assert maintenance.check(ws).sound
    report = maintenance.check(root)
    assert report.sound and "1 files, each as stored; no backup yet" in report.summary
    backup = maintenance.backup_now(str(root), NOW)
    assert backup.is_file() and backup.parent == root / "backups"
    (root / "files" / name).write_text("changed")
    (altered,) = maintenance.check(root).problems
    assert "altered since it was stored" in altered
    assert maintenance.restore(root, None, NOW).backup == backup


def test_workspace_check_on_the_command_line_names_the_team_database(
        pg_workspace_url, tmp_path, monkeypatch, clock):
    import io

    from secresponder.cli.main import main

    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))
    out, err = io.StringIO(), io.StringIO()
    code = main(["workspace", "check", "--workspace", pg_workspace_url], clock=clock,
                stdout=out, stderr=err)
    assert (code, err.getvalue()) == (0, "")
    assert out.getvalue().startswith(f"{parse_address(pg_workspace_url).given}: 0 stored files")
