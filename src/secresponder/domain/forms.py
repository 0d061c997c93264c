"""Response forms and the answers that fill them (format-independent)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RESPONDENT_KEYS: tuple[str, ...] = (
    "name",
    "organisation",
    "email",
    "phone",
    "party_category",
    "confidential",
)

# The positions a drafter can take on a question; forms may offer others.
STANDARD_POSITIONS: tuple[str, ...] = ("Yes", "No", "Neutral", "Agree", "Disagree")


class FormFormat(enum.Enum):
    DOCX = "docx"
    XLSX = "xlsx"


class FormKind(enum.Enum):
    QUESTIONS = "questions"
    COMMENTS_LOG = "comments_log"


@dataclass(frozen=True)
class RespondentField:
    """A respondent detail the form asks for; ``key`` is None for one we do not recognise."""

    key: str | None
    label: str


@dataclass(frozen=True)
class Question:
    number: str
    text: str
    # Positions the form offers for this question (check boxes or "Yes / No / Neutral").
    options: tuple[str, ...] = ()


class Confidence(enum.Enum):
    """How sure the reader is that a place is where an answer belongs."""

    SURE = "sure"
    UNSURE = "unsure"


@dataclass(frozen=True)
class PlaceInfo:
    """One answer place the reader found, described for a person.

    ``item`` names what goes there (see :func:`answer_item`, :func:`respondent_item`,
    :func:`comment_item`); ``where`` is the place in words ("table 2, row 4, Rationale
    column", "content control 'Q1 response'", "text box after question 3").
    """

    item: str
    where: str
    confidence: Confidence = Confidence.SURE

    def to_json(self) -> dict[str, str]:
        return {"item": self.item, "where": self.where, "confidence": self.confidence.value}


def answer_item(number: str, part: str) -> str:
    """The item name of a question's ``part`` ("response" or "rationale"): "answer 3 rationale"."""
    return f"answer {number} {part}"


def respondent_item(key_or_label: str) -> str:
    """The item name of a respondent value: "respondent email" (or the label when no key)."""
    return f"respondent {key_or_label}"


def comment_item(index: int) -> str:
    """The item name of the ``index``-th (1-based) row of a comments log: "comment 2"."""
    return f"comment {index}"


@dataclass(frozen=True)
class Placement:
    """One value written into a form: what it was and where it went."""

    item: str
    where: str
    value: str = ""

    def to_json(self) -> dict[str, str]:
        return {"item": self.item, "where": self.where, "value": self.value}


@dataclass(frozen=True)
class FillReport:
    """What a fill did: every value placed, and every value that had no place.

    ``unplaced`` holds one short phrase per value left out, naming it ("answer 7: the
    form has no question 7"). Values that cannot fit (too long for a cell, not one of a
    drop-down's items, not a date) are never cut or guessed: the filler raises a
    FormError instead.
    """

    placed: tuple[Placement, ...] = ()
    unplaced: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "placed": [p.to_json() for p in self.placed],
            "unplaced": list(self.unplaced),
        }


@dataclass(frozen=True)
class FilledForm:
    """A filled form's bytes and the report of what went where."""

    data: bytes
    report: FillReport


@dataclass(frozen=True)
class FormInspection:
    """What a response form asks for."""

    format: FormFormat
    kind: FormKind
    respondent_fields: tuple[RespondentField, ...] = ()
    questions: tuple[Question, ...] = ()
    comment_columns: tuple[str, ...] = ()
    # Every answer place found, with how sure the reader is of it (may be empty for
    # readers that do not describe their places yet).
    places: tuple[PlaceInfo, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format.value,
            "kind": self.kind.value,
            "respondent_fields": [{"key": f.key, "label": f.label} for f in self.respondent_fields],
            "questions": [
                {"number": q.number, "text": q.text, "options": list(q.options)}
                for q in self.questions
            ],
            "comment_columns": list(self.comment_columns),
            "places": [p.to_json() for p in self.places],
        }


@dataclass(frozen=True)
class Respondent:
    name: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    party_category: str = ""
    confidential: bool = False

    def value(self, key: str) -> str | bool:
        return getattr(self, key)

    def missing(self) -> list[str]:
        """The text details left empty (confidential is a yes/no, never missing)."""
        return [k for k in RESPONDENT_KEYS if k != "confidential" and not getattr(self, k)]


@dataclass(frozen=True)
class Answer:
    response: str = ""
    rationale: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.response.strip() and not self.rationale.strip()

    def to_json(self) -> dict[str, str]:
        return {"response": self.response, "rationale": self.rationale}

    def paragraphs(self) -> list[str]:
        """The rationale split into paragraphs at blank lines (single newlines kept inside)."""
        text = self.rationale.replace("\r\n", "\n").strip()
        if not text:
            return []
        blocks = [b.strip() for b in text.split("\n\n")]
        return [b for b in blocks if b]


@dataclass(frozen=True)
class Comment:
    """One row of a comments log."""

    document: str = ""
    section: str = ""
    comment: str = ""
    proposal: str = ""
    confidential: bool = False

    def to_json(self) -> dict[str, str | bool]:
        return {
            "document": self.document,
            "section": self.section,
            "comment": self.comment,
            "proposal": self.proposal,
            "confidential": self.confidential,
        }


@dataclass(frozen=True)
class Answers:
    """Everything written into a form: the answers-file JSON shape in DESIGN.md."""

    respondent: Respondent = field(default_factory=Respondent)
    answers: Mapping[str, Answer] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Answers:
        """Build from the answers-file shape; raises ValueError naming the bad part."""
        if not isinstance(data, Mapping):
            raise ValueError("the answers must be a JSON object")
        raw_respondent = data.get("respondent") or {}
        if not isinstance(raw_respondent, Mapping):
            raise ValueError("'respondent' must be an object")
        respondent = Respondent(
            **{
                k: (bool(v) if k == "confidential" else str(v or ""))
                for k, v in raw_respondent.items()
                if k in RESPONDENT_KEYS
            }
        )
        raw_answers = data.get("answers") or {}
        if not isinstance(raw_answers, Mapping):
            raise ValueError("'answers' must be an object keyed by question number")
        answers: dict[str, Answer] = {}
        for number, value in raw_answers.items():
            if isinstance(value, str):
                answers[str(number)] = Answer(rationale=value)
            elif isinstance(value, Mapping):
                answers[str(number)] = Answer(
                    response=str(value.get("response") or ""),
                    rationale=str(value.get("rationale") or ""),
                )
            else:
                raise ValueError(f"answer {number} must be an object or a string")
        raw_comments = data.get("comments") or []
        if not isinstance(raw_comments, list):
            raise ValueError("'comments' must be a list")
        comments = []
        for i, row in enumerate(raw_comments, start=1):
            if not isinstance(row, Mapping):
                raise ValueError(f"comment {i} must be an object")
            comments.append(
                Comment(
                    document=str(row.get("document") or ""),
                    section=str(row.get("section") or ""),
                    comment=str(row.get("comment") or ""),
                    proposal=str(row.get("proposal") or ""),
                    confidential=bool(row.get("confidential", False)),
                )
            )
        return cls(respondent=respondent, answers=answers, comments=tuple(comments))

    def to_json(self) -> dict[str, Any]:
        r = self.respondent
        return {
            "respondent": {k: r.value(k) for k in RESPONDENT_KEYS},
            "answers": {n: a.to_json() for n, a in self.answers.items()},
            "comments": [c.to_json() for c in self.comments],
        }
