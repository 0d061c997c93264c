"""Faults met by the command line end in one sentence naming the file or folder and what
to do, with a non-zero exit, no traceback, and nothing already stored changed."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from secresponder.cli.main import main
from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON
from secresponder.store.sql import catalogue, session
from secresponder.store.workspace import Workspace
from tests.faults.conftest import one_sentence, stored
from tests.faults.machine import fill_disk, read_only_disk, small_disk, unwritable

DATA = Path(__file__).parent.parent / "data"


def _damage(database: Path) -> bytes:
    """Garbage written over the middle of the database file; returns the damaged bytes."""
    data = bytearray(database.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"garbage!" * 1024
    database.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_database_is_named_with_how_to_restore_it(drafted, cli):
    with Workspace.open(drafted) as ws:  # fold the write-ahead log into the file first
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = drafted / "workspace.sqlite3"
    damaged = _damage(database)
    for args in (("list",), ("search", "firmware"), ("note", "MP231", "more")):
        code, _, err = cli(drafted, *args)
        sentence = one_sentence(err)
        assert code == 1
        assert sentence.startswith(f"{database}: ")
        assert "damaged" in sentence and "secresponder workspace restore" in sentence
    assert database.read_bytes() == damaged


def test_no_traceback_reaches_the_terminal_of_a_real_process(drafted):
    _damage(drafted / "workspace.sqlite3")
    env = {**os.environ, "SECRESPONDER_NOW": "2023-05-01T09:00:00+01:00"}
    done = subprocess.run(
        [sys.executable, "-m", "secresponder", "--workspace", str(drafted), "show", "MP231"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 1
    assert one_sentence(done.stderr)
    assert done.stdout == ""


def test_a_read_only_database_file_refuses_writes_and_keeps_every_word(drafted, cli):
    before = stored(drafted)
    database = drafted / "workspace.sqlite3"
    with unwritable(database) as how:
        code, out, _ = cli(drafted, "list")
        assert code == 0 and "MP231" in out, how
        for args in (("note", "MP231", "lost?"), ("profile", "--organisation", "Other Ltd")):
            code, _, err = cli(drafted, *args)
            sentence = one_sentence(err)
            assert code == 1, how
            assert sentence.startswith(str(drafted)) and "read-only" in sentence, how
    assert stored(drafted) == before


@pytest.mark.parametrize("case", ["read-only folder", "path under a file", "folder in the way"])
def test_an_export_folder_that_cannot_be_written(drafted, cli, tmp_path, case):
    before = stored(drafted)
    if case == "read-only folder":
        target = tmp_path / "out"
        target.mkdir()
        with unwritable(target) as how:
            code, _, err = cli(drafted, "export", "MP231", "-o", str(target))
        sentence = one_sentence(err)
        # The folder is named, not the hidden temporary file that could not be made in it.
        assert sentence == (
            f"{target}: permission denied; check that you may read and write there, "
            "or choose another folder."
        ), how
        assert list(target.iterdir()) == []
    elif case == "path under a file":
        blocker = tmp_path / "exports"
        blocker.write_text("not a folder")
        target = blocker / "MP231"
        code, _, err = cli(drafted, "export", "MP231", "-o", str(target))
        sentence = one_sentence(err)
        assert str(blocker) in sentence and "file" in sentence and "folder" in sentence
        assert blocker.read_text() == "not a folder"
    else:
        target = tmp_path / "out"
        (target / "MP231 Northern Power Ltd response.docx").mkdir(parents=True)
        code, _, err = cli(drafted, "export", "MP231", "-o", str(target), "--force")
        sentence = one_sentence(err)
        assert sentence == (
            f"{target / 'MP231 Northern Power Ltd response.docx'}: is a folder where a file "
            "should go; choose another name."
        )
        assert [p.name for p in target.iterdir()] == ["MP231 Northern Power Ltd response.docx"]
    assert code == 1
    assert stored(drafted) == before


def test_exporting_onto_a_full_disk(drafted, cli, tmp_path, monkeypatch):
    before = stored(drafted)
    target = tmp_path / "small"
    with small_disk(target, 64) as real:
        if real:
            fill_disk(target, leave_bytes=4096)
        else:  # no disk can be mounted here: the write fails as a full disk's would
            def full(_fd: int) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "fsync", full)
        code, _, err = cli(drafted, "export", "MP231", "-o", str(target))
        sentence = one_sentence(err)
        left = sorted(p.name for p in target.iterdir())
    assert code == 1
    assert sentence.startswith(str(target)) and "the disk is full" in sentence
    assert left == (["ballast"] if real else [])  # no half-written or temporary file stays
    assert stored(drafted) == before


def test_a_workspace_on_a_full_disk(drafted, cli, tmp_path, monkeypatch):
    mount = tmp_path / "disk"
    with small_disk(mount, 2048) as real:
        root = mount / "workspace"
        shutil.copytree(drafted, root)
        if real:  # room to open the workspace, not to store the note
            fill_disk(mount, leave_bytes=96 * 1024)
        else:  # inject SQLite's own "disk is full" by capping the database's size
            from secresponder.store import workspace as workspace_module

            connect = workspace_module._connect

            def capped(path):
                conn = connect(path)
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {pages}")
                return conn

            monkeypatch.setattr(workspace_module, "_connect", capped)
        for n in range(40):  # notes are limited in length: add them until the disk is full
            before = stored(root)
            code, _, err = cli(root, "note", "MP231", f"Note {n}: " + "words " * 15_000)
            if code:
                break
        sentence = one_sentence(err)
        assert code == 1
        assert "the disk is full" in sentence and str(root) in sentence
        (mount / "ballast").unlink(missing_ok=True)
        assert stored(root) == before


def test_a_files_entry_that_is_a_file(drafted, cli, tmp_path):
    files = drafted / "files"
    if files.exists():
        shutil.rmtree(files)
    files.write_text("in the way")
    before = stored(drafted)
    document = tmp_path / "notes.txt"
    document.write_text("Firmware upgrade notes for the networks team.")
    code, _, err = cli(drafted, "attach", "MP231", str(document))
    sentence = one_sentence(err)
    assert code == 1
    assert sentence.startswith(f"{files}: ") and "file where a folder should go" in sentence
    assert files.read_text() == "in the way"
    assert stored(drafted) == before


def test_a_page_declaring_a_codec_that_is_not_a_text_encoding(drafted, cli, tmp_path):
    page = (DATA / "html" / "open-consultations.html").read_bytes()
    head = page.lower().index(b"<head>") + len(b"<head>")
    # rot13 is a text transform, not an encoding; the cp1252 byte makes UTF-8 fail first.
    page = page[:head] + b'<meta charset="rot13">' + page[head:] + b"<!-- caf\xe9 -->"
    path = tmp_path / "rot13.html"
    path.write_bytes(page)
    code, out, err = cli(drafted, "import", str(path))
    assert code == 0, err
    assert "Traceback" not in err
    assert "10 consultations found" in out


def test_a_deeply_nested_answers_file(drafted, cli, tmp_path):
    before = stored(drafted)
    path = tmp_path / "deep.json"
    path.write_text('{"answers": {"1": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    code, _, err = cli(drafted, "draft", "MP231", "--answers", str(path))
    sentence = one_sentence(err)
    assert code != 0
    assert str(path) in sentence
    assert stored(drafted) == before


def test_a_search_limit_too_large_for_any_database(drafted, cli, capsys):
    capsys.readouterr()
    code, _, _ = cli(drafted, "search", "firmware", "--limit", "99999999999999999999")
    err = capsys.readouterr().err  # argparse writes its usage errors to the real stderr
    assert code == 2
    assert "Traceback" not in err
    assert "argument --limit: 99999999999999999999 is too large (at most 100000)" in err


def test_exporting_a_consultation_closing_in_year_one(drafted, cli, tmp_path):
    with Workspace.open(drafted) as ws, session.transaction(ws) as conn:
        ancient = Consultation("MP001", "Ancient rules", None,
                               datetime(1, 1, 2, 17, 0, tzinfo=LONDON))
        catalogue.insert_consultations(conn, [ancient], seen_at=datetime(2023, 5, 1,
                                                                         tzinfo=LONDON))
    code, _, err = cli(drafted, "draft", "MP001", "--template", "builtin")
    assert code == 0, err
    before = stored(drafted)
    target = tmp_path / "out"
    code, _, err = cli(drafted, "export", "MP001", "-o", str(target))
    sentence = one_sentence(err)
    assert code == 1
    assert sentence.startswith("MP001: a date or number is out of range")
    assert not target.exists() or list(target.iterdir()) == []
    assert stored(drafted) == before


def test_an_unexpected_error_names_its_kind_and_the_log(drafted, cli, monkeypatch):
    from secresponder.services import listing

    def broken(*_args, **_kwargs):
        raise ValueError("a bug deep inside")

    monkeypatch.setattr(listing, "sort_for_listing", broken)
    code, _, err = cli(drafted, "list")
    sentence = one_sentence(err)
    log = drafted / "logs" / "secresponder.log"
    assert code == 1
    assert sentence == f"an unexpected error occurred (ValueError); details are in {log}."
    text = log.read_text("utf-8")
    assert "Traceback" in text and "a bug deep inside" in text and "sort_for_listing" in text


def test_the_log_rotates_and_falls_back_when_the_workspace_cannot_take_it(
    tmp_path, fallback_log_dir
):
    from secresponder import logs

    root = tmp_path / "ws"
    root.mkdir()
    error = ValueError("x" * 400_000)
    for _ in range(16):
        assert logs.record_failure(error, workspace_root=root, context="test") == (
            root / "logs" / "secresponder.log")
    names = sorted(p.name for p in (root / "logs").iterdir())
    assert names == ["secresponder.log", *(f"secresponder.log.{n}" for n in range(1, 5))]
    assert all(p.stat().st_size <= 2 * logs.MAX_BYTES for p in (root / "logs").iterdir())
    missing = tmp_path / "never-created"
    assert logs.record_failure(error, workspace_root=missing, context="test") == (
        fallback_log_dir / "secresponder.log")
    assert not missing.exists()


def test_an_empty_workspace_option_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    # as `--workspace "$UNSET"` from a script
    code = main(["--workspace", "", "list"], stdout=out, stderr=err)
    out, err = out.getvalue(), err.getvalue()
    assert code == 2 and out == ""
    assert one_sentence(err) == (
        "--workspace was given an empty value; name a folder, or leave the option out to "
        "use the default workspace."
    )


def test_a_read_only_workspace_disk_changes_nothing(drafted, cli, tmp_path):
    with Workspace.open(drafted) as ws:
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = hashlib.sha256((drafted / "workspace.sqlite3").read_bytes()).hexdigest()
    with read_only_disk(tmp_path / "ro", copy_from=drafted) as how:
        root = tmp_path / "ro"
        code, _, err = cli(root, "note", "MP231", "lost?")
        sentence = one_sentence(err)
        assert code == 1, how
        assert str(root) in sentence and "read" in sentence, how
        after = hashlib.sha256((root / "workspace.sqlite3").read_bytes()).hexdigest()
    assert after == digest


def test_fault_sentences_are_in_json_mode_too(drafted, cli):
    _damage(drafted / "workspace.sqlite3")
    code, out, err = cli(drafted, "list", "--json")
    assert code == 1 and out == ""
    assert "damaged" in one_sentence(err)
    with pytest.raises(json.JSONDecodeError):
        json.loads(err)


def test_a_busy_workspace_says_so_and_changes_nothing(drafted, cli, monkeypatch):
    import sqlite3

    from secresponder.store import workspace as workspace_module

    monkeypatch.setattr(workspace_module, "BUSY_TIMEOUT_MS", 200)
    before = stored(drafted)
    holder = sqlite3.connect(drafted / "workspace.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
        code, _, err = cli(drafted, "note", "MP231", "Waiting for the lock.")
    finally:
        holder.rollback()
        holder.close()
    sentence = one_sentence(err)
    assert code == 1
    assert str(drafted / "workspace.sqlite3") in sentence and "busy" in sentence
    assert stored(drafted) == before


def test_each_fault_kind_has_its_sentence_and_a_bug_has_none():
    from secresponder.faults import FaultScene, explain

    scene = FaultScene(inputs=(Path("page.html"),), subject="MP231")
    assert explain(LookupError("unknown encoding: klingon"), scene) == (
        "page.html: declares a text encoding that cannot be read (unknown encoding: "
        "klingon); save it again as UTF-8.")
    undecodable = UnicodeDecodeError("utf-8", b"\xe9", 0, 1, "invalid continuation byte")
    assert explain(undecodable, scene) == (
        "page.html: holds bytes that are not text in the encoding it was read as (utf-8: "
        "invalid continuation byte); save it again as UTF-8.")
    assert explain(RecursionError("maximum recursion depth exceeded"), scene) == (
        "page.html: nested too deeply to read; give a flatter file.")
    assert explain(OverflowError("date value out of range"), scene).startswith(
        "MP231: a date or number is out of range")
    # A missing key or index is a bug, even when its message mentions an encoding.
    assert explain(KeyError("encoding"), scene) is None
    assert explain(IndexError("list index out of range"), scene) is None
    assert explain(AttributeError("x"), scene) is None


def test_a_folders_database_error_through_sqlalchemy_is_worded_as_the_error_it_carries(tmp_path):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from secresponder.faults import FaultScene, explain

    scene = FaultScene(database=tmp_path / "workspace.sqlite3")
    raw = sqlite3.OperationalError("database or disk is full")
    wrapped = OperationalError("INSERT INTO notes ...", {}, raw)
    sentence = explain(wrapped, scene)
    assert sentence == explain(raw, scene)
    assert sentence is not None and "the disk is full" in sentence


def test_a_part_file_left_by_a_killed_export_is_cleared_by_the_next(drafted, cli, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    name = "MP231 Northern Power Ltd response.docx"
    stale = target / f".{name[:24]}.k1ll3d.part"
    fresh = target / f".{name[:24]}.nowrun.part"  # another window's write in progress
    kept = target / f".{name[:24]}.4242.old.part"  # the only copy of a file moved aside
    for path in (stale, fresh, kept):
        path.write_bytes(b"half a document")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(kept, (two_hours_ago, two_hours_ago))
    code, _, err = cli(drafted, "export", "MP231", "-o", str(target))
    assert code == 0, err
    assert not stale.exists()
    assert fresh.exists() and kept.exists()
    assert (target / name).is_file()


def test_windows_wording_of_a_folder_in_the_way_is_the_same_sentence(tmp_path):
    from secresponder.faults import FaultScene, explain

    folder = tmp_path / "MP231 response.docx"
    folder.mkdir()
    temporary = tmp_path / ".MP231 response.docx.x1.part"
    denied = PermissionError(errno.EACCES, "Access is denied", str(temporary), None, str(folder))
    assert explain(denied, FaultScene()) == (
        f"{folder}: is a folder where a file should go; choose another name.")


def test_an_argument_in_another_encoding_is_one_sentence(drafted):
    # Bytes that are not UTF-8 on the command line (a name saved on an old system).
    env = {**os.environ, "SECRESPONDER_NOW": "2023-05-01T09:00:00+01:00"}
    done = subprocess.run(
        [sys.executable, "-m", "secresponder", "--workspace", str(drafted), "show",
         os.fsencode("MP") + b"\xff"],
        capture_output=True, env=env, timeout=60,
    )
    assert done.returncode == 1
    err = done.stderr.decode("utf-8")
    assert one_sentence(err) == (
        "‘MP\\udcff’ holds bytes that are not text in this system's encoding; retype it, or "
        "rename the file it names.")
