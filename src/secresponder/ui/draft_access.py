"""The drafting pane's reads and writes, through the drafting service.

``choose_form`` runs in a background job (it reads, checks and stores the form
file), so it asks the session for the job's own workspace.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from secresponder.domain.clock import Clock
from secresponder.domain.draft import Draft
from secresponder.services import draft_reads
from secresponder.services.session import on_job_thread
from secresponder.services.types import StoredConsultation, VersionInfo

if TYPE_CHECKING:
    from secresponder.services.session import AnyWorkspace


def load_or_new(ws: AnyWorkspace, stored: StoredConsultation) -> Draft:
    draft = draft_reads.stored_draft(ws, stored.id)
    return draft if draft is not None else Draft(consultation_key=stored.key)


def save(ws: AnyWorkspace, draft: Draft, clock: Clock) -> Draft:
    """Store ``draft`` (a new version when it changed) and return it as stored."""
    from secresponder.services import drafting  # form readers load on first use

    return replace(draft, version=drafting.save_draft(ws, draft, clock=clock))


def versions(ws: AnyWorkspace, stored: StoredConsultation) -> list[VersionInfo]:
    return draft_reads.versions(ws, stored.id)


def restore(ws: AnyWorkspace, stored: StoredConsultation, number: int, clock: Clock) -> Draft:
    """Make version ``number`` the current draft again (as a new version; nothing is lost)."""
    from secresponder.services import drafting

    drafting.restore(ws, stored.key, number, clock=clock)
    return load_or_new(ws, stored)


def choose_form(workspace: AnyWorkspace, key: str, form: str | Path, clock: Clock) -> Draft:
    """Use a form file (or a built-in form key) for the draft; returns the saved draft.

    ``workspace`` is the window's; this runs on a job's thread, with its own.
    """
    from secresponder.services import drafting

    with on_job_thread(workspace) as ws:
        return drafting.choose_form(ws, key, form, clock=clock)
