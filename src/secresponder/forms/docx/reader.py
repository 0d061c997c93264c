"""Reading a .docx response form: what it asks (respondent fields and questions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import (
    Confidence,
    FormFormat,
    FormInspection,
    FormKind,
    PlaceInfo,
    Question,
    RespondentField,
    answer_item,
    respondent_item,
)
from secresponder.forms.docx.corrections import apply_corrections_to_map
from secresponder.forms.docx.describe import Describer
from secresponder.forms.docx.locate import locate
from secresponder.forms.docx.numbering import ListNumbering, styles_may_number
from secresponder.forms.docx.package import (
    DOCUMENT_PART,
    NUMBERING_PART,
    STYLES_PART,
    DocxPackage,
)
from secresponder.forms.docx.places import FormMap
from secresponder.forms.docx.wordml import BODY, PSTYLE, VAL, P
from secresponder.forms.errors import FormError


@dataclass
class LoadedForm:
    """A form's package, its parsed document.xml and the places found in it."""

    package: DocxPackage
    document_bytes: bytes
    document: etree._Element
    map: FormMap


def _list_numbering(
    package: DocxPackage, body: etree._Element, document_bytes: bytes
) -> ListNumbering:
    """The document's list definitions, parsing styles.xml only when a style may number."""
    used = {s.get(VAL, "") for s in body.iter(PSTYLE)}
    styles_bytes = package.part(STYLES_PART) if used else None
    styles_number = styles_may_number(styles_bytes, used)
    if b"numPr" not in document_bytes and not styles_number:
        return ListNumbering(None, None)
    numbering = package.xml(NUMBERING_PART)
    if numbering is None:
        return ListNumbering(None, None)
    styles = package.xml(STYLES_PART) if styles_number else None
    return ListNumbering(numbering, styles)


def load_form(path: Path) -> LoadedForm:
    """Open ``path`` and locate its fields and questions; FormError when there are none."""
    package = DocxPackage.open(path)
    document_bytes = package.part(DOCUMENT_PART) or b""
    document = package.parse(DOCUMENT_PART, document_bytes)
    body = None if document is None else document.find(BODY)
    if body is None:
        raise FormError(f"{path}: is not a Word document (its {DOCUMENT_PART} has no body).")
    numbers = _list_numbering(package, body, document_bytes).numbers(body.iter(P))
    found = apply_corrections_to_map(locate(body, numbers), body)  # the user's corrections
    if not found.questions:
        raise FormError(
            f"{path}: no consultation questions were found (looked for a question table, "
            "numbered questions and per-question tables)."
        )
    return LoadedForm(package=package, document_bytes=document_bytes, document=document, map=found)


def describe_places(found: FormMap, describe: Describer) -> tuple[PlaceInfo, ...]:
    """Every answer and respondent place of ``found`` in words, with how sure the reader is."""
    out: list[PlaceInfo] = []

    def sure(place: object, guessed: bool = False) -> Confidence:
        unsure = guessed or place in found.unsure
        return Confidence.UNSURE if unsure else Confidence.SURE

    for f in found.respondent:
        item = respondent_item(f.key or f.label)
        context = f"the label '{f.label}'"
        for box in f.boxes:
            out.append(PlaceInfo(item, describe.box(box, context), sure(None)))
        if f.value is not None:
            out.append(PlaceInfo(item, describe.place(f.value, context), sure(f.value)))
    for q in found.questions:
        context = f"question {q.number}"
        guessed = q.number in found.guessed_numbers
        r_item = answer_item(q.number, "response")
        for box in q.boxes:
            out.append(PlaceInfo(r_item, describe.box(box, context), sure(None, guessed)))
        if q.response is not None:
            item = (
                r_item
                if q.rationale is not None or not q.boxes
                else (answer_item(q.number, "rationale"))
            )
            where = describe.place(q.response, context)
            out.append(PlaceInfo(item, where, sure(q.response, guessed)))
        if q.rationale is not None:
            where = describe.place(q.rationale, context)
            out.append(
                PlaceInfo(answer_item(q.number, "rationale"), where, sure(q.rationale, guessed))
            )
    return tuple(out)


def inspect_docx(path: Path) -> FormInspection:
    """The respondent fields and questions of a .docx response form, in document order."""
    loaded = load_form(Path(path))
    found = loaded.map
    return FormInspection(
        format=FormFormat.DOCX,
        kind=FormKind.QUESTIONS,
        respondent_fields=tuple(RespondentField(f.key, f.label) for f in found.respondent),
        questions=tuple(Question(q.number, q.text, q.options) for q in found.questions),
        places=describe_places(found, Describer(loaded.document.find(BODY), found)),
    )
