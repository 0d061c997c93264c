"""Quick reads of stored drafts for the window, without loading the form readers."""

from __future__ import annotations

from collections.abc import Sequence

from secresponder.domain.draft import Draft
from secresponder.store import drafts_repo
from secresponder.store.records import VersionInfo
from secresponder.store.workspace import Workspace


def stored_draft(ws: Workspace, consultation_id: int) -> Draft | None:
    """The latest saved draft for a consultation, or None if none was ever saved."""
    return drafts_repo.load_draft(ws.connection, consultation_id)


def stored_drafts(ws: Workspace, consultation_ids: Sequence[int]) -> dict[int, Draft]:
    """Latest drafts for several consultations at once, keyed by consultation id."""
    return drafts_repo.load_drafts(ws.connection, list(consultation_ids))


def versions(ws: Workspace, consultation_id: int) -> list[VersionInfo]:
    """The draft's saved versions, oldest first (empty when it was never saved)."""
    return drafts_repo.list_versions(ws.connection, consultation_id)
