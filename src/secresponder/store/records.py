"""The records the store hands out, whichever backend keeps them.

Plain values: the window and the command line receive them through services, and
every repository (SQLite or PostgreSQL) builds the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.parties import PartyCategory


class DeadlineChange(NamedTuple):
    """A closing instant that moved between two imports."""

    old: datetime
    new: datetime
    seen_at: datetime


@dataclass(frozen=True)
class StoredConsultation:
    """A consultation as kept in the workspace, with its bookkeeping."""

    id: int
    consultation: Consultation
    listed: bool
    first_seen: datetime
    last_seen: datetime
    deadline_changes: tuple[DeadlineChange, ...] = ()
    # The key as stored, so that reading it needs no recomputation.
    stored_key: str = field(default="", repr=False, compare=False)

    @property
    def key(self) -> str:
        return self.stored_key or self.consultation.key


@dataclass(frozen=True)
class ImportLogEntry:
    id: int
    source: str
    page_kind: str
    page_format: str
    imported_at: datetime
    summary: dict[str, Any]


class ListedConsultation(NamedTuple):
    """One consultation as lists need it: its stored fields, without the bookkeeping
    instants; much cheaper to build by the thousand than a ``StoredConsultation``."""

    id: int
    key: str
    reference: str | None
    title: str
    kind: str | None
    closes_at: datetime
    summary: str
    audience: tuple[str, ...]
    party_categories: tuple[PartyCategory, ...]
    documents: tuple[Document, ...]
    respond_to: str
    respond_to_assumed: bool
    subject: str | None
    questions_contact: str | None
    source: str | None
    listed: bool
    deadline_changes: tuple[DeadlineChange, ...]


@dataclass(frozen=True)
class StoredDocument:
    id: int
    sha256: str
    format: str
    size: int
    stored_name: str
    title: str | None
    pages: int | None
    text_chars: int
    added_at: datetime

    @property
    def searchable(self) -> bool:
        return self.text_chars > 0


@dataclass(frozen=True)
class Attachment:
    id: int
    consultation_id: int
    label: str
    source: str
    attached_at: datetime
    document: StoredDocument


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a draft's history."""

    number: int
    saved_at: datetime
    summary: str
    author: str = ""
    conflict: bool = False  # a refused save, kept so nothing typed is lost; never current


@dataclass(frozen=True)
class Note:
    id: int
    consultation_id: int
    body: str
    created_at: datetime
    updated_at: datetime
    author: str = ""  # who wrote it ("Name <email>"), empty for notes from before authors


@dataclass(frozen=True)
class Snippet:
    id: int
    name: str
    text: str


@dataclass(frozen=True)
class IndexHit:
    kind: str
    source_id: int
    title: str
    snippet: str  # with MATCH_START / MATCH_END around each matched term
    rank: float


@dataclass(frozen=True)
class HitTarget:
    """What a search hit opens: a consultation (by key), maybe one of its documents or notes."""

    consultation_key: str | None = None
    reference: str | None = None
    release_version: str | None = None
    attachment_id: int | None = None
    note_id: int | None = None
