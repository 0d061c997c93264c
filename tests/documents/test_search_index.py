"""The full-text index: safe query expressions and triggers keeping it current."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secresponder.domain.deadline import LONDON
from secresponder.errors import InputError
from secresponder.store import search_index
from secresponder.store.sql import notes as notes_repo
from secresponder.store.sql import session
from secresponder.store.workspace import Workspace

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def ws(workspace_root):
    with Workspace.open(workspace_root) as workspace:
        yield workspace


def add_consultation(
    conn,
    key="mp231-consultation",
    reference="MP231",
    title="Firmware upgrade pathways",
    summary="Device firmware order",
):
    cursor = conn.execute(
        "INSERT INTO consultations (key, reference, title, kind, closes_at, summary, audience, "
        "documents, respond_to, first_seen, last_seen) VALUES (?, ?, ?, NULL, "
        "'2023-05-12T16:00:00+00:00', ?, ?, ?, 'sec.change@gemserv.com', 'x', 'x')",
        (
            key,
            reference,
            title,
            summary,
            json.dumps(["Suppliers", "The DCC"]),
            json.dumps([{"label": "consultation document", "url": None}]),
        ),
    )
    return cursor.lastrowid


def found(conn, query):
    return [
        (h.kind, h.source_id)
        for h in search_index.search(conn, search_index.match_expression(query))
    ]


def test_fts5_is_available_here(ws):
    assert search_index.fts5_available(ws.connection)


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("firmware upgrade", '"firmware" "upgrade"'),
        ('"firmware upgrade" DCC', '"firmware upgrade" "DCC"'),
        ("firm*", '"firm"*'),
        ('"upgrade path"*', '"upgrade path"*'),
        ("sec.change@gemserv.com", '"sec.change@gemserv.com"'),
        ("NOT OR AND NEAR(", '"NOT" "OR" "AND" "NEAR("'),
        ('"unterminated phrase', '"unterminated phrase"'),
        ("MP231 - * ()", '"MP231"'),
    ],
)
def test_user_queries_become_quoted_terms(query, expression):
    assert search_index.match_expression(query) == expression


@pytest.mark.parametrize("query", ["", "   ", '""', "* - ()", "_"])
def test_queries_without_words_are_one_sentence(query):
    with pytest.raises(InputError, match="search"):
        search_index.match_expression(query)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_no_typed_query_is_an_fts_syntax_error(query):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, title, body)")
    conn.execute("INSERT INTO search_index VALUES ('note', 'a title', 'some body text')")
    try:
        expression = search_index.match_expression(query)
    except InputError:
        return
    search_index.search(conn, expression)  # must not raise


def test_consultation_rows_follow_inserts_updates_and_deletes(ws):
    conn = ws.connection
    cid = add_consultation(conn)
    assert found(conn, "firmware") == [("consultation", cid)]
    assert found(conn, "DCC") == [("consultation", cid)]  # the audience is indexed
    conn.execute("UPDATE consultations SET summary = 'Prepayment top-ups' WHERE id = ?", (cid,))
    assert found(conn, "prepayment") == [("consultation", cid)]
    assert found(conn, "order") == []
    conn.execute("UPDATE consultations SET last_seen = 'y' WHERE id = ?", (cid,))
    assert search_index.indexed_count(conn, "consultation") == 1
    conn.execute("DELETE FROM consultations WHERE id = ?", (cid,))
    assert found(conn, "prepayment") == [] and search_index.indexed_count(conn, "consultation") == 0


def test_release_row_includes_modifications_and_affected_documents(ws):
    conn = ws.connection
    rid = conn.execute(
        "INSERT INTO releases (version, effective, title, first_seen, last_seen) "
        "VALUES ('v57.0', '2022-02-24', 'February 2022 SEC Release', 'x', 'x')"
    ).lastrowid
    conn.execute(
        "INSERT INTO release_modifications VALUES (?, 0, 'MP116', 'Clarifying time-based tariffs')",
        (rid,),
    )
    conn.execute(
        "INSERT INTO release_affected VALUES (?, 0, 'Appendix AB', 'Meter profiles')", (rid,)
    )
    assert found(conn, "tariffs") == [("release", rid)]
    assert found(conn, "appendix AB") == [("release", rid)]
    conn.execute("DELETE FROM release_modifications WHERE release_id = ?", (rid,))
    assert found(conn, "tariffs") == []
    assert search_index.indexed_count(conn, "release") == 1
    conn.execute("DELETE FROM releases WHERE id = ?", (rid,))
    assert search_index.indexed_count(conn, "release") == 0


def test_notes_and_drafts_are_indexed_and_follow_their_consultation(ws):
    conn = ws.connection
    cid = add_consultation(conn)
    with session.transaction(ws) as core:
        note = notes_repo.add_note(core, cid, "Ask the DCC about CPL entry identifiers", now=NOW)
    snapshot = {
        "answers": {"1": {"response": "Yes", "rationale": "Sequencing avoids bricking"}},
        "comments": [],
        "notes": "",
        "form": {"questions": [{"text": "Unrelated"}]},
    }
    did = conn.execute(
        "INSERT INTO drafts (consultation_id, snapshot, updated_at) VALUES (?, ?, 'x')",
        (cid, json.dumps(snapshot)),
    ).lastrowid
    assert found(conn, "identifiers") == [("note", note.id)]
    assert found(conn, "bricking") == [("draft", did)]
    assert found(conn, "unrelated") == []  # the form's question text is not the draft's words
    conn.execute("UPDATE consultations SET title = 'Renamed pathways' WHERE id = ?", (cid,))
    hits = search_index.search(conn, search_index.match_expression("identifiers"))
    assert hits[0].title == "Note on MP231 Renamed pathways"
    with session.transaction(ws) as core:
        notes_repo.update_note(core, note.id, "Replaced wording", now=NOW)
    assert found(conn, "identifiers") == [] and found(conn, "wording") == [("note", note.id)]
    conn.execute("DELETE FROM consultations WHERE id = ?", (cid,))
    assert search_index.indexed_count(conn, "note") == 0
    assert search_index.indexed_count(conn, "draft") == 0


def test_reindex_catalogue_rebuilds_lost_rows(ws):
    conn = ws.connection
    cid = add_consultation(conn)
    conn.execute("DELETE FROM search_index")
    assert found(conn, "firmware") == []
    search_index.reindex_catalogue(conn)
    assert found(conn, "firmware") == [("consultation", cid)]


def test_snippets_mark_matches_and_title_ranks_higher(ws):
    conn = ws.connection
    add_consultation(
        conn,
        key="a",
        reference="MP1",
        title="Alt HAN charges",
        summary="Nothing about firmware here, only costs",
    )
    best = add_consultation(
        conn, key="b", reference="MP2", title="Firmware upgrade", summary="Unrelated body"
    )
    hits = search_index.search(conn, search_index.match_expression("firmware"))
    assert hits[0].source_id == best
    marked = hits[1].snippet
    assert f"{search_index.MATCH_START}firmware{search_index.MATCH_END}" in marked


def test_every_match_is_ranked_however_many_there_are(ws):
    # 2,500 newer documents mention the word once; the oldest has it in its title and
    # throughout its text, so it must come first even though it was attached first.
    conn = ws.connection
    filler = "The meter reads firmware once among many other words about tariffs. " * 3
    rows = [
        (
            search_index.rowid_for(search_index.DOCUMENT, doc_id),
            search_index.DOCUMENT,
            "Firmware rollout plan" if doc_id == 1 else f"Document {doc_id}",
            "firmware firmware firmware schedule" if doc_id == 1 else filler,
        )
        for doc_id in range(1, 2502)
    ]
    conn.executemany(
        "INSERT INTO search_index (rowid, kind, title, body) VALUES (?, ?, ?, ?)", rows
    )
    hits = search_index.search(conn, search_index.match_expression("firmware"), limit=10)
    assert len(hits) == 10
    best = (hits[0].kind, hits[0].source_id, hits[0].title)
    assert best == ("document", 1, "Firmware rollout plan")
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    prefixed = search_index.search(conn, search_index.match_expression("firmw*"), limit=3)
    assert prefixed[0].source_id == 1
    marked = f"{search_index.MATCH_START}firmware{search_index.MATCH_END}"
    assert marked in prefixed[0].snippet.lower()


def test_rewriting_a_consultation_with_the_same_text_keeps_it_indexed_once(ws):
    conn = ws.connection
    cid = add_consultation(conn)
    # What an import does when only the deadline moved: every column rewritten.
    conn.execute(
        "UPDATE consultations SET reference = reference, title = title, kind = kind, "
        "summary = summary, audience = audience, documents = documents, "
        "closes_at = '2023-06-01T16:00:00+00:00' WHERE id = ?",
        (cid,),
    )
    assert found(conn, "firmware") == [("consultation", cid)]
    assert search_index.indexed_count(conn, "consultation") == 1
    conn.execute(
        "UPDATE consultations SET documents = ? WHERE id = ?",
        (json.dumps([{"label": "impact assessment", "url": None}]), cid),
    )
    assert found(conn, "impact assessment") == [("consultation", cid)]
    assert found(conn, '"consultation document"') == []
    conn.execute("UPDATE consultations SET kind = 'Refinement Consultation' WHERE id = ?", (cid,))
    assert found(conn, "refinement") == [("consultation", cid)]
