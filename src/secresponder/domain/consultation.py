"""A consultation as read from a SEC page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from secresponder.domain.parties import PartyCategory

DEFAULT_RESPONSE_ADDRESS = "sec.change@gemserv.com"


@dataclass(frozen=True)
class Document:
    """A document linked from a consultation; ``url`` is None when a text copy lost the link."""

    label: str
    url: str | None = None
    login_required: bool = False


@dataclass(frozen=True)
class Consultation:
    reference: str | None
    title: str
    kind: str | None
    closes_at: datetime
    summary: str = ""
    audience: tuple[str, ...] = ()
    party_categories: tuple[PartyCategory, ...] = ()
    documents: tuple[Document, ...] = ()
    respond_to: str = DEFAULT_RESPONSE_ADDRESS
    # True when the page named no address and the SECAS default was assumed.
    respond_to_assumed: bool = False
    subject: str | None = None
    questions_contact: str | None = None
    # Where the entry came from (a URL or file path), for provenance only.
    source: str | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """A stable id: one per (modification, kind), or the title when there is no reference."""
        return consultation_key(self.reference, self.kind, self.title)


def consultation_key(reference: str | None, kind: str | None, title: str) -> str:
    """Stable, readable id such as ``mp092-refinement-consultation`` or ``smets2-...``."""
    if reference:
        parts = [reference, kind or "consultation"]
    else:
        parts = [title]
    return slugify(" ".join(parts))


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:80].rstrip("-") or "untitled"


def normalise_reference(reference: str) -> str:
    """Upper-case a reference and drop its spaces: ``mp 128b`` -> ``MP128B``."""
    return re.sub(r"\s+", "", reference).upper()
