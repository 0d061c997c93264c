"""Removing a document from a consultation, and undoing that.

Only the link is removed: the document (kept once per checksum, perhaps attached
to other consultations too) and its file stay, so Undo puts back exactly what was
there, under its label, source and time.
"""

from __future__ import annotations

from secresponder.errors import NotFoundError
from secresponder.store.records import Attachment
from secresponder.store.sql import documents as documents_store
from secresponder.store.sql import session
from secresponder.store.sql.session import AnyWorkspace


def remove_attachment(ws: AnyWorkspace, attachment_id: int) -> Attachment:
    """Take a document off its consultation; returns what was removed (for Undo)."""
    with session.transaction(ws) as conn:
        attachment = documents_store.get_attachment(conn, attachment_id)
        if attachment is None or not documents_store.delete_attachment(conn, attachment_id):
            raise NotFoundError("That document is no longer attached; nothing was removed.")
    return attachment


def undo_remove(ws: AnyWorkspace, attachment: Attachment) -> Attachment:
    """Attach again what ``remove_attachment`` took off."""
    with session.transaction(ws) as conn:
        restored, _created = documents_store.attach(
            conn, consultation_id=attachment.consultation_id,
            document_id=attachment.document.id, label=attachment.label,
            source=attachment.source, attached_at=attachment.attached_at,
        )
    return restored
