"""Comparing two saved versions of a draft word by word, for a reviewer reading the history.

A draft is laid out as named parts (each question's position and rationale, the
respondent details, owner, reviewer, status, notes); two versions are compared
part by part, and a changed part's text word by word, so a reviewer sees exactly
which words were added or taken out, and where.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from secresponder.domain.draft import Draft
from secresponder.errors import NotFoundError
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.sql import session
from secresponder.store.sql.session import AnyWorkspace

SAME, ADDED, REMOVED = "same", "added", "removed"
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class PartChange:
    """One part of the draft that differs: its name and the word-level pieces."""

    name: str
    pieces: tuple[tuple[str, str], ...]  # (SAME | ADDED | REMOVED, text)


def draft_parts(draft: Draft) -> dict[str, str]:
    """The draft's readable parts, in the order a reviewer reads them."""
    parts: dict[str, str] = {"Status": draft.status.value}
    numbers = [q.number for q in draft.questions()]
    numbers += [n for n in draft.answers if n not in numbers]
    for number in numbers:
        answer = draft.answers.get(number)
        parts[f"Question {number}: position"] = answer.response if answer else ""
        parts[f"Question {number}: rationale"] = answer.rationale if answer else ""
    for key, value in draft.respondent_overrides.items():
        parts[f"Respondent {key}"] = "yes" if value is True else str(value)
    parts["Owner"] = draft.owner
    parts["Reviewer"] = draft.reviewer
    parts["Notes"] = draft.notes
    return parts


def word_changes(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """``old`` turned into ``new`` as runs of kept, removed and added words."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append((SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append((REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append((ADDED, "".join(b[j1:j2])))
    return tuple(pieces)


def compare_drafts(old: Draft, new: Draft) -> list[PartChange]:
    """The parts that differ between two drafts, each compared word by word."""
    before, after = draft_parts(old), draft_parts(new)
    names = list(before) + [n for n in after if n not in before]
    return [
        PartChange(name, word_changes(before.get(name, ""), after.get(name, "")))
        for name in names
        if before.get(name, "") != after.get(name, "")
    ]


def compare_versions(ws: AnyWorkspace, ref: str, old: int, new: int) -> list[PartChange]:
    """What changed from version ``old`` to version ``new`` of ``ref``'s draft (0: nothing)."""
    with session.reading(ws) as conn:
        found = drafts_repo.find_consultation(conn, ref)
        if found is None:
            shown = ref.strip() or "''"
            raise NotFoundError(
                f"No consultation {shown} in the workspace; `secresponder list` shows them."
            )
        consultation_id, key = found
        later = drafts_repo.load_version(conn, consultation_id, new)
        earlier = (drafts_repo.load_version(conn, consultation_id, old) if old > 0
                   else Draft(key))
    return compare_drafts(earlier, later)
