"""Quick reads of stored drafts for the window, without loading the form readers."""

from __future__ import annotations

from collections.abc import Sequence

from secresponder.domain.draft import Draft
from secresponder.store.records import VersionInfo
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.sql import session
from secresponder.store.sql.session import AnyWorkspace


def stored_draft(ws: AnyWorkspace, consultation_id: int) -> Draft | None:
    """The latest saved draft for a consultation, or None if none was ever saved."""
    with session.reading(ws) as conn:
        return drafts_repo.load_draft(conn, consultation_id)


def stored_drafts(ws: AnyWorkspace, consultation_ids: Sequence[int]) -> dict[int, Draft]:
    """Latest drafts for several consultations at once, keyed by consultation id."""
    with session.reading(ws) as conn:
        return drafts_repo.load_drafts(conn, list(consultation_ids))


def versions(ws: AnyWorkspace, consultation_id: int) -> list[VersionInfo]:
    """The draft's saved versions, oldest first (empty when it was never saved)."""
    with session.reading(ws) as conn:
        return drafts_repo.list_versions(conn, consultation_id)
