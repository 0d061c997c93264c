"""The stored records the window and the command line handle, named from services.

The UI and CLI import these types from here so that neither reaches into the
store; the store stays free to change how it keeps them.
"""

from __future__ import annotations

from secresponder.store.records import (
    Attachment,
    ListedConsultation,
    Snippet,
    StoredConsultation,
    VersionInfo,
)
from secresponder.store.workspace import Workspace

__all__ = [
    "Attachment",
    "ListedConsultation",
    "Snippet",
    "StoredConsultation",
    "VersionInfo",
    "Workspace",
]
