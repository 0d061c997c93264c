"""Drafting: open, change, save, look back over and restore one consultation's draft.

The window and the command line both work through these functions. Every save
names the version it started from (the draft's ``version``) and is one write
transaction: the stored draft is read under the write lock and, when someone
saved since, the two are merged part by part (domain.merge). A clash on the same
answer is refused in one sentence and the refused text kept as a conflict
version, so nothing typed is lost. The review rules are checked here too, so the
window, the command line and any workspace kind obey the same ones: approving
needs every question answered (or gaps accepted), an Approved or Submitted
draft refuses changes to its response until reopened, and who approved and
when is recorded. Each version is signed with its author.

The chosen form is inspected and, for the authority's own file, a copy is kept
in the workspace's file store under its SHA-256 (the files folder, or the team
database's stored files) so later edits to the original cannot change the draft.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Connection

from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import (
    Draft,
    DraftStatus,
    FormChoice,
    changed_response_fields,
    describe_changes,
    lock_problem,
    questions_list,
    record_review,
)
from secresponder.domain.draft import effective_respondent as merge_respondent
from secresponder.domain.forms import RESPONDENT_KEYS, Answers, Respondent
from secresponder.domain.merge import Conflict, part_value, take_parts, three_way_merge
from secresponder.errors import InputError, NotFoundError, SecResponderError, WorkspaceError
from secresponder.fileio import read_limited
from secresponder.forms.api import inspect_form
from secresponder.forms.builtin import BuiltinForm, builtin_form_for_kind, builtin_forms
from secresponder.forms.safety import MAX_FILE_BYTES
from secresponder.services.identity import Person, current_user, parse_person
from secresponder.services.lookup import find_consultation
from secresponder.services.profile import load_profile
from secresponder.services.session import cached_files_dir
from secresponder.store.file_store import FileStore, checksum, files_for
from secresponder.store.records import VersionInfo
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.sql import session
from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.sql.session import AnyWorkspace

# Words that pick the built-in form suited to the consultation's kind.
BUILTIN_ALIASES = frozenset({"builtin", "built-in", "standard"})


def open_draft(ws: AnyWorkspace, ref: str) -> Draft:
    """The stored draft for the consultation ``ref`` names, or a new empty one (unsaved)."""
    with session.reading(ws) as conn:
        consultation_id, key = _find(conn, ref)
        draft = drafts_repo.load_draft(conn, consultation_id)
    return draft if draft is not None else Draft(consultation_key=key)


def _find(conn: Connection, ref: str) -> tuple[int, str]:
    """(id, key) of the consultation ``ref`` names (see services.lookup.find_consultation)."""
    found = drafts_repo.find_consultation(conn, ref)
    if found is None:
        shown = ref.strip() or "''"
        raise NotFoundError(
            f"No consultation {shown} in the workspace; `secresponder list` shows them."
        )
    return found


class DraftConflictError(SecResponderError):
    """A save clashed with someone else's change to the same part; the text was kept."""

    def __init__(self, result: SaveResult) -> None:
        super().__init__(result.message)
        self.result = result


class DraftLockedError(SecResponderError):
    """A change to an Approved or Submitted draft's response, refused until it is reopened."""


@dataclass(frozen=True)
class SaveResult:
    """What a save did.

    ``draft`` is the draft as stored now (merged with others' changes when
    ``merged``). ``conflicts`` lists the parts that clashed: the stored value
    stayed and yours was kept as version ``conflict_version``; ``message`` says
    so in one sentence (empty when there was no clash).
    """

    draft: Draft
    saved: bool
    merged: bool = False
    conflicts: tuple[Conflict, ...] = ()
    conflict_version: int | None = None
    message: str = ""

    @property
    def version(self) -> int:
        return self.draft.version


def save(
    ws: AnyWorkspace,
    draft: Draft,
    *,
    author: Person | str = "",
    clock: Clock = system_clock,
    base_version: int | None = None,
    summary: str | None = None,
) -> SaveResult:
    """Save ``draft``, started from version ``base_version`` (default ``draft.version``).

    Merges with whatever was saved since; a clash keeps the stored value and
    keeps yours as a conflict version (see SaveResult). Raises DraftLockedError
    for a change to an Approved or Submitted draft's response, and InputError
    for an approval with unanswered questions that were not accepted as gaps.
    """
    base_number = draft.version if base_version is None else base_version
    # Every version is signed: a caller that names nobody saves as the person working here.
    signed = str(author) if author else str(current_user())
    now = clock()
    refusal: str | None = None
    with session.transaction(ws) as conn:
        consultation_id = _consultation_id(conn, draft.consultation_key)
        # Saves of one draft queue here, so each reads what the one before stored.
        drafts_repo.lock_for_save(conn, consultation_id)
        current = drafts_repo.load_draft(conn, consultation_id)
        proposed, conflicts, yours, merged = draft, (), draft, False
        if current is not None and current.version != base_number:
            base = _base_draft(conn, consultation_id, base_number, current)
            outcome = three_way_merge(base, draft, current)
            proposed, conflicts, yours, merged = (
                outcome.draft, outcome.conflicts, outcome.yours_kept, True,
            )
        if current is not None:
            refusal = lock_problem(current, proposed)
        if refusal is None:
            _check_approval(current, proposed)
            proposed = record_review(current, proposed, signed, now)
            text = summary
            if merged and current is not None and text is None:
                changes = describe_changes(current, proposed)
                text = f"{changes} (merged with version {current.version})" if changes else None
            version = drafts_repo.save_draft(
                conn, consultation_id, proposed, now, author=signed,
                base_version=base_number or None, summary=text,
            )
            stored = replace(
                drafts_repo.load_draft(conn, consultation_id) or proposed, version=version
            )
            saved = current is None or version != current.version
        else:
            stored, saved = current, False
            # Someone locked the draft since this save started: keep what was typed.
            if merged and current is not None and changed_response_fields(current, yours):
                conflicts = conflicts or _locked_conflicts(current)
                # Kept with the status it was typed under, so restoring it after the
                # reopening does not approve it again.
                yours = take_parts(yours, draft, {"status"})
        conflict_version = None
        message = ""
        if conflicts:
            conflict_version = drafts_repo.keep_conflict(
                conn, consultation_id, yours, now, author=signed, base_version=base_number,
                summary="conflict, not current: "
                + ", ".join(c.label[0].lower() + c.label[1:] for c in conflicts),
            )
            message = _conflict_sentence(conn, consultation_id, base_number, conflicts,
                                         conflict_version, now)
    assert stored is not None
    if refusal is not None:
        kept = (f" Your text was kept as version {conflict_version} (a conflict) and can be "
                "restored once it is reopened." if conflict_version else "")
        raise DraftLockedError(_sentence(refusal) + kept)
    return SaveResult(stored, saved, merged, tuple(conflicts), conflict_version, message)


def save_draft(
    ws: AnyWorkspace, draft: Draft, *, clock: Clock = system_clock, author: Person | str = ""
) -> int:
    """Save ``draft`` (see ``save``); returns the current version number.

    A draft identical to the latest saved version adds no version and returns
    that version's number. Raises DraftConflictError when part of the save
    clashed with someone else's change (the rest is saved, the clashing text kept).
    """
    result = save(ws, draft, author=author, clock=clock)
    if result.conflicts:
        raise DraftConflictError(result)
    return result.version


def set_answer(
    ws: AnyWorkspace,
    ref: str,
    number: str,
    *,
    response: str | None = None,
    rationale: str | None = None,
    clock: Clock = system_clock,
    author: Person | str = "",
) -> int:
    """Set question ``number``'s position and/or rationale and save; returns the version."""
    draft = open_draft(ws, ref)
    known = [q.number for q in draft.questions()]
    if known and number not in known:
        raise InputError(
            f"The form has no question {number} (its questions are {', '.join(known)})."
        )
    return save_draft(ws, draft.with_answer(number, response, rationale), clock=clock,
                      author=author)


def use_kept(
    ws: AnyWorkspace,
    ref: str,
    conflict_version: int,
    keys: set[str] | frozenset[str],
    *,
    clock: Clock = system_clock,
    author: Person | str = "",
) -> SaveResult:
    """Resolve a conflict in favour of the kept text: the parts named by ``keys`` (conflict
    keys such as "answer:3") are taken from version ``conflict_version`` and saved over the
    current draft, as a new version."""
    with session.reading(ws) as conn:
        consultation_id, _ = _find(conn, ref)
        kept = drafts_repo.load_version(conn, consultation_id, conflict_version)
        current = drafts_repo.load_draft(conn, consultation_id)
    if current is None:
        raise NotFoundError("This consultation has no saved draft, so nothing to resolve.")
    chosen = take_parts(current, kept, keys)
    labels = ", ".join(sorted(keys))
    return save(ws, chosen, author=author, clock=clock,
                summary=f"kept text from version {conflict_version} used ({labels})")


def apply_answers(ws: AnyWorkspace, draft: Draft, answers: Answers) -> tuple[Draft, list[str]]:
    """``draft`` with an answers file laid on top, and a sentence for each answer the form has
    no question for (kept in the draft all the same).

    Answers replace the ones they name; comments, when given, replace the comments log;
    respondent details that differ from the Party profile become the draft's overrides.
    """
    known = {q.number for q in draft.questions()}
    warnings = []
    for number, answer in answers.answers.items():
        if known and number not in known:
            warnings.append(
                f"The form has no question {number}; its answer is kept in the draft but "
                "will not appear in the form."
            )
        draft = draft.with_answer(number, answer.response, answer.rationale)
    if answers.comments:
        draft = replace(draft, comments=answers.comments)
    profile = effective_respondent(ws, replace(draft, respondent_overrides={}))
    overrides: dict[str, str | bool] = {}
    for key in RESPONDENT_KEYS:
        value = answers.respondent.value(key)
        if key == "confidential":
            if value:
                overrides[key] = True
        elif value and value != profile.value(key):
            overrides[key] = value
    return (draft.with_overrides(**overrides) if overrides else draft), warnings


def set_status(
    ws: AnyWorkspace,
    ref: str,
    status: DraftStatus,
    *,
    sent_on: date | None = None,
    with_gaps: bool = False,
    clock: Clock = system_clock,
    author: Person | str = "",
) -> SaveResult:
    """Move ``ref``'s draft to ``status`` (approving, submitting or sending it back)."""
    draft = open_draft(ws, ref)
    try:
        moved = draft.with_status(status, sent_on, with_gaps=with_gaps)
    except ValueError as exc:
        raise InputError(_sentence(str(exc))) from None
    return save(ws, moved, author=author, clock=clock)


def reopen(
    ws: AnyWorkspace, ref: str, *, clock: Clock = system_clock, author: Person | str = ""
) -> SaveResult:
    """Put an Approved or Submitted draft back in Drafting so it can be changed (recorded)."""
    draft = open_draft(ws, ref)
    try:
        reopened = draft.reopened()
    except ValueError as exc:
        raise InputError(_sentence(str(exc))) from None
    return save(ws, reopened, author=author, clock=clock)


def _base_draft(conn: Connection, consultation_id: int, number: int, current: Draft) -> Draft:
    """The version a save started from; an empty draft for a save of a draft never saved."""
    if number <= 0:
        return Draft(current.consultation_key)
    try:
        return drafts_repo.load_version(conn, consultation_id, number)
    except NotFoundError:
        # The version it names is not in this workspace: merge against nothing, so
        # every part both sides have is treated as changed by both (clashes, kept).
        return Draft(current.consultation_key)


def _check_approval(current: Draft | None, proposed: Draft) -> None:
    """Approving needs every question answered, or the unanswered ones accepted as gaps."""
    if proposed.status is not DraftStatus.APPROVED:
        return
    if current is not None and current.status.is_locked:
        return
    missing = [n for n in proposed.unanswered() if n not in proposed.approved_gaps]
    if missing:
        raise InputError(
            f"The draft cannot be approved: {questions_list(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not answered; approve with gaps to "
            "approve it anyway."
        )


def _locked_conflicts(current: Draft) -> tuple[Conflict, ...]:
    """The response parts a save changed on a draft locked since it started."""
    label = f"The draft ({current.status.value} since)"
    return (Conflict("status", label, "", "your changes", current.status.value),)


def _conflict_sentence(
    conn: Connection, consultation_id: int, base: int, conflicts: tuple[Conflict, ...], kept: int,
    now: datetime,
) -> str:
    """ "Question 3 was changed by Sam Patel at 10:42 since you opened the draft; ..."."""
    since = drafts_repo.versions_after(conn, consultation_id, base)
    parts = []
    for conflict in conflicts:
        who, when = "someone else", None
        previous: Draft | None = None
        for info, version in since:
            value = part_value(version, conflict.key)
            if previous is None or part_value(previous, conflict.key) != value:
                who, when = _short_name(info.author), info.saved_at
            previous = version
        stamp = f" at {_time_text(when, now)}" if when else ""
        parts.append((conflict.label, f"by {who}{stamp}"))
    if len(parts) == 1:
        label, by = parts[0]
        what = f"{label} was changed {by}"
    else:
        listed = ", ".join(f"{label} ({by})" for label, by in parts)
        what = f"{listed[0].upper()}{listed[1:]} were changed"
    return (
        f"{what} since you opened the draft; your text was kept as version {kept} "
        "(a conflict) and can be restored."
    )


def _short_name(author: str) -> str:
    if not author:
        return "someone else"
    try:
        return parse_person(author).short
    except SecResponderError:
        return author


def _time_text(when: datetime, now: datetime) -> str:
    """ "10:42" today, "10:42 on 1 May 2023" another day (UK time)."""
    local, today = when.astimezone(LONDON), now.astimezone(LONDON).date()
    clock_text = local.strftime("%H:%M")
    if local.date() == today:
        return clock_text
    return f"{clock_text} on {local.day} {local.strftime('%B %Y')}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] if text else text


def history(ws: AnyWorkspace, ref: str) -> list[VersionInfo]:
    """The saved versions of ``ref``'s draft, oldest first (empty if never saved)."""
    with session.reading(ws) as conn:
        consultation_id, _ = _find(conn, ref)
        return drafts_repo.list_versions(conn, consultation_id)


def restore(
    ws: AnyWorkspace, ref: str, number: int, *, clock: Clock = system_clock,
    author: Person | str = "",
) -> int:
    """Make version ``number`` (a conflict version too) the current draft again, as a new
    version; returns its number."""
    with session.reading(ws) as conn:
        consultation_id, _ = _find(conn, ref)
        old = drafts_repo.load_version(conn, consultation_id, number)
        current = drafts_repo.load_draft(conn, consultation_id)
    base = current.version if current is not None else 0
    summary = None
    if current is not None:
        summary = f"restored version {number}: {describe_changes(current, old) or 'saved'}"
    result = save(ws, replace(old, version=base), author=author, clock=clock, summary=summary)
    if result.conflicts:
        raise DraftConflictError(result)
    return result.version


def choose_form(
    ws: AnyWorkspace, ref: str, path_or_builtin_key: str | os.PathLike[str],
    *, clock: Clock = system_clock, author: Person | str = "",
) -> Draft:
    """Use a form for ``ref``'s draft, save, and return the saved draft.

    ``path_or_builtin_key`` is the authority's .docx/.xlsx (inspected, then kept in
    the workspace by checksum), a built-in form key, or "builtin" for the built-in
    form suited to the consultation's kind.
    """
    stored = find_consultation(ws, ref)
    form = form_choice(ws, stored.key, path_or_builtin_key)
    with session.reading(ws) as conn:
        draft = drafts_repo.load_draft(conn, stored.id) or Draft(stored.key)
    result = save(ws, replace(draft, form=form), author=author, clock=clock)
    if result.conflicts:
        raise DraftConflictError(result)
    return result.draft


def form_choice(
    ws: AnyWorkspace, ref: str, path_or_builtin_key: str | os.PathLike[str]
) -> FormChoice:
    """Inspect (and, for a file, keep a copy of) a form for ``ref`` without saving the draft."""
    stored = find_consultation(ws, ref)
    return _form_choice(ws, str(path_or_builtin_key), stored.consultation.kind)


def effective_respondent(ws: AnyWorkspace, draft: Draft) -> Respondent:
    """The Party profile's respondent details with the draft's overrides on top."""
    return merge_respondent(load_profile(ws), draft.respondent_overrides)


def form_path(ws: AnyWorkspace, form: FormChoice) -> Path:
    """A local file of the chosen form to read or fill: the workspace copy (on a team
    database, a local copy of its stored file) or the bundled form."""
    if form.builtin_key is not None:
        return _builtin(form.builtin_key).path
    assert form.stored_name is not None
    files = stored_files(ws)
    try:
        return files.local_path(form.stored_name)
    except WorkspaceError:
        if files.exists(form.stored_name):
            raise  # there but unreadable or altered: its own sentence says which
    where = (ws.location.display if isinstance(ws, DatabaseWorkspace)
             else ws.files_dir / form.stored_name)
    raise InputError(
        f"{where}: the stored copy of the form {form.original_name} is missing; "
        "choose the form again with --template."
    )


def stored_files(ws: AnyWorkspace) -> FileStore:
    """The workspace's file store; a team database's files are copied, when a path is
    needed, into this computer's local folder for that database (once per checksum)."""
    return files_for(ws, cache_dir=cached_files_dir(ws))


def builtin_choice(kind: str | None) -> FormChoice:
    """The built-in form for a consultation kind, inspected."""
    form = builtin_form_for_kind(kind)
    return FormChoice(inspection=inspect_form(form.path), builtin_key=form.key)


def _form_choice(ws: AnyWorkspace, text: str, kind: str | None) -> FormChoice:
    path = Path(text).expanduser()
    if not path.exists():
        if text.strip().casefold() in BUILTIN_ALIASES:
            return builtin_choice(kind)
        keys = {f.key for f in builtin_forms()}
        if text in keys:
            form = _builtin(text)
            return FormChoice(inspection=inspect_form(form.path), builtin_key=form.key)
        raise InputError(
            f"{text}: no such form file, and not a built-in form "
            f"(built-in forms: {', '.join(sorted(keys))}, or 'builtin')."
        )
    return _copy_form(ws, path)


def _copy_form(ws: AnyWorkspace, path: Path) -> FormChoice:
    inspection = inspect_form(path)  # refuses unsafe or unreadable forms in one sentence
    data = read_limited(path, MAX_FILE_BYTES, what="form")
    digest = checksum(data)
    stored_name = f"{digest}.{inspection.format.value}"
    files = stored_files(ws)
    fresh = not files.exists(stored_name)
    if fresh:
        # Inspect the bytes we keep, as they will be filled (the file may have changed since
        # it was first read); a form refused here is never stored.
        with tempfile.TemporaryDirectory(prefix="secresponder-form-") as folder:
            kept = Path(folder) / path.name
            kept.write_bytes(data)
            inspection = inspect_form(kept)
    if fresh or not isinstance(ws, DatabaseWorkspace):
        # A folder's copy is written again if it was altered since; a team database keeps
        # the first row for a checksum, so a form already there is not sent again.
        files.put(data, stored_name, now=system_clock())
    from secresponder.services.form_corrections import corrected_choice  # (imports drafting)

    return corrected_choice(ws, FormChoice(  # read as the user corrected this form before
        inspection=inspection, original_name=path.name, sha256=digest, stored_name=stored_name
    ))


def _builtin(key: str) -> BuiltinForm:
    for form in builtin_forms():
        if form.key == key:
            return form
    raise InputError(f"{key}: is not a built-in form of this version of secresponder.")


def _consultation_id(conn: Connection, key: str) -> int:
    consultation_id = drafts_repo.consultation_id(conn, key)
    if consultation_id is None:
        raise NotFoundError(f"No consultation {key} in the workspace; its draft cannot be saved.")
    return consultation_id
