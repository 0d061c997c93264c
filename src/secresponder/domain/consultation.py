"""A consultation as read from a SEC page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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


def with_known_links(incoming: Consultation, known: Consultation) -> Consultation:
    """``incoming`` read from a text copy (links lost), keeping the links ``known`` had.

    A document the text copy names keeps its known URL; linked documents that only an
    HTML copy could show (a response template linked from "How to respond") stay too.
    """
    linked = {d.label.casefold(): d for d in known.documents if d.url}
    documents = []
    for document in incoming.documents:
        match = linked.pop(document.label.casefold(), None)
        if document.url is None and match is not None:
            document = replace(document, url=match.url)
        documents.append(document)
    documents.extend(linked.values())
    return replace(incoming, documents=tuple(documents))
