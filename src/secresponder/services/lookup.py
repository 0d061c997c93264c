"""Finding one stored consultation from what a user typed: its key or its reference."""

from __future__ import annotations

from secresponder.domain.consultation import normalise_reference
from secresponder.errors import NotFoundError
from secresponder.store.records import StoredConsultation
from secresponder.store.sql import catalogue, session
from secresponder.store.sql.session import AnyWorkspace


def consultations_for(ws: AnyWorkspace, ref: str) -> list[StoredConsultation]:
    """Every consultation ``ref`` names, the one closing latest first.

    ``ref`` is a key from ``list --json`` (exact) or a reference such as ``mp116``
    (case and spaces ignored).
    """
    text = ref.strip()
    with session.reading(ws) as conn:
        by_key = catalogue.get_consultation(conn, text)
        if by_key is not None:
            return [by_key]
        if not text:
            return []
        found = catalogue.list_consultations(conn, reference=normalise_reference(text))
    return sorted(found, key=lambda s: (s.consultation.closes_at, s.id), reverse=True)


def find_consultation(ws: AnyWorkspace, ref: str) -> StoredConsultation:
    """The consultation ``ref`` names; several on one reference -> the one closing latest."""
    found = consultations_for(ws, ref)
    if not found:
        shown = ref.strip() or "''"
        raise NotFoundError(
            f"No consultation {shown} in the workspace; `secresponder list` shows them."
        )
    return found[0]
