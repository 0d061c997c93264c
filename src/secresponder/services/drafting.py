"""Drafting: open, change, save, look back over and restore one consultation's draft.

The window and the command line both work through these functions. Every save
is one write transaction that adds a version only when something changed; the
chosen form is inspected and, for the authority's own file, a copy is kept in
the workspace files folder under its SHA-256 so later edits to the original
cannot change the draft.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import replace
from pathlib import Path

from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.draft import Draft, FormChoice
from secresponder.domain.draft import effective_respondent as merge_respondent
from secresponder.domain.forms import Respondent
from secresponder.errors import InputError, NotFoundError
from secresponder.fileio import atomic_write_bytes, read_limited
from secresponder.forms.api import inspect_form
from secresponder.forms.builtin import BuiltinForm, builtin_form_for_kind, builtin_forms
from secresponder.forms.safety import MAX_FILE_BYTES
from secresponder.services.lookup import find_consultation
from secresponder.store import catalogue_repo, drafts_repo, settings_repo
from secresponder.store.drafts_repo import VersionInfo
from secresponder.store.workspace import Workspace

# Words that pick the built-in form suited to the consultation's kind.
BUILTIN_ALIASES = frozenset({"builtin", "built-in", "standard"})


def open_draft(ws: Workspace, ref: str) -> Draft:
    """The stored draft for the consultation ``ref`` names, or a new empty one (unsaved)."""
    stored = find_consultation(ws, ref)
    draft = drafts_repo.load_draft(ws.connection, stored.id)
    return draft if draft is not None else Draft(consultation_key=stored.key)


def save_draft(ws: Workspace, draft: Draft, *, clock: Clock = system_clock) -> int:
    """Save ``draft`` in one transaction; returns its version number.

    A draft identical to the latest saved version adds no version and returns
    that version's number.
    """
    with ws.transaction() as conn:
        consultation_id = _consultation_id(conn, draft.consultation_key)
        return drafts_repo.save_draft(conn, consultation_id, draft, clock())


def set_answer(
    ws: Workspace,
    ref: str,
    number: str,
    *,
    response: str | None = None,
    rationale: str | None = None,
    clock: Clock = system_clock,
) -> int:
    """Set question ``number``'s position and/or rationale and save; returns the version."""
    draft = open_draft(ws, ref)
    known = [q.number for q in draft.questions()]
    if known and number not in known:
        raise InputError(
            f"The form has no question {number} (its questions are {', '.join(known)})."
        )
    return save_draft(ws, draft.with_answer(number, response, rationale), clock=clock)


def history(ws: Workspace, ref: str) -> list[VersionInfo]:
    """The saved versions of ``ref``'s draft, oldest first (empty if never saved)."""
    stored = find_consultation(ws, ref)
    return drafts_repo.list_versions(ws.connection, stored.id)


def restore(ws: Workspace, ref: str, number: int, *, clock: Clock = system_clock) -> int:
    """Make version ``number`` the current draft again, as a new version; returns its number."""
    stored = find_consultation(ws, ref)
    old = drafts_repo.load_version(ws.connection, stored.id, number)
    with ws.transaction() as conn:
        current = drafts_repo.load_draft(conn, stored.id)
        version = drafts_repo.save_draft(conn, stored.id, old, clock())
        if current is not None and version > current.version:
            conn.execute(
                "UPDATE draft_versions SET summary = ? || summary WHERE draft_id = "
                "(SELECT id FROM drafts WHERE consultation_id = ?) AND number = ?",
                (f"restored version {number}: ", stored.id, version),
            )
    return version


def choose_form(
    ws: Workspace, ref: str, path_or_builtin_key: str | os.PathLike[str],
    *, clock: Clock = system_clock,
) -> Draft:
    """Use a form for ``ref``'s draft, save, and return the saved draft.

    ``path_or_builtin_key`` is the authority's .docx/.xlsx (inspected, then kept in
    the workspace by checksum), a built-in form key, or "builtin" for the built-in
    form suited to the consultation's kind.
    """
    stored = find_consultation(ws, ref)
    form = form_choice(ws, stored.key, path_or_builtin_key)
    draft = drafts_repo.load_draft(ws.connection, stored.id) or Draft(stored.key)
    updated = replace(draft, form=form)
    with ws.transaction() as conn:
        version = drafts_repo.save_draft(conn, stored.id, updated, clock())
    return replace(updated, version=version)


def form_choice(ws: Workspace, ref: str, path_or_builtin_key: str | os.PathLike[str]) -> FormChoice:
    """Inspect (and, for a file, keep a copy of) a form for ``ref`` without saving the draft."""
    stored = find_consultation(ws, ref)
    return _form_choice(ws, str(path_or_builtin_key), stored.consultation.kind)


def effective_respondent(ws: Workspace, draft: Draft) -> Respondent:
    """The Party profile's respondent details with the draft's overrides on top."""
    return merge_respondent(settings_repo.load_profile(ws.connection), draft.respondent_overrides)


def form_path(ws: Workspace, form: FormChoice) -> Path:
    """Where the chosen form's file is now: the workspace copy or the bundled form."""
    if form.builtin_key is not None:
        return _builtin(form.builtin_key).path
    assert form.stored_name is not None
    path = ws.files_dir / form.stored_name
    if not path.is_file():
        raise InputError(
            f"{path}: the stored copy of the form {form.original_name} is missing; "
            "choose the form again with --template."
        )
    return path


def builtin_choice(kind: str | None) -> FormChoice:
    """The built-in form for a consultation kind, inspected."""
    form = builtin_form_for_kind(kind)
    return FormChoice(inspection=inspect_form(form.path), builtin_key=form.key)


def _form_choice(ws: Workspace, text: str, kind: str | None) -> FormChoice:
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


def _copy_form(ws: Workspace, path: Path) -> FormChoice:
    inspection = inspect_form(path)  # refuses unsafe or unreadable forms in one sentence
    data = read_limited(path, MAX_FILE_BYTES, what="form")
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"{digest}.{inspection.format.value}"
    target = ws.files_dir / stored_name
    if not (target.is_file() and _sha256_of(target) == digest):
        atomic_write_bytes(target, data, overwrite=True)
        try:
            # Inspect the copy we keep: it is what will be filled.
            inspection = inspect_form(target)
        except BaseException:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
    return FormChoice(
        inspection=inspection, original_name=path.name, sha256=digest, stored_name=stored_name
    )


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _builtin(key: str) -> BuiltinForm:
    for form in builtin_forms():
        if form.key == key:
            return form
    raise InputError(f"{key}: is not a built-in form of this version of secresponder.")


def _consultation_id(conn, key: str) -> int:
    consultation_id = catalogue_repo.consultation_id(conn, key)
    if consultation_id is None:
        raise NotFoundError(f"No consultation {key} in the workspace; its draft cannot be saved.")
    return consultation_id
