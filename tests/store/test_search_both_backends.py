"""One search interface over FTS5 (folder) and tsvector (team database): same hits, same targets."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert

from secresponder.domain.deadline import LONDON
from secresponder.errors import InputError
from secresponder.store.search_index import HitTarget
from secresponder.store.sql import notes, session, tables
from secresponder.store.sql.search import search

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def filled(any_workspace):
    with session.transaction(any_workspace) as conn:
        cid = conn.execute(insert(tables.consultations).values(
            key="mp231-consultation", reference="MP231", title="Firmware upgrade pathways",
            summary="How Devices receive firmware images over the air.", closes_at=NOW,
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ).returning(tables.consultations.c.id)).scalar_one()
        release = conn.execute(insert(tables.releases).values(
            version="v62.0", effective=date(2022, 7, 18), title="June 2022 SEC Release",
            first_seen=NOW, last_seen=NOW).returning(tables.releases.c.id)).scalar_one()
        conn.execute(insert(tables.release_modifications).values(
            release_id=release, position=0, reference="MP200", title="Pangolin tariffs"))
        note = notes.add_note(conn, cid, "Pangolin question for the DCC", now=NOW)
    return any_workspace, note.id


def test_hits_and_where_they_lead_are_the_same_on_both(filled):
    ws, note_id = filled
    found = search(ws, "pangolin")
    assert sorted((hit.kind, hit.title, tuple(targets)) for hit, targets in found) == [
        ("note", "Note on MP231 Firmware upgrade pathways", (HitTarget(
            consultation_key="mp231-consultation", reference="MP231", note_id=note_id),)),
        ("release", "SEC v62.0 June 2022 SEC Release", (HitTarget(release_version="v62.0"),)),
    ]
    (hit, _), *_ = search(ws, "firmware")
    assert hit.kind == "consultation" and "\x02" in hit.snippet


def test_prefix_words_match_on_both(filled):
    ws, _ = filled
    assert {hit.kind for hit, _ in search(ws, "pango*")} == {"note", "release"}
    assert [hit.title for hit, _ in search(ws, "firm* pathways")] == [
        "MP231 Firmware upgrade pathways", "Note on MP231 Firmware upgrade pathways"]


def test_a_query_without_words_is_refused_on_both(filled):
    ws, _ = filled
    with pytest.raises(InputError, match="has no words to look for"):
        search(ws, '*** "" ---')
