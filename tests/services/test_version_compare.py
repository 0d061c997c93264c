"""Comparing two versions of a draft word by word."""

from __future__ import annotations

from secresponder.domain.draft import Draft
from secresponder.services.version_compare import (
    ADDED,
    REMOVED,
    SAME,
    compare_drafts,
    word_changes,
)


def test_words_added_and_removed_are_found_in_place():
    pieces = word_changes("We support this change in full.", "We strongly support this change.")
    assert "".join(t for k, t in pieces if k != ADDED) == "We support this change in full."
    assert "".join(t for k, t in pieces if k != REMOVED) == "We strongly support this change."
    assert (ADDED, " strongly") in pieces
    assert (REMOVED, "change in full.") in pieces and (SAME, " support this ") in pieces


def test_only_changed_parts_are_listed():
    old = Draft("mp231").with_answer("1", "Yes", "Para one.\n\nPara two.")
    old = old.with_answer("2", "No", "Unchanged.")
    new = old.with_answer("1", "No", "Para one.\n\nPara two, revised.")
    changes = compare_drafts(old, new)
    assert [c.name for c in changes] == ["Question 1: position", "Question 1: rationale"]
    rationale = changes[1].pieces
    assert (REMOVED, "two.") in rationale and (ADDED, "two, revised.") in rationale
    assert compare_drafts(new, new) == []
