"""A person's corrections to what the form reader found, and applying them to an inspection.

Corrections are kept per form (by checksum) so that every later draft on the same form
reads it the way the user decided. Each correction is idempotent: applying it to an
inspection it no longer fits changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from secresponder.domain.forms import Confidence, FormInspection, Question


class CorrectionKind(enum.Enum):
    CONFIRM = "confirm"  # the reader's place for an item is right
    UNMARK = "unmark"  # what the reader took for a question is not one
    JOIN = "join"  # a question and the one after it are one question
    # A paragraph or cell (``value``: its place in the form, "paragraph 12", "table 2, row 3,
    # cell 2") is question ``target``, or the place for ``target`` ("answer 3 rationale").
    # These are applied by the form's reader; the other kinds also to any inspection.
    QUESTION = "question"
    PLACE = "place"


@dataclass(frozen=True)
class FormCorrection:
    """One decision: ``target`` is a place's item (confirm) or a question number.

    ``value`` is the place's words for a confirmation (so that only that place is
    confirmed) or the number of the question joined into ``target``.
    """

    kind: CorrectionKind
    target: str
    value: str = ""

    def describe(self) -> str:
        """The correction in words, for lists and history."""
        if self.kind is CorrectionKind.CONFIRM:
            return f"{self.target}: {self.value} is right"
        if self.kind is CorrectionKind.UNMARK:
            return f"question {self.target} is not a question"
        if self.kind is CorrectionKind.QUESTION:
            return f"{self.value} is question {self.target}"
        if self.kind is CorrectionKind.PLACE:
            return f"{self.value} is the place for {self.target}"
        return f"questions {self.target} and {self.value} are one question"


def confirm(item: str, where: str) -> FormCorrection:
    return FormCorrection(CorrectionKind.CONFIRM, item, where)


def unmark(number: str) -> FormCorrection:
    return FormCorrection(CorrectionKind.UNMARK, number)


def join(number: str, next_number: str) -> FormCorrection:
    return FormCorrection(CorrectionKind.JOIN, number, next_number)


def mark_question(number: str, block: str) -> FormCorrection:
    return FormCorrection(CorrectionKind.QUESTION, number, block)


def mark_place(item: str, block: str) -> FormCorrection:
    return FormCorrection(CorrectionKind.PLACE, item, block)


def _answer_prefix(number: str) -> str:
    return f"answer {number} "


def apply_corrections(
    inspection: FormInspection, corrections: Iterable[FormCorrection]
) -> FormInspection:
    """``inspection`` as the user corrected it (questions removed or joined, places confirmed)."""
    questions = list(inspection.questions)
    places = list(inspection.places)
    for c in corrections:
        if c.kind is CorrectionKind.CONFIRM:
            places = [
                replace(p, confidence=Confidence.SURE)
                if p.item == c.target and p.where == c.value else p
                for p in places
            ]
        elif c.kind is CorrectionKind.UNMARK:
            if any(q.number == c.target for q in questions):
                questions = [q for q in questions if q.number != c.target]
                places = [p for p in places if not p.item.startswith(_answer_prefix(c.target))]
        elif c.kind is CorrectionKind.JOIN:
            numbers = [q.number for q in questions]
            if c.target not in numbers or c.value not in numbers:
                continue
            first = questions[numbers.index(c.target)]
            second = questions[numbers.index(c.value)]
            options = first.options + tuple(o for o in second.options if o not in first.options)
            merged = Question(first.number, f"{first.text}\n{second.text}".strip(), options)
            questions = [merged if q is first else q for q in questions if q is not second]
            places = [p for p in places if not p.item.startswith(_answer_prefix(c.value))]
    return replace(inspection, questions=tuple(questions), places=tuple(places))


def removed_numbers(corrections: Iterable[FormCorrection]) -> set[str]:
    """The question numbers the corrections take away (unmarked, or joined into another)."""
    gone: set[str] = set()
    for c in corrections:
        if c.kind is CorrectionKind.UNMARK:
            gone.add(c.target)
        elif c.kind is CorrectionKind.JOIN:
            gone.add(c.value)
    return gone


def unsure_places(inspection: FormInspection) -> list[str]:
    """The places the reader is unsure of, in words ("answer 1 response: sheet ..., B5")."""
    return [f"{p.item}: {p.where}" for p in inspection.places
            if p.confidence is Confidence.UNSURE]
