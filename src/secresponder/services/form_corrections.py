"""When the reader is unsure, the user decides: corrections kept per form (by checksum) and
applied to every draft on that form.

A correction is stored, then the draft's form is read again from its file with all of the
form's corrections applied and saved with the draft, in one step. Built-in forms are read
right by construction and take no corrections.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, replace

from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.draft import Draft, FormChoice
from secresponder.domain.form_corrections import (
    CorrectionKind,
    FormCorrection,
    apply_corrections,
    removed_numbers,
    unsure_places,
)
from secresponder.domain.forms import RESPONDENT_KEYS, FormFormat, FormInspection
from secresponder.errors import InputError, SecResponderError
from secresponder.forms.api import inspect_form
from secresponder.forms.corrections import corrections_in_effect
from secresponder.services import drafting
from secresponder.store.sql import form_corrections as corrections_store
from secresponder.store.sql import session
from secresponder.store.sql.session import AnyWorkspace


@dataclass(frozen=True)
class FormMapView:
    """What the form map shows: the form as read, as corrected, and the corrections."""

    label: str
    read: FormInspection  # what the reader found, places included
    corrected: FormInspection  # with the user's corrections applied
    corrections: tuple[FormCorrection, ...]

    @property
    def unsure(self) -> list[str]:
        return unsure_places(self.corrected)


def corrections_for(ws: AnyWorkspace, sha256: str) -> tuple[FormCorrection, ...]:
    """The corrections kept for the form with this checksum, in the order they were made."""
    with session.reading(ws) as conn:
        return corrections_store.for_form(conn, sha256)


def reading(ws: AnyWorkspace, form: FormChoice) -> contextlib.AbstractContextManager[None]:
    """Read or fill ``form`` inside this, so that the reader applies the form's corrections."""
    return corrections_in_effect(corrections_for(ws, form.sha256) if form.sha256 else ())


def corrected_choice(ws: AnyWorkspace, form: FormChoice) -> FormChoice:
    """``form`` read with the corrections stored for its checksum (unchanged when none)."""
    if form.sha256 is None:
        return form
    corrections = corrections_for(ws, form.sha256)
    if not corrections:
        return form
    with corrections_in_effect(corrections):
        read = inspect_form(drafting.form_path(ws, form))
    return replace(form, inspection=apply_corrections(read, corrections))


def _corrected(ws: AnyWorkspace, form: FormChoice, corrections: tuple[FormCorrection, ...]
               ) -> FormInspection:
    with corrections_in_effect(corrections):
        return apply_corrections(inspect_form(drafting.form_path(ws, form)), corrections)


def form_map(ws: AnyWorkspace, ref: str) -> FormMapView:
    """The draft's form read afresh from its file (places included), and as corrected."""
    form = _form_of(drafting.open_draft(ws, ref))
    read = inspect_form(drafting.form_path(ws, form))
    corrections = corrections_for(ws, form.sha256) if form.sha256 else ()
    corrected = _corrected(ws, form, corrections) if corrections else read
    return FormMapView(form.label, read, corrected, corrections)


def form_blocks(ws: AnyWorkspace, ref: str) -> list[tuple[str, str]]:
    """The draft's form as (name, text) of each paragraph and table cell, for marking one as
    a question or an answer place; empty for forms that cannot be marked (Excel)."""
    form = _form_of(drafting.open_draft(ws, ref))
    if form.inspection.format is not FormFormat.DOCX or form.sha256 is None:
        return []
    from secresponder.forms.docx.corrections import form_blocks as docx_blocks
    from secresponder.forms.docx.package import DOCUMENT_PART, DocxPackage
    from secresponder.forms.docx.wordml import BODY

    package = DocxPackage.open(drafting.form_path(ws, form))
    document = package.parse(DOCUMENT_PART, package.part(DOCUMENT_PART) or b"")
    body = None if document is None else document.find(BODY)
    return [] if body is None else [(b.name, b.text) for b in docx_blocks(body)]


def correct_form(
    ws: AnyWorkspace,
    ref: str,
    correction: FormCorrection,
    *,
    undo: bool = False,
    clock: Clock = system_clock,
    author: str = "",
) -> FormMapView:
    """Keep (or with ``undo`` drop) a correction for the draft's form, re-read the form with
    all of its corrections and save the draft on it; returns the new form map."""
    draft = drafting.open_draft(ws, ref)
    form = _form_of(draft)
    if form.sha256 is None:
        raise InputError(
            f"{form.label}: a built-in form is read as it was made and takes no corrections."
        )
    if not undo:
        _check_marking(ws, ref, form, correction)
    read = inspect_form(drafting.form_path(ws, form))
    with session.transaction(ws) as conn:
        if undo:
            corrections_store.remove(conn, form.sha256, correction)
        else:
            corrections_store.add(conn, form.sha256, correction, author=author, now=clock())
    corrections = corrections_for(ws, form.sha256)
    try:
        corrected = _corrected(ws, form, corrections)
    except SecResponderError:
        # The form does not read with it: keep things as they were.
        with session.transaction(ws) as conn:
            if undo:
                corrections_store.add(conn, form.sha256, correction, author=author, now=clock())
            else:
                corrections_store.remove(conn, form.sha256, correction)
        raise
    stored_form = replace(form, inspection=replace(corrected, places=()))
    if stored_form != form:
        drafting.save_draft(ws, replace(draft, form=stored_form), clock=clock, author=author)
    return FormMapView(form.label, read, corrected, corrections)


def left_out_answers(ws: AnyWorkspace, draft: Draft) -> tuple[str, ...]:
    """Answers in ``draft`` to questions its form's corrections took away (not filled)."""
    if draft.form is None or draft.form.sha256 is None:
        return ()
    gone = removed_numbers(corrections_for(ws, draft.form.sha256))
    return tuple(n for n, a in draft.answers.items() if n in gone and not a.is_empty)


_ITEM = re.compile(r"^(answer \S+ (response|rationale)|respondent (\w+))$")


def _check_marking(ws: AnyWorkspace, ref: str, form: FormChoice, c: FormCorrection) -> None:
    """Refuse marking a block that the form does not have, or an item that cannot be filled."""
    if c.kind not in (CorrectionKind.QUESTION, CorrectionKind.PLACE):
        return
    if form.inspection.format is not FormFormat.DOCX:
        raise InputError(
            f"{form.label}: marking a question or an answer place is possible in Word forms "
            "only; in an Excel form, unmark or join what was read instead."
        )
    if c.value not in {name for name, _ in form_blocks(ws, ref)}:
        raise InputError(f"{form.label}: has no {c.value}.")
    if c.kind is CorrectionKind.QUESTION and not c.target.strip():
        raise InputError("A question needs a number.")
    if c.kind is CorrectionKind.PLACE:
        matched = _ITEM.match(c.target)
        if not matched or (matched.group(3) and matched.group(3) not in RESPONDENT_KEYS):
            raise InputError(
                f"{c.target}: is not something a form is filled with (an answer's response "
                "or rationale, or a respondent detail)."
            )


def _form_of(draft: Draft) -> FormChoice:
    if draft.form is None:
        raise InputError("Choose the response form first; the form map shows what it asks for.")
    return draft.form
