"""The consultation list's rows: one per stored consultation, with its search and sort data.

Plain Python with no Qt, so the loading job builds every row (and its lowercase
search text) off the UI thread; the table model only takes the finished list.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, Urgency, urgency
from secresponder.domain.parties import PartyCategory


class StoredEntry(Protocol):
    """What the store hands back for one consultation."""

    id: int
    consultation: Consultation
    listed: bool
    deadline_changes: Any


class Highlight(enum.Enum):
    NEW = "New"
    DEADLINE_CHANGED = "Deadline changed"


@dataclass(slots=True)
class Row:
    """One consultation with its precomputed display, search and sort data."""

    entry: StoredEntry
    haystack: str
    is_open: bool
    urgency: Urgency
    categories: frozenset[PartyCategory]
    draft_status: str = ""
    highlight: Highlight | None = None
    cells: list[str] | None = field(default=None, repr=False)

    @property
    def id(self) -> int:
        return self.entry.id

    @property
    def consultation(self) -> Consultation:
        return self.entry.consultation


def make_haystack(consultation: Consultation) -> str:
    """The lowercase text the search box matches: reference, title and summary."""
    return "\n".join(
        (consultation.reference or "", consultation.title, consultation.summary)
    ).casefold()


def short_date(instant: datetime) -> str:
    local = instant.astimezone(LONDON)
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


def build_rows(
    entries: Iterable[StoredEntry],
    now: datetime,
    draft_statuses: Mapping[int, str] | None = None,
    highlights: Mapping[int, Highlight] | None = None,
) -> list[Row]:
    """Every row in store order, with haystack, open flag and urgency at ``now``."""
    statuses = draft_statuses or {}
    marks = highlights or {}
    rows = []
    for e in entries:
        c = e.consultation
        rows.append(Row(
            entry=e,
            haystack=make_haystack(c),
            is_open=now < c.closes_at,
            urgency=urgency(c.closes_at, now),
            categories=frozenset(c.party_categories),
            draft_status=statuses.get(e.id, ""),
            highlight=marks.get(e.id),
        ))
    return rows
