"""`secresponder workspace check / backup / restore` on real workspaces and files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_draft_cli import run

from secresponder.store.workspace import Workspace


def _drafted(root: Path, tmp_path: Path) -> Path:
    from tests.exports.response_forms import questions_workbook

    form = questions_workbook(tmp_path / "MP231 form.xlsx")
    code, _, err = run(root, "draft", "MP231", "--template", str(form), "--note", "first")
    assert code == 0, err
    return root / "files"


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = b"garbage!" * 512
    path.write_bytes(bytes(data))


def test_check_passes_on_a_sound_workspace(workspace_root, tmp_path):
    _drafted(workspace_root, tmp_path)
    code, out, err = run(workspace_root, "workspace", "check")
    assert code == 0 and err == ""
    assert out.startswith(f"{workspace_root / 'workspace.sqlite3'}: sound; ")
    assert "1 files, each as stored" in out


def test_check_names_missing_altered_and_orphaned_files(workspace_root, tmp_path):
    files = _drafted(workspace_root, tmp_path)
    [form] = list(files.iterdir())
    form.write_bytes(form.read_bytes() + b"tampered")
    stray = files / "left-behind.docx"
    stray.write_bytes(b"x")
    code, out, err = run(workspace_root, "workspace", "check")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"secresponder: {form}: altered since it was stored (its checksum differs); attach it "
        "or choose the form again.",
        f"secresponder: {stray}: orphaned; nothing in the workspace uses it, so it can be "
        "deleted.",
    ]
    form.unlink()
    code, out, _ = run(workspace_root, "workspace", "check", "--json")
    found = json.loads(out)
    assert code == 1 and not found["sound"]
    assert found["problems"][0].startswith(f"{form}: missing; the workspace needs it")


def test_backup_prints_its_path_and_restore_brings_it_back(workspace_root, tmp_path):
    _drafted(workspace_root, tmp_path)
    code, out, err = run(workspace_root, "workspace", "backup")
    assert code == 0, err
    backup = Path(out.strip())
    assert backup.parent == workspace_root / "backups" and backup.is_file()
    run(workspace_root, "draft", "MP231", "--note", "second")
    code, out, err = run(workspace_root, "workspace", "restore", backup.name)
    assert code == 0, err
    assert out.startswith(f"Restored {backup}; the database it replaced was kept as ")
    aside = Path(out.strip()[:-1].split("kept as ", 1)[1])
    assert aside.is_file() and aside.parent == workspace_root
    code, out, _ = run(workspace_root, "draft", "MP231", "--show", "--json")
    assert json.loads(out)["notes"] == "first"
    # The replaced database is whole on its own: the second note is in it.
    with Workspace.open(aside.parent / "copy", upkeep=False):
        pass
    (aside.parent / "copy" / "workspace.sqlite3").write_bytes(aside.read_bytes())
    code, out, _ = run(aside.parent / "copy", "draft", "MP231", "--show", "--json")
    assert json.loads(out)["notes"] == "first\n\nsecond"


def test_a_damaged_workspace_is_restored_from_the_latest_backup(workspace_root, tmp_path):
    _drafted(workspace_root, tmp_path)
    assert run(workspace_root, "workspace", "backup")[0] == 0
    with Workspace.open(workspace_root, upkeep=False) as ws:
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = workspace_root / "workspace.sqlite3"
    _damage(database)
    damaged = database.read_bytes()
    code, _, err = run(workspace_root, "list")
    assert code == 1 and "secresponder workspace restore" in err
    code, _, err = run(workspace_root, "workspace", "check")
    assert code == 1 and err.startswith(f"secresponder: {database}: ")
    code, out, err = run(workspace_root, "workspace", "restore")
    assert code == 0, err
    kept = [p for p in workspace_root.iterdir()
            if p.name.startswith("workspace.sqlite3.replaced") and p.suffix != ".sqlite3"
            and not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept] == [damaged]  # kept aside, never deleted
    code, out, _ = run(workspace_root, "draft", "MP231", "--show", "--json")
    assert code == 0 and json.loads(out)["notes"] == "first"
    assert run(workspace_root, "workspace", "check")[0] == 0


def test_restore_without_backups_or_of_an_unknown_one_is_one_sentence(workspace_root):
    run(workspace_root, "list")
    code, _, err = run(workspace_root, "workspace", "restore")
    assert code == 1
    assert err == (f"secresponder: {workspace_root / 'backups'}: there are no backups of this "
                   "workspace to restore.\n")
    code, _, err = run(workspace_root, "workspace", "restore", "nope.sqlite3")
    assert code == 1 and err.startswith("secresponder: nope.sqlite3: no such backup")


def test_a_read_only_workspace_lists_shows_searches_and_exports(workspace_root, tmp_path):
    from tests.faults.machine import unwritable

    _drafted(workspace_root, tmp_path)
    with Workspace.open(workspace_root, upkeep=False) as ws:
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = workspace_root / "workspace.sqlite3"
    before = database.read_bytes()
    with unwritable(workspace_root, recursive=True) as how:
        for args in (("list",), ("show", "MP231"), ("search", "firmware"),
                     ("draft", "MP231", "--show"), ("draft", "MP231", "--history"),
                     ("workspace", "check")):
            code, out, err = run(workspace_root, *args)
            assert code == 0 and out, (how, args, err)
        out_dir = tmp_path / "export"
        code, out, err = run(workspace_root, "export", "MP231", "-o", str(out_dir))
        assert code == 0, (how, err)
        assert len(list(out_dir.iterdir())) == 3
        code, _, err = run(workspace_root, "draft", "MP231", "--note", "lost?")
        assert code == 1
        assert err == (f"secresponder: {workspace_root}: the workspace is read-only, so nothing "
                       "can be changed in it; listing, showing, searching and exporting still "
                       "work.\n"), how
    assert database.read_bytes() == before
