"""Other people's committed changes reach a listening window, and only its own team's."""

from __future__ import annotations

import time
from datetime import datetime

from sqlalchemy import insert, update

from secresponder.domain.deadline import LONDON
from secresponder.store import backends
from secresponder.store.location import parse_location
from secresponder.store.sql import notes, session, tables
from secresponder.store.sql.changes import ChangeFeed, PresenceBoard

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def _consultation(conn, key: str = "mp231") -> int:
    return conn.execute(insert(tables.consultations).values(
        key=key, reference=key.upper(), title="Smart meter faults", closes_at=NOW,
        respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
    ).returning(tables.consultations.c.id)).scalar_one()


def _hear(feed: ChangeFeed, count: int, within: float = 2.0) -> list:
    """Changes heard until ``count`` have arrived or ``within`` seconds have passed."""
    heard: list = []
    deadline = time.monotonic() + within
    while len(heard) < count and time.monotonic() < deadline:
        heard += feed.poll(max(0.0, deadline - time.monotonic()))
    return heard


def test_a_note_and_a_draft_saved_elsewhere_are_heard_within_two_seconds(pg_workspace_url):
    with backends.open_workspace(pg_workspace_url) as writer, \
            ChangeFeed.open(parse_location(pg_workspace_url)) as feed:
        with session.transaction(writer) as conn:
            cid = _consultation(conn)
        assert [(c.table, c.op) for c in feed.poll(2.0)] == [("consultations", None)]

        with session.transaction(writer) as conn:
            note = notes.add_note(conn, cid, "Ask metering", now=NOW, author="Sam")
        started = time.monotonic()
        (change,) = feed.poll(2.0)
        assert time.monotonic() - started < 2.0
        assert (change.table, change.op, change.id, change.consultation_id) == (
            "notes", "insert", note.id, cid)
        assert change.backend_pid != feed.own_pid

        with session.transaction(writer) as conn:
            draft = conn.execute(insert(tables.drafts).values(
                consultation_id=cid, snapshot={"answers": {}}, updated_at=NOW,
            ).returning(tables.drafts.c.id)).scalar_one()
            conn.execute(insert(tables.draft_versions).values(
                draft_id=draft, number=1, saved_at=NOW, summary="created",
                snapshot={"answers": {}}, author="Ali Khan <ali@bright.example>"))
        heard = _hear(feed, 2)
        assert [(c.table, c.op) for c in heard] == [("drafts", "insert"),
                                                     ("draft_versions", "insert")]
        assert (heard[1].draft_id, heard[1].number, heard[1].author) == (
            draft, 1, "Ali Khan <ali@bright.example>")


def test_nothing_is_heard_before_commit_or_after_rollback(pg_workspace_url):
    with backends.open_workspace(pg_workspace_url) as writer, \
            ChangeFeed.open(parse_location(pg_workspace_url)) as feed:
        with session.transaction(writer) as conn:
            cid = _consultation(conn)
        feed.poll(2.0)
        try:
            with session.transaction(writer) as conn:
                notes.add_note(conn, cid, "Never kept", now=NOW)
                assert feed.poll(0.3) == []
                raise RuntimeError("abandoned")
        except RuntimeError:
            pass
        assert feed.poll(0.5) == []


def test_an_import_of_many_rows_is_one_notice(pg_workspace_url):
    with backends.open_workspace(pg_workspace_url) as writer, \
            ChangeFeed.open(parse_location(pg_workspace_url)) as feed:
        with session.transaction(writer) as conn:
            for n in range(50):
                _consultation(conn, key=f"mp{n}")
            conn.execute(update(tables.consultations).values(listed=False))
        assert [(c.table, c.op) for c in feed.poll(2.0)] == [("consultations", None)]


def test_each_team_hears_only_its_own_schema(pg_url):
    for team in ("retail", "networks"):
        backends.upgrade_workspace(f"{pg_url}?schema={team}")
    with backends.open_workspace(f"{pg_url}?schema=retail") as retail, \
            ChangeFeed.open(parse_location(f"{pg_url}?schema=networks")) as networks_feed, \
            ChangeFeed.open(parse_location(f"{pg_url}?schema=retail")) as retail_feed:
        with session.transaction(retail) as conn:
            _consultation(conn)
        assert len(retail_feed.poll(2.0)) == 1
        assert networks_feed.poll(0.5) == []


def test_who_else_has_a_draft_open(pg_workspace_url):
    location = parse_location(pg_workspace_url)
    with ChangeFeed.open(location) as sam, ChangeFeed.open(location) as ali:
        board = PresenceBoard("Sam Patel <sam@bright.example>", ttl=30.0)
        ali.announce_presence("Ali Khan <ali@bright.example>", 7)
        sam.announce_presence("Sam Patel <sam@bright.example>", 7)  # heard, but it is me
        for change in _hear(sam, 2):
            board.hear(change, at=100.0)
        assert board.others_on(7, at=100.0) == ["Ali Khan <ali@bright.example>"]
        assert board.others_on(8, at=100.0) == []
        assert board.others_on(7, at=131.0) == []  # not repeated: gone
        ali.announce_presence("Ali Khan <ali@bright.example>", None)  # closed the draft
        for change in _hear(sam, 1):
            board.hear(change, at=105.0)
        assert board.others_on(7, at=105.0) == []
