"""Forms, drafts, history and exports on both kinds of workspace: a folder and a team database.

The authority's Word form is built here, chosen (kept once by checksum in the workspace's
file store), answered, and exported; the filled .docx is read back from what was written.
"""

from __future__ import annotations

import email
import hashlib
import io
import zipfile
from datetime import datetime
from email import policy

import openpyxl
import pytest
from tests.documents.document_builders import serving
from tests.exports.response_forms import MP231, PROFILE, RFI, SEEN
from tests.forms import builders as b
from tests.forms.docx.docx_compare import cells_text, document
from tests.services.test_linked_form import DOCX, FORM_PATH, consultation

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import DraftStatus
from secresponder.errors import InputError, NotFoundError
from secresponder.services import documents, drafting, notes, profile
from secresponder.services.exporting import export_pack, export_response, plan_export
from secresponder.services.linked_form import use_linked_form
from secresponder.services.session import cached_files_dir, is_team_workspace
from secresponder.services.version_compare import ADDED, REMOVED, compare_versions
from secresponder.store.file_store import files_for
from secresponder.store.sql import catalogue, session, tables

NOW = datetime(2023, 4, 3, 9, 0, tzinfo=LONDON)
CLOCK = fixed_clock(NOW)
SAM = "Sam Patel <sam@bright.example>"


@pytest.fixture
def ws(any_workspace, tmp_path, monkeypatch):
    # A team database's local copies of stored files go under this test's folder.
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))
    with session.transaction(any_workspace) as conn:
        catalogue.insert_consultations(conn, (MP231, RFI), seen_at=SEEN)
    profile.update_profile(any_workspace, **{
        f: getattr(PROFILE, f) for f in ("organisation", "name", "email", "phone",
                                         "party_category")})
    return any_workspace


@pytest.fixture
def word_form(tmp_path):
    folder = tmp_path / "authority"
    folder.mkdir()
    return b.build_table_full(folder / "MP231 Consultation Response Form.docx")


def answer_all(ws) -> None:
    for n, text in (("1", "Yes"), ("2", "No"), ("3", "Neutral")):
        drafting.set_answer(ws, "MP231", n, response=text, rationale=f"Because {n}.",
                            clock=CLOCK, author=SAM)


def rows_of(docx_bytes: bytes) -> list[str]:
    return [" | ".join(row) for row in cells_text(document(docx_bytes))]


def test_a_word_form_is_kept_once_by_checksum_and_filled_from_the_stored_copy(ws, word_form):
    data = word_form.read_bytes()
    stored_name = f"{hashlib.sha256(data).hexdigest()}.docx"
    draft = drafting.choose_form(ws, "MP231", word_form, clock=CLOCK, author=SAM)
    assert draft.form.stored_name == stored_name
    assert draft.form.original_name == "MP231 Consultation Response Form.docx"
    assert [q.number for q in draft.questions()] == ["1", "2", "3"]
    # Chosen again (and for another consultation): still one stored file.
    drafting.choose_form(ws, "MP231", word_form, clock=CLOCK, author=SAM)
    drafting.choose_form(ws, RFI.key, word_form, clock=CLOCK, author=SAM)
    assert files_for(ws).names() == [stored_name]
    assert files_for(ws).get(stored_name) == data
    # The original may vanish: the form is filled from the workspace's copy.
    word_form.unlink()
    path = drafting.form_path(ws, draft.form)
    assert path.read_bytes() == data
    if is_team_workspace(ws):
        assert "team-servers" in path.parts  # a local copy of the database's file
    else:
        assert path == ws.files_dir / stored_name


def test_a_stored_form_gone_missing_is_named_in_one_sentence(ws, word_form, tmp_path):
    draft = drafting.choose_form(ws, "MP231", word_form, clock=CLOCK, author=SAM)
    name = draft.form.stored_name
    drafting.form_path(ws, draft.form)  # a team database's local copy is made here
    if is_team_workspace(ws):
        with session.transaction(ws) as conn:
            conn.execute(tables.stored_files.delete())
        (cached_files_dir(ws) / name).unlink()
    else:
        (ws.files_dir / name).unlink()
    with pytest.raises(InputError) as caught:
        export_response(ws, "MP231", tmp_path / "out", clock=CLOCK)
    message = str(caught.value)
    assert message.endswith(
        ": the stored copy of the form MP231 Consultation Response Form.docx is missing; "
        "choose the form again with --template.")
    assert len(message.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_answers_are_exported_into_the_word_form_with_email_and_reminder(ws, word_form,
                                                                          tmp_path):
    drafting.choose_form(ws, "MP231", word_form, clock=CLOCK, author=SAM)
    answer_all(ws)
    plan = plan_export(ws, "MP231", clock=CLOCK)
    assert plan.respondent.organisation == "Northern Power Ltd"
    result = export_response(ws, "MP231", tmp_path / "out", clock=CLOCK)
    form, eml, ics = result.files
    assert form.suffix == ".docx" and eml.suffix == ".eml" and ics.suffix == ".ics"
    rows = rows_of(form.read_bytes())
    for n, text in (("1", "Yes"), ("2", "No"), ("3", "Neutral")):
        assert any(text in row and f"Because {n}." in row for row in rows), rows
    assert any("Northern Power Ltd" in row for row in rows)
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    (attached,) = list(message.iter_attachments())
    assert attached.get_filename() == form.name
    assert attached.get_content() == form.read_bytes()
    assert b"BEGIN:VCALENDAR" in ics.read_bytes()


def test_a_consultation_with_no_form_chosen_exports_the_built_in_one(ws, tmp_path):
    drafting.set_answer(ws, RFI.key, "1", response="Yes", rationale="Built in.", clock=CLOCK)
    result = export_response(ws, RFI.key, tmp_path / "out", clock=CLOCK)
    assert any("built-in form" in w for w in result.warnings)
    form = result.files[0]
    assert any("Built in." in row for row in rows_of(form.read_bytes()))


def test_history_restore_and_comparing_versions(ws, word_form):
    drafting.choose_form(ws, "MP231", word_form, clock=CLOCK, author=SAM)
    drafting.set_answer(ws, "MP231", "2", response="No", rationale="first words",
                        clock=CLOCK, author=SAM)
    drafting.set_answer(ws, "MP231", "2", rationale="second words", clock=CLOCK, author=SAM)
    history = drafting.history(ws, "MP231")
    assert [(v.number, v.author) for v in history] == [(1, SAM), (2, SAM), (3, SAM)]
    assert history[-1].summary == "answer 2 rationale"

    changes = compare_versions(ws, "MP231", 2, 3)
    assert [c.name for c in changes] == ["Question 2: rationale"]
    assert (REMOVED, "first") in changes[0].pieces and (ADDED, "second") in changes[0].pieces
    assert compare_versions(ws, "mp 231", 0, 1) == []  # choosing the form changed no part
    with pytest.raises(NotFoundError, match="no version 9"):
        compare_versions(ws, "MP231", 1, 9)
    with pytest.raises(NotFoundError, match="No consultation MP999"):
        compare_versions(ws, "MP999", 1, 2)

    assert drafting.restore(ws, "MP231", 2, clock=CLOCK, author=SAM) == 4
    assert drafting.open_draft(ws, "MP231").answers["2"].rationale == "first words"
    assert drafting.history(ws, "MP231")[-1].summary == "restored version 2: answer 2 rationale"
    assert compare_versions(ws, "MP231", 2, 4) == []


def test_a_pack_of_two_consultations_with_their_notes(ws, word_form, tmp_path):
    drafting.choose_form(ws, "MP231", word_form, clock=CLOCK, author=SAM)
    answer_all(ws)
    drafting.set_status(ws, "MP231", DraftStatus.IN_REVIEW, clock=CLOCK, author=SAM)
    drafting.set_answer(ws, RFI.key, "1", response="No", rationale="RFI answer.", clock=CLOCK)
    mp231 = drafting.open_draft(ws, "MP231")
    assert mp231.status is DraftStatus.IN_REVIEW
    cid = catalogue_id(ws, MP231.key)
    notes.add_note(ws, cid, "Check with the metering team", clock=CLOCK)

    seen: list[tuple[int, int]] = []
    result = export_pack(ws, ["MP231", RFI.key], tmp_path / "pack.zip", clock=CLOCK,
                         with_notes=True, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    with zipfile.ZipFile(result.path) as zf:
        names = zf.namelist()
        (mp231_form,) = [n for n in names if n.startswith("MP231") and n.endswith(".docx")]
        rows = rows_of(zf.read(mp231_form))
        tracker = openpyxl.load_workbook(io.BytesIO(zf.read("tracker.xlsx")))
    assert any("Because 1." in row for row in rows)
    assert len([n for n in names if n.endswith(".eml")]) == 2
    values = [[c for c in row if c is not None]
              for row in tracker.active.iter_rows(values_only=True)]
    text = "\n".join(" ".join(str(c) for c in row) for row in values)
    assert "In review" in text and "Not started" not in text
    assert "Check with the metering team" in text


def catalogue_id(ws, key: str) -> int:
    with session.reading(ws) as conn:
        found = catalogue.consultation_id(conn, key)
    assert found is not None
    return found


def test_the_form_the_page_links_is_downloaded_attached_and_chosen(ws, word_form, tmp_path):
    with serving(tmp_path, {FORM_PATH: (DOCX, word_form.read_bytes())}) as base:
        with session.transaction(ws) as conn:
            catalogue.insert_consultations(conn, (consultation(base),), seen_at=SEEN)
        draft, chosen = use_linked_form(ws, "MP999", clock=CLOCK, author=SAM)
    assert chosen.file_name == "MP999-Consultation-Response-Form.docx"
    assert draft.form.original_name == chosen.file_name
    assert [q.number for q in draft.form.inspection.questions] == ["1", "2", "3"]
    (attached,) = documents.list_documents(ws, catalogue_id(ws, draft.consultation_key))
    assert attached.label == "MP999 Consultation Response Form"
    # The attachment and the chosen form are one stored file.
    assert files_for(ws).names() == [draft.form.stored_name]
    # Offline now: the attached file is used again, and the draft exports.
    _, again = use_linked_form(ws, "MP999", clock=CLOCK, author=SAM, timeout=5)
    assert again.form.stored_name == draft.form.stored_name
    drafting.set_answer(ws, "MP999", "1", response="Yes", rationale="Linked.", clock=CLOCK)
    form = export_response(ws, "MP999", tmp_path / "out", clock=CLOCK).files[0]
    assert any("Linked." in row for row in rows_of(form.read_bytes()))
