"""The injectable clock: every rule that depends on "now" takes one."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]

NOW_ENV = "SECRESPONDER_NOW"


def system_clock() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return datetime.now(UTC)


def fixed_clock(instant: datetime) -> Clock:
    """A clock that always answers ``instant`` (must be timezone-aware)."""
    if instant.tzinfo is None:
        raise ValueError("a fixed clock needs a timezone-aware instant")
    return lambda: instant


def default_clock() -> Clock:
    """The system clock, or a fixed one when ``$SECRESPONDER_NOW`` holds an ISO instant."""
    pinned = os.environ.get(NOW_ENV)
    if pinned:
        return fixed_clock(datetime.fromisoformat(pinned))
    return system_clock
