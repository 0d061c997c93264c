"""Others' work on a team database reaches a watcher as plain records; its own does not."""

from __future__ import annotations

import time
from dataclasses import replace

import psycopg
import pytest
from sqlalchemy import insert, update

from secresponder.domain.clock import fixed_clock
from secresponder.services import drafting, notes, team_activity
from secresponder.services.team_activity import (
    CONNECTION,
    DRAFT,
    LIST,
    MISSED,
    NOTE,
    TeamChange,
    open_watcher,
    person_name,
)
from secresponder.store.backends import open_workspace
from secresponder.store.sql import session, tables

SAM = "Sam Patel <sam@bright.example>"
ASHA = "Asha Khan <asha@bright.example>"


def _consultation(ws, now, key: str = "mp231-consultation") -> int:
    with session.transaction(ws) as conn:
        return conn.execute(insert(tables.consultations).values(
            key=key, reference=key.split("-")[0].upper(), title="Firmware upgrade pathways",
            kind="general", closes_at=now, respond_to="sec.change@gemserv.com",
            first_seen=now, last_seen=now,
        ).returning(tables.consultations.c.id)).scalar_one()


def _hear(watcher, wanted, within: float = 2.0) -> list[TeamChange]:
    """Changes heard until one satisfies ``wanted`` or ``within`` seconds have passed."""
    heard: list[TeamChange] = []
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        heard += watcher.poll(max(0.0, min(0.2, deadline - time.monotonic())))
        if any(wanted(change) for change in heard):
            break
    return heard


@pytest.fixture
def team(pg_workspace_url, now):
    """(mine, theirs, consultation id): my window's workspace and a colleague's."""
    mine = open_workspace(pg_workspace_url)
    theirs = open_workspace(pg_workspace_url)
    try:
        cid = _consultation(theirs, now)
        yield mine, theirs, cid
    finally:
        mine.close()
        theirs.close()


def test_a_folder_has_nothing_to_watch(tmp_path):
    with open_workspace(tmp_path / "workspace") as ws:
        assert open_watcher(ws, SAM) is None


def test_a_draft_saved_by_someone_else_names_them_within_two_seconds(team, now):
    mine, theirs, cid = team
    with open_watcher(mine, SAM) as watcher:
        watcher.poll(0.2)  # the consultation added by the fixture, maybe
        draft = replace(drafting.open_draft(theirs, "MP231"),
                        form=drafting.builtin_choice("general"))
        started = time.monotonic()
        drafting.save(theirs, draft, author=ASHA, clock=fixed_clock(now))
        heard = _hear(watcher, lambda c: c.kind == DRAFT)
        assert time.monotonic() - started < 2.0
        assert [c for c in heard if c.kind == DRAFT] == [TeamChange(DRAFT, cid, "Asha Khan")]


def test_my_own_saves_are_not_echoed(team, now):
    mine, theirs, cid = team
    with open_watcher(mine, SAM) as watcher:
        watcher.poll(0.2)
        draft = replace(drafting.open_draft(mine, "MP231"),
                        form=drafting.builtin_choice("general"))
        drafting.save(mine, draft, author=SAM, clock=fixed_clock(now))  # my window's own
        notes.add_note(mine, cid, "Ask metering", clock=fixed_clock(now), author=SAM)
        _consultation(mine, now, key="mp232-consultation")
        assert _hear(watcher, lambda c: True, within=1.0) == []
        # Signed by me on another connection: me, in another window, and reported as such.
        drafting.set_answer(theirs, "MP231", "1", response="Yes", rationale="Agreed.",
                            clock=fixed_clock(now), author=SAM)
        assert _hear(watcher, lambda c: c.kind == DRAFT) == [
            TeamChange(DRAFT, cid, "Sam Patel", yours=True)]
        # A colleague's note, then, is heard (notes carry no author in their notice).
        notes.add_note(theirs, cid, "Metering agrees", clock=fixed_clock(now), author=ASHA)
        assert _hear(watcher, lambda c: c.kind == NOTE) == [TeamChange(NOTE, cid)]


def test_an_import_elsewhere_is_one_list_change(team, now):
    mine, theirs, _cid = team
    with open_watcher(mine, SAM) as watcher:
        watcher.poll(0.2)
        with session.transaction(theirs) as conn:
            conn.execute(update(tables.consultations).values(title="Renamed"))
            conn.execute(update(tables.consultations).values(title="Renamed again"))
        assert _hear(watcher, lambda c: c.kind == LIST) == [TeamChange(LIST)]


def test_a_conflict_version_alone_changes_nothing_on_screen(team, now):
    mine, theirs, cid = team
    clock = fixed_clock(now)
    draft = replace(drafting.open_draft(theirs, "MP231"), form=drafting.builtin_choice("general"))
    drafting.save(theirs, draft, author=ASHA, clock=clock)
    stale = drafting.open_draft(theirs, "MP231")
    drafting.set_answer(theirs, "MP231", "1", response="Yes", rationale="Asha's text.",
                        clock=clock, author=ASHA)
    with open_watcher(mine, SAM) as watcher:
        watcher.poll(0.2)
        clash = stale.with_answer("1", "No", "Ben's text.")
        result = drafting.save(theirs, clash, author="Ben Okafor", clock=clock)
        assert result.conflicts and not result.saved
        assert [c for c in _hear(watcher, lambda c: True, within=1.0)
                if c.kind == DRAFT and c.consultation_id == cid] == []


def test_who_else_has_the_draft_open_and_when_they_leave(team, pg_workspace_url):
    mine, theirs, cid = team
    with open_watcher(mine, SAM) as sam, open_watcher(theirs, ASHA) as asha:
        sam.announce(cid)
        asha.announce(cid)
        _hear(sam, lambda c: c.kind == team_activity.PRESENCE_KIND)
        _hear(asha, lambda c: c.kind == team_activity.PRESENCE_KIND)
        assert sam.others_on(cid) == ["Asha Khan"]
        assert asha.others_on(cid) == ["Sam Patel"]
        assert sam.others_on(cid + 1) == [] and sam.others_on(None) == []
        asha.close()  # closing says "no draft open"
        _hear(sam, lambda c: c.kind == team_activity.PRESENCE_KIND)
        assert sam.others_on(cid) == []


def test_a_window_opened_later_learns_at_once_who_is_here(team):
    mine, theirs, cid = team
    with open_watcher(mine, SAM) as sam:
        sam.announce(cid)  # before Asha's window listens: she did not hear this
        with open_watcher(theirs, ASHA) as asha:
            asha.announce(cid)
            _hear(sam, lambda c: c.kind == team_activity.PRESENCE_KIND)  # Sam answers her
            _hear(asha, lambda c: c.kind == team_activity.PRESENCE_KIND, within=1.0)
            assert asha.others_on(cid) == ["Sam Patel"]
            # Answers end: hearing someone already known where they are asks no answer.
            _hear(sam, lambda c: c.kind == team_activity.PRESENCE_KIND, within=0.5)
            assert _hear(asha, lambda c: True, within=0.5) == []


def test_presence_is_forgotten_when_not_repeated(team):
    mine, theirs, cid = team
    with open_watcher(mine, SAM, presence_ttl=0.5) as sam, open_watcher(theirs, ASHA) as asha:
        asha.announce(cid)
        _hear(sam, lambda c: c.kind == team_activity.PRESENCE_KIND)
        assert sam.others_on(cid) == ["Asha Khan"]
        time.sleep(0.6)
        assert sam.others_on(cid) == []


def test_a_dropped_connection_is_said_in_one_sentence_and_reopened(team, pg_server, now,
                                                                   monkeypatch):
    mine, theirs, cid = team
    monkeypatch.setattr(team_activity, "RETRY_FIRST_S", 0.2)
    with open_watcher(mine, SAM) as watcher:
        watcher.poll(0.2)
        assert watcher._feed is not None
        pid = watcher._feed.own_pid
        with psycopg.connect(pg_server.url("postgres"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        heard = _hear(watcher, lambda c: c.kind == CONNECTION)
        (dropped,) = [c for c in heard if c.kind == CONNECTION]
        assert dropped.message.startswith("Lost the link to the team database")
        assert "\n" not in dropped.message and "Traceback" not in dropped.message
        assert not watcher.connected
        back = _hear(watcher, lambda c: c.kind == MISSED, within=3.0)
        assert [c.kind for c in back] == [CONNECTION, MISSED]
        assert back[0].message.startswith("Connected to the team database again")
        notes.add_note(theirs, cid, "After the drop", clock=fixed_clock(now), author=ASHA)
        assert _hear(watcher, lambda c: c.kind == NOTE) == [TeamChange(NOTE, cid)]


def test_names_are_shown_as_names_only():
    assert person_name(ASHA) == "Asha Khan"
    assert person_name("asha@bright.example") == "asha@bright.example"
    assert person_name("") == ""
    assert person_name("Eve\x07 <b>x</b>") == "Eve <b>x</b>"  # shown as plain text
