"""TeamWatch: others' changes on a team database arrive as signals on the UI thread."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from sqlalchemy import insert

from secresponder.domain.clock import fixed_clock
from secresponder.services import drafting, notes
from secresponder.services.team_activity import open_watcher
from secresponder.store.backends import open_workspace
from secresponder.store.sql import session, tables
from secresponder.ui.team_watch import TeamWatch

SAM = "Sam Patel <sam@bright.example>"
ASHA = "Asha Khan <asha@bright.example>"


@pytest.fixture
def team(pg_workspace_url, now):
    mine = open_workspace(pg_workspace_url)
    theirs = open_workspace(pg_workspace_url)
    try:
        with session.transaction(theirs) as conn:
            cid = conn.execute(insert(tables.consultations).values(
                key="mp231-consultation", reference="MP231", title="Firmware upgrade pathways",
                kind="general", closes_at=now, respond_to="sec.change@gemserv.com",
                first_seen=now, last_seen=now,
            ).returning(tables.consultations.c.id)).scalar_one()
        yield mine, theirs, cid
    finally:
        mine.close()
        theirs.close()


@pytest.fixture
def watch(qtbot, team):
    mine, _theirs, _cid = team
    made = TeamWatch(open_watcher(mine, SAM), presence_every=0.2)
    yield made
    made.stop()
    assert not made.running


def test_signals_reach_the_ui_thread_within_two_seconds(qtbot, watch, team, now):
    _mine, theirs, cid = team
    heard_on: list[bool] = []
    watch.draft_changed.connect(
        lambda *_: heard_on.append(threading.current_thread() is threading.main_thread()))
    watch.start()
    draft = replace(drafting.open_draft(theirs, "MP231"), form=drafting.builtin_choice("general"))
    with qtbot.waitSignal(watch.draft_changed, timeout=2000) as saved:
        drafting.save(theirs, draft, author=ASHA, clock=fixed_clock(now))
    assert saved.args == [cid, "Asha Khan"]
    with qtbot.waitSignal(watch.notes_changed, timeout=2000) as noted:
        notes.add_note(theirs, cid, "Ask metering", clock=fixed_clock(now), author=ASHA)
    assert noted.args == [cid]
    with qtbot.waitSignal(watch.list_changed, timeout=2000), \
            session.transaction(theirs) as conn:
        conn.execute(tables.consultations.update().values(title="Renamed"))
    assert heard_on and all(heard_on)


def test_presence_is_repeated_and_others_are_listed(qtbot, watch, team):
    _mine, theirs, cid = team
    asha = open_watcher(theirs, ASHA)
    shown: list[tuple] = []
    watch.presence_changed.connect(lambda where, names: shown.append((where, names)))
    try:
        watch.show_draft(cid)
        watch.start()
        asha.announce(cid)
        qtbot.waitUntil(lambda: shown[-1:] == [(cid, ["Asha Khan"])], timeout=2000)
        # Sam's window repeats its own presence: Asha's watcher hears it.
        end = time.monotonic() + 2.0
        while time.monotonic() < end and asha.others_on(cid) != ["Sam Patel"]:
            asha.poll(0.1)
        assert asha.others_on(cid) == ["Sam Patel"]
        asha.announce(None)
        qtbot.waitUntil(lambda: shown[-1:] == [(cid, [])], timeout=2000)
    finally:
        asha.close()


def test_stopping_ends_the_thread_at_once(qtbot, watch):
    watch.start()
    assert watch.running
    started = time.monotonic()
    watch.stop()
    assert not watch.running
    assert time.monotonic() - started < 1.5
