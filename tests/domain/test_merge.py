"""Three-way merge of drafts: different parts merge, the same part changed twice clashes."""

from __future__ import annotations

from dataclasses import replace

from tests.domain.test_draft import FORM

from secresponder.domain.draft import Draft, DraftStatus
from secresponder.domain.forms import Answer, Comment
from secresponder.domain.merge import answer_text, three_way_merge

BASE = (
    Draft("mp231", form=FORM, notes="Ask Ops about firmware.")
    .with_answer("1", "Yes", "We agree.")
    .with_overrides(email="reg@np.example")
)


def test_changes_to_different_parts_all_merge():
    ours = replace(BASE.with_answer("2", rationale="Ours on two.").with_answer("1", "No"),
                   owner="Asha")
    theirs = replace(
        BASE.with_answer("3", rationale="Theirs on three.").with_overrides(phone="0161"),
        reviewer="Ben",
    ).with_status(DraftStatus.IN_REVIEW)
    outcome = three_way_merge(BASE, ours, theirs)
    assert outcome.clean
    merged = outcome.draft
    assert merged.answers == {
        "1": Answer("No", "We agree."),
        "2": Answer("", "Ours on two."),
        "3": Answer("", "Theirs on three."),
    }
    assert merged.respondent_overrides == {"email": "reg@np.example", "phone": "0161"}
    assert (merged.owner, merged.reviewer) == ("Asha", "Ben")
    assert merged.status is DraftStatus.IN_REVIEW
    assert outcome.yours_kept == merged


def test_same_answer_changed_differently_is_a_conflict_and_theirs_stays():
    ours = BASE.with_answer("1", rationale="We agree, with conditions.").with_answer(
        "2", rationale="Ours on two.")
    theirs = BASE.with_answer("1", rationale="We disagree.")
    outcome = three_way_merge(BASE, ours, theirs)
    [conflict] = outcome.conflicts
    assert conflict.key == "answer:1" and conflict.question == "1"
    assert conflict.label == "Question 1"
    assert conflict.yours_text == "Position: Yes\n\nWe agree, with conditions."
    assert conflict.theirs_text == "Position: Yes\n\nWe disagree."
    assert conflict.base_text == "Position: Yes\n\nWe agree."
    # The rest of the save still merges; the clash keeps the stored text...
    assert outcome.draft.answers["1"].rationale == "We disagree."
    assert outcome.draft.answers["2"].rationale == "Ours on two."
    # ...and "yours kept" is the merge with your text where it clashed.
    assert outcome.yours_kept.answers["1"].rationale == "We agree, with conditions."
    assert outcome.yours_kept.answers["2"].rationale == "Ours on two."


def test_same_change_on_both_sides_is_no_conflict():
    both = BASE.with_answer("1", rationale="Same words.")
    outcome = three_way_merge(BASE, both, both)
    assert outcome.clean and outcome.draft == both


def test_deleting_an_answer_someone_else_edited_is_a_conflict():
    ours = BASE.with_answer("1", "", "")
    theirs = BASE.with_answer("1", rationale="Edited.")
    [conflict] = three_way_merge(BASE, ours, theirs).conflicts
    assert conflict.yours_text == "(no answer)"
    assert answer_text(None) == "(no answer)"


def test_notes_both_added_to_are_joined_but_rewrites_clash():
    ours = replace(BASE, notes=BASE.notes + "\n\nOurs.")
    theirs = replace(BASE, notes=BASE.notes + "\n\nTheirs.")
    outcome = three_way_merge(BASE, ours, theirs)
    assert outcome.clean
    assert outcome.draft.notes == "Ask Ops about firmware.\n\nTheirs.\n\nOurs."
    # Added to empty notes on both sides: two paragraphs, never run together.
    empty = replace(BASE, notes="")
    both = three_way_merge(empty, replace(empty, notes="Ours."), replace(empty, notes="Theirs."))
    assert both.clean
    assert both.draft.notes == "Theirs.\n\nOurs."
    clash = three_way_merge(BASE, replace(BASE, notes="Rewritten."),
                            replace(BASE, notes="Also rewritten."))
    assert [c.key for c in clash.conflicts] == ["notes"]


def test_comments_appended_on_both_sides_are_kept_in_order():
    first = Comment("Section H", "H1", "Base comment", "", False)
    base = replace(BASE, comments=(first,))
    ours = replace(base, comments=(first, Comment("Section A", "A1", "Ours", "", False)))
    theirs = replace(base, comments=(first, Comment("Section B", "B1", "Theirs", "", False)))
    outcome = three_way_merge(base, ours, theirs)
    assert outcome.clean
    assert [c.comment for c in outcome.draft.comments] == ["Base comment", "Theirs", "Ours"]


def test_status_moved_differently_on_both_sides_clashes():
    in_review = BASE.with_status(DraftStatus.IN_REVIEW)
    ours = in_review.with_status(DraftStatus.DRAFTING)
    theirs = in_review.with_status(DraftStatus.APPROVED, with_gaps=True)
    outcome = three_way_merge(in_review, ours, theirs)
    assert [c.key for c in outcome.conflicts] == ["status"]
    assert outcome.draft.status is DraftStatus.APPROVED
