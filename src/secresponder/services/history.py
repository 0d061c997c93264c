"""A modification's history: the releases that implemented it, its other consultations,
and how its closing date moved."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from secresponder.domain.consultation import normalise_reference
from secresponder.domain.deadline import LONDON
from secresponder.domain.release import Release
from secresponder.store import catalogue_repo
from secresponder.store.catalogue_repo import DeadlineChange, StoredConsultation


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


def modification_history(
    conn: sqlite3.Connection, stored: StoredConsultation
) -> ModificationHistory:
    reference = stored.consultation.reference
    if not reference:
        return ModificationHistory(stored)
    releases = catalogue_repo.releases_implementing(conn, reference)
    related = [
        other
        for other in catalogue_repo.list_consultations(conn, reference=reference)
        if other.id != stored.id
    ]
    related.sort(key=lambda s: (s.consultation.closes_at, s.id), reverse=True)
    return ModificationHistory(stored, tuple(releases), tuple(related))


def release_index(releases: Iterable[Release]) -> dict[str, Release]:
    """Each implemented reference mapped to the earliest release that implemented it."""
    index: dict[str, Release] = {}
    for release in sorted(releases, key=lambda r: (r.effective, r.version)):
        for modification in release.modifications:
            index.setdefault(normalise_reference(modification.reference), release)
    return index


def _day(value: date | datetime) -> str:
    """ "7 January 2022"; instants are read in UK local time."""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON)
    return f"{value.day} {value.strftime('%B %Y')}"


def describe_history(history: ModificationHistory) -> list[str]:
    """Plain sentences: "MP116 consulted until 7 January 2022.", "Implemented in SEC v57.0 ..."."""
    c = history.consultation.consultation
    name = c.reference or c.title
    lines = [f"{name} consulted until {_day(c.closes_at)}."]
    for change in history.deadline_changes:
        direction = "extended" if change.new > change.old else "brought forward"
        lines.append(
            f"Deadline {direction} from {_day(change.old)} to "
            f"{_day(change.new)} (seen {_day(change.seen_at)})."
        )
    for release in history.releases:
        lines.append(f"Implemented in SEC {release.version} on {_day(release.effective)}.")
    if c.reference and not history.releases:
        lines.append(f"No release implementing {c.reference} is in the workspace.")
    for other in history.related:
        o = other.consultation
        lines.append(
            f"Also consulted on: {o.kind or 'consultation'} closing "
            f"{_day(o.closes_at)} (key {other.key})."
        )
    return lines
