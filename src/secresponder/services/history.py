"""A modification's history: the releases that implemented it, its other consultations,
and how its closing date moved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from secresponder.domain.consultation import normalise_reference
from secresponder.domain.deadline import LONDON, format_deadline
from secresponder.domain.release import Release
from secresponder.store.records import DeadlineChange, StoredConsultation

if TYPE_CHECKING:
    from secresponder.store.sql.session import AnyWorkspace

# The store (and with it SQLAlchemy) is imported in the functions that use it: the window
# imports this module before it is first shown, and reads the workspace only after.


@dataclass(frozen=True)
class ModificationHistory:
    consultation: StoredConsultation
    releases: tuple[Release, ...] = ()  # that implemented the reference, oldest first
    related: tuple[StoredConsultation, ...] = ()  # other consultations on it, latest first

    @property
    def implemented_in(self) -> Release | None:
        return self.releases[0] if self.releases else None

    @property
    def deadline_changes(self) -> tuple[DeadlineChange, ...]:
        return self.consultation.deadline_changes


def modification_history(ws: AnyWorkspace, stored: StoredConsultation) -> ModificationHistory:
    """The releases that implemented ``stored``'s reference and its other consultations."""
    from secresponder.store.sql import catalogue, releases, session

    reference = stored.consultation.reference
    if not reference:
        return ModificationHistory(stored)
    with session.reading(ws) as conn:
        implementing = releases.releases_implementing(conn, reference)
        related = [
            other
            for other in catalogue.list_consultations(conn, reference=reference)
            if other.id != stored.id
        ]
    related.sort(key=lambda s: (s.consultation.closes_at, s.id), reverse=True)
    return ModificationHistory(stored, tuple(implementing), tuple(related))


def release_index(releases: Iterable[Release]) -> dict[str, Release]:
    """Each implemented reference mapped to the earliest release that implemented it."""
    index: dict[str, Release] = {}
    for release in sorted(releases, key=lambda r: (r.effective, r.version)):
        for modification in release.modifications:
            index.setdefault(normalise_reference(modification.reference), release)
    return index


def day_text(value: date | datetime) -> str:
    """ "7 January 2022"; instants are read in UK local time."""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON)
    return f"{value.day} {value.strftime('%B %Y')}"


def deadline_change_lines(changes: Iterable[DeadlineChange]) -> list[str]:
    """ "Extended from 5pm, Friday 12 May 2023 to 5pm, Friday 19 May 2023 (noticed ...)."."""
    lines = []
    for change in changes:
        verb = "Extended" if change.new > change.old else "Brought forward"
        lines.append(
            f"{verb} from {format_deadline(change.old)} to {format_deadline(change.new)} "
            f"(noticed {day_text(change.seen_at)})."
        )
    return lines


def release_lines(history: ModificationHistory) -> list[str]:
    """The releases that implemented the modification and its other consultations."""
    c = history.consultation.consultation
    lines = [
        f"Implemented in SEC {release.version} on {day_text(release.effective)}."
        for release in history.releases
    ]
    if c.reference and not history.releases:
        lines.append(f"No SEC release implementing {c.reference} is known yet.")
    for other in history.related:
        o = other.consultation
        lines.append(
            f"Also consulted: {o.kind or 'Consultation'}, closing {day_text(o.closes_at)} "
            f"({other.key})."
        )
    return lines


def describe_history(history: ModificationHistory) -> list[str]:
    """Plain sentences: "MP116 consulted until 7 January 2022.", "Implemented in SEC v57.0 ..."."""
    c = history.consultation.consultation
    name = c.reference or c.title
    return [
        f"{name} consulted until {day_text(c.closes_at)}.",
        *(f"Deadline {line[0].lower()}{line[1:]}"
          for line in deadline_change_lines(history.deadline_changes)),
        *release_lines(history),
    ]


def consultation_history(ws: AnyWorkspace, stored: StoredConsultation) -> ModificationHistory:
    """``stored``'s modification history, read from an open workspace."""
    return modification_history(ws, stored)
