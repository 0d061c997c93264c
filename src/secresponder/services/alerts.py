"""What the window should warn about: consultations closing within the reminder lead time
without a submitted response, and calendar reminders exported before a deadline moved.

The reminder's instant is the one the exported .ics uses (working days before the
deadline), so the banner and the calendar agree. Exports made in the window are
remembered with the deadline they were made for; when the deadline has moved since,
the reminder in the user's calendar is wrong and must be exported again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from secresponder.domain.deadline import format_deadline
from secresponder.domain.parties import PartyCategory
from secresponder.exports.working_days import reminder_instant  # no icalendar at start-up

if TYPE_CHECKING:
    from secresponder.store.sql.session import AnyWorkspace

# The store (and with it SQLAlchemy) is imported in the functions that use it: the window
# imports this module before it is first shown, and reads the workspace only after.

EXPORTS_KEY = "window_exports"
SUBMITTED = "Submitted"


@dataclass(frozen=True)
class Alert:
    key: str
    label: str
    closes_at: datetime

    @property
    def sentence(self) -> str:
        return f"{self.label} closes at {format_deadline(self.closes_at)} and is not submitted."


@dataclass(frozen=True)
class Candidate:
    """What the alerts need of one consultation."""

    key: str
    label: str
    closes_at: datetime
    categories: frozenset[PartyCategory]


def closing_alerts(
    candidates: Iterable[Candidate],
    statuses: Mapping[str, str],
    category: PartyCategory | None,
    now: datetime,
    lead_days: int,
) -> list[Alert]:
    """Open consultations for ``category`` (all when unset) past their reminder, soonest first,
    whose draft is not Submitted."""
    due = []
    for c in candidates:
        if not now < c.closes_at:
            continue
        if category is not None and category not in c.categories:
            continue
        if statuses.get(c.key) == SUBMITTED:
            continue
        if now >= reminder_instant(c.closes_at, lead_days):
            due.append(Alert(c.key, c.label, c.closes_at))
    return sorted(due, key=lambda a: a.closes_at)


def banner_text(alerts: list[Alert]) -> str:
    """The window's banner for these alerts: one sentence, empty when there are none."""
    if not alerts:
        return ""
    if len(alerts) == 1:
        return alerts[0].sentence
    first = alerts[0]
    return (f"{len(alerts)} consultations relevant to you close soon without a submitted "
            f"response; the first, {first.label}, closes at {format_deadline(first.closes_at)}.")


# --- exported reminders ----------------------------------------------------------------------


def load_exports(ws: AnyWorkspace) -> dict[str, datetime]:
    """For each consultation exported from the window, the deadline its reminder was made for."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        data = settings_store.get_setting(conn, EXPORTS_KEY) or {}
    found: dict[str, datetime] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            try:
                found[str(key)] = datetime.fromisoformat(str(value))
            except ValueError:
                continue
    return found


def record_export(ws: AnyWorkspace, key: str, closes_at: datetime) -> None:
    """Remember that a reminder was exported for ``key``'s deadline ``closes_at``."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    def add(data: object) -> dict[str, str]:
        kept = dict(data) if isinstance(data, dict) else {}
        kept[key] = closes_at.isoformat()
        return kept

    with session.transaction(ws) as conn:
        settings_store.change_setting(conn, EXPORTS_KEY, add, default={})


def stale_reminder(exported_for: datetime | None, closes_at: datetime) -> str:
    """The sentence to show when the reminder exported was for another deadline, else ""."""
    if exported_for is None or exported_for == closes_at:
        return ""
    return (f"The deadline moved to {format_deadline(closes_at)} after the calendar reminder "
            f"was exported (for {format_deadline(exported_for)}): export the reminder again.")


def exported_deadlines(ws: AnyWorkspace) -> dict[str, datetime]:
    """The same as ``load_exports``: the deadline each exported reminder was made for."""
    return load_exports(ws)
