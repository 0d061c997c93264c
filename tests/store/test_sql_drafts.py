"""Drafts store on both workspace kinds: one draft per consultation, every save a version,
no-op saves add none; a folder keeps writing exactly the rows it always wrote."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, select

from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import Draft, DraftStatus, to_snapshot
from secresponder.errors import NotFoundError
from secresponder.store.sql import drafts, session, tables
from secresponder.store.sql.session import AnyWorkspace
from secresponder.store.workspace import Workspace

T0 = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
CLOSES = datetime(2023, 5, 12, 17, 0, tzinfo=LONDON)


def add_consultation(ws: AnyWorkspace, key: str, reference: str | None = "MP231") -> int:
    """A consultation row, through the shared tables (the drafts only need its id)."""
    with session.transaction(ws) as conn:
        return conn.execute(insert(tables.consultations).values(
            key=key, reference=reference, title="Firmware upgrade pathways", kind=None,
            closes_at=CLOSES, respond_to="sec.change@gemserv.com", first_seen=T0, last_seen=T0,
        ).returning(tables.consultations.c.id)).scalar_one()


@pytest.fixture
def ws(any_workspace):
    return any_workspace


@pytest.fixture
def folder(workspace_root):
    with Workspace.open(workspace_root) as workspace:
        yield workspace


def save(ws: AnyWorkspace, cid: int, draft: Draft, minutes: int = 0, **kwargs) -> int:
    with session.transaction(ws) as conn:
        drafts.lock_for_save(conn, cid)
        return drafts.save_draft(conn, cid, draft, T0 + timedelta(minutes=minutes), **kwargs)


def read(ws: AnyWorkspace, fn, *args):
    with session.reading(ws) as conn:
        return fn(conn, *args)


def test_first_save_is_version_one_and_reloads_equal(ws):
    cid = add_consultation(ws, "mp231-consultation")
    draft = Draft("mp231-consultation").with_answer("1", "Yes", "Para one.\n\nPara two.")
    assert save(ws, cid, draft, author="Asha") == 1
    loaded = read(ws, drafts.load_draft, cid)
    assert loaded == draft
    assert loaded.version == 1 and loaded.id is not None
    (info,) = read(ws, drafts.list_versions, cid)
    assert (info.number, info.summary, info.author, info.conflict) == (1, "created", "Asha", False)
    assert info.saved_at == T0


def test_each_change_is_a_version_with_a_summary_and_unchanged_saves_add_none(ws):
    cid = add_consultation(ws, "mp231-consultation")
    draft = Draft("mp231-consultation").with_answer("3", "No", "first")
    assert save(ws, cid, draft) == 1
    draft = draft.with_answer("3", rationale="second").with_status(DraftStatus.IN_REVIEW)
    assert save(ws, cid, draft, 1) == 2
    assert save(ws, cid, draft, 2) == 2  # nothing changed
    history = read(ws, drafts.list_versions, cid)
    assert [v.number for v in history] == [1, 2]
    assert history[1].summary == "answer 3 rationale; status Drafting -> In review"
    assert history[1].saved_at == T0 + timedelta(minutes=1)


def test_old_versions_keep_their_full_content(ws):
    cid = add_consultation(ws, "mp231-consultation")
    first = Draft("mp231-consultation", owner="Asha").with_answer("1", "Yes", "v1")
    save(ws, cid, first)
    save(ws, cid, first.with_answer("1", "No", "v2"), 1)
    old = read(ws, drafts.load_version, cid, 1)
    assert old.answers["1"].rationale == "v1" and old.owner == "Asha" and old.version == 1
    assert read(ws, drafts.load_draft, cid).answers["1"].response == "No"


def test_missing_version_and_missing_draft_are_named(ws):
    cid = add_consultation(ws, "mp231-consultation")
    with pytest.raises(NotFoundError, match="no saved draft"):
        read(ws, drafts.load_version, cid, 1)
    save(ws, cid, Draft("mp231-consultation", notes="x"))
    with pytest.raises(NotFoundError, match=r"no version 7 \(versions 1 to 1"):
        read(ws, drafts.load_version, cid, 7)


def test_conflicts_take_numbers_but_stay_off_the_current_line(ws):
    cid = add_consultation(ws, "mp231-consultation")
    with pytest.raises(NotFoundError, match="no saved draft"), session.transaction(ws) as conn:
        drafts.keep_conflict(conn, cid, Draft("mp231-consultation"), T0, author="Ben",
                             base_version=0, summary="conflict")
    base = Draft("mp231-consultation").with_answer("1", "Yes", "one")
    save(ws, cid, base)
    save(ws, cid, base.with_answer("1", rationale="two"), 1, author="Asha", base_version=1)
    with session.transaction(ws) as conn:
        kept = drafts.keep_conflict(conn, cid, base.with_answer("1", rationale="mine"),
                                    T0 + timedelta(minutes=2), author="Ben", base_version=1,
                                    summary="conflict, not current: question 1")
    assert kept == 3
    assert save(ws, cid, base.with_answer("1", rationale="three"), 3) == 4
    assert read(ws, drafts.version_numbers, cid) == {1, 2, 3, 4}
    assert [v.conflict for v in read(ws, drafts.list_versions, cid)] == [
        False, False, True, False]
    after = read(ws, drafts.versions_after, cid, 1)
    assert [(info.number, info.author, d.answers["1"].rationale) for info, d in after] == [
        (2, "Asha", "two"), (4, "", "three")]
    assert read(ws, drafts.load_version, cid, 3).answers["1"].rationale == "mine"
    assert read(ws, drafts.load_draft, cid).version == 4


def test_failed_transaction_leaves_no_version(ws):
    cid = add_consultation(ws, "mp231-consultation")
    save(ws, cid, Draft("mp231-consultation", notes="kept"))
    with pytest.raises(RuntimeError), session.transaction(ws) as conn:
        drafts.save_draft(conn, cid, Draft("mp231-consultation", notes="lost"), T0)
        raise RuntimeError("crash after the insert")
    assert read(ws, drafts.load_draft, cid).notes == "kept"
    assert read(ws, drafts.version_numbers, cid) == {1}


def test_one_draft_per_consultation_and_deleting_the_consultation_removes_it(ws):
    a = add_consultation(ws, "mp231-consultation")
    b = add_consultation(ws, "mp216-consultation", "MP216")
    save(ws, a, Draft("mp231-consultation", notes="a"))
    save(ws, b, Draft("mp216-consultation", notes="b"))
    save(ws, a, Draft("mp231-consultation", notes="a2"), 1)
    found = read(ws, drafts.load_drafts, [a, b, b + 1])
    assert set(found) == {a, b}
    assert found[a].notes == "a2" and found[b].notes == "b"
    with session.transaction(ws) as conn:
        conn.execute(delete(tables.consultations).where(tables.consultations.c.id == a))
    assert read(ws, drafts.load_draft, a) is None
    with session.reading(ws) as conn:
        count = conn.execute(select(func.count()).select_from(tables.draft_versions)).scalar()
    assert count == 1


def test_many_drafts_are_read_at_once(ws):
    ids = [add_consultation(ws, f"mp{n}-consultation", f"MP{n}") for n in range(3)]
    for cid in ids:
        save(ws, cid, Draft(f"k{cid}", notes=str(cid)))
    many = ids + list(range(10_000, 21_000))  # as many as the window asks for
    assert {cid: d.notes for cid, d in read(ws, drafts.load_drafts, many).items()} == {
        cid: str(cid) for cid in ids}


def test_consultations_are_found_by_key_or_reference(ws):
    cid = add_consultation(ws, "mp231-consultation")
    with session.reading(ws) as conn:
        assert drafts.consultation_id(conn, "mp231-consultation") == cid
        assert drafts.consultation_id(conn, "MP231") is None
        assert drafts.find_consultation(conn, " mp 231 ") == (cid, "mp231-consultation")
        assert drafts.find_consultation(conn, "mp231-consultation") == (cid,
                                                                         "mp231-consultation")
        assert drafts.find_consultation(conn, "MP232") is None
        assert drafts.find_consultation(conn, "") is None


def test_a_folder_keeps_the_same_rows_so_older_readers_and_copies_agree(folder):
    cid = add_consultation(folder, "mp231-consultation")
    draft = replace(
        Draft("mp231-consultation", owner="Asha", reviewer="Ben", notes="Café £5 — «quoted»")
        .with_answer("10", "Yes", "Ten.").with_answer("2", "No", "Two."),
        status=DraftStatus.SUBMITTED, sent_on=date(2023, 5, 10))
    assert save(folder, cid, draft, author="Asha") == 1
    assert save(folder, cid, draft, author="Asha") == 1  # unchanged
    row = folder.connection.execute(
        "SELECT d.snapshot, d.status, d.sent_on, d.owner, d.reviewer, d.updated_at, "
        "d.current_version, v.snapshot AS kept, v.saved_at, v.summary, v.author, "
        "v.base_version, v.conflict FROM drafts d JOIN draft_versions v ON v.draft_id = d.id"
    ).fetchone()
    assert row["snapshot"] == json.dumps(to_snapshot(draft), ensure_ascii=False, sort_keys=True)
    assert row["kept"] == row["snapshot"]
    assert json.loads(row["snapshot"])["sent_on"] == "2023-05-10"
    assert (row["status"], row["sent_on"], row["owner"], row["reviewer"]) == (
        "Submitted", "2023-05-10", "Asha", "Ben")
    assert (row["current_version"], row["summary"], row["author"], row["base_version"],
            row["conflict"]) == (1, "created", "Asha", None, 0)
    assert row["updated_at"] == row["saved_at"] == "2023-05-01T09:00:00+01:00"
