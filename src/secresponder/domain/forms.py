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
    def from_json(cls, data: Any) -> Answers:
        """Build from the answers-file shape; raises ValueError naming the bad place.

        The message names the place in the file the way a person would point at it
        (``answers."3".rationale must be text``), never with a Python repr.
        """
        if not isinstance(data, Mapping):
            raise ValueError("the answers file must hold one JSON object")
        _only_keys(data, ANSWERS_FILE_KEYS, "")
        respondent = _respondent_from_json(_object_or_empty(data.get("respondent"), "respondent"))
        raw_answers = _object_or_empty(data.get("answers"), "answers")
        answers: dict[str, Answer] = {}
        for number, value in raw_answers.items():
            where = f"answers.{_quoted(number)}"
            if not str(number).strip():
                raise ValueError(f"{where} needs a question number as its key")
            if isinstance(value, str):
                answers[str(number)] = Answer(rationale=value)
            elif isinstance(value, Mapping):
                _only_keys(value, ANSWER_KEYS, where)
                answers[str(number)] = Answer(
                    response=_text(value.get("response"), f"{where}.response"),
                    rationale=_text(value.get("rationale"), f"{where}.rationale"),
                )
            elif value is None:
                continue
            else:
                raise ValueError(
                    f"{where} must be an object with a response and a rationale, or text"
                )
        raw_comments = data.get("comments")
        if raw_comments is None:
            raw_comments = []
        if not isinstance(raw_comments, list):
            raise ValueError("comments must be a list")
        comments = []
        for i, row in enumerate(raw_comments, start=1):
            where = f"comments[{i}]"
            if not isinstance(row, Mapping):
                raise ValueError(f"{where} must be an object")
            _only_keys(row, COMMENT_KEYS, where)
            comments.append(
                Comment(
                    document=_text(row.get("document"), f"{where}.document"),
                    section=_text(row.get("section"), f"{where}.section"),
                    comment=_text(row.get("comment"), f"{where}.comment"),
                    proposal=_text(row.get("proposal"), f"{where}.proposal"),
                    confidential=yes_no(row.get("confidential"), f"{where}.confidential"),
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


# --- reading an answers file ---------------------------------------------------------------

ANSWERS_FILE_KEYS: tuple[str, ...] = ("respondent", "answers", "comments")
ANSWER_KEYS: tuple[str, ...] = ("response", "rationale")
COMMENT_KEYS: tuple[str, ...] = ("document", "section", "comment", "proposal", "confidential")
_YES = frozenset({"yes", "true"})
_NO = frozenset({"no", "false"})


def _quoted(key: object) -> str:
    """A key as written in the file, in double quotes (never a Python repr)."""
    text = str(key).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _place(where: str, key: object) -> str:
    return f"{where}.{_quoted(key)}" if where else _quoted(key)


def _only_keys(data: Mapping[Any, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in allowed:
            raise ValueError(
                f"{_place(where, key)} is not a key the answers file knows "
                f"(expected {', '.join(allowed)})"
            )


def _object_or_empty(value: Any, where: str) -> Mapping[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{where} must be an object")
    return value


def _text(value: Any, where: str) -> str:
    """A text value; null reads as empty. Numbers, lists and true/false are refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where} must be text")
    return value


def yes_no(value: Any, where: str) -> bool:
    """true/false, or the text "yes"/"no"/"true"/"false" in any case; null reads as false."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise ValueError(f"{where} must be true or false")


def _respondent_from_json(data: Mapping[Any, Any]) -> Respondent:
    _only_keys(data, RESPONDENT_KEYS, "respondent")
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"respondent.{key}"
        values[key] = yes_no(value, where) if key == "confidential" else _text(value, where)
    return Respondent(**values)
