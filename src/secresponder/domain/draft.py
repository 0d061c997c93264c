"""A draft response to one consultation: the chosen form, answers, status and review trail.

Plain dataclasses and rules only (no I/O): the status workflow and its allowed
moves, the JSON snapshot kept for every saved version, a one-line summary of
what changed between two versions, the respondent details in effect (Party
profile merged with per-draft overrides) and what is still missing before the
response can be sent.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from secresponder.domain.deadline import format_deadline
from secresponder.domain.forms import (
    RESPONDENT_KEYS,
    Answer,
    Answers,
    Comment,
    FormFormat,
    FormInspection,
    FormKind,
    Question,
    Respondent,
    RespondentField,
)
from secresponder.domain.labels import choices, find_member
from secresponder.domain.parties import PartyProfile

SNAPSHOT_FORMAT = 1


class DraftStatus(enum.Enum):
    """Where a draft is in its sign-off: Drafting -> In review -> Approved -> Submitted."""

    DRAFTING = "Drafting"
    IN_REVIEW = "In review"
    APPROVED = "Approved"
    SUBMITTED = "Submitted"

    @classmethod
    def parse(cls, text: str) -> DraftStatus:
        """Accept the label or the name in any case: "in review", "IN_REVIEW", "in-review"."""
        member = find_member(cls, text)
        if member is None:
            raise ValueError(f"'{text}' is not a draft status (choose one of: {choices(cls)}).")
        return member

    def can_move_to(self, other: DraftStatus) -> bool:
        return other is self or other in ALLOWED_MOVES[self]

    @property
    def is_locked(self) -> bool:
        """Approved and Submitted drafts refuse changes to the response until reopened."""
        return self in LOCKED_STATUSES


# A reviewer can send a draft back; a submission recorded by mistake can be undone to Approved.
ALLOWED_MOVES: dict[DraftStatus, frozenset[DraftStatus]] = {
    DraftStatus.DRAFTING: frozenset({DraftStatus.IN_REVIEW}),
    DraftStatus.IN_REVIEW: frozenset({DraftStatus.DRAFTING, DraftStatus.APPROVED}),
    DraftStatus.APPROVED: frozenset(
        {DraftStatus.DRAFTING, DraftStatus.IN_REVIEW, DraftStatus.SUBMITTED}
    ),
    DraftStatus.SUBMITTED: frozenset({DraftStatus.APPROVED}),
}
LOCKED_STATUSES = frozenset({DraftStatus.APPROVED, DraftStatus.SUBMITTED})


@dataclass(frozen=True)
class FormChoice:
    """The response form a draft fills: a built-in form, or the authority's file kept by checksum.

    ``stored_name`` is the copy's file name inside the workspace files folder;
    ``inspection`` is what the form asked for when it was chosen.
    """

    inspection: FormInspection
    builtin_key: str | None = None
    original_name: str | None = None
    sha256: str | None = None
    stored_name: str | None = None

    @property
    def is_builtin(self) -> bool:
        return self.builtin_key is not None

    @property
    def label(self) -> str:
        return self.original_name or f"built-in form {self.builtin_key}"


@dataclass(frozen=True)
class Draft:
    """One consultation's response as the user left it.

    ``id`` and ``version`` say where the draft is stored (None/0 before the first save)
    and are not part of its content.
    """

    consultation_key: str
    form: FormChoice | None = None
    answers: Mapping[str, Answer] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    respondent_overrides: Mapping[str, str | bool] = field(default_factory=dict)
    status: DraftStatus = DraftStatus.DRAFTING
    sent_on: date | None = None
    owner: str = ""
    reviewer: str = ""
    notes: str = ""
    # The review record: who approved and when, and the questions knowingly left unanswered.
    approved_by: str = ""
    approved_at: datetime | None = None
    approved_gaps: tuple[str, ...] = ()
    id: int | None = field(default=None, compare=False)
    version: int = field(default=0, compare=False)

    def with_answer(self, number: str, response: str | None = None,
                    rationale: str | None = None) -> Draft:
        """A copy with question ``number``'s position and/or rationale replaced."""
        old = self.answers.get(number, Answer())
        new = Answer(
            response=old.response if response is None else response,
            rationale=old.rationale if rationale is None else rationale,
        )
        answers = dict(self.answers)
        if new.is_empty:
            answers.pop(number, None)
        else:
            answers[number] = new
        return replace(self, answers=answers)

    def with_status(
        self, status: DraftStatus, sent_on: date | None = None, *, with_gaps: bool = False
    ) -> Draft:
        """A copy moved to ``status``; raises ValueError for a move the workflow forbids.

        Submitted needs the date the response was sent; other statuses drop it.
        Approving needs every question answered, unless ``with_gaps`` accepts the
        unanswered ones (recorded in ``approved_gaps``). Who approved and when is
        stamped by ``record_review`` when the draft is saved.
        """
        if not self.status.can_move_to(status):
            allowed = ", ".join(
                s.value for s in DraftStatus if s in ALLOWED_MOVES[self.status]
            )
            raise ValueError(
                f"a draft cannot go from {self.status.value} to {status.value} "
                f"(from {self.status.value} it can go to: {allowed})."
            )
        if status is DraftStatus.SUBMITTED:
            sent = sent_on or self.sent_on
            if sent is None:
                raise ValueError("a submitted draft needs the date it was sent (--sent-on).")
            return replace(self, status=status, sent_on=sent)
        if status is DraftStatus.APPROVED and self.status is not DraftStatus.APPROVED:
            if self.status is DraftStatus.SUBMITTED:  # undoing a submission keeps the approval
                return replace(self, status=status, sent_on=None)
            gaps = tuple(self.unanswered())
            if gaps and not with_gaps:
                raise ValueError(
                    f"the draft cannot be approved: {_questions_phrase(gaps)} not answered; "
                    "approve with gaps to approve it anyway."
                )
            return replace(self, status=status, sent_on=None, approved_gaps=gaps,
                           approved_by="", approved_at=None)
        if status.is_locked:
            return replace(self, status=status, sent_on=None)
        return replace(self, status=status, sent_on=None, approved_by="", approved_at=None,
                       approved_gaps=())

    def reopened(self) -> Draft:
        """A copy of an Approved or Submitted draft back in Drafting, so it can be changed."""
        if not self.status.is_locked:
            raise ValueError(
                f"only an Approved or Submitted draft can be reopened (this one is "
                f"{self.status.value})."
            )
        return replace(self, status=DraftStatus.DRAFTING, sent_on=None, approved_by="",
                       approved_at=None, approved_gaps=())

    def with_overrides(self, **details: str | bool) -> Draft:
        """A copy whose respondent details override the profile's; an empty text clears one."""
        unknown = set(details) - set(RESPONDENT_KEYS)
        if unknown:
            raise ValueError(f"unknown respondent detail: {', '.join(sorted(unknown))}.")
        merged = dict(self.respondent_overrides)
        for key, value in details.items():
            if value == "" and key != "confidential":
                merged.pop(key, None)
            else:
                merged[key] = bool(value) if key == "confidential" else str(value)
        return replace(self, respondent_overrides=merged)

    def questions(self) -> tuple[Question, ...]:
        return self.form.inspection.questions if self.form else ()

    def unanswered(self) -> list[str]:
        """Numbers of the form's questions with no position and no rationale."""
        return [
            q.number
            for q in self.questions()
            if self.answers.get(q.number, Answer()).is_empty
        ]


def questions_list(numbers: tuple[str, ...] | list[str]) -> str:
    """ "question 2" / "questions 2, 3"."""
    if len(numbers) == 1:
        return f"question {numbers[0]}"
    return f"questions {', '.join(numbers)}"


def _questions_phrase(numbers: tuple[str, ...] | list[str]) -> str:
    """ "question 2 is" / "questions 2, 3 are", for a sentence about unanswered questions."""
    return f"{questions_list(numbers)} {'is' if len(numbers) == 1 else 'are'}"


# Parts of a draft that make up the response itself: locked once Approved or Submitted.
RESPONSE_FIELDS = ("form", "answers", "comments", "respondent_overrides")


def changed_response_fields(old: Draft, new: Draft) -> list[str]:
    """Which parts of the response (form, answers, comments, respondent) differ."""
    return [name for name in RESPONSE_FIELDS if getattr(old, name) != getattr(new, name)]


def lock_problem(current: Draft, proposed: Draft) -> str | None:
    """Why ``proposed`` may not replace ``current`` (a locked draft changed), or None.

    An Approved or Submitted draft refuses changes to the response until it is
    reopened; moving it on (Submitted), back (reopened) and its notes, owner and
    reviewer stay open. A save that reopens and changes in one go is allowed: the
    reopening is explicit and recorded.
    """
    if not current.status.is_locked or not proposed.status.is_locked:
        return None
    if not changed_response_fields(current, proposed):
        return None
    who = f" by {current.approved_by}" if current.approved_by else ""
    return (
        f"the draft is {current.status.value}{who}, so its response cannot be changed; "
        "reopen it first."
    )


def record_review(previous: Draft | None, proposed: Draft, author: str, now: datetime) -> Draft:
    """``proposed`` with the approval stamped (who and when) when this save approves it."""
    was = previous.status if previous is not None else DraftStatus.DRAFTING
    if proposed.status is DraftStatus.APPROVED and not was.is_locked:
        return replace(proposed, approved_by=author, approved_at=now)
    if proposed.status.is_locked and previous is not None and not proposed.approved_by:
        return replace(proposed, approved_by=previous.approved_by,
                       approved_at=previous.approved_at, approved_gaps=previous.approved_gaps)
    return proposed


def effective_respondent(profile: PartyProfile, overrides: Mapping[str, str | bool]) -> Respondent:
    """The Party profile's details with the draft's overrides laid on top."""
    base: dict[str, Any] = {
        "name": profile.name,
        "organisation": profile.organisation,
        "email": profile.email,
        "phone": profile.phone,
        "party_category": profile.party_category.value if profile.party_category else "",
        "confidential": False,
    }
    for key, value in overrides.items():
        if key in RESPONDENT_KEYS:
            base[key] = bool(value) if key == "confidential" else str(value)
    return Respondent(**base)


def answers_for_form(draft: Draft, respondent: Respondent) -> Answers:
    """What goes into the form: the effective respondent, the answers and the comments."""
    return Answers(respondent=respondent, answers=dict(draft.answers), comments=draft.comments)


def readiness_warnings(
    draft: Draft, respondent: Respondent, closes_at: datetime, now: datetime
) -> list[str]:
    """What is missing before sending, one sentence each (empty when nothing is)."""
    warnings = []
    if draft.form is not None and draft.form.inspection.kind is FormKind.COMMENTS_LOG:
        if not draft.comments:
            warnings.append("The comments log has no comments.")
    else:
        missing = draft.unanswered()
        if missing:
            label = "Question" if len(missing) == 1 else "Questions"
            warnings.append(f"{label} {', '.join(missing)} not answered.")
    asked = _asked_respondent_keys(draft)
    gaps = [k for k in respondent.missing() if k in asked]
    if gaps:
        names = ", ".join(k.replace("_", " ") for k in gaps)
        warnings.append(f"Respondent details missing: {names}.")
    if now >= closes_at:
        warnings.append(f"The deadline has passed: it was {format_deadline(closes_at)}.")
    return warnings


def _asked_respondent_keys(draft: Draft) -> set[str]:
    """The respondent details the form asks for (all of them when the form does not say)."""
    if draft.form is None or not draft.form.inspection.respondent_fields:
        return set(RESPONDENT_KEYS)
    asked = {f.key for f in draft.form.inspection.respondent_fields if f.key}
    return asked or set(RESPONDENT_KEYS)


# --- snapshots: the JSON kept for every saved version -------------------------------------


def to_snapshot(draft: Draft) -> dict[str, Any]:
    """The draft's content as JSON-ready data (stable key order, no storage ids)."""
    return {
        "format": SNAPSHOT_FORMAT,
        "consultation": draft.consultation_key,
        "form": _form_to_json(draft.form),
        "answers": {
            n: a.to_json()
            for n, a in sorted(draft.answers.items(), key=lambda item: _number_order(item[0]))
        },
        "comments": [c.to_json() for c in draft.comments],
        "respondent": dict(sorted(draft.respondent_overrides.items())),
        "status": draft.status.value,
        "sent_on": draft.sent_on.isoformat() if draft.sent_on else None,
        "owner": draft.owner,
        "reviewer": draft.reviewer,
        "notes": draft.notes,
        "approved_by": draft.approved_by,
        "approved_at": draft.approved_at.isoformat() if draft.approved_at else None,
        "approved_gaps": list(draft.approved_gaps),
    }


def from_snapshot(data: Mapping[str, Any], *, id: int | None = None, version: int = 0) -> Draft:
    """Rebuild a draft from ``to_snapshot`` data."""
    parsed = Answers.from_json(
        {"answers": data.get("answers") or {}, "comments": data.get("comments") or []}
    )
    overrides: dict[str, str | bool] = {}
    for key, value in (data.get("respondent") or {}).items():
        if key in RESPONDENT_KEYS:
            overrides[key] = bool(value) if key == "confidential" else str(value)
    sent_on = data.get("sent_on")
    approved_at = data.get("approved_at")
    return Draft(
        consultation_key=str(data["consultation"]),
        form=_form_from_json(data.get("form")),
        answers=dict(parsed.answers),
        comments=parsed.comments,
        respondent_overrides=overrides,
        status=DraftStatus(data.get("status") or DraftStatus.DRAFTING.value),
        sent_on=date.fromisoformat(sent_on) if sent_on else None,
        owner=str(data.get("owner") or ""),
        reviewer=str(data.get("reviewer") or ""),
        notes=str(data.get("notes") or ""),
        approved_by=str(data.get("approved_by") or ""),
        approved_at=datetime.fromisoformat(approved_at) if approved_at else None,
        approved_gaps=tuple(str(n) for n in data.get("approved_gaps") or ()),
        id=id,
        version=version,
    )


def _form_to_json(form: FormChoice | None) -> dict[str, Any] | None:
    if form is None:
        return None
    return {
        "builtin_key": form.builtin_key,
        "original_name": form.original_name,
        "sha256": form.sha256,
        "stored_name": form.stored_name,
        "inspection": form.inspection.to_json(),
    }


def _form_from_json(data: Mapping[str, Any] | None) -> FormChoice | None:
    if not data:
        return None
    return FormChoice(
        inspection=inspection_from_json(data["inspection"]),
        builtin_key=data.get("builtin_key"),
        original_name=data.get("original_name"),
        sha256=data.get("sha256"),
        stored_name=data.get("stored_name"),
    )


def inspection_from_json(data: Mapping[str, Any]) -> FormInspection:
    """The inverse of ``FormInspection.to_json``."""
    return FormInspection(
        format=FormFormat(data["format"]),
        kind=FormKind(data["kind"]),
        respondent_fields=tuple(
            RespondentField(key=f.get("key"), label=str(f.get("label") or ""))
            for f in data.get("respondent_fields") or ()
        ),
        questions=tuple(
            Question(
                number=str(q["number"]),
                text=str(q.get("text") or ""),
                options=tuple(q.get("options") or ()),
            )
            for q in data.get("questions") or ()
        ),
        comment_columns=tuple(data.get("comment_columns") or ()),
    )


def _number_order(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 10**9, number)


# --- what changed -------------------------------------------------------------------------


def describe_changes(old: Draft | None, new: Draft) -> str:
    """A short summary such as "answer 3 rationale; status Drafting -> In review".

    Empty when nothing changed; "created" for a first save.
    """
    if old is None:
        return "created"
    parts: list[str] = []
    if old.form != new.form:
        parts.append(f"form {new.form.label}" if new.form else "form removed")
    numbers = sorted(set(old.answers) | set(new.answers), key=_number_order)
    for number in numbers:
        before = old.answers.get(number, Answer())
        after = new.answers.get(number, Answer())
        changed = []
        if before.response != after.response:
            changed.append("position")
        if before.rationale != after.rationale:
            changed.append("rationale")
        if changed:
            parts.append(f"answer {number} {' and '.join(changed)}")
    if old.comments != new.comments:
        parts.append(f"comments ({len(new.comments)})")
    changed_details = sorted(
        k for k in set(old.respondent_overrides) | set(new.respondent_overrides)
        if old.respondent_overrides.get(k) != new.respondent_overrides.get(k)
    )
    if changed_details:
        parts.append("respondent " + ", ".join(k.replace("_", " ") for k in changed_details))
    if old.status != new.status:
        if old.status.is_locked and not new.status.is_locked:
            parts.append(f"reopened ({old.status.value} -> {new.status.value})")
        else:
            parts.append(f"status {old.status.value} -> {new.status.value}")
        if new.status is DraftStatus.APPROVED and new.approved_gaps and (
            old.approved_gaps != new.approved_gaps
        ):
            parts.append(f"approved with gaps ({questions_list(new.approved_gaps)})")
    if old.sent_on != new.sent_on and new.sent_on is not None:
        parts.append(f"sent on {new.sent_on.isoformat()}")
    for name in ("owner", "reviewer"):
        if getattr(old, name) != getattr(new, name):
            parts.append(f"{name} {getattr(new, name) or '(none)'}")
    if old.notes != new.notes:
        parts.append("notes")
    return "; ".join(parts)
