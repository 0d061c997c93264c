"""Saves that merge, conflicts kept, review rules and authors, through the drafting service."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tests.exports.response_forms import MP231, add_consultations, questions_workbook
from tests.services.test_drafting import Ticks

from secresponder.domain.draft import DraftStatus
from secresponder.errors import InputError
from secresponder.services import drafting
from secresponder.services.drafting import DraftConflictError, DraftLockedError
from secresponder.store.workspace import Workspace

SAM = "Sam Patel <sam@bright.example>"
ASHA = "Asha Khan <asha@bright.example>"


@pytest.fixture
def ws(workspace_root, tmp_path):
    with Workspace.open(workspace_root) as workspace:
        add_consultations(workspace, MP231)
        form = questions_workbook(tmp_path / "MP231 Response Template.xlsx")
        drafting.choose_form(workspace, "MP231", form, clock=Ticks(), author=ASHA)
        yield workspace


def test_two_people_answering_different_questions_both_keep_their_answers(ws):
    clock = Ticks()
    asha = drafting.open_draft(ws, "MP231")
    sam = drafting.open_draft(ws, "MP231")
    assert asha.version == sam.version == 1
    first = drafting.save(ws, asha.with_answer("1", "Yes", "Asha's reasons."), author=ASHA,
                          clock=clock)
    assert first.saved and not first.merged and first.version == 2
    second = drafting.save(ws, replace(sam.with_answer("2", rationale="Sam's view."),
                                       reviewer="Ben"), author=SAM, clock=clock)
    assert second.saved and second.merged and not second.conflicts and not second.message
    stored = drafting.open_draft(ws, "MP231")
    assert stored == second.draft and stored.version == 3
    assert stored.answers["1"].rationale == "Asha's reasons."
    assert stored.answers["2"].rationale == "Sam's view."
    assert stored.reviewer == "Ben"
    history = drafting.history(ws, "MP231")
    assert [(h.number, h.author, h.conflict) for h in history] == [
        (1, ASHA, False), (2, ASHA, False), (3, SAM, False)]
    assert history[-1].summary == "answer 2 rationale; reviewer Ben (merged with version 2)"


def test_a_clash_on_one_answer_is_refused_in_one_sentence_and_the_text_kept(ws):
    clock = Ticks()
    asha = drafting.open_draft(ws, "MP231")
    sam = drafting.open_draft(ws, "MP231")
    drafting.save(ws, asha.with_answer("3", rationale="From 1 April."), author=ASHA,
                  clock=clock)
    result = drafting.save(
        ws, sam.with_answer("3", rationale="Not before November.").with_answer("1", "No"),
        author=SAM, clock=clock,
    )
    assert [c.question for c in result.conflicts] == ["3"]
    assert result.message == (
        "Question 3 was changed by Asha Khan at 09:01 since you opened the draft; your text "
        f"was kept as version {result.conflict_version} (a conflict) and can be restored."
    )
    # The part that did not clash is saved; the clashing answer keeps Asha's text.
    current = drafting.open_draft(ws, "MP231")
    assert current.version == 3 and result.conflict_version == 4
    assert current.answers["3"].rationale == "From 1 April."
    assert current.answers["1"].response == "No"
    entries = {h.number: h for h in drafting.history(ws, "MP231")}
    assert entries[4].conflict and entries[4].author == SAM
    assert entries[4].summary == "conflict, not current: question 3"
    # Restoring the conflict version puts Sam's words back, as a new version.
    restored = drafting.restore(ws, "MP231", 4, clock=clock, author=SAM)
    assert restored == 5
    again = drafting.open_draft(ws, "MP231")
    assert again.answers["3"].rationale == "Not before November."
    assert again.answers["1"].response == "No"
    # The next save after a conflict version is numbered after it.
    assert drafting.set_answer(ws, "MP231", "2", rationale="x", clock=clock) == 6


def test_save_draft_raises_the_sentence_for_the_window_and_scripts(ws):
    clock = Ticks()
    stale = drafting.open_draft(ws, "MP231")
    drafting.set_answer(ws, "MP231", "1", rationale="First.", clock=clock, author=ASHA)
    with pytest.raises(DraftConflictError) as caught:
        drafting.save_draft(ws, stale.with_answer("1", rationale="Second."), clock=clock,
                            author=SAM)
    assert str(caught.value).startswith("Question 1 was changed by Asha Khan at 09:01")
    assert caught.value.result.conflicts[0].yours_text == "Second."


def test_a_save_of_a_draft_never_saved_merges_with_one_saved_meanwhile(ws, workspace_root):
    clock = Ticks()
    # Both started before any draft existed (version 0): their answers still both land.
    fresh = replace(drafting.open_draft(ws, "MP231"), version=0)
    drafting.set_answer(ws, "MP231", "1", rationale="One.", clock=clock)
    result = drafting.save(ws, fresh.with_answer("2", rationale="Two."), clock=clock)
    assert not result.conflicts
    answers = drafting.open_draft(ws, "MP231").answers
    assert answers["1"].rationale == "One." and answers["2"].rationale == "Two."


def test_approval_needs_every_answer_or_accepted_gaps_and_records_who(ws):
    clock = Ticks()
    drafting.set_answer(ws, "MP231", "1", response="Yes", clock=clock)
    drafting.set_status(ws, "MP231", DraftStatus.IN_REVIEW, clock=clock, author=ASHA)
    with pytest.raises(InputError, match=r"questions 2, 3 are not answered; approve with gaps"):
        drafting.set_status(ws, "MP231", DraftStatus.APPROVED, clock=clock, author=SAM)
    assert drafting.open_draft(ws, "MP231").status is DraftStatus.IN_REVIEW
    result = drafting.set_status(ws, "MP231", DraftStatus.APPROVED, with_gaps=True,
                                 clock=clock, author=SAM)
    approved = result.draft
    assert approved.status is DraftStatus.APPROVED
    assert approved.approved_by == SAM and approved.approved_at == clock.now
    assert approved.approved_gaps == ("2", "3")
    last = drafting.history(ws, "MP231")[-1]
    assert last.author == SAM
    assert last.summary == "status In review -> Approved; approved with gaps (questions 2, 3)"


def test_an_approved_draft_refuses_changes_until_reopened(ws):
    clock = Ticks()
    for n in ("1", "2", "3"):
        drafting.set_answer(ws, "MP231", n, rationale=f"Answer {n}.", clock=clock)
    drafting.set_status(ws, "MP231", DraftStatus.IN_REVIEW, clock=clock)
    drafting.set_status(ws, "MP231", DraftStatus.APPROVED, clock=clock, author=SAM)
    before = drafting.history(ws, "MP231")
    with pytest.raises(DraftLockedError) as caught:
        drafting.set_answer(ws, "MP231", "2", rationale="Late edit.", clock=clock, author=ASHA)
    assert str(caught.value) == (
        f"The draft is Approved by {SAM}, so its response cannot be changed; reopen it first."
    )
    assert drafting.history(ws, "MP231") == before
    # Notes, owner and reviewer stay open; submitting records the date sent and stays locked.
    draft = drafting.open_draft(ws, "MP231")
    drafting.save(ws, replace(draft, notes="Sent to Ops.", owner="Asha"), clock=clock)
    submitted = drafting.set_status(ws, "MP231", DraftStatus.SUBMITTED,
                                    sent_on=date(2023, 5, 10), clock=clock, author=SAM).draft
    assert submitted.sent_on == date(2023, 5, 10) and submitted.approved_by == SAM
    with pytest.raises(DraftLockedError, match="The draft is Submitted"):
        drafting.set_answer(ws, "MP231", "2", rationale="Late edit.", clock=clock)
    reopened = drafting.reopen(ws, "MP231", clock=clock, author=ASHA)
    assert reopened.draft.status is DraftStatus.DRAFTING
    assert reopened.draft.approved_by == "" and reopened.draft.sent_on is None
    last = drafting.history(ws, "MP231")[-1]
    assert (last.author, last.summary) == (ASHA, "reopened (Submitted -> Drafting)")
    drafting.set_answer(ws, "MP231", "2", rationale="Late edit.", clock=clock)
    with pytest.raises(InputError, match="Only an Approved or Submitted draft can be reopened"):
        drafting.reopen(ws, "MP231", clock=clock)


def test_an_edit_started_before_approval_is_refused_and_kept(ws):
    clock = Ticks()
    for n in ("1", "2", "3"):
        drafting.set_answer(ws, "MP231", n, rationale=f"Answer {n}.", clock=clock)
    drafting.set_status(ws, "MP231", DraftStatus.IN_REVIEW, clock=clock)
    editing = drafting.open_draft(ws, "MP231")
    drafting.set_status(ws, "MP231", DraftStatus.APPROVED, clock=clock, author=SAM)
    with pytest.raises(DraftLockedError) as caught:
        drafting.save(ws, editing.with_answer("2", rationale="Typed meanwhile."), clock=clock,
                      author=ASHA)
    kept = [h for h in drafting.history(ws, "MP231") if h.conflict]
    assert len(kept) == 1
    assert str(caught.value).endswith(
        f"Your text was kept as version {kept[0].number} (a conflict) and can be restored "
        "once it is reopened."
    )
    assert drafting.open_draft(ws, "MP231").answers["2"].rationale == "Answer 2."
    drafting.reopen(ws, "MP231", clock=clock)
    drafting.restore(ws, "MP231", kept[0].number, clock=clock)
    restored = drafting.open_draft(ws, "MP231")
    assert restored.answers["2"].rationale == "Typed meanwhile."
    assert restored.status is DraftStatus.IN_REVIEW and not restored.approved_by


def test_an_answers_file_is_laid_on_the_draft_by_the_service(ws):
    from secresponder.domain.forms import Answers

    answers = Answers.from_json({
        "respondent": {"email": "reg@np.example", "confidential": True},
        "answers": {"2": {"response": "No", "rationale": "Costs."},
                    "9": {"rationale": "From another form."}},
    })
    draft, warnings = drafting.apply_answers(ws, drafting.open_draft(ws, "MP231"), answers)
    assert warnings == ["The form has no question 9; its answer is kept in the draft but will "
                        "not appear in the form."]
    assert draft.answers["2"].response == "No" and draft.answers["9"].rationale
    assert draft.respondent_overrides == {"email": "reg@np.example", "confidential": True}
