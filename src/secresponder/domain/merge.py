"""Three-way merge of a draft: what someone saved since you opened it, and what you changed.

``base`` is the version a save started from, ``ours`` the draft being saved and
``theirs`` the version stored now. Each part of a draft is merged on its own:
one answer (per question), one respondent detail, the status with its review
record, the owner, the reviewer, the notes, the comments log and the form. A
part changed on one side only takes that side's value; a part both sides
changed the same way is simply kept; a part both changed differently is a
conflict, for which the stored value stays and yours is reported (and kept
elsewhere, so nothing typed is lost). Notes both sides only added to are
joined rather than refused, as are comments both sides only appended.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from secresponder.domain.draft import Draft, _number_order
from secresponder.domain.forms import RESPONDENT_KEYS, Answer


@dataclass(frozen=True)
class Conflict:
    """One part of the draft both sides changed differently.

    ``key`` names the part ("answer:3", "notes", "status", "respondent:email"...);
    ``label`` names it for a sentence ("Question 3", "The notes"); the texts are
    each side's value as a person would read it.
    """

    key: str
    label: str
    base_text: str
    yours_text: str
    theirs_text: str

    @property
    def question(self) -> str | None:
        """The question number when the conflict is about an answer."""
        return self.key.split(":", 1)[1] if self.key.startswith("answer:") else None


@dataclass(frozen=True)
class MergeOutcome:
    """The merged draft (stored values kept where both sides clashed), the clashes, and the
    draft as it would be had yours won every clash (what a conflict version keeps)."""

    draft: Draft
    conflicts: tuple[Conflict, ...]
    yours_kept: Draft

    @property
    def clean(self) -> bool:
        return not self.conflicts


def answer_text(answer: Answer | None) -> str:
    """An answer as one block of text: its position on the first line, then the rationale."""
    if answer is None or answer.is_empty:
        return "(no answer)"
    head = f"Position: {answer.response}" if answer.response else ""
    return "\n\n".join(x for x in (head, answer.rationale) if x)


def _pick(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value of one part and whether both sides changed it differently."""
    if ours in (base, theirs):
        return theirs, False
    if theirs == base:
        return ours, False
    return theirs, True


def three_way_merge(base: Draft, ours: Draft, theirs: Draft) -> MergeOutcome:
    """Merge ``ours`` (started from ``base``) into ``theirs`` (stored since); see module doc."""
    conflicts: list[Conflict] = []
    merged_fields: dict[str, Any] = {}
    yours_fields: dict[str, Any] = {}

    def clash(key: str, label: str, b: Any, o: Any, t: Any, show: Callable[[Any], str]) -> None:
        conflicts.append(Conflict(key, label, show(b), show(o), show(t)))

    # Answers, one question at a time.
    merged_answers = dict(theirs.answers)
    yours_answers = dict(theirs.answers)
    numbers = sorted(set(base.answers) | set(ours.answers) | set(theirs.answers),
                     key=_number_order)
    for number in numbers:
        b, o, t = (d.answers.get(number, Answer()) for d in (base, ours, theirs))
        value, clashed = _pick(b, o, t)
        if clashed:
            clash(f"answer:{number}", f"Question {number}", b, o, t, answer_text)
        for target, chosen in ((merged_answers, value), (yours_answers, o if clashed else value)):
            if chosen.is_empty:
                target.pop(number, None)
            else:
                target[number] = chosen
    merged_fields["answers"] = merged_answers
    yours_fields["answers"] = yours_answers

    # Respondent details, one at a time.
    merged_overrides = dict(theirs.respondent_overrides)
    yours_overrides = dict(theirs.respondent_overrides)
    for key in RESPONDENT_KEYS:
        b, o, t = (d.respondent_overrides.get(key) for d in (base, ours, theirs))
        value, clashed = _pick(b, o, t)
        if clashed:
            label = f"The respondent's {key.replace('_', ' ')}"
            clash(f"respondent:{key}", label, b, o, t, _plain)
        for target, chosen in ((merged_overrides, value),
                               (yours_overrides, o if clashed else value)):
            if chosen is None:
                target.pop(key, None)
            else:
                target[key] = chosen
    merged_fields["respondent_overrides"] = {
        k: merged_overrides[k] for k in RESPONDENT_KEYS if k in merged_overrides
    }
    yours_fields["respondent_overrides"] = {
        k: yours_overrides[k] for k in RESPONDENT_KEYS if k in yours_overrides
    }

    # The status travels with its review record: one part.
    b, o, t = (_review(d) for d in (base, ours, theirs))
    value, clashed = _pick(b, o, t)
    if clashed:
        clash("status", "The status", b, o, t, lambda r: r[0].value)
    for target, chosen in ((merged_fields, value), (yours_fields, o if clashed else value)):
        target.update(zip(_REVIEW_FIELDS, chosen, strict=True))

    for name, label, show in (
        ("owner", "The owner", _plain),
        ("reviewer", "The reviewer", _plain),
        ("form", "The response form", lambda f: f.label if f else "(none)"),
    ):
        b, o, t = (getattr(d, name) for d in (base, ours, theirs))
        value, clashed = _pick(b, o, t)
        if clashed:
            clash(name, label, b, o, t, show)
        merged_fields[name] = value
        yours_fields[name] = o if clashed else value

    value, clashed = _pick(base.notes, ours.notes, theirs.notes)
    if clashed and ours.notes.startswith(base.notes) and theirs.notes.startswith(base.notes):
        value, clashed = _joined(theirs.notes, ours.notes[len(base.notes):]), False
    if clashed:
        clash("notes", "The notes", base.notes, ours.notes, theirs.notes, _plain)
    merged_fields["notes"] = value
    yours_fields["notes"] = ours.notes if clashed else value

    value, clashed = _pick(base.comments, ours.comments, theirs.comments)
    n = len(base.comments)
    if clashed and ours.comments[:n] == base.comments and theirs.comments[:n] == base.comments:
        added = tuple(c for c in ours.comments[n:] if c not in theirs.comments)
        value, clashed = theirs.comments + added, False
    if clashed:
        clash("comments", "The comments log", base.comments, ours.comments, theirs.comments,
              lambda cs: f"{len(cs)} comments")
    merged_fields["comments"] = value
    yours_fields["comments"] = ours.comments if clashed else value

    merged = replace(theirs, **merged_fields)
    yours = replace(theirs, **yours_fields)
    return MergeOutcome(merged, tuple(conflicts), yours)


_REVIEW_FIELDS = ("status", "sent_on", "approved_by", "approved_at", "approved_gaps")


def _review(draft: Draft) -> tuple[Any, ...]:
    return tuple(getattr(draft, name) for name in _REVIEW_FIELDS)


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    return str(value)


def part_value(draft: Draft, key: str) -> Any:
    """The value of one mergeable part named by a conflict ``key`` (for "who changed it")."""
    kind, _, name = key.partition(":")
    if kind == "answer":
        return draft.answers.get(name, Answer())
    if kind == "respondent":
        return draft.respondent_overrides.get(name)
    if kind == "status":
        return _review(draft)
    return getattr(draft, kind)


def take_parts(target: Draft, source: Draft, keys: set[str] | frozenset[str]) -> Draft:
    """``target`` with the parts named by conflict ``keys`` taken from ``source``."""
    answers = dict(target.answers)
    overrides = dict(target.respondent_overrides)
    fields: dict[str, Any] = {}
    for key in keys:
        kind, _, name = key.partition(":")
        if kind == "answer":
            chosen = source.answers.get(name, Answer())
            if chosen.is_empty:
                answers.pop(name, None)
            else:
                answers[name] = chosen
        elif kind == "respondent":
            if name in source.respondent_overrides:
                overrides[name] = source.respondent_overrides[name]
            else:
                overrides.pop(name, None)
        elif kind == "status":
            fields.update(zip(_REVIEW_FIELDS, _review(source), strict=True))
        else:
            fields[kind] = getattr(source, kind)
    ordered = {k: overrides[k] for k in RESPONDENT_KEYS if k in overrides}
    return replace(target, answers=answers, respondent_overrides=ordered, **fields)


def _joined(notes: str, added: str) -> str:
    """``notes`` with ``added`` after it as a paragraph of its own.

    Two people adding to empty notes each wrote a first paragraph with no blank line
    before it; joined as they are, the two would run together.
    """
    if notes and added and not notes.endswith("\n") and not added.startswith("\n"):
        return f"{notes}\n\n{added}"
    return notes + added
