"""Copying a whole workspace: folder to team database and back, nothing lost, nothing half done."""

from __future__ import annotations

import io
import json
import sqlite3

import psycopg
import pytest
from sqlalchemy import insert, select
from tests.documents.document_builders import docx_bytes

from secresponder.cli.main import main
from secresponder.errors import WorkspaceError
from secresponder.services.workspace_setup import copy_workspace
from secresponder.store import backends
from secresponder.store.file_store import files_for
from secresponder.store.sql import fulltext, notes, session, tables
from secresponder.store.sql.tables import POSTGRES_ONLY


def _cli(root, clock, *args) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main([args[0], "--workspace", str(root), *args[1:]], clock=clock, stdout=out,
                stderr=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


@pytest.fixture
def filled_folder(tmp_path, clock):
    """A folder workspace used as a person would: catalogue, profile, draft versions, a note,
    an attached document, a snippet."""
    root = tmp_path / "laptop"
    _cli(root, clock, "profile", "--organisation", "Bright Energy Ltd", "--name", "Sam Patel")
    _cli(root, clock, "draft", "mp231", "--template", "builtin", "--user", "Sam <sam@b.example>")
    for n, rationale in enumerate(["We agree.", "We agree, with one caveat on rollback."]):
        answers = tmp_path / f"answers{n}.json"
        answers.write_text(json.dumps(
            {"answers": {"1": {"response": "Yes", "rationale": rationale}}}), "utf-8")
        _cli(root, clock, "draft", "MP231", "--answers", str(answers), "--user",
             "Ali Khan <ali@b.example>")
    _cli(root, clock, "note", "MP231", "Ask the metering team about rollback windows")
    document = tmp_path / "MP231 impact assessment.docx"
    document.write_bytes(docx_bytes(["Pangolin migration impact", "Second paragraph"]))
    _cli(root, clock, "attach", "MP231", str(document))
    with backends.open_workspace(root) as ws, session.transaction(ws) as conn:
        conn.execute(insert(tables.snippets).values(
            name="Agree", text="We support this modification.", created_at=clock()))
    return root


def _dump(ws) -> dict[str, list[tuple]]:
    """Every shared table's rows, in primary-key order, as Python values."""
    found = {}
    with session.reading(ws) as conn:
        for table in tables.metadata.sorted_tables:
            if table.name in POSTGRES_ONLY:
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            found[table.name] = [tuple(row) for row in rows]
    return found


def _files(ws) -> dict[str, bytes]:
    store = files_for(ws)
    return {name: store.get(name) for name in store.names()}


def test_folder_to_team_database_and_back_keeps_everything(
    filled_folder, pg_url, tmp_path, clock
):
    steps: list[str] = []
    there = copy_workspace(filled_folder, pg_url, clock=clock, progress=steps.append)
    assert there.set_up  # an empty database is set up by the copy
    assert there.report.rows["draft_versions"] == 3 and there.report.rows["notes"] == 1
    assert there.report.files == 1  # the attached document (built-in forms ship with the app)
    assert there.report.indexed_documents == 1
    assert "Copying consultations..." in steps
    back = tmp_path / "train"
    copy_workspace(pg_url, back, clock=clock)

    with backends.open_workspace(filled_folder) as original, \
            backends.open_workspace(pg_url) as team, backends.open_workspace(back) as copied:
        expected = _dump(original)
        assert expected["consultations"] and expected["draft_versions"]
        assert _dump(team) == expected
        assert _dump(copied) == expected
        assert _files(team) == _files(original) == _files(copied)
        with session.reading(team) as conn:
            (hit,) = [h for h in fulltext.search(conn, "pangolin") if h.kind == "document"]
        assert hit.title.startswith("MP231 impact assessment.docx")
        # New rows in the team database get ids after the copied ones.
        with session.transaction(team) as conn:
            note = notes.add_note(conn, expected["notes"][0][1], "After the copy", now=clock())
        assert note.id == expected["notes"][0][0] + 1

    # The copy back is a working folder: the same history and search through the CLI.
    history = _cli(filled_folder, clock, "draft", "MP231", "--history", "--json")
    assert _cli(back, clock, "draft", "MP231", "--history", "--json") == history
    assert "Pangolin" in _cli(back, clock, "search", "pangolin")


def test_a_destination_that_is_not_empty_is_refused_and_unchanged(filled_folder, tmp_path,
                                                                    clock):
    other = tmp_path / "other"
    _cli(other, clock, "note", "MP231", "Mine")
    before = (other / "workspace.sqlite3").read_bytes()
    with pytest.raises(WorkspaceError, match="is not empty"):
        copy_workspace(filled_folder, other, clock=clock)
    with sqlite3.connect(other / "workspace.sqlite3") as conn:
        assert conn.execute("SELECT body FROM notes").fetchall() == [("Mine",)]
    assert len((other / "workspace.sqlite3").read_bytes()) == len(before)


def test_a_cancelled_copy_leaves_the_database_empty(filled_folder, pg_url, clock):
    seen: list[str] = []
    with pytest.raises(WorkspaceError, match="the copy was cancelled; nothing was copied"):
        copy_workspace(filled_folder, pg_url, clock=clock, progress=seen.append,
                       cancelled=lambda: len(seen) >= 4)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM consultations").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM stored_files").fetchone() == (0,)


def test_an_altered_file_stops_the_copy_and_nothing_is_left_in_the_folder(
    filled_folder, pg_url, tmp_path, clock
):
    copy_workspace(filled_folder, pg_url, clock=clock)
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE stored_files SET content = 'tampered'::bytea")
    target = tmp_path / "copy"
    with pytest.raises(WorkspaceError, match="was altered since it was stored"):
        copy_workspace(pg_url, target, clock=clock)
    with sqlite3.connect(target / "workspace.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM consultations").fetchone() == (0,)
    assert not (target / "files").exists() or list((target / "files").iterdir()) == []


def test_a_table_this_version_does_not_know_is_not_dropped_silently(filled_folder, pg_url,
                                                                     clock):
    with sqlite3.connect(filled_folder / "workspace.sqlite3") as conn:
        conn.execute("CREATE TABLE plugin_data (x)")
    with pytest.raises(WorkspaceError, match=r"holds tables this version cannot copy "
                                             r"\(plugin_data\); nothing was copied"):
        copy_workspace(filled_folder, pg_url, clock=clock)


def test_there_must_be_a_workspace_to_copy(tmp_path, pg_url, clock):
    with pytest.raises(WorkspaceError, match="there is no workspace there to copy"):
        copy_workspace(tmp_path / "nothing", pg_url, clock=clock)
    assert not (tmp_path / "nothing").exists()
