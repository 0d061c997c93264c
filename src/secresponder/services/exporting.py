"""Exporting: a stored draft as filled form + email draft + calendar reminder, and packs.

Before anything is written the export lists what is missing (unanswered
questions, respondent details, a passed deadline) and checks that none of its
output files exists unless overwriting was allowed. The files are written to
temporary names and put in place together, so a failure (or a file open in Word)
leaves the folder as it was.
Packs are built into one temporary zip renamed into place at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import (
    Draft,
    FormChoice,
    answers_for_form,
    readiness_warnings,
)
from secresponder.domain.form_corrections import FormCorrection
from secresponder.domain.forms import RESPONDENT_KEYS, Answers, FilledForm, Respondent
from secresponder.errors import InputError, SecResponderError
from secresponder.exports.eml import Attachment, build_eml
from secresponder.exports.ics import DEFAULT_REMINDER_DAYS, build_ics
from secresponder.exports.naming import response_stem, safe_file_name, safe_name, unique_name
from secresponder.exports.pack import PackFile, PackFolder, PackWriter
from secresponder.exports.tracker import TrackerRow
from secresponder.fileio import (
    atomic_write_with,
    check_writable_target,
    write_files_together,
)
from secresponder.forms.api import (
    UnplacedError,
    checked_fill,
    fill_with_report,
    refused_unplaced,
)
from secresponder.forms.builtin import builtin_form_for_kind, name_consultation
from secresponder.forms.corrections import corrections_in_effect
from secresponder.forms.safety import check_office_file
from secresponder.services import drafting, form_corrections
from secresponder.services.alerts import record_export
from secresponder.services.lookup import find_consultation
from secresponder.store.records import Note
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.sql import notes as notes_repo
from secresponder.store.sql import session
from secresponder.store.sql.session import AnyWorkspace
from secresponder.store.workspace import Workspace

NOT_STARTED = "Not started"


class ExportCancelled(SecResponderError):
    """The user stopped a pack before it was finished; nothing was written."""


class NotReadyError(InputError):
    """``--strict`` export refused because something is missing."""


@dataclass(frozen=True)
class ExportPlan:
    """What one export will use and write, and what is missing, before anything is written."""

    consultation: Consultation
    draft: Draft
    form: FormChoice
    form_path: Path
    respondent: Respondent
    form_name: str
    eml_name: str
    ics_name: str
    warnings: tuple[str, ...]
    # Answers to questions the user's corrections of the form took away: not filled.
    left_out: tuple[str, ...] = ()
    # The user's corrections of the form, applied by its reader while filling.
    corrections: tuple[FormCorrection, ...] = ()

    @property
    def label(self) -> str:
        c = self.consultation
        return c.reference or c.title


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    warnings: tuple[str, ...]


@dataclass
class PackResult:
    path: Path
    names: list[str] = field(default_factory=list)
    # Per consultation label, what was missing (only those with something missing).
    warnings: dict[str, list[str]] = field(default_factory=dict)


def plan_export(
    ws: AnyWorkspace, ref: str, *, clock: Clock = system_clock, check_places: bool = False
) -> ExportPlan:
    """Everything an export of ``ref`` needs, with its warnings; writes nothing.

    ``check_places`` also fills the form in memory to warn of answers with no place in
    it, for asking the user before an export that allows them.
    """
    stored = find_consultation(ws, ref)
    with session.reading(ws) as conn:
        draft = drafts_repo.load_draft(conn, stored.id) or Draft(stored.key)
    plan = _plan(ws, stored.consultation, draft, clock)
    if check_places:
        warnings = plan.warnings + _unplaced_warnings(unplaced_answers(plan))
        if plan.form.sha256 is not None:
            unsure = form_corrections.form_map(ws, stored.key).unsure
            if unsure:
                warnings += (
                    f"The form reader is unsure of {len(unsure)} "
                    + ("place" if len(unsure) == 1 else "places")
                    + " (" + "; ".join(unsure[:3]) + ("; …" if len(unsure) > 3 else "")
                    + "); check them in the form map.",
                )
        plan = replace(plan, warnings=warnings)
    return plan


def _plan(ws: AnyWorkspace, consultation: Consultation, draft: Draft, clock: Clock) -> ExportPlan:
    warnings: list[str] = []
    form = draft.form
    if form is None:
        builtin = builtin_form_for_kind(consultation.kind)
        form = drafting.builtin_choice(consultation.kind)
        warnings.append(f"No form was chosen; the built-in form '{builtin.title}' is used.")
        draft = replace(draft, form=form)
    respondent = drafting.effective_respondent(ws, draft)
    warnings += readiness_warnings(draft, respondent, consultation.closes_at, clock())
    left_out = form_corrections.left_out_answers(ws, draft)
    if left_out:
        warnings.append(
            f"The answer to question {left_out[0]} is not filled: in the form map it is not "
            "a question of its own." if len(left_out) == 1 else
            f"The answers to questions {', '.join(left_out)} are not filled: in the form map "
            "they are not questions of their own."
        )
    stem = response_stem(consultation.reference, respondent.organisation, consultation.title)
    return ExportPlan(
        consultation=consultation,
        draft=draft,
        form=form,
        form_path=drafting.form_path(ws, form),
        respondent=respondent,
        form_name=safe_file_name(stem, f".{form.inspection.format.value}"),
        eml_name=safe_file_name(stem, ".eml"),
        ics_name=safe_file_name(f"{stem} deadline", ".ics"),
        warnings=tuple(warnings),
        left_out=left_out,
        corrections=(
            form_corrections.corrections_for(ws, form.sha256) if form.sha256 else ()
        ),
    )


def _refuse_if_strict(plan: ExportPlan, strict: bool) -> None:
    if strict and plan.warnings:
        raise NotReadyError(
            f"{plan.label}: not exported because --strict was given and "
            + "; ".join(w[:1].lower() + w[1:].rstrip(".") for w in plan.warnings)
            + "."
        )


def fill_bytes(plan: ExportPlan) -> bytes:
    """The filled form for a plan, as bytes (answers with no place are left out)."""
    return filled_form(plan).data


def filled_form(plan: ExportPlan) -> FilledForm:
    """The filled form for a plan with its report; a built-in form also names the consultation.

    Filled and read back by the one checked fill of forms.api; answers with no place are
    left out and listed in ``report.unplaced`` (see :func:`unplaced_answers`).
    """
    with corrections_in_effect(plan.corrections):  # read as the user corrected the form
        filled = checked_fill(
            check_office_file(plan.form_path), _form_answers(plan), allow_unplaced=True
        )
    if not plan.form.builtin_key:
        return filled
    return FilledForm(
        name_consultation(filled.data, consultation_line(plan.consultation)), filled.report
    )


def unplaced_answers(plan: ExportPlan) -> tuple[str, ...]:
    """The answers and comments of a plan that have no place in its form (for asking first)."""
    with corrections_in_effect(plan.corrections):
        report = fill_with_report(check_office_file(plan.form_path), _form_answers(plan)).report
    return refused_unplaced(report)


def _form_answers(plan: ExportPlan) -> Answers:
    """What goes into the form; respondent details the form does not ask for are left out,
    and so are answers to what the user marked as not a question."""
    answers = answers_for_form(plan.draft, plan.respondent)
    if plan.left_out:
        kept = {n: a for n, a in answers.answers.items() if n not in plan.left_out}
        answers = replace(answers, answers=kept)
    fields = plan.form.inspection.respondent_fields
    if not fields:
        return answers
    asked = {f.key for f in fields if f.key}
    unasked = {k: ("" if k != "confidential" else False) for k in RESPONDENT_KEYS if k not in asked}
    return replace(answers, respondent=replace(answers.respondent, **unasked))


def consultation_line(consultation: Consultation) -> str:
    """ "MP092 New Planned Maintenance methodology (Refinement Consultation)"."""
    line = " ".join(p for p in (consultation.reference, consultation.title) if p)
    return f"{line} ({consultation.kind})" if consultation.kind else line


def export_response(
    ws: AnyWorkspace,
    ref: str,
    out_dir: str | Path,
    *,
    force: bool = False,
    strict: bool = False,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    clock: Clock = system_clock,
    allow_unplaced: bool = False,
) -> ExportResult:
    """Write the filled form, the .eml draft and the .ics reminder for ``ref`` into ``out_dir``.

    Answers with no place in the form stop the export (nothing is written) unless
    ``allow_unplaced``, when they are named among the warnings.
    """
    if reminder_days < 0:
        raise InputError("The reminder must be zero or more working days before the deadline.")
    plan = plan_export(ws, ref, clock=clock)
    _refuse_if_strict(plan, strict)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file, not a folder to export into.")
    targets = [out / plan.form_name, out / plan.eml_name, out / plan.ics_name]
    for target in targets:  # every target is checked before any is written
        check_writable_target(target, overwrite=force)

    filled = filled_form(plan)
    unplaced = refused_unplaced(filled.report)
    if unplaced and not allow_unplaced:
        raise UnplacedError.refusing(
            plan.label, unplaced, outcome="not exported", noun="answer",
            hint="; nothing was written (--allow-unplaced exports the rest)",
        )
    plan = replace(plan, warnings=plan.warnings + _unplaced_warnings(unplaced))
    form_data = filled.data
    eml_data = build_eml(
        plan.consultation, plan.respondent, Attachment(plan.form_name, form_data)
    )
    ics_data = build_ics(
        plan.consultation,
        now=clock(),
        reminder_days=reminder_days,
        organisation=plan.respondent.organisation,
    )
    # All three go to temporary names first and are put in place together: a file open
    # in Word or a failure part-way never leaves a mix of old and new files.
    write_files_together(list(zip(targets, (form_data, eml_data, ics_data), strict=True)),
                         overwrite=force)
    if not (isinstance(ws, Workspace) and ws.read_only):  # a team database is never read-only
        # The reminder now names this deadline, so a later move of it is flagged as stale.
        record_export(ws, plan.draft.consultation_key, plan.consultation.closes_at)
    return ExportResult(files=tuple(targets), warnings=plan.warnings)


def _unplaced_warnings(unplaced: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"Not placed in the form: {phrase.rstrip('.')}." for phrase in unplaced)


def tracker_row(plan: ExportPlan, stored_draft: Draft | None, notes: str = "") -> TrackerRow:
    c = plan.consultation
    draft = plan.draft
    return TrackerRow(
        reference=c.reference or "",
        title=c.title,
        kind=c.kind or "",
        closes_at=c.closes_at,
        status=stored_draft.status.value if stored_draft else NOT_STARTED,
        owner=draft.owner,
        reviewer=draft.reviewer,
        positions=[
            (q.number, draft.answers[q.number].response if q.number in draft.answers else "")
            for q in plan.form.inspection.questions
        ],
        notes=notes,
    )


def notes_text(notes: Sequence[Note]) -> str:
    """A consultation's notes for the tracker: each dated (UK local), oldest first."""
    return "\n\n".join(
        f"{note.created_at.astimezone(LONDON):%d/%m/%Y %H:%M} {note.body.strip()}"
        for note in notes
    )


def export_pack(
    ws: AnyWorkspace,
    refs: Sequence[str],
    out_zip: str | Path,
    *,
    force: bool = False,
    strict: bool = False,
    clock: Clock = system_clock,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    with_notes: bool = False,
) -> PackResult:
    """A zip with each consultation's filled form and .eml in its own folder, plus tracker.xlsx.

    ``with_notes`` lists each consultation's notes in the tracker.

    ``progress(done, total)`` is called after each consultation; when ``cancelled()``
    turns true the pack stops and nothing is written.
    """
    if not refs:
        raise InputError("Name at least one consultation to put in the pack.")
    target = Path(out_zip)
    check_writable_target(target, overwrite=force)
    # Resolve every reference first, so a typo fails before any work.
    found = []
    seen_ids: set[int] = set()
    for ref in refs:
        stored = find_consultation(ws, ref)
        if stored.id not in seen_ids:
            seen_ids.add(stored.id)
            found.append(stored)
    with session.reading(ws) as conn:
        drafts = drafts_repo.load_drafts(conn, [s.id for s in found])
        notes = ({s.id: notes_text(notes_repo.notes_for(conn, s.id)) for s in found}
                 if with_notes else {})
    plans = []
    for stored in found:
        plan = _plan(ws, stored.consultation, drafts.get(stored.id) or Draft(stored.key), clock)
        _refuse_if_strict(plan, strict)
        plans.append(plan)

    result = PackResult(path=target)
    now = clock()

    def write(fh) -> None:
        taken: set[str] = set()
        rows = []
        with PackWriter(fh) as writer:
            for done, (stored, plan) in enumerate(zip(found, plans, strict=True), start=1):
                if cancelled is not None and cancelled():
                    raise ExportCancelled(f"{target}: the pack was cancelled; nothing was written.")
                filled = filled_form(plan)
                form_data = filled.data
                plan = replace(plan, warnings=plan.warnings + _unplaced_warnings(
                    refused_unplaced(filled.report)))
                eml = build_eml(
                    plan.consultation, plan.respondent, Attachment(plan.form_name, form_data)
                )
                folder = unique_name(safe_name(_folder_label(plan.consultation)), taken)
                result.names += writer.add_folder(
                    PackFolder(folder, [PackFile(plan.form_name, form_data),
                                        PackFile(plan.eml_name, eml)])
                )
                rows.append(tracker_row(plan, drafts.get(stored.id), notes.get(stored.id, "")))
                if plan.warnings:
                    result.warnings[plan.label] = list(plan.warnings)
                if progress is not None:
                    progress(done, len(plans))
            result.names.append(writer.add_tracker(rows, now=now, with_notes=with_notes))

    atomic_write_with(target, write, overwrite=force)
    return result


def _folder_label(c: Consultation) -> str:
    if c.reference:
        return f"{c.reference} {c.title}"[:80]
    return c.title[:80]
