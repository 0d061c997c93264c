"""Quick reads of the stored catalogue for listing and showing consultations.

Kept free of the download client and the form readers, so the window can call
them on its own thread without loading either.
"""

from __future__ import annotations

from secresponder.store.records import Attachment, ListedConsultation, StoredConsultation
from secresponder.store.sql import catalogue, documents, session
from secresponder.store.sql.session import AnyWorkspace


def consultation_rows(ws: AnyWorkspace) -> list[ListedConsultation]:
    """Every stored consultation as a plain row, in the store's order."""
    with session.reading(ws) as conn:
        return catalogue.list_consultation_rows(conn)


def consultation_by_id(ws: AnyWorkspace, consultation_id: int) -> StoredConsultation | None:
    """The stored consultation with this id, or None when there is none."""
    with session.reading(ws) as conn:
        return catalogue.get_consultation_by_id(conn, consultation_id)


def attachments(ws: AnyWorkspace, consultation_id: int) -> list[Attachment]:
    """A consultation's attached documents, in the order they were attached."""
    with session.reading(ws) as conn:
        return documents.attachments_for(conn, consultation_id)
