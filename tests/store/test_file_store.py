"""Files stored once by checksum, in a folder or in a team database, checked when read."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest
from sqlalchemy import func, select
from tests.forms.builders import build_table_full

from secresponder.domain.deadline import LONDON
from secresponder.errors import WorkspaceError
from secresponder.store.file_store import DatabaseFiles, FolderFiles, checksum, files_for
from secresponder.store.sql import session, tables
from secresponder.store.sql.database import DatabaseWorkspace

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def _form_bytes(tmp_path) -> bytes:
    return build_table_full(tmp_path / "response-form.docx").read_bytes()


def test_a_file_is_kept_once_and_read_back(any_workspace, tmp_path):
    data = _form_bytes(tmp_path)
    name = f"{checksum(data)}.docx"
    files = files_for(any_workspace, cache_dir=tmp_path / "cache")
    assert not files.exists(name)
    files.put(data, name, now=NOW)
    files.put(data, name, now=NOW)  # the same file again: nothing more is kept
    assert files.exists(name)
    assert files.get(name) == data
    local = files.local_path(name)
    assert local.read_bytes() == data and local.name == name
    if isinstance(any_workspace, DatabaseWorkspace):
        with session.reading(any_workspace) as conn:
            assert conn.execute(select(func.count()).select_from(tables.stored_files)
                                ).scalar_one() == 1
    else:
        assert [p.name for p in (any_workspace.files_dir).iterdir()] == [name]


def test_data_must_have_the_checksum_it_is_stored_under(any_workspace, tmp_path):
    files = files_for(any_workspace, cache_dir=tmp_path)
    with pytest.raises(ValueError, match="does not have this checksum"):
        files.put(b"one thing", f"{checksum(b'another')}.pdf", now=NOW)
    with pytest.raises(WorkspaceError, match="is not the name of a stored file"):
        files.get("../../etc/passwd")


def test_a_missing_file_is_one_sentence(any_workspace, tmp_path):
    name = f"{checksum(b'never stored')}.pdf"
    with pytest.raises(WorkspaceError, match="missing; the workspace needs it"):
        files_for(any_workspace, cache_dir=tmp_path).get(name)


def test_an_altered_file_is_noticed_in_a_folder(tmp_path):
    files = FolderFiles(tmp_path / "files")
    data = _form_bytes(tmp_path)
    name = f"{checksum(data)}.docx"
    files.put(data, name, now=NOW)
    (tmp_path / "files" / name).write_bytes(data[:-10])
    with pytest.raises(WorkspaceError, match="altered since it was stored"):
        files.get(name)
    files.put(data, name, now=NOW)  # storing it again repairs it
    assert files.get(name) == data


def test_an_altered_file_is_noticed_in_a_team_database(pg_workspace_url, tmp_path):
    from secresponder.store.backends import open_workspace

    data = _form_bytes(tmp_path)
    name = f"{checksum(data)}.docx"
    with open_workspace(pg_workspace_url) as ws:
        files = DatabaseFiles(ws, tmp_path / "cache")
        files.put(data, name, now=NOW)
        with psycopg.connect(pg_workspace_url) as conn:
            conn.execute("UPDATE stored_files SET content = 'tampered'::bytea")
        with pytest.raises(WorkspaceError, match="was altered since it was stored") as caught:
            files.get(name)
        assert str(caught.value).startswith(f"{pg_workspace_url}: the stored file {name}")
        with pytest.raises(WorkspaceError):
            files.local_path(name)
        assert not (tmp_path / "cache" / name).exists()
