"""Filling a .docx response form: answers into their places, every other byte kept.

Only word/document.xml (the answer places) and docProps/core.xml (the modified
date) are rewritten; every other part is copied as it was.
"""

from __future__ import annotations

from pathlib import Path

from secresponder.domain.clock import Clock, default_clock
from secresponder.domain.forms import Answer, Answers, Respondent
from secresponder.forms.docx.checkboxes import CheckBox, set_checked
from secresponder.forms.docx.coreprops import stamp_modified
from secresponder.forms.docx.package import CORE_PART, DOCUMENT_PART, serialize_part
from secresponder.forms.docx.placeholders import normalise_number, position_key
from secresponder.forms.docx.places import FormMap, QuestionPlaces, RespondentPlaces
from secresponder.forms.docx.reader import load_form
from secresponder.forms.docx.writer import write_lines


def _loose(text: str) -> str:
    """A label compared loosely, plurals folded ("Large Suppliers" ~ "Large Supplier")."""
    return " ".join(word.rstrip("s") for word in position_key(text).split())


def _tick(boxes: list[CheckBox], choice: str) -> bool:
    """Tick the box labelled ``choice`` and clear its siblings; False when none matches."""
    wanted = _loose(choice)
    matching = [b for b in boxes if b.label and _loose(b.label) == wanted]
    if not matching:
        return False
    for box in boxes:
        set_checked(box, box in matching)
    return True


def _find_answer(answers: Answers, number: str) -> Answer | None:
    if number in answers.answers:
        return answers.answers[number]
    wanted = normalise_number(number)
    for key, answer in answers.answers.items():
        if normalise_number(key) == wanted:
            return answer
    return None


def _fill_question(q: QuestionPlaces, answer: Answer) -> None:
    response = answer.response.strip()
    paragraphs = answer.paragraphs()
    ticked = bool(response and q.boxes and _tick(q.boxes, response))
    as_text = [response] if response and not ticked else []
    if q.rationale is not None:
        if as_text and q.response is not None:
            write_lines(q.response, as_text)
            as_text = []
        if as_text or paragraphs:
            write_lines(q.rationale, as_text + paragraphs)
    elif q.response is not None and (as_text or paragraphs):
        write_lines(q.response, as_text + paragraphs)


def _fill_respondent(field: RespondentPlaces, respondent: Respondent) -> None:
    if field.key is None:
        return
    if field.key == "confidential":
        value = "Yes" if respondent.confidential else "No"
    else:
        value = str(respondent.value(field.key)).strip()
        if not value:
            return
    if field.boxes and _tick(field.boxes, value):
        return
    if field.value is not None:
        write_lines(field.value, [value])


def fill_map(found: FormMap, answers: Answers) -> None:
    """Write ``answers`` into the places of ``found`` (the tree is changed in place)."""
    for field in found.respondent:
        _fill_respondent(field, answers.respondent)
    for q in found.questions:
        answer = _find_answer(answers, q.number)
        if answer is not None and not answer.is_empty:
            _fill_question(q, answer)


def fill_docx(path: Path, answers: Answers, *, clock: Clock | None = None) -> bytes:
    """The form at ``path`` filled with ``answers``, as the bytes of a .docx."""
    loaded = load_form(Path(path))
    fill_map(loaded.map, answers)
    package = loaded.package
    replaced = {
        DOCUMENT_PART: serialize_part(loaded.document, loaded.document_bytes),
    }
    core = package.part(CORE_PART)
    if core is not None:
        replaced[CORE_PART] = stamp_modified(core, (clock or default_clock())())
    return package.to_bytes(replaced)
