"""When the reader is unsure, the user decides: corrections kept per form (by checksum) and
applied to every draft on that form.

A correction is stored, then the draft's form is read again from its file with all of the
form's corrections applied and saved with the draft, in one step. Built-in forms are read
right by construction and take no corrections.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.draft import Draft, FormChoice
from secresponder.domain.form_corrections import (
    FormCorrection,
    apply_corrections,
    removed_numbers,
    unsure_places,
)
from secresponder.domain.forms import FormInspection
from secresponder.errors import InputError
from secresponder.forms.api import inspect_form
from secresponder.services import drafting
from secresponder.store import form_corrections_repo
from secresponder.store.workspace import Workspace


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


def corrections_for(ws: Workspace, sha256: str) -> tuple[FormCorrection, ...]:
    return form_corrections_repo.for_form(ws.connection, sha256)


def corrected_choice(ws: Workspace, form: FormChoice) -> FormChoice:
    """``form`` with the corrections stored for its checksum applied (unchanged when none)."""
    if form.sha256 is None:
        return form
    corrections = corrections_for(ws, form.sha256)
    if not corrections:
        return form
    return replace(form, inspection=apply_corrections(form.inspection, corrections))


def form_map(ws: Workspace, ref: str) -> FormMapView:
    """The draft's form read afresh from its file (places included), and as corrected."""
    form = _form_of(drafting.open_draft(ws, ref))
    read = inspect_form(drafting.form_path(ws, form))
    corrections = corrections_for(ws, form.sha256) if form.sha256 else ()
    return FormMapView(form.label, read, apply_corrections(read, corrections), corrections)


def correct_form(
    ws: Workspace,
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
    read = inspect_form(drafting.form_path(ws, form))
    with ws.transaction() as conn:
        if undo:
            form_corrections_repo.remove(conn, form.sha256, correction)
        else:
            form_corrections_repo.add(conn, form.sha256, correction, author=author, now=clock())
    corrections = corrections_for(ws, form.sha256)
    corrected = apply_corrections(read, corrections)
    stored_form = replace(form, inspection=replace(corrected, places=()))
    if stored_form != form:
        drafting.save_draft(ws, replace(draft, form=stored_form), clock=clock, author=author)
    return FormMapView(form.label, read, corrected, corrections)


def left_out_answers(ws: Workspace, draft: Draft) -> tuple[str, ...]:
    """Answers in ``draft`` to questions its form's corrections took away (not filled)."""
    if draft.form is None or draft.form.sha256 is None:
        return ()
    gone = removed_numbers(corrections_for(ws, draft.form.sha256))
    return tuple(n for n, a in draft.answers.items() if n in gone and not a.is_empty)


def _form_of(draft: Draft) -> FormChoice:
    if draft.form is None:
        raise InputError("Choose the response form first; the form map shows what it asks for.")
    return draft.form
