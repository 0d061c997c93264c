"""Reading a .docx response form: what it asks (respondent fields and questions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import (
    FormFormat,
    FormInspection,
    FormKind,
    Question,
    RespondentField,
)
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
    found = locate(body, numbers)
    if not found.questions:
        raise FormError(
            f"{path}: no consultation questions were found (looked for a question table, "
            "numbered questions and per-question tables)."
        )
    return LoadedForm(package=package, document_bytes=document_bytes, document=document, map=found)


def inspect_docx(path: Path) -> FormInspection:
    """The respondent fields and questions of a .docx response form, in document order."""
    found = load_form(Path(path)).map
    return FormInspection(
        format=FormFormat.DOCX,
        kind=FormKind.QUESTIONS,
        respondent_fields=tuple(RespondentField(f.key, f.label) for f in found.respondent),
        questions=tuple(Question(q.number, q.text, q.options) for q in found.questions),
    )
