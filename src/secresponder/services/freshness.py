"""Where the consultation list comes from and how old it is, worded once for the window and CLI.

The list is only as current as the last consultations page read into the
workspace: the SEC website, a saved copy of a page, or the copy bundled with the
app. A refresh that failed is remembered until the next one succeeds, so that
nothing claims "no consultations are open" on the strength of an old copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from secresponder.domain.deadline import LONDON
from secresponder.services.bootstrap import SNAPSHOT_SOURCE

if TYPE_CHECKING:
    from secresponder.store.sql.session import AnyWorkspace

# The store (and with it SQLAlchemy) is imported in the functions that use it: the window
# imports this module before it is first shown, and reads the workspace only after.

# Older than this, the list is said to need a refresh.
STALE_AFTER = timedelta(days=7)
SEC_WEBSITE_HOST = "smartenergycodecompany.co.uk"

REFRESH_FAILURE_KEY = "last_refresh_failure"
REFRESH_AT_START_KEY = "refresh_at_start"


@dataclass(frozen=True)
class Freshness:
    """The origin of the consultation list: ``website``, ``file``, ``snapshot`` or ``none``."""

    origin: str
    read_at: datetime | None = None
    location: str = ""  # the page's address or file name
    snapshot_of: datetime | None = None  # the bundled copy's latest closing date
    failed_at: datetime | None = None  # a refresh that failed after the last read
    failure: str = ""

    def stale(self, now: datetime) -> bool:
        """True when the list may well miss consultations opened since it was read."""
        if self.origin in ("none", "snapshot") or self.read_at is None:
            return True
        return now - self.read_at > STALE_AFTER

    def current(self, now: datetime) -> bool:
        """True when "no consultations are open" can be said of the list."""
        return not self.stale(now) and self.failed_at is None


def _when(instant: datetime) -> str:
    local = instant.astimezone(LONDON)
    return f"{local.day} {local:%b %Y} {local:%H:%M}"


def _origin_of(source: str) -> tuple[str, str]:
    if source == SNAPSHOT_SOURCE:
        return "snapshot", ""
    if source.startswith(("http://", "https://")):
        host = urlsplit(source).hostname or source
        return "website", host.removeprefix("www.")
    return "file", PurePath(source).name or source


def read_freshness(ws: AnyWorkspace) -> Freshness:
    """Where the list in this workspace was last read from, and any refresh failed since."""
    from secresponder.store.sql import catalogue, imports_log, session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        latest = imports_log.latest_list_import(conn)
        failure = settings_store.get_setting(conn, REFRESH_FAILURE_KEY) or {}
        snapshot_of = None
        if latest is not None and _origin_of(latest[0])[0] == "snapshot":
            snapshot_of = catalogue.latest_closing_seen_at(conn, latest[1])
    failed_at = None
    if isinstance(failure, dict) and failure.get("at"):
        try:
            failed_at = datetime.fromisoformat(str(failure["at"]))
        except ValueError:
            failed_at = None
    message = str(failure.get("message", "")) if failed_at else ""
    if latest is None:
        return Freshness("none", failed_at=failed_at, failure=message)
    source, read_at = latest
    if failed_at is not None and failed_at < read_at:
        failed_at, message = None, ""
    origin, location = _origin_of(source)
    return Freshness(origin, read_at, location, snapshot_of, failed_at, message)


def record_refresh(ws: AnyWorkspace, *, at: datetime, failure: str | None) -> None:
    """Remember a refresh's outcome; None means it worked."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.transaction(ws) as conn:
        settings_store.set_setting(
            conn, REFRESH_FAILURE_KEY, {"at": at.isoformat(), "message": failure} if failure
            else {})


def refresh_at_start(ws: AnyWorkspace) -> bool:
    """Whether the window refreshes from the website when it starts (on unless turned off)."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        value = settings_store.get_setting(conn, REFRESH_AT_START_KEY, True)
    return value if isinstance(value, bool) else True


def set_refresh_at_start(ws: AnyWorkspace, on: bool) -> None:
    """Turn the refresh when the window starts on or off."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.transaction(ws) as conn:
        settings_store.set_setting(conn, REFRESH_AT_START_KEY, bool(on))


# --- wording ------------------------------------------------------------------------------


def describe_origin(freshness: Freshness) -> str:
    """ "from the SEC website, 1 Dec 2026 09:12", "from the bundled copy of May 2023", ..."""
    f = freshness
    if f.origin == "none" or f.read_at is None:
        return "not read from any page yet"
    if f.origin == "snapshot":
        of = f.snapshot_of or f.read_at
        return f"from the bundled copy of {of.astimezone(LONDON):%B %Y}"
    if f.origin == "website":
        where = "the SEC website" if f.location.endswith(SEC_WEBSITE_HOST) else f.location
        return f"from {where}, {_when(f.read_at)}"
    return f"from a saved copy ({f.location}), read {_when(f.read_at)}"


def status_text(freshness: Freshness, now: datetime) -> str:
    """One line for the status bar: where the list comes from, and a warning when it is old."""
    text = f"List {describe_origin(freshness)}"
    if freshness.failed_at is not None:
        return f"{text}; the last refresh failed: Refresh to try again"
    if freshness.origin in ("snapshot", "none"):
        return f"{text}: Refresh to update"
    if freshness.stale(now):
        return f"{text}, over a week ago: Refresh to update"
    return text


def nothing_open_text(freshness: Freshness, now: datetime) -> str:
    """What to say when the list holds no open consultation, without claiming more than it knows."""
    if freshness.current(now):
        return (f"No consultations are open right now (list {describe_origin(freshness)}).")
    origin = describe_origin(freshness)
    if freshness.failed_at is not None:
        reason = freshness.failure.rstrip(".")
        return (f"The refresh failed: {reason}. So the list may be out of date: none of the "
                f"consultations {origin} is still open, but newer ones may be.")
    return (f"None of the consultations {origin} is still open, but the list may be out of "
            "date: newer ones may be open.")


def note_refresh_outcome(ws: AnyWorkspace, *, at: datetime, failure: str | None) -> Freshness:
    """Record a refresh's outcome in the workspace and say where the list now comes from."""
    record_refresh(ws, at=at, failure=failure)
    return read_freshness(ws)


def workspace_freshness(ws: AnyWorkspace) -> tuple[Freshness, bool]:
    """Where the list comes from, and whether to refresh at start, for an open workspace."""
    return read_freshness(ws), refresh_at_start(ws)


def save_refresh_at_start(ws: AnyWorkspace, on: bool) -> None:
    """The same as ``set_refresh_at_start``."""
    set_refresh_at_start(ws, on)
