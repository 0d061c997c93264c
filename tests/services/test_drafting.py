"""Drafting service: open, answer, save, history, restore, choose a form, respondent details."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from tests.exports.response_forms import (
    MP231,
    RFI,
    add_consultations,
    questions_workbook,
    set_profile,
)

from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import DraftStatus
from secresponder.domain.forms import FormFormat
from secresponder.errors import InputError, NotFoundError
from secresponder.services import drafting
from secresponder.store.file_store import files_for
from secresponder.store.sql import session, tables


class Ticks:
    """A clock that moves on a minute each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def ws(any_workspace, tmp_path, monkeypatch):
    """A folder or a team database with MP231, an RFI and the Party profile."""
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))  # local copies of files
    add_consultations(any_workspace, MP231, RFI)
    set_profile(any_workspace)
    return any_workspace


@pytest.fixture
def form(tmp_path):
    return questions_workbook(tmp_path / "MP231 Response Template.xlsx")


def test_new_draft_is_empty_and_unsaved(ws):
    draft = drafting.open_draft(ws, "mp231")
    assert draft.consultation_key == MP231.key and draft.version == 0
    assert draft.status is DraftStatus.DRAFTING
    assert drafting.history(ws, "MP231") == []


def test_unknown_consultation_is_one_sentence(ws):
    with pytest.raises(NotFoundError, match="No consultation MP999"):
        drafting.open_draft(ws, "MP999")


def test_choose_form_copies_the_file_by_checksum_and_records_questions(ws, form):
    draft = drafting.choose_form(ws, "MP231", form, clock=Ticks())
    digest = hashlib.sha256(form.read_bytes()).hexdigest()
    assert draft.form.sha256 == digest
    assert draft.form.original_name == "MP231 Response Template.xlsx"
    assert files_for(ws).names() == [f"{digest}.xlsx"]
    assert files_for(ws).get(f"{digest}.xlsx") == form.read_bytes()
    assert drafting.form_path(ws, draft.form).read_bytes() == form.read_bytes()
    assert [q.number for q in draft.questions()] == ["1", "2", "3"]
    assert draft.form.inspection.format is FormFormat.XLSX
    # The original may change or vanish; the draft keeps its copy.
    form.unlink()
    assert drafting.open_draft(ws, "MP231").form == draft.form


def test_a_bad_form_is_refused_and_nothing_is_saved(ws, tmp_path):
    bad = tmp_path / "template.docx"
    bad.write_bytes(b"not a word file at all")
    with pytest.raises(InputError, match=r"template\.docx"):
        drafting.choose_form(ws, "MP231", bad)
    assert drafting.history(ws, "MP231") == []
    assert files_for(ws).names() == []
    with pytest.raises(InputError, match="not a built-in form"):
        drafting.choose_form(ws, "MP231", "no-such-form")


def test_answers_save_versions_and_history_says_what_changed(ws, form):
    clock = Ticks()
    drafting.choose_form(ws, "MP231", form, clock=clock)
    version = drafting.set_answer(ws, "MP231", "1", response="Yes", rationale="Agree.", clock=clock)
    assert version == 2
    assert drafting.set_answer(ws, "MP231", "1", rationale="Agree.\n\nMore.", clock=clock) == 3
    assert drafting.set_answer(ws, "MP231", "1", rationale="Agree.\n\nMore.", clock=clock) == 3
    draft = drafting.open_draft(ws, "MP231").with_status(DraftStatus.IN_REVIEW)
    assert drafting.save_draft(ws, draft, clock=clock) == 4
    entries = drafting.history(ws, "MP231")
    assert [(e.number, e.summary) for e in entries] == [
        (1, "created"),
        (2, "answer 1 position and rationale"),
        (3, "answer 1 rationale"),
        (4, "status Drafting -> In review"),
    ]
    assert entries[0].saved_at < entries[-1].saved_at
    with pytest.raises(InputError, match="no question 9"):
        drafting.set_answer(ws, "MP231", "9", rationale="x", clock=clock)


def test_restore_brings_back_an_old_version_as_a_new_one(ws, form):
    clock = Ticks()
    drafting.choose_form(ws, "MP231", form, clock=clock)
    drafting.set_answer(ws, "MP231", "2", response="No", rationale="first words", clock=clock)
    drafting.set_answer(ws, "MP231", "2", rationale="second words", clock=clock)
    assert drafting.restore(ws, "MP231", 2, clock=clock) == 4
    assert drafting.open_draft(ws, "MP231").answers["2"].rationale == "first words"
    last = drafting.history(ws, "MP231")[-1]
    assert last.summary == "restored version 2: answer 2 rationale"
    assert drafting.restore(ws, "MP231", 4, clock=clock) == 4  # already current: no new version
    with pytest.raises(NotFoundError, match="no version 12"):
        drafting.restore(ws, "MP231", 12, clock=clock)


def test_builtin_alias_and_key_pick_bundled_forms(ws):
    draft = drafting.choose_form(ws, "MP231", "builtin", clock=Ticks())
    assert draft.form.builtin_key == "modification-report-consultation"
    assert drafting.form_path(ws, draft.form).is_file()
    key = drafting.choose_form(ws, RFI.key, "general-consultation", clock=Ticks())
    assert key.form.builtin_key == "general-consultation"
    assert key.questions()


def test_effective_respondent_merges_profile_and_overrides(ws):
    draft = drafting.open_draft(ws, "MP231").with_overrides(email="responses@np.example")
    respondent = drafting.effective_respondent(ws, draft)
    assert respondent.organisation == "Northern Power Ltd"
    assert respondent.email == "responses@np.example"
    assert respondent.party_category == "Electricity Network Party"


def test_consultation_without_reference_is_addressed_by_key(ws):
    draft = drafting.open_draft(ws, RFI.key).with_answer("1", "Yes", "ok")
    drafting.save_draft(ws, draft, clock=Ticks())
    with session.reading(ws) as conn:
        (snapshot,) = conn.execute(select(tables.drafts.c.snapshot)).scalars()
    assert snapshot["consultation"] == RFI.key
