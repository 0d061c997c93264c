"""Draft rules: status moves, overrides over the profile, snapshots, change summaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import (
    Draft,
    DraftStatus,
    FormChoice,
    describe_changes,
    effective_respondent,
    from_snapshot,
    readiness_warnings,
    to_snapshot,
)
from secresponder.domain.forms import (
    FormFormat,
    FormInspection,
    FormKind,
    Question,
    RespondentField,
)
from secresponder.domain.parties import PartyCategory, PartyProfile

FORM = FormChoice(
    inspection=FormInspection(
        format=FormFormat.DOCX,
        kind=FormKind.QUESTIONS,
        respondent_fields=(RespondentField("name", "Name"), RespondentField("email", "Email")),
        questions=(
            Question("1", "Do you agree?", ("Yes", "No")),
            Question("2", "Any comments?"),
            Question("3", "Implementation date?"),
        ),
    ),
    original_name="MP231 response template.docx",
    sha256="ab" * 32,
    stored_name="ab" * 32 + ".docx",
)
CLOSES = datetime(2023, 5, 12, 17, 0, tzinfo=LONDON)


def test_status_workflow_allows_the_usual_path_and_refuses_skips():
    d = Draft("k")
    d = d.with_status(DraftStatus.IN_REVIEW).with_status(DraftStatus.APPROVED)
    d = d.with_status(DraftStatus.SUBMITTED, sent_on=date(2023, 5, 10))
    assert d.status is DraftStatus.SUBMITTED and d.sent_on == date(2023, 5, 10)
    with pytest.raises(ValueError, match="cannot go from Drafting to Submitted"):
        Draft("k").with_status(DraftStatus.SUBMITTED, sent_on=date(2023, 5, 10))
    with pytest.raises(ValueError, match="date it was sent"):
        Draft("k", status=DraftStatus.APPROVED).with_status(DraftStatus.SUBMITTED)
    back = d.with_status(DraftStatus.APPROVED)
    assert back.sent_on is None


def test_status_parse_is_forgiving_but_names_the_choices():
    assert DraftStatus.parse("in-review") is DraftStatus.IN_REVIEW
    assert DraftStatus.parse("APPROVED") is DraftStatus.APPROVED
    with pytest.raises(ValueError, match="Drafting, In review, Approved, Submitted"):
        DraftStatus.parse("done")


def test_effective_respondent_is_profile_with_overrides():
    profile = PartyProfile(
        organisation="Northern Power Ltd", name="Asha Patel", email="asha@np.example",
        party_category=PartyCategory.ELECTRICITY_NETWORK,
    )
    draft = Draft("k").with_overrides(name="Ben Jones", confidential=True)
    r = effective_respondent(profile, draft.respondent_overrides)
    assert (r.name, r.organisation) == ("Ben Jones", "Northern Power Ltd")
    assert r.email == "asha@np.example"
    assert r.party_category == "Electricity Network Party" and r.confidential is True
    cleared = draft.with_overrides(name="")
    assert effective_respondent(profile, cleared.respondent_overrides).name == "Asha Patel"


def test_snapshot_round_trip_keeps_everything():
    d = (
        Draft("mp231-consultation", form=FORM, owner="Asha", reviewer="Ben", notes="call DCC")
        .with_answer("2", "Neutral", "Line one\nline two\n\nPara two")
        .with_answer("1", "Yes", "")
        .with_overrides(email="team@np.example")
        .with_status(DraftStatus.IN_REVIEW)
    )
    again = from_snapshot(to_snapshot(d))
    assert again == d
    assert list(to_snapshot(d)["answers"]) == ["1", "2"]


def test_change_summary_names_what_changed():
    old = Draft("k", form=FORM).with_answer("3", "Yes", "a")
    new = old.with_answer("3", rationale="b").with_status(DraftStatus.IN_REVIEW)
    assert describe_changes(old, new) == "answer 3 rationale; status Drafting -> In review"
    assert describe_changes(None, new) == "created"
    assert describe_changes(new, new) == ""
    assert describe_changes(Draft("k"), old) == (
        "form MP231 response template.docx; answer 3 position and rationale"
    )


def test_readiness_lists_unanswered_questions_missing_details_and_passed_deadline():
    profile = PartyProfile(organisation="Northern Power Ltd", name="Asha Patel")
    d = Draft("k", form=FORM).with_answer("2", rationale="Some text")
    r = effective_respondent(profile, d.respondent_overrides)
    before = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
    after = datetime(2023, 5, 12, 17, 0, tzinfo=LONDON)
    assert readiness_warnings(d, r, CLOSES, before) == [
        "Questions 1, 3 not answered.",
        "Respondent details missing: email.",
    ]
    done = d.with_answer("1", "Yes").with_answer("3", "No").with_overrides(email="a@b.example")
    r2 = effective_respondent(profile, done.respondent_overrides)
    assert readiness_warnings(done, r2, CLOSES, before) == []
    assert readiness_warnings(done, r2, CLOSES, after) == [
        "The deadline has passed: it was 5pm, Friday 12 May 2023."
    ]


def test_approving_needs_answers_or_accepted_gaps_and_is_recorded():
    from secresponder.domain.draft import lock_problem, record_review

    d = Draft("k", form=FORM).with_answer("1", "Yes").with_status(DraftStatus.IN_REVIEW)
    with pytest.raises(ValueError, match="questions 2, 3 are not answered"):
        d.with_status(DraftStatus.APPROVED)
    approved = d.with_status(DraftStatus.APPROVED, with_gaps=True)
    assert approved.approved_gaps == ("2", "3")
    at = datetime(2023, 5, 2, 10, 0, tzinfo=LONDON)
    stamped = record_review(d, approved, "Ann Lee", at)
    assert (stamped.approved_by, stamped.approved_at) == ("Ann Lee", at)
    assert from_snapshot(to_snapshot(stamped)) == stamped
    assert "approved with gaps (questions 2, 3)" in describe_changes(d, stamped)
    # Locked: the response may not change, notes and people may.
    assert lock_problem(stamped, stamped.with_answer("2", rationale="x")) == (
        "the draft is Approved by Ann Lee, so its response cannot be changed; reopen it first.")
    assert lock_problem(stamped, replace(stamped, notes="n", owner="o")) is None
    sent = stamped.with_status(DraftStatus.SUBMITTED, sent_on=date(2023, 5, 3))
    assert record_review(stamped, sent, "Someone", at).approved_by == "Ann Lee"
    reopened = sent.reopened()
    assert reopened.status is DraftStatus.DRAFTING and not reopened.approved_by
    assert describe_changes(sent, reopened) == "reopened (Submitted -> Drafting)"
    with pytest.raises(ValueError, match="only an Approved or Submitted draft"):
        reopened.reopened()
