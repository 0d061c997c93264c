"""The drafting and export commands: draft, export and pack.

Registering these commands imports nothing heavy: the drafting and export
services (python-docx, openpyxl, icalendar) are imported by the handlers.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from secresponder.domain.deadline import DEFAULT_REMINDER_WORKING_DAYS
from secresponder.domain.draft import DraftStatus
from secresponder.errors import InputError

if TYPE_CHECKING:
    from secresponder.cli.context import CommandContext
    from secresponder.domain.draft import Draft
    from secresponder.domain.forms import Answers
    from secresponder.services.identity import Person
    from secresponder.services.types import StoredConsultation, Workspace

STATUS_CHOICES = ", ".join(status.value for status in DraftStatus)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "draft",
        parents=[common],
        help="create, update, show, list the history of or restore a stored draft",
        description="Create or update the stored draft for REF (a reference such as MP231, or "
        "the key from `list --json` for a consultation with no reference). All changes given "
        "together are saved as one version, signed with --user; a save that changes nothing "
        "adds none. Changes saved by someone else meanwhile are merged; a change to an answer "
        "they changed too is refused (exit 1) and your text kept as a conflict version. An "
        "Approved or Submitted draft refuses changes until --reopen.",
    )
    p.add_argument("ref", metavar="REF")
    p.add_argument(
        "--template",
        metavar="FILE|BUILTIN_KEY|linked",
        help="the authority's response form (.docx/.xlsx, kept in the workspace), a built-in "
        "form key, 'builtin' for the built-in form suited to the consultation, or 'linked' "
        "for the response form the consultation's page links (downloaded and attached)",
    )
    p.add_argument("--answers", metavar="ANSWERS.json", help="answers, comments and respondent "
                   "details to put in the draft (the answers-file shape)")
    p.add_argument("--status", metavar="S", help=f"move the draft on: {STATUS_CHOICES}; "
                   "approving needs every question answered, or --with-gaps")
    p.add_argument("--with-gaps", action="store_true", help="with --status Approved: approve "
                   "although some questions are unanswered (they are listed in the record)")
    p.add_argument("--owner", metavar="NAME", help="who is drafting the response")
    p.add_argument("--reviewer", metavar="NAME", help="who reviews the response")
    p.add_argument("--sent-on", metavar="DATE", help="date the response was sent (YYYY-MM-DD); "
                   "marks the draft Submitted")
    p.add_argument("--note", metavar="TEXT", help="add a paragraph to the draft's notes")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--show", action="store_true", help="show the draft")
    action.add_argument("--history", action="store_true", help="list the saved versions")
    action.add_argument("--restore", metavar="N", type=int, help="make version N current again "
                        "(saved as a new version); a conflict version too")
    action.add_argument("--reopen", action="store_true", help="put an Approved or Submitted "
                        "draft back in Drafting so it can be changed (recorded)")
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=run_draft)

    p = subparsers.add_parser(
        "export",
        parents=[common],
        help="the stored draft as filled form, .eml email draft and .ics reminder",
        description="Write REF's filled response form, an email draft (.eml) with the form "
        "attached, and a calendar reminder (.ics) into DIR. What is missing (unanswered "
        "questions, respondent details, a passed deadline) is listed on stderr and the export "
        "still happens, unless --strict is given. Existing files are never overwritten "
        "without --force.",
    )
    p.add_argument("ref", metavar="REF")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write into")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.add_argument("--strict", action="store_true", help="refuse to export if anything is missing")
    p.add_argument("--allow-unplaced", action="store_true", help="export even when some answers "
                   "have no place in the form (they are named as warnings)")
    p.add_argument(
        "--reminder-days",
        metavar="N",
        type=int,
        default=None,
        help="working days before the deadline for the calendar reminder "
        f"(default: as set in Preferences, else {DEFAULT_REMINDER_WORKING_DAYS}; 0 for none)",
    )
    p.add_argument("--json", action="store_true", help="print the files written as JSON")
    p.set_defaults(handler=run_export)

    p = subparsers.add_parser(
        "pack",
        parents=[common],
        help="a zip of several responses with an .xlsx tracker",
        description="Write a response pack: for each REF a folder with its filled form and "
        "email draft, plus tracker.xlsx with one row per consultation.",
    )
    p.add_argument("refs", nargs="+", metavar="REF")
    p.add_argument("-o", "--output", metavar="PACK.zip", required=True, help="the zip to write")
    p.add_argument("--force", action="store_true", help="overwrite the zip if it exists")
    p.add_argument("--strict", action="store_true", help="refuse if any response is incomplete")
    p.add_argument(
        "--notes", action="store_true", help="list each consultation's notes in the tracker"
    )
    p.add_argument("--json", action="store_true", help="print what the pack holds as JSON")
    p.set_defaults(handler=run_pack)


# --- draft ---------------------------------------------------------------------------------


def run_draft(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import drafting
    from secresponder.services.identity import current_user
    from secresponder.services.lookup import find_consultation

    changes = any(
        v is not None
        for v in (args.template, args.answers, args.status, args.owner, args.reviewer,
                  args.sent_on, args.note)
    )
    if changes and (args.show or args.history or args.restore is not None or args.reopen):
        raise InputError(
            "Changes cannot be combined with --show, --history, --restore or --reopen; run "
            "them separately."
        )
    if args.with_gaps and args.status is None:
        raise InputError("--with-gaps goes only with --status Approved.")
    author = current_user(context.user)
    with context.open_workspace() as ws:
        stored = find_consultation(ws, args.ref)
        label = stored.consultation.reference or stored.key
        if args.history:
            return _print_history(context, ws, stored)
        if args.restore is not None:
            version = drafting.restore(ws, stored.key, args.restore, clock=context.clock,
                                       author=author)
            context.print(f"{label}: version {args.restore} restored as version {version}.")
            return 0
        if args.reopen:
            result = drafting.reopen(ws, stored.key, clock=context.clock, author=author)
            context.print(f"{label}: draft reopened as version {result.version}.")
            return 0
        if not args.show:
            _update(context, ws, stored, args, label, author)
            if not context.json:
                return 0
        draft = drafting.open_draft(ws, stored.key)
        return _print_draft(context, ws, stored, draft)


def _update(context: CommandContext, ws: Workspace, stored: StoredConsultation,
            args: argparse.Namespace, label: str, author: Person) -> None:
    from dataclasses import replace

    from secresponder.forms.api import load_answers
    from secresponder.services import drafting

    draft = drafting.open_draft(ws, stored.key)
    if args.template is not None:
        from secresponder.services import linked_form  # "linked": the page's own form

        form = linked_form.form_choice(ws, stored.key, args.template, clock=context.clock,
                                       tell=None if context.json else context.print)
        draft = replace(draft, form=form)
    if args.answers is not None:
        draft = _apply_answers(context, ws, draft, load_answers(args.answers))
    if args.owner is not None:
        draft = replace(draft, owner=args.owner.strip())
    if args.reviewer is not None:
        draft = replace(draft, reviewer=args.reviewer.strip())
    if args.note:
        notes = f"{draft.notes}\n\n{args.note.strip()}" if draft.notes else args.note.strip()
        draft = replace(draft, notes=notes)
    if args.status is not None or args.sent_on is not None:
        draft = _apply_status(draft, args.status, args.sent_on, args.with_gaps)
    result = drafting.save(ws, draft, author=author, clock=context.clock)
    version = result.version
    if not context.json:
        if not result.saved:
            context.print(f"{label}: nothing changed; the draft stays at version {version}.")
        else:
            summary = next(
                e.summary for e in reversed(drafting.history(ws, stored.key))
                if e.number == version
            )
            context.print(f"{label}: draft saved as version {version} ({summary}).")
    if result.conflicts:
        raise drafting.DraftConflictError(result)


def _apply_answers(context: CommandContext, ws: Workspace, draft: Draft,
                   answers: Answers) -> Draft:
    from secresponder.services import drafting

    merged, warnings = drafting.apply_answers(ws, draft, answers)
    for warning in warnings:
        context.warn(f"secresponder: warning: {warning[0].lower()}{warning[1:]}")
    return merged


def _apply_status(draft: Draft, status_text: str | None, sent_on_text: str | None,
                  with_gaps: bool = False) -> Draft:
    from datetime import date

    from secresponder.domain.draft import DraftStatus

    sent_on = None
    if sent_on_text is not None:
        try:
            sent_on = date.fromisoformat(sent_on_text.strip())
        except ValueError:
            raise InputError(
                f"--sent-on {sent_on_text}: is not a date; write it as YYYY-MM-DD."
            ) from None
    try:
        status = DraftStatus.parse(status_text) if status_text else DraftStatus.SUBMITTED
        if with_gaps and status is not DraftStatus.APPROVED:
            raise InputError("--with-gaps goes only with --status Approved.")
        return draft.with_status(status, sent_on, with_gaps=with_gaps)
    except ValueError as exc:
        raise InputError(_sentence(str(exc).replace("approve with gaps", "use --with-gaps")))\
            from None


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] if text else text


def _print_history(context: CommandContext, ws: Workspace, stored: StoredConsultation) -> int:
    from secresponder.services import drafting

    entries = drafting.history(ws, stored.key)
    if context.json:
        context.print_json(
            [
                {"number": e.number, "saved_at": e.saved_at.isoformat(), "author": e.author,
                 "summary": e.summary, "conflict": e.conflict}
                for e in entries
            ]
        )
        return 0
    label = stored.consultation.reference or stored.key
    if not entries:
        context.print(f"{label}: no draft has been saved yet.")
        return 0
    for e in entries:
        stamp = e.saved_at.strftime("%Y-%m-%d %H:%M")
        who = f"  {e.author}" if e.author else ""
        mark = "  [conflict, not current]" if e.conflict else ""
        context.print(f"{e.number:>4}  {stamp}{who}  {e.summary}{mark}")
    return 0


def _print_draft(context: CommandContext, ws: Workspace, stored: StoredConsultation,
                 draft: Draft) -> int:
    from secresponder.domain.deadline import describe_time_left, format_deadline
    from secresponder.domain.draft import readiness_warnings
    from secresponder.services import drafting

    now = context.clock()
    if context.json:
        from secresponder.services.draft_summary import draft_json

        context.print_json(draft_json(ws, stored, draft, now))
        return 0
    c = stored.consultation
    heading = " ".join(x for x in (c.reference, c.title) if x)
    context.print(heading)
    context.print("=" * min(len(heading), 100))
    saved = f"version {draft.version}" if draft.version else "not saved yet"
    context.print(f"Draft: {draft.status.value} ({saved})")
    if draft.sent_on:
        context.print(f"Sent on: {draft.sent_on.isoformat()}")
    left = describe_time_left(c.closes_at, now)
    context.print(f"Closes: {format_deadline(c.closes_at)} ({left})")
    context.print(f"Owner: {draft.owner or '-'}    Reviewer: {draft.reviewer or '-'}")
    context.print(f"Form: {draft.form.label if draft.form else 'none chosen'}")
    r = drafting.effective_respondent(ws, draft)
    details = ", ".join(x for x in (r.name, r.organisation, r.email, r.phone) if x)
    context.print(f"Respondent: {details or '-'}")
    for q in draft.questions():
        answer = draft.answers.get(q.number)
        context.print()
        context.print(f"Q{q.number}. {q.text}")
        if answer is None:
            context.print("   (not answered)")
            continue
        if answer.response:
            context.print(f"   Position: {answer.response}")
        for para in answer.paragraphs():
            context.print(f"   {para}")
    if draft.comments:
        context.print()
        context.print(f"Comments: {len(draft.comments)}")
    if draft.notes:
        context.print()
        context.print("Notes:")
        context.print(draft.notes)
    missing = readiness_warnings(draft, r, c.closes_at, now)
    if missing:
        context.print()
        context.print("Missing before sending:")
        for line in missing:
            context.print(f"  - {line}")
    return 0


# --- export and pack -----------------------------------------------------------------------


def run_export(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.exporting import export_response
    from secresponder.services.preferences import workspace_preferences

    with context.open_workspace() as ws:
        days = args.reminder_days
        if days is None:
            days = workspace_preferences(ws).reminder_days
        result = export_response(
            ws,
            args.ref,
            args.output,
            force=args.force,
            strict=args.strict,
            allow_unplaced=args.allow_unplaced,
            reminder_days=days,
            clock=context.clock,
        )
    _warn_missing(context, {args.ref: list(result.warnings)})
    if context.json:
        context.print_json(
            {"files": [str(p) for p in result.files], "warnings": list(result.warnings)}
        )
        return 0
    for path in result.files:
        context.print(f"wrote {path}")
    return 0


def run_pack(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.exporting import export_pack

    with context.open_workspace() as ws:
        result = export_pack(
            ws, args.refs, args.output, force=args.force, strict=args.strict,
            clock=context.clock, with_notes=args.notes,
        )
    _warn_missing(context, result.warnings)
    if context.json:
        context.print_json(
            {"file": str(result.path), "entries": result.names, "warnings": result.warnings}
        )
        return 0
    context.print(f"wrote {result.path} ({len(result.names)} files)")
    return 0


def _warn_missing(context: CommandContext, warnings: dict[str, list[str]]) -> None:
    shown = {label: lines for label, lines in warnings.items() if lines}
    if not shown:
        return
    for label, lines in shown.items():
        for line in lines:
            context.warn(f"secresponder: warning: {label}: {line}")
    context.warn(
        "secresponder: exported anyway; use --strict to refuse exporting incomplete responses."
    )
