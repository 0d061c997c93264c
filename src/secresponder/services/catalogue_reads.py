"""Quick reads of the stored catalogue for listing and showing consultations.

Kept free of the download client and the form readers, so the window can call
them on its own thread without loading either.
"""

from __future__ import annotations

from secresponder.store import catalogue_repo, documents_repo
from secresponder.store.records import Attachment, ListedConsultation, StoredConsultation
from secresponder.store.workspace import Workspace


def consultation_rows(ws: Workspace) -> list[ListedConsultation]:
    """Every stored consultation as a plain row, in the store's order."""
    return catalogue_repo.list_consultation_rows(ws.connection)


def consultation_by_id(ws: Workspace, consultation_id: int) -> StoredConsultation | None:
    """The stored consultation with this id, or None when there is none."""
    return catalogue_repo.get_consultation_by_id(ws.connection, consultation_id)


def attachments(ws: Workspace, consultation_id: int) -> list[Attachment]:
    """A consultation's attached documents, in the order they were attached."""
    return documents_repo.attachments_for(ws.connection, consultation_id)
