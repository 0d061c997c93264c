"""Searching the seeded workspace: consultations, releases, documents, drafts and notes, in a
folder (FTS5) and in a team database (tsvector) alike."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.documents.document_builders import xlsx_bytes

from secresponder.domain.draft import Draft
from secresponder.errors import InputError
from secresponder.services import notes as notes_service
from secresponder.services.documents import attach_file
from secresponder.services.lookup import find_consultation
from secresponder.services.search import MATCH_END, MATCH_START, search, split_snippet
from secresponder.services.session import open_seeded
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.sql import session
from secresponder.store.sql.database import DatabaseWorkspace


@pytest.fixture(params=["folder", "team"])
def ws(request, workspace_root, clock):
    where = workspace_root if request.param == "folder" else request.getfixturevalue(
        "pg_workspace_url")
    with open_seeded(where, clock=clock) as workspace:
        yield workspace


def test_words_find_consultations_from_the_seed_pages(ws):
    hits = search(ws, "firmware upgrade pathways")
    assert hits[0].kind == "consultation"
    assert hits[0].target.reference == "MP231"
    assert hits[0].target.consultation_key == "mp231-consultation"
    assert all(h.kind in {"consultation", "release"} for h in hits)


def test_phrase_prefix_and_case(ws):
    phrase = search(ws, '"Alt HAN Equipment"')
    assert "MP210" in {h.target.reference for h in phrase}
    # A team database indexes words by their stem ("interoperability" as "interoper"), so
    # there a prefix longer than the stem finds nothing: a known difference of the engines.
    prefix = "interop*" if isinstance(ws, DatabaseWorkspace) else "interoperab*"
    prefixed = {h.target.reference for h in search(ws, prefix)}
    exact = {h.target.reference for h in search(ws, "interoperability")}
    assert exact and exact <= prefixed
    assert {h.target.reference for h in search(ws, "FIRMWARE")} == {
        h.target.reference for h in search(ws, "firmware")
    }


def test_releases_are_found_by_the_modifications_they_implement(ws):
    hits = [h for h in search(ws, "MP116") if h.kind == "release"]
    assert hits and all(h.target.release_version for h in hits)
    assert any(text == "MP116" and marked for h in hits for text, marked in h.snippet)


def test_snippet_marks_are_separate_pieces(ws):
    hit = search(ws, "firmware")[0]
    marked = [text for text, is_match in hit.snippet if is_match]
    assert marked and all(text.lower() == "firmware" for text in marked)
    assert MATCH_START not in hit.snippet_text and MATCH_END not in hit.snippet_text
    data = hit.to_json()
    for start, end in data["matches"]:
        assert data["snippet"][start:end].lower() == "firmware"
    assert hit.marked("<<", ">>").count("<<") == len(marked)


def test_split_snippet_keeps_markup_as_text():
    pieces = split_snippet(f"<b>not html</b> {MATCH_START}term{MATCH_END} & more…")
    assert pieces == (("<b>not html</b> ", False), ("term", True), (" & more…", False))


def test_notes_drafts_and_documents_lead_to_their_consultation(ws, tmp_path, clock):
    mp216 = find_consultation(ws, "MP216")
    notes_service.add_note(ws, mp216.id, "Check GBCS wording with the metering team", clock=clock)
    draft = Draft(consultation_key=mp216.key).with_answer(
        "1", response="Yes", rationale="Zanzibar pilot results support this"
    )
    with session.transaction(ws) as conn:
        drafts_repo.save_draft(conn, mp216.id, draft, clock())
    log = tmp_path / "comments.xlsx"
    log.write_bytes(xlsx_bytes({"Comments": [["Section", "Comment"], ["H", "Quokka clause"]]}))
    attachment = attach_file(ws, mp216.id, log, clock=clock).attachment

    (note,) = search(ws, "metering team")
    assert note.kind == "note" and note.target.consultation_key == mp216.key
    assert note.target.note_id is not None
    (draft_hit,) = search(ws, "zanzibar")
    assert draft_hit.kind == "draft" and draft_hit.target.consultation_key == mp216.key
    (document,) = search(ws, "quokka")
    assert document.kind == "document" and document.target.attachment_id == attachment.id

    with session.transaction(ws) as conn:
        drafts_repo.save_draft(conn, mp216.id, draft.with_answer("1", rationale="Revised"), clock())
    assert search(ws, "zanzibar") == []
    assert [h.kind for h in search(ws, "revised")] == ["draft"]


def test_limit_and_empty_results(ws):
    assert len(search(ws, "SEC", limit=3)) == 3
    assert search(ws, "xylophonic") == []
    with pytest.raises(InputError, match="The search is empty"):
        search(ws, "  ")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from("ab \"*()-:^+NOTR{}.,\\'\x00&|!<>"), max_size=25))
@example(":N\\*")  # once a tsquery syntax error on a team database
@example("a&b* c|d* e:*")
def test_hostile_queries_never_raise_syntax_errors(ws, query):
    try:
        search(ws, query)
    except InputError as exc:
        assert "search" in str(exc)
