"""Full-text search on a team database: the index kept by triggers, tsvector queries, snippets."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, insert, select, update

from secresponder.domain.deadline import LONDON
from secresponder.errors import InputError
from secresponder.services.search import split_snippet
from secresponder.store import backends
from secresponder.store.search_index import MATCH_END, MATCH_START
from secresponder.store.sql import fulltext, tables

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def ws(pg_workspace_url):
    with backends.open_workspace(pg_workspace_url) as workspace:
        yield workspace


def _consultation(conn, key: str, title: str, summary: str = "", **extra) -> int:
    return conn.execute(insert(tables.consultations).values(
        key=key, reference=key.upper(), title=title, summary=summary, closes_at=NOW,
        respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW, **extra,
    ).returning(tables.consultations.c.id)).scalar_one()


def _found(ws, query: str) -> list[tuple[str, str]]:
    with ws.reading() as conn:
        return [(hit.kind, hit.title) for hit in fulltext.search(conn, query)]


def test_catalogue_notes_and_drafts_are_indexed_by_the_database_itself(ws):
    with ws.transaction() as conn:
        mp231 = _consultation(
            conn, "mp231", "Smart meter firmware faults",
            "Proposes that the DCC reports firmware faults to suppliers within two days.",
            audience=["Large Suppliers", "Electricity Networks"],
            documents=[{"label": "Modification Report", "url": None}],
        )
        _consultation(conn, "mp232", "Charging statement", "Changes the DCC charging year.")
        release = conn.execute(insert(tables.releases).values(
            version="v62.0", effective=date(2022, 7, 18), title="SEC Release June 2022",
            first_seen=NOW, last_seen=NOW).returning(tables.releases.c.id)).scalar_one()
        conn.execute(insert(tables.release_modifications).values(
            release_id=release, position=0, reference="MP200", title="Alt HAN forum"))
        conn.execute(insert(tables.notes).values(
            consultation_id=mp231, body="Ask the metering team about rollback windows.",
            created_at=NOW, updated_at=NOW))
        conn.execute(insert(tables.drafts).values(
            consultation_id=mp231, snapshot={
                "answers": {"1": {"response": "Yes", "rationale": "Faster triage of outages."}},
                "comments": [], "notes": "Reviewer wants evidence", "owner": "Sam"},
            updated_at=NOW))
    # Notes and drafts carry their consultation's name in their titles, as on SQLite.
    assert _found(ws, "firmware") == [
        ("consultation", "MP231 Smart meter firmware faults"),
        ("note", "Note on MP231 Smart meter firmware faults"),
        ("draft", "Draft response to MP231 Smart meter firmware faults"),
    ]
    assert _found(ws, "Electricity Networks") == [
        ("consultation", "MP231 Smart meter firmware faults")]
    assert _found(ws, '"Modification Report"')[0][1] == "MP231 Smart meter firmware faults"
    # A release's title names its version, as SQLite's index has it.
    assert _found(ws, "MP200") == [("release", "SEC v62.0 SEC Release June 2022")]
    assert _found(ws, "rollback") == [("note", "Note on MP231 Smart meter firmware faults")]
    assert _found(ws, "triage outages") == [
        ("draft", "Draft response to MP231 Smart meter firmware faults")]
    assert _found(ws, "evidence") == [
        ("draft", "Draft response to MP231 Smart meter firmware faults")]
    # Only answers, comments and notes are a draft's text, not its owner.
    assert _found(ws, "Sam") == []


def test_titles_rank_above_bodies_and_words_are_stemmed(ws):
    with ws.transaction() as conn:
        _consultation(conn, "mp300", "Gas network charges", "Mentions meters once.")
        _consultation(conn, "mp301", "Metering arrangements", "Covers prepayment metering.")
        _consultation(conn, "mp302", "Meter reading", "Reading meters remotely.")
    hits = _found(ws, "meter")
    assert set(hits[:2]) == {("consultation", "MP301 Metering arrangements"),
                             ("consultation", "MP302 Meter reading")}
    assert hits[2] == ("consultation", "MP300 Gas network charges")


def test_snippets_mark_matches_in_plain_text(ws):
    body = ("The Panel considered the proposal at length. " * 5 +
            "Suppliers must notify customers within 5 < 7 days & before a firmware "
            "upgrade. " + "Unrelated closing words follow here. " * 5)
    with ws.transaction() as conn:
        _consultation(conn, "mp400", "Notifications", body)
    with ws.reading() as conn:
        (hit,) = fulltext.search(conn, "firmware")
    assert MATCH_START + "firmware" + MATCH_END in hit.snippet
    pieces = split_snippet(hit.snippet)
    assert ("firmware", True) in pieces
    text = "".join(piece for piece, _ in pieces)
    assert "days & before a firmware" in text  # kept as text, for the window to escape
    assert len(text.split()) < 40


def test_updates_and_deletes_follow_through(ws):
    with ws.transaction() as conn:
        cid = _consultation(conn, "mp500", "Old title")
        note = conn.execute(insert(tables.notes).values(
            consultation_id=cid, body="Draft by Friday", created_at=NOW, updated_at=NOW,
        ).returning(tables.notes.c.id)).scalar_one()
    with ws.transaction() as conn:
        conn.execute(update(tables.consultations).where(tables.consultations.c.id == cid)
                     .values(title="Renamed proposal"))
    assert _found(ws, "renamed") == [("consultation", "MP500 Renamed proposal"),
                                     ("note", "Note on MP500 Renamed proposal")]
    assert _found(ws, "old") == []
    with ws.transaction() as conn:
        conn.execute(delete(tables.notes).where(tables.notes.c.id == note))
    assert _found(ws, "friday") == []
    with ws.transaction() as conn:
        conn.execute(delete(tables.consultations).where(tables.consultations.c.id == cid))
        assert conn.execute(select(tables.consultations)).all() == []
    assert _found(ws, "renamed") == []


def test_documents_are_indexed_by_the_app_and_leave_with_their_row(ws):
    with ws.transaction() as conn:
        doc = conn.execute(insert(tables.documents).values(
            sha256="ab" * 32, format="pdf", size=10, stored_name="ab.pdf", added_at=NOW,
        ).returning(tables.documents.c.id)).scalar_one()
        fulltext.index_document(conn, doc, "Consultation document", "Interoperability tests")
        fulltext.index_document(conn, doc, "Consultation document", "Interoperability rules")
    assert _found(ws, "rules") == [("document", "Consultation document")]
    assert _found(ws, "tests") == []
    with ws.transaction() as conn:
        conn.execute(delete(tables.documents).where(tables.documents.c.id == doc))
    assert _found(ws, "rules") == []


@pytest.mark.parametrize("query", ['"unterminated phrase', "-excluded or (((", "a:* & !b |",
                                   "firmware OR charging", "'; DROP TABLE notes; --"])
def test_any_query_with_words_runs_without_a_syntax_error(ws, query):
    with ws.transaction() as conn:
        _consultation(conn, "mp600", "Firmware", "Charging")
    _found(ws, query)


@pytest.mark.parametrize("query", ["", "   ", "&&& ***"])
def test_queries_without_words_are_refused_as_on_sqlite(ws, query):
    with pytest.raises(InputError):
        _found(ws, query)


def test_a_draft_snapshot_missing_parts_is_saved_and_indexed(ws):
    with ws.transaction() as conn:
        cid = _consultation(conn, "mp700", "Partial snapshot")
        conn.execute(insert(tables.drafts).values(
            consultation_id=cid, updated_at=NOW,
            snapshot={"answers": {"2": {"rationale": "Only an answer, no comments or notes"}}}))
        other = _consultation(conn, "mp701", "Empty snapshot")
        conn.execute(insert(tables.drafts).values(consultation_id=other, updated_at=NOW,
                                                  snapshot={}))
    assert _found(ws, "comments") == [("draft", "Draft response to MP700 Partial snapshot")]
