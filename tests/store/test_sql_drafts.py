"""The drafts repository written with Core stores what the folder workspace always stored."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from tests.store.test_drafts_repo import T0, add_consultation

from secresponder.domain.draft import Draft, DraftStatus, to_snapshot
from secresponder.store import drafts_repo as sqlite_drafts
from secresponder.store.sql import drafts, session
from secresponder.store.workspace import Workspace


@pytest.fixture
def ws(workspace_root):
    with Workspace.open(workspace_root) as workspace:
        yield workspace


def test_a_folder_keeps_the_same_rows_so_older_readers_and_copies_agree(ws):
    cid = add_consultation(ws, "mp231-consultation")
    draft = replace(
        Draft("mp231-consultation", owner="Asha", notes="Café £5 — «quoted»")
        .with_answer("10", "Yes", "Ten.").with_answer("2", "No", "Two."),
        status=DraftStatus.SUBMITTED, sent_on=date(2023, 5, 10))
    with session.transaction(ws) as conn:
        assert drafts.save_draft(conn, cid, draft, T0, author="Asha") == 1
        assert drafts.save_draft(conn, cid, draft, T0, author="Asha") == 1  # unchanged
    row = ws.connection.execute(
        "SELECT d.snapshot, d.status, d.sent_on, d.updated_at, v.saved_at, v.conflict "
        "FROM drafts d JOIN draft_versions v ON v.draft_id = d.id").fetchone()
    assert row["snapshot"] == json.dumps(to_snapshot(draft), ensure_ascii=False, sort_keys=True)
    assert (row["status"], row["sent_on"], row["conflict"]) == ("Submitted", "2023-05-10", 0)
    assert row["updated_at"] == row["saved_at"] == "2023-05-01T09:00:00+01:00"
    # The plain-SQL repository still reads it, and sees an identical save as no change.
    assert sqlite_drafts.load_draft(ws.connection, cid) == draft
    with ws.transaction() as conn:
        assert sqlite_drafts.save_draft(conn, cid, draft, T0) == 1
    with session.reading(ws) as conn:
        assert drafts.load_drafts(conn, [cid, cid + 1]) == {cid: draft}
        assert drafts.version_numbers(conn, cid) == {1}
        assert drafts.find_consultation(conn, "mp 231") == (cid, "mp231-consultation")
        assert drafts.find_consultation(conn, "MP232") is None
