"""The drafting service on both kinds of workspace: saves, merges, conflicts, review rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert
from tests.services.test_drafting import Ticks
from tests.together import at_once

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import DraftStatus
from secresponder.errors import InputError, NotFoundError
from secresponder.services import drafting
from secresponder.services.drafting import DraftLockedError
from secresponder.store.backends import open_workspace
from secresponder.store.sql import session, tables

SAM = "Sam Patel <sam@bright.example>"
ASHA = "Asha Khan <asha@bright.example>"
BEN = "Ben Okafor <ben@bright.example>"


@pytest.fixture(params=["folder", "team"])
def location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a workspace is: a folder, or a team database (emptied after the test)."""
    if request.param == "folder":
        return str(tmp_path / "workspace")
    return request.getfixturevalue("pg_workspace_url")


def _with_consultation(ws, now) -> None:
    # Consultations are inserted through the shared tables: the catalogue's own
    # repository is not yet written for a team database.
    with session.transaction(ws) as conn:
        conn.execute(insert(tables.consultations).values(
            key="mp231-consultation", reference="MP231", title="Firmware upgrade pathways",
            kind="general", closes_at=now, respond_to="sec.change@gemserv.com",
            first_seen=now, last_seen=now,
        ))


@pytest.fixture
def ws(location, now):
    workspace = open_workspace(location)
    try:
        _with_consultation(workspace, now)
        clock = Ticks()
        draft = replace(drafting.open_draft(workspace, "MP231"),
                        form=drafting.builtin_choice("general"))
        drafting.save(workspace, draft, author=ASHA, clock=clock)
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def other(ws, location):
    """A second connection to the same workspace, as a colleague's window would have."""
    workspace = open_workspace(location)
    try:
        yield workspace
    finally:
        workspace.close()


def test_saves_are_versioned_signed_and_found_by_reference(ws):
    clock = Ticks()
    assert drafting.set_answer(ws, " mp 231 ", "1", response="Yes", rationale="Agreed.",
                               clock=clock, author=SAM) == 2
    # Saving what is already stored adds no version.
    assert drafting.save_draft(ws, drafting.open_draft(ws, "MP231"), clock=clock,
                               author=SAM) == 2
    draft = drafting.open_draft(ws, "mp231-consultation")
    assert draft.version == 2 and draft.answers["1"].rationale == "Agreed."
    assert [q.number for q in draft.questions()][:3] == ["1", "2", "3"]
    history = drafting.history(ws, "MP231")
    assert [(h.number, h.author, h.conflict) for h in history] == [
        (1, ASHA, False), (2, SAM, False)]
    # Read back as the same instant on both (timestamptz on PostgreSQL, text on SQLite).
    assert history[1].saved_at == datetime(2023, 5, 1, 9, 1, tzinfo=LONDON)
    assert history[1].saved_at.utcoffset() == timedelta(hours=1)
    assert history[1].summary.startswith("answer 1")
    with pytest.raises(NotFoundError, match=r"No consultation MP999 in the workspace"):
        drafting.open_draft(ws, "MP999")
    with pytest.raises(NotFoundError, match=r"The draft has no version 9 \(versions 1 to 2"):
        drafting.restore(ws, "MP231", 9, clock=clock)


def test_different_answers_from_two_connections_are_merged(ws, other):
    clock = Ticks()
    asha = drafting.open_draft(ws, "MP231")
    sam = drafting.open_draft(other, "MP231")
    first = drafting.save(ws, asha.with_answer("1", "Yes", "Asha's reasons."), author=ASHA,
                          clock=clock)
    second = drafting.save(other, replace(sam.with_answer("2", rationale="Sam's view."),
                                          reviewer="Ben"), author=SAM, clock=clock)
    assert (first.version, first.merged) == (2, False)
    assert (second.version, second.merged, second.conflicts) == (3, True, ())
    stored = drafting.open_draft(ws, "MP231")
    assert stored == second.draft
    assert stored.answers["1"].rationale == "Asha's reasons."
    assert stored.answers["2"].rationale == "Sam's view." and stored.reviewer == "Ben"
    last = drafting.history(other, "MP231")[-1]
    assert (last.author, last.summary) == (
        SAM, "answer 2 rationale; reviewer Ben (merged with version 2)")


def test_a_clash_is_kept_as_a_conflict_version_and_can_be_restored(ws, other):
    clock = Ticks()
    asha = drafting.open_draft(ws, "MP231")
    sam = drafting.open_draft(other, "MP231")
    drafting.save(ws, asha.with_answer("3", rationale="From 1 April."), author=ASHA,
                  clock=clock)
    result = drafting.save(
        other, sam.with_answer("3", rationale="Not before November.").with_answer("1", "No"),
        author=SAM, clock=clock)
    assert [c.key for c in result.conflicts] == ["answer:3"]
    assert result.conflict_version == 4
    assert result.message.startswith("Question 3 was changed by Asha Khan at ")
    assert result.message.endswith(
        "since you opened the draft; your text was kept as version 4 (a conflict) and can "
        "be restored.")
    stored = drafting.open_draft(ws, "MP231")
    assert stored.answers["3"].rationale == "From 1 April."
    assert stored.answers["1"].response == "No" and stored.version == 3
    history = drafting.history(ws, "MP231")
    assert [(h.number, h.author, h.conflict) for h in history] == [
        (1, ASHA, False), (2, ASHA, False), (3, SAM, False), (4, SAM, True)]
    assert drafting.restore(ws, "MP231", 4, clock=clock, author=SAM) == 5
    assert drafting.open_draft(other, "MP231").answers["3"].rationale == "Not before November."


def test_approval_and_reopening_follow_the_same_rules(ws):
    clock = Ticks()
    for n in ("1", "2", "3", "4", "5", "6"):
        drafting.set_answer(ws, "MP231", n, rationale=f"Answer {n}.", clock=clock)
    drafting.set_status(ws, "MP231", DraftStatus.IN_REVIEW, clock=clock, author=ASHA)
    with pytest.raises(InputError, match=r"question 7 is not answered; approve with gaps"):
        drafting.set_status(ws, "MP231", DraftStatus.APPROVED, clock=clock, author=SAM)
    approved = drafting.set_status(ws, "MP231", DraftStatus.APPROVED, with_gaps=True,
                                   clock=clock, author=SAM).draft
    assert approved.approved_by == SAM and approved.approved_gaps == ("7",)
    assert approved.approved_at == clock.now
    before = drafting.history(ws, "MP231")
    with pytest.raises(DraftLockedError, match=rf"The draft is Approved by {SAM}, so its "):
        drafting.set_answer(ws, "MP231", "7", rationale="Late.", clock=clock, author=BEN)
    assert drafting.history(ws, "MP231") == before
    reopened = drafting.reopen(ws, "MP231", clock=clock, author=BEN).draft
    assert reopened.status is DraftStatus.DRAFTING and reopened.approved_by == ""
    last = drafting.history(ws, "MP231")[-1]
    assert (last.author, last.summary) == (BEN, "reopened (Approved -> Drafting)")
    drafting.set_answer(ws, "MP231", "7", rationale="Late.", clock=clock, author=BEN)
    with pytest.raises(InputError, match="Only an Approved or Submitted draft can be reopened"):
        drafting.reopen(ws, "MP231", clock=clock)


@pytest.mark.parametrize("location", ["team"], indirect=True)
def test_concurrent_saves_on_a_team_database_all_land(ws, location, now):
    """Eight people save different answers at the same moment: each save waits for the one
    before and merges with it, so every answer is there and no version number is reused."""
    numbers = [str(n) for n in range(1, 8)] + ["extra"]
    started = {n: drafting.open_draft(ws, "MP231") for n in numbers}

    def save(number: str) -> None:
        drafting.save(ws, started[number].with_answer(number, rationale=f"Answer {number}."),
                      author=f"Person {number} <p{number}@bright.example>",
                      clock=fixed_clock(now))

    _, failures = at_once([lambda n=n: save(n) for n in numbers])
    assert failures == []
    stored = drafting.open_draft(ws, "MP231")
    assert {n: stored.answers[n].rationale for n in numbers} == {
        n: f"Answer {n}." for n in numbers}
    history = drafting.history(ws, "MP231")
    assert [h.number for h in history] == list(range(1, len(numbers) + 2))
    assert not any(h.conflict for h in history)
    assert stored.version == len(numbers) + 1


def test_the_kept_text_can_be_used_for_the_clashing_part_only(ws, other):
    clock = Ticks()
    asha = drafting.open_draft(ws, "MP231")
    sam = drafting.open_draft(other, "MP231")
    drafting.save(ws, asha.with_answer("3", rationale="From 1 April.").with_answer(
        "4", rationale="Asha on 4."), author=ASHA, clock=clock)
    clash = drafting.save(other, sam.with_answer("3", rationale="Not before November.")
                          .with_answer("4", rationale="Sam on 4."), author=SAM, clock=clock)
    assert sorted(c.key for c in clash.conflicts) == ["answer:3", "answer:4"]
    used = drafting.use_kept(other, "MP231", clash.conflict_version, {"answer:3"},
                             clock=clock, author=SAM)
    assert used.saved and not used.conflicts
    stored = drafting.open_draft(ws, "MP231")
    assert stored.answers["3"].rationale == "Not before November."
    assert stored.answers["4"].rationale == "Asha on 4."
    assert drafting.history(ws, "MP231")[-1].summary == (
        f"kept text from version {clash.conflict_version} used (answer:3)")


@pytest.mark.parametrize("location", ["team"], indirect=True)
def test_concurrent_saves_of_one_answer_keep_every_text(ws, location, now):
    """Four people answer question 1 at the same moment: the first save stands, each other
    is refused in a sentence and kept as its own conflict version; none fails outright."""
    people = ["a", "b", "c", "d"]
    started = drafting.open_draft(ws, "MP231")

    def save(person: str) -> tuple[str, drafting.SaveResult]:
        return person, drafting.save(
            ws, started.with_answer("1", rationale=f"Text of {person}."),
            author=f"{person} <{person}@bright.example>", clock=fixed_clock(now))

    saved, failures = at_once([lambda p=p: save(p) for p in people])
    results = dict(saved)
    assert failures == []
    winners = [p for p, r in results.items() if not r.conflicts]
    assert len(winners) == 1
    stored = drafting.open_draft(ws, "MP231")
    assert stored.answers["1"].rationale == f"Text of {winners[0]}."
    history = drafting.history(ws, "MP231")
    kept = {h.author.split()[0]: h.number for h in history if h.conflict}
    assert sorted(kept) == sorted(set(people) - set(winners))
    for person, number in kept.items():
        assert results[person].conflict_version == number
        assert "kept as version" in results[person].message
    assert [h.number for h in history] == list(range(1, len(people) + 2))
