"""Importing SEC pages (files or http(s) URLs) into the workspace catalogue.

Every source is read first; a source that cannot be read is reported and nothing
from it is stored, while the good ones are applied together in one transaction.
New consultations are added, changed ones updated (a moved closing instant is
recorded as a deadline change), and nothing is deleted: a full list page marks
consultations it no longer shows as not listed, and lists them again when they
come back. Releases are added or replaced by version.

The same functions serve a folder and a team database. On a team database two
people may refresh at once: each import holds the catalogue's lock for its
transaction, so the second waits, then compares against what the first stored.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from secresponder.catalogue.duplicates import keyed_consultations
from secresponder.domain.clock import Clock
from secresponder.domain.consultation import Consultation, with_known_links
from secresponder.domain.deadline import format_deadline
from secresponder.errors import InputError, SecResponderError
from secresponder.network.fetch import PAGE_DEADLINE, open_url
from secresponder.services.preferences import proxy_setting
from secresponder.store.sql import catalogue, imports_log, releases, session
from secresponder.store.sql.session import AnyWorkspace

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from secresponder.catalogue.reader import PageReading

Fetcher = Callable[[str], bytes]

FETCH_TIMEOUT_SECONDS = 20.0
_URL = re.compile(r"^https?://", re.IGNORECASE)


# Kinds of Change that add something or only tell the user something.
NOT_CHANGES = frozenset({"added", "release added", "listed twice", "kept listed"})


@dataclass(frozen=True)
class Change:
    """One thing an import changed, with the line that describes it."""

    # added | updated | deadline | unlisted | relisted | release added | release updated,
    # or only said: listed twice | kept listed
    what: str
    key: str  # consultation key, or release version
    label: str
    message: str
    old: datetime | None = None
    new: datetime | None = None


@dataclass
class SourceReport:
    """What one source held and what importing it changed (or why it could not be read)."""

    source: str
    kind: str | None = None
    format: str | None = None
    consultations_found: int = 0
    releases_found: int = 0
    changes: list[Change] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (heading, reason)
    error: str | None = None

    def count(self, what: str) -> int:
        return sum(1 for c in self.changes if c.what == what)

    @property
    def added(self) -> int:
        return self.count("added") + self.count("release added")

    @property
    def changed(self) -> int:
        """Entries already stored that this import modified in any way."""
        return len({c.key for c in self.changes if c.what not in NOT_CHANGES})


@dataclass
class ImportReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.error is None for s in self.sources)

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if s.error is not None]

    @property
    def added(self) -> int:
        return sum(s.added for s in self.sources)

    @property
    def changed(self) -> int:
        return sum(s.changed for s in self.sources)

    @property
    def changes(self) -> list[Change]:
        return [c for s in self.sources for c in s.changes]


# --- reading ----------------------------------------------------------------


def fetch_url(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    limit: int | None = None,
    deadline: float = PAGE_DEADLINE,
    proxy: str = "",
) -> bytes:
    """Download ``url`` whole within ``deadline`` seconds, refusing it past ``limit`` bytes."""
    from secresponder.catalogue.reader import MAX_PAGE_BYTES

    cap = MAX_PAGE_BYTES if limit is None else limit
    too_big = f"{url}: the page is over the {cap / (1024 * 1024):.0f} MB limit."
    with open_url(url, deadline=deadline, proxy=proxy, read_timeout=timeout) as opened:
        response = opened.response
        if response.status_code >= 400:
            raise InputError(
                f"{url}: the server answered {response.status_code} "
                f"{response.reason_phrase or 'error'}."
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise InputError(too_big)
        chunks, total = [], 0
        for chunk in opened.chunks():
            total += len(chunk)
            if total > cap:
                raise InputError(too_big)
            chunks.append(chunk)
        return b"".join(chunks)


def page_fetcher(proxy: str) -> Fetcher:
    """``fetch_url`` through the proxy chosen in Preferences (blank: the system's)."""
    return functools.partial(fetch_url, proxy=proxy)


def is_url(source: str) -> bool:
    return bool(_URL.match(source.strip()))


def read_source(source: str, *, fetch: Fetcher | None = None) -> PageReading:
    """Read one file or URL into a page reading; raises only ``SecResponderError``."""
    from secresponder.catalogue.reader import read_page, read_page_file

    if is_url(source):
        data = (fetch or fetch_url)(source.strip())
        return read_page(data, source.strip())
    return read_page_file(source)


# --- applying -----------------------------------------------------------------


def import_sources(
    workspace: AnyWorkspace,
    sources: Sequence[str],
    *,
    clock: Clock,
    fetch: Fetcher | None = None,
) -> ImportReport:
    """Read every source, then store what the readable ones hold in one transaction."""
    report = ImportReport()
    readings: list[tuple[SourceReport, PageReading]] = []
    if fetch is None and any(is_url(s) for s in sources):
        fetch = page_fetcher(proxy_setting(workspace))
    for source in sources:
        entry = SourceReport(source=source)
        report.sources.append(entry)
        try:
            reading = read_source(source, fetch=fetch)
        except SecResponderError as exc:
            entry.error = str(exc)
            continue
        readings.append((entry, reading))
    store_pages(workspace, readings, clock=clock)
    return report


def store_pages(
    workspace: AnyWorkspace,
    pages: Sequence[tuple[SourceReport, PageReading]],
    *,
    clock: Clock,
) -> None:
    """Store pages already read, in one transaction, recording in each report what changed.

    ``clock`` is read once the catalogue is this import's, so imports are logged in the
    order they were stored.
    """
    if pages:
        _store(workspace, pages, clock, unless_imported=False)


def apply_readings(
    workspace: AnyWorkspace,
    readings: Sequence[PageReading],
    *,
    now: datetime,
    source_label: str | None = None,
    unless_imported: bool = False,
) -> list[SourceReport] | None:
    """Store already-read pages in one transaction and say what each changed.

    ``unless_imported``: store nothing (and return None) when the workspace has imported
    anything already, checked under the import lock (seeding a new workspace once).
    """
    reports = [(SourceReport(source=source_label or r.source), r) for r in readings]
    if not _store(workspace, reports, lambda: now, unless_imported=unless_imported):
        return None
    return [entry for entry, _ in reports]


def _store(workspace: AnyWorkspace, pages: Sequence[tuple[SourceReport, PageReading]],
           clock: Clock, *, unless_imported: bool) -> bool:
    with session.transaction(workspace) as conn:
        catalogue.lock_for_import(conn)
        if unless_imported and imports_log.import_count(conn):
            return False
        now = clock()
        for entry, reading in pages:
            _apply_reading(conn, reading, entry, now=now)
    return True


def _apply_reading(
    conn: Connection, reading: PageReading, entry: SourceReport, *, now: datetime
) -> None:
    """Store one page reading, recording what changed in ``entry`` and in the import log."""
    entry.kind = reading.kind
    entry.format = reading.format
    entry.consultations_found = len(reading.consultations)
    entry.releases_found = len(reading.releases)
    entry.skipped = [(s.heading, s.reason) for s in reading.skipped]
    if reading.consultations or (reading.kind == "consultations" and reading.is_full_list):
        _apply_consultations(conn, reading, entry, now=now)
    for note in reading.notes:
        entry.changes.append(Change("listed twice", "", "", note))
    for release in reading.releases:
        outcome = releases.save_release(conn, release, seen_at=now)
        if outcome:
            entry.changes.append(
                Change(f"release {outcome}", release.version, release.version,
                       f"{release.version}: release {outcome}")
            )
    imports_log.log_import(
        conn,
        source=entry.source,
        page_kind=reading.kind,
        page_format=reading.format,
        imported_at=now,
        summary=_log_summary(entry),
    )


def _apply_consultations(
    conn: Connection, reading: PageReading, entry: SourceReport, *, now: datetime
) -> None:
    # Compared as stored column values: objects are only rebuilt for what changed.
    stored = catalogue.consultation_rows(conn)
    keyed, repeats = keyed_consultations(reading.consultations, consultation_label)
    incoming: dict[str, Consultation] = {k.key: k.consultation for k in keyed}
    for key, sentence in repeats:
        entry.changes.append(Change("listed twice", key, key, sentence))

    to_insert, to_update, seen = [], [], []
    insert_keys: list[str] = []
    update_keys: list[str] = []
    moves: list[tuple[int, datetime, datetime]] = []
    relist = []
    for key, new in incoming.items():
        label = consultation_label(new)
        old = stored.get(key)
        if old is None:
            to_insert.append(new)
            insert_keys.append(key)
            entry.changes.append(Change("added", key, label, f"{label}: added"))
            continue
        seen.append(key)
        values = catalogue.consultation_values(new, key)
        before = old.consultation() if values != old.values else None
        if before is not None and reading.format == "text":
            # A text copy has lost its links: never forget the ones already known.
            new = with_known_links(new, before)
            if catalogue.consultation_values(new, key) == old.values:
                before = None
        if before is not None:
            to_update.append(new)
            update_keys.append(key)
            if before.closes_at != new.closes_at:
                moves.append((old.id, before.closes_at, new.closes_at))
                entry.changes.append(
                    Change("deadline", key, label,
                           deadline_message(label, before.closes_at, new.closes_at),
                           old=before.closes_at, new=new.closes_at)
                )
            fields = changed_fields(before, new)
            if fields:
                entry.changes.append(
                    Change("updated", key, label, f"{label}: updated ({', '.join(fields)})")
                )
        if reading.is_full_list and not old.listed:
            relist.append(key)
            entry.changes.append(Change("relisted", key, label, f"{label}: listed again"))

    unlist = []
    if reading.kind == "consultations" and reading.is_full_list:
        by_hand = catalogue.keys_by_hand(conn)  # consultations added by hand stay listed
        gone = [k for k, row in stored.items()
                if row.listed and k not in incoming and k not in by_hand]
        if gone and reading.skipped:
            # A consultation missing from the list may be one of the entries that could
            # not be read: only a list read cleanly says what is no longer listed.
            missing = (
                "1 stored consultation not on this page was" if len(gone) == 1
                else f"{len(gone)} stored consultations not on this page were"
            )
            unread = "one of its entries" if len(reading.skipped) == 1 else (
                f"{len(reading.skipped)} of its entries")
            entry.changes.append(Change(
                "kept listed", "", "",
                f"{missing} left listed, because {unread} could not be read.",
            ))
            gone = []
        for key in gone:
            before = stored[key].consultation()
            label = consultation_label(before)
            unlist.append(key)
            entry.changes.append(Change("unlisted", key, label, f"{label}: no longer listed"))

    catalogue.insert_consultations(conn, to_insert, seen_at=now, keys=insert_keys)
    catalogue.update_consultations(conn, to_update, seen_at=now, keys=update_keys)
    catalogue.mark_seen(conn, seen, seen_at=now)
    catalogue.record_deadline_changes(conn, moves, seen_at=now)
    catalogue.set_listed(conn, relist, True)
    catalogue.set_listed(conn, unlist, False)


def consultation_label(consultation: Consultation) -> str:
    """How a change names a consultation: "MP231", "MP092 Refinement Consultation", or the title."""
    if consultation.reference and consultation.kind:
        return f"{consultation.reference} {consultation.kind}"
    return consultation.reference or consultation.title


def short_deadline(instant: datetime) -> str:
    """ "5pm 3 March 2023": the closing time and date in UK local time, without the weekday."""
    clock_part, _, date_part = format_deadline(instant).partition(", ")
    return f"{clock_part} {date_part.split(' ', 1)[1]}"


def deadline_message(label: str, old: datetime, new: datetime) -> str:
    direction = "extended" if new > old else "brought forward"
    return f"{label}: deadline {direction} from {short_deadline(old)} to {short_deadline(new)}"


def changed_fields(before: Consultation, after: Consultation) -> list[str]:
    """Names of the fields (other than the closing instant) that differ."""
    names = []
    for f in dataclasses.fields(Consultation):
        if f.name in ("closes_at", "source") or not f.compare:
            continue
        if getattr(before, f.name) != getattr(after, f.name):
            names.append(f.name.replace("_", " "))
    return names


def _log_summary(entry: SourceReport) -> dict[str, Any]:
    return {
        "consultations": entry.consultations_found,
        "releases": entry.releases_found,
        "changes": {what: entry.count(what) for what in
                    ("added", "updated", "deadline", "unlisted", "relisted",
                     "release added", "release updated", "listed twice", "kept listed")},
        "skipped": [{"heading": h, "reason": r} for h, r in entry.skipped],
    }
