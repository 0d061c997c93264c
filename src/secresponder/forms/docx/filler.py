"""Filling a .docx response form: answers into their places, every other byte kept.

Only word/document.xml (the answer places) and docProps/core.xml (the modified
date) are rewritten; every other part is copied as it was. Every value written is
reported with its place in words, and every value with no place is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from secresponder.domain.clock import Clock, default_clock
from secresponder.domain.forms import (
    RESPONDENT_KEYS,
    Answer,
    Answers,
    FilledForm,
    FillReport,
    Placement,
    Respondent,
    answer_item,
    comment_item,
    respondent_item,
)
from secresponder.forms.docx.checkboxes import CheckBox, set_checked
from secresponder.forms.docx.controls import DATE, control_kind
from secresponder.forms.docx.coreprops import stamp_modified
from secresponder.forms.docx.describe import Describer
from secresponder.forms.docx.locate import control_choices
from secresponder.forms.docx.package import CORE_PART, DOCUMENT_PART, serialize_part
from secresponder.forms.docx.placeholders import normalise_number, position_key
from secresponder.forms.docx.places import (
    ControlPlace,
    FormMap,
    Place,
    QuestionPlaces,
    RespondentPlaces,
)
from secresponder.forms.docx.reader import load_form
from secresponder.forms.docx.wordml import BODY, R
from secresponder.forms.docx.writer import (
    place_element,
    sync_text_box_copies,
    write_lines,
    xml_safe,
)
from secresponder.forms.errors import FormError

# Paragraphs of one value are joined with a blank line in a report's value.
PARAGRAPH_JOIN = "\n\n"


def _loose(text: str) -> str:
    """A label compared loosely, plurals folded ("Large Suppliers" ~ "Large Supplier")."""
    return " ".join(word.rstrip("s") for word in position_key(text).split())


def _tick(boxes: list[CheckBox], choice: str) -> CheckBox | None:
    """Tick the box labelled ``choice`` and clear its siblings; None when none matches."""
    wanted = _loose(choice)
    matching = [b for b in boxes if b.label and _loose(b.label) == wanted]
    if not matching:
        return None
    for box in boxes:
        set_checked(box, box in matching)
    return matching[0]


def _find_answer(answers: Answers, number: str) -> Answer | None:
    if number in answers.answers:
        return answers.answers[number]
    wanted = normalise_number(number)
    for key, answer in answers.answers.items():
        if normalise_number(key) == wanted:
            return answer
    return None


def is_choice_place(place: Place | None) -> bool:
    """True for a drop-down, combo box or date picker: it takes a position, not paragraphs."""
    if not isinstance(place, ControlPlace):
        return False
    el = place.sdt
    if el.tag == R:
        return bool(control_choices(el))
    return bool(control_choices(el)) or control_kind(el) == DATE


def _storable(lines: list[str]) -> list[str]:
    """Lines as a document can hold them (no control characters), empty ones left out."""
    return [line for line in (xml_safe(raw) for raw in lines) if line.strip()]


@dataclass
class _Fill:
    """Collects what a fill placed and what it could not."""

    describe: Describer
    placed: list[Placement] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    # Elements written (or ticked), to copy into the second copy of a text box holding them.
    touched: list = field(default_factory=list)

    def write(self, place: Place, item: str, context: str, lines: list[str], what: str) -> None:
        lines = _storable(lines)
        if not lines:
            return
        written = write_lines(place, lines, what)
        self.touched.append(place_element(place))
        self.placed.append(
            Placement(item, self.describe.place(place, context), PARAGRAPH_JOIN.join(written))
        )

    def write_many(
        self, place: Place, parts: list[tuple[str, list[str]]], context: str, what: str
    ) -> None:
        """Several values (a position, then the rationale) into one place, in order."""
        parts = [(item, _storable(lines)) for item, lines in parts]
        parts = [(item, lines) for item, lines in parts if lines]
        if not parts:
            return
        written = write_lines(place, [line for _, lines in parts for line in lines], what)
        self.touched.append(place_element(place))
        if len(parts) == 1:
            parts = [(parts[0][0], written)]  # as the place shows it (a date's own format)
        where = self.describe.place(place, context)
        for item, lines in parts:
            self.placed.append(Placement(item, where, PARAGRAPH_JOIN.join(lines)))

    def tick(self, boxes: list[CheckBox], item: str, context: str, value: str) -> bool:
        box = _tick(boxes, value)
        if box is None:
            return False
        self.touched.append(box.sdt)
        self.placed.append(Placement(item, self.describe.box(box, context), value))
        return True


def _fill_question(q: QuestionPlaces, answer: Answer, fill: _Fill) -> None:
    context = f"question {q.number}"
    r_item = answer_item(q.number, "response")
    a_item = answer_item(q.number, "rationale")
    response = answer.response.strip()
    paragraphs = answer.paragraphs()
    ticked = bool(response and q.boxes and fill.tick(q.boxes, r_item, context, response))
    as_text = [response] if response and not ticked else []
    what = f"The position for question {q.number}"
    if is_choice_place(q.response):
        if as_text:
            fill.write(q.response, r_item, context, as_text, what)
            as_text = []
        if paragraphs:
            if q.rationale is not None:
                fill.write(q.rationale, a_item, context, paragraphs, f"Question {q.number}")
            else:
                fill.unplaced.append(f"{a_item}: question {q.number} has no place for a rationale")
        return
    if q.rationale is not None:
        if as_text and q.response is not None:
            fill.write(q.response, r_item, context, as_text, what)
            as_text = []
        fill.write_many(
            q.rationale, [(r_item, as_text), (a_item, paragraphs)], context, f"Question {q.number}"
        )
        return
    if q.response is not None:
        fill.write_many(
            q.response, [(r_item, as_text), (a_item, paragraphs)], context, f"Question {q.number}"
        )
        return
    if as_text:
        options = ", ".join(f"'{o}'" for o in q.options) or "none"
        fill.unplaced.append(
            f"{r_item}: '{response}' is none of question {q.number}'s boxes ({options})"
        )
    if paragraphs:
        fill.unplaced.append(f"{a_item}: question {q.number} has no place for a rationale")


def _respondent_text(key: str, respondent: Respondent) -> str:
    if key == "confidential":
        return "Yes" if respondent.confidential else "No"
    return str(respondent.value(key)).strip()


def _fill_respondent(found: RespondentPlaces, respondent: Respondent, fill: _Fill) -> bool:
    """Fill one respondent field; True when a value was placed."""
    if found.key is None:
        return False
    value = _respondent_text(found.key, respondent)
    if not value:
        return False
    item = respondent_item(found.key)
    context = f"the label '{found.label}'"
    if found.boxes and fill.tick(found.boxes, item, context, value):
        return True
    if found.value is not None:
        fill.write(found.value, item, context, [value], f"The respondent's {found.key}")
        return True
    return False


def fill_map(found: FormMap, answers: Answers, describe: Describer) -> FillReport:
    """Write ``answers`` into the places of ``found`` (the tree is changed in place)."""
    fill = _Fill(describe)
    placed_keys: set[str] = set()
    for respondent_field in found.respondent:
        if _fill_respondent(respondent_field, answers.respondent, fill):
            placed_keys.add(respondent_field.key or "")
    boxed = {f.key for f in found.respondent if f.boxes and f.value is None}
    for key in RESPONDENT_KEYS:
        value = _respondent_text(key, answers.respondent)
        wanted = answers.respondent.confidential if key == "confidential" else bool(value)
        if wanted and key not in placed_keys:
            reason = (
                f"'{value}' matches none of the form's boxes for it"
                if key in boxed
                else "the form has no place for it"
            )
            fill.unplaced.append(f"{respondent_item(key)}: {reason}")
    numbers = {normalise_number(q.number) for q in found.questions}
    for q in found.questions:
        answer = _find_answer(answers, q.number)
        if answer is not None and not answer.is_empty:
            _fill_question(q, answer, fill)
    for number, answer in answers.answers.items():
        if not answer.is_empty and normalise_number(number) not in numbers:
            fill.unplaced.append(f"answer {number}: the form has no question {number}")
    for i, _ in enumerate(answers.comments, start=1):
        fill.unplaced.append(f"{comment_item(i)}: the form is not a comments log")
    sync_text_box_copies(fill.touched)
    return FillReport(placed=tuple(fill.placed), unplaced=tuple(fill.unplaced))


def fill_docx_report(path: Path, answers: Answers, *, clock: Clock | None = None) -> FilledForm:
    """The form at ``path`` filled with ``answers``, with the report of what went where.

    Raises FormError (one sentence naming the question) for a value that cannot fit
    its place: not one of a drop-down's items, not a date, longer than a field allows.
    """
    loaded = load_form(Path(path))
    try:
        report = fill_map(loaded.map, answers, Describer(loaded.document.find(BODY), loaded.map))
    except FormError as exc:
        reason = str(exc)
        raise FormError(f"{path}: {reason[:1].lower()}{reason[1:]}") from None
    package = loaded.package
    replaced = {
        DOCUMENT_PART: serialize_part(loaded.document, loaded.document_bytes),
    }
    core = package.part(CORE_PART)
    if core is not None:
        replaced[CORE_PART] = stamp_modified(core, (clock or default_clock())())
    return FilledForm(package.to_bytes(replaced), report)


def fill_docx(path: Path, answers: Answers, *, clock: Clock | None = None) -> bytes:
    """The form at ``path`` filled with ``answers``, as the bytes of a .docx."""
    return fill_docx_report(path, answers, clock=clock).data
