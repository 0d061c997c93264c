"""Drafts store: one draft per consultation, every save a version, no-op saves add none."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import Draft, DraftStatus
from secresponder.errors import NotFoundError
from secresponder.store import drafts_repo
from secresponder.store.workspace import Workspace

T0 = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def add_consultation(ws: Workspace, key: str, reference: str | None = "MP231") -> int:
    with ws.transaction() as conn:
        return conn.execute(
            "INSERT INTO consultations (key, reference, title, kind, closes_at, respond_to, "
            "first_seen, last_seen) VALUES (?, ?, 'Firmware upgrade pathways', NULL, "
            "'2023-05-12T17:00:00+01:00', 'sec.change@gemserv.com', ?, ?)",
            (key, reference, T0.isoformat(), T0.isoformat()),
        ).lastrowid


@pytest.fixture
def ws(workspace_root):
    with Workspace.open(workspace_root) as workspace:
        yield workspace


def save(ws: Workspace, cid: int, draft: Draft, minutes: int = 0) -> int:
    with ws.transaction() as conn:
        return drafts_repo.save_draft(conn, cid, draft, T0 + timedelta(minutes=minutes))


def test_first_save_is_version_one_and_reloads_equal(ws):
    cid = add_consultation(ws, "mp231-consultation")
    draft = Draft("mp231-consultation").with_answer("1", "Yes", "Para one.\n\nPara two.")
    assert save(ws, cid, draft) == 1
    loaded = drafts_repo.load_draft(ws.connection, cid)
    assert loaded == draft
    assert loaded.version == 1 and loaded.id is not None
    assert [v.summary for v in drafts_repo.list_versions(ws.connection, cid)] == ["created"]


def test_each_change_is_a_version_with_a_summary_and_unchanged_saves_add_none(ws):
    cid = add_consultation(ws, "mp231-consultation")
    draft = Draft("mp231-consultation").with_answer("3", "No", "first")
    assert save(ws, cid, draft) == 1
    draft = draft.with_answer("3", rationale="second").with_status(DraftStatus.IN_REVIEW)
    assert save(ws, cid, draft, 1) == 2
    assert save(ws, cid, draft, 2) == 2  # nothing changed
    history = drafts_repo.list_versions(ws.connection, cid)
    assert [v.number for v in history] == [1, 2]
    assert history[1].summary == "answer 3 rationale; status Drafting -> In review"
    assert history[1].saved_at == T0 + timedelta(minutes=1)


def test_old_versions_keep_their_full_content(ws):
    cid = add_consultation(ws, "mp231-consultation")
    first = Draft("mp231-consultation", owner="Asha").with_answer("1", "Yes", "v1")
    save(ws, cid, first)
    save(ws, cid, first.with_answer("1", "No", "v2"), 1)
    old = drafts_repo.load_version(ws.connection, cid, 1)
    assert old.answers["1"].rationale == "v1" and old.owner == "Asha"
    assert drafts_repo.load_draft(ws.connection, cid).answers["1"].response == "No"


def test_missing_version_and_missing_draft_are_named(ws):
    cid = add_consultation(ws, "mp231-consultation")
    with pytest.raises(NotFoundError, match="no saved draft"):
        drafts_repo.load_version(ws.connection, cid, 1)
    save(ws, cid, Draft("mp231-consultation", notes="x"))
    with pytest.raises(NotFoundError, match=r"no version 7 \(versions 1 to 1"):
        drafts_repo.load_version(ws.connection, cid, 7)


def test_submitted_status_and_date_are_columns_too(ws):
    cid = add_consultation(ws, "mp231-consultation")
    draft = (
        Draft("mp231-consultation", owner="Asha", reviewer="Ben")
        .with_status(DraftStatus.IN_REVIEW)
        .with_status(DraftStatus.APPROVED)
        .with_status(DraftStatus.SUBMITTED, sent_on=date(2023, 5, 11))
    )
    save(ws, cid, draft)
    row = ws.connection.execute(
        "SELECT status, sent_on, owner, reviewer, snapshot FROM drafts"
    ).fetchone()
    assert tuple(row)[:4] == ("Submitted", "2023-05-11", "Asha", "Ben")
    assert json.loads(row["snapshot"])["sent_on"] == "2023-05-11"


def test_failed_transaction_leaves_no_version(ws):
    cid = add_consultation(ws, "mp231-consultation")
    save(ws, cid, Draft("mp231-consultation", notes="kept"))
    with pytest.raises(RuntimeError), ws.transaction() as conn:
        drafts_repo.save_draft(conn, cid, Draft("mp231-consultation", notes="lost"), T0)
        raise RuntimeError("crash after the insert")
    assert drafts_repo.load_draft(ws.connection, cid).notes == "kept"
    assert drafts_repo.version_numbers(ws.connection, cid) == {1}


def test_one_draft_per_consultation_and_deleting_the_consultation_removes_it(ws):
    a = add_consultation(ws, "mp231-consultation")
    b = add_consultation(ws, "mp216-consultation", "MP216")
    save(ws, a, Draft("mp231-consultation", notes="a"))
    save(ws, b, Draft("mp216-consultation", notes="b"))
    save(ws, a, Draft("mp231-consultation", notes="a2"), 1)
    drafts = drafts_repo.load_drafts(ws.connection, [a, b])
    assert drafts[a].notes == "a2" and drafts[b].notes == "b"
    with ws.transaction() as conn:
        conn.execute("DELETE FROM consultations WHERE id = ?", (a,))
    assert drafts_repo.load_draft(ws.connection, a) is None
    count = ws.connection.execute("SELECT COUNT(*) FROM draft_versions").fetchone()[0]
    assert count == 1
