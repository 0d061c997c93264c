"""Reading what the window shows from the workspace, through the services' API.

``read_snapshot`` runs in a background job and asks the window's session for the
job's workspace; the functions taking an open workspace are quick
single-consultation reads for the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from secresponder.domain.clock import Clock
from secresponder.services.alerts import load_exports
from secresponder.services.catalogue_reads import attachments, consultation_by_id, consultation_rows
from secresponder.services.draft_reads import stored_draft, stored_drafts
from secresponder.services.freshness import read_freshness
from secresponder.services.history import ModificationHistory, modification_history
from secresponder.services.preferences import load_preferences
from secresponder.services.profile import load_profile
from secresponder.services.session import WorkspaceSession
from secresponder.services.types import StoredConsultation
from secresponder.services.view_state import load_change_labels, load_list_view
from secresponder.ui.catalogue_rows import build_rows
from secresponder.ui.jobs import CatalogueSnapshot

if TYPE_CHECKING:
    from secresponder.services.session import AnyWorkspace


def read_snapshot(session: WorkspaceSession, clock: Clock) -> CatalogueSnapshot:
    """Open (seeding on first run) and read consultations, draft statuses and the profile,
    then build the list's rows (with their search text) from them."""
    with session.for_job(seed_clock=clock) as ws:
        entries = consultation_rows(ws)
        drafts = stored_drafts(ws, [e.id for e in entries])
        statuses = {cid: draft.status.value for cid, draft in drafts.items()}
        profile = load_profile(ws)
        preferences = load_preferences(ws)
        freshness = read_freshness(ws)
        view = load_list_view(ws)
        labels = load_change_labels(ws)
        exported = load_exports(ws)
    now = clock()
    return CatalogueSnapshot(
        entries=entries,
        draft_statuses=statuses,
        profile=profile,
        preferences=preferences,
        freshness=freshness,
        view=view,
        change_labels=labels,
        exported=exported,
        rows=build_rows(entries, now, statuses),
        now=now,
    )


@dataclass(frozen=True)
class ConsultationDetail:
    stored: StoredConsultation
    history: ModificationHistory
    attached: tuple[str, ...] = ()  # labels of the documents attached for offline reading


def read_detail(ws: AnyWorkspace, consultation_id: int) -> ConsultationDetail | None:
    stored = consultation_by_id(ws, consultation_id)
    if stored is None:
        return None
    # Not the documents service: it brings the download client with it.
    attached = tuple(a.label for a in attachments(ws, consultation_id))
    return ConsultationDetail(stored, modification_history(ws, stored), attached)


def draft_status(ws: AnyWorkspace, consultation_id: int) -> str:
    draft = stored_draft(ws, consultation_id)
    return draft.status.value if draft else ""
