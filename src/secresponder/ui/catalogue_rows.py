"""The consultation list's rows: one per stored consultation, with its search and sort data.

Plain Python with no Qt, so the loading job builds every row (and its lowercase
search text) off the UI thread; the table model only takes the finished list.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from secresponder.domain.deadline import CLOSING_SOON, LONDON, Urgency, urgency
from secresponder.domain.parties import PartyCategory


class ListedFields(Protocol):
    """The parts of a consultation the list shows and searches."""

    reference: str | None
    title: str
    kind: str | None
    closes_at: datetime
    summary: str
    party_categories: Sequence[PartyCategory]


class StoredEntry(Protocol):
    """What the store hands back for one consultation: either a ``StoredConsultation``
    (whose ``consultation`` holds the fields) or a listing row that has the fields itself."""

    id: int
    key: str
    listed: bool
    deadline_changes: Any


def listed_fields(entry: Any) -> ListedFields:
    """The consultation fields of a store entry of either shape."""
    return getattr(entry, "consultation", entry)


class Highlight(enum.Enum):
    NEW = "New"
    DEADLINE_CHANGED = "Deadline changed"
    # A calendar reminder was exported before the deadline moved.
    REMINDER_STALE = "Export the reminder again"


@dataclass(slots=True)
class Row:
    """One consultation with its precomputed display, search and sort data."""

    entry: StoredEntry
    consultation: ListedFields
    haystack: str
    is_open: bool
    urgency: Urgency
    categories: frozenset[PartyCategory]
    closes_ts: float = 0.0  # the closing instant as a POSIX timestamp, for quick sorting
    draft_status: str = ""
    highlight: Highlight | None = None
    cells: list[str] | None = field(default=None, repr=False)

    @property
    def id(self) -> int:
        return self.entry.id


def make_haystack(consultation: ListedFields) -> str:
    """The lowercase text the search box matches: reference, title and summary."""
    return "\n".join(
        (consultation.reference or "", consultation.title, consultation.summary)
    ).casefold()


def short_date(instant: datetime) -> str:
    """ "7 Jan 2022": the time is left out when it is the usual 5pm, and given otherwise
    ("7 Jan 2022, 12:00"), which keeps the list's date column narrow."""
    local = instant.astimezone(LONDON)
    if not shows_time(local):
        return f"{local.day} {local:%b %Y}"
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


def shows_time(instant: datetime) -> bool:
    """Whether the list gives a closing instant's time: only when it is not the usual 5pm."""
    local = instant.astimezone(LONDON)
    return (local.hour, local.minute) != (17, 0)


def build_rows(
    entries: Iterable[StoredEntry],
    now: datetime,
    draft_statuses: Mapping[int, str] | None = None,
    highlights: Mapping[int, Highlight] | None = None,
) -> list[Row]:
    """Every row in store order, with haystack, open flag and urgency at ``now``."""
    statuses = draft_statuses or {}
    marks = highlights or {}
    now_ts = now.timestamp()
    soon = CLOSING_SOON.total_seconds()
    rows = []
    for e in entries:
        c = listed_fields(e)
        closes_ts = c.closes_at.timestamp()
        left = closes_ts - now_ts
        if left <= 0:
            level = Urgency.CLOSED
        elif left > soon:
            level = Urgency.OPEN
        else:  # within the week: due today or closing soon, by the London calendar
            level = urgency(c.closes_at, now)
        rows.append(Row(
            entry=e,
            consultation=c,
            haystack=make_haystack(c),
            is_open=left > 0,
            urgency=level,
            categories=frozenset(c.party_categories),
            closes_ts=closes_ts,
            draft_status=statuses.get(e.id, ""),
            highlight=marks.get(e.id),
        ))
    return rows
