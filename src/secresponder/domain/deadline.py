"""Closing dates: 17:00 UK local time unless the page says otherwise."""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DEFAULT_CLOSING_TIME = time(17, 0)
CLOSING_SOON = timedelta(days=7)
# The calendar reminder: this many working days before the deadline, unless the user
# chooses otherwise in Preferences (or with export --reminder-days).
DEFAULT_REMINDER_WORKING_DAYS = 2


class Urgency(enum.Enum):
    """How pressing a deadline is; ``label`` reads without colour."""

    CLOSED = "closed"
    DUE_TODAY = "due today"
    CLOSING_SOON = "closing soon"
    OPEN = "open"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def closing_instant(day: date, at: time = DEFAULT_CLOSING_TIME) -> datetime:
    """The instant a consultation closes: ``at`` (default 17:00) Europe/London on ``day``."""
    return datetime.combine(day, at, tzinfo=LONDON)


def is_open(closes_at: datetime, now: datetime) -> bool:
    return now < closes_at


def status(closes_at: datetime, now: datetime) -> str:
    """``"open"`` before the closing instant, ``"closed"`` from it on."""
    return "open" if is_open(closes_at, now) else "closed"


def time_left(closes_at: datetime, now: datetime) -> timedelta:
    """Time until closing; negative once closed."""
    return closes_at - now


def urgency(closes_at: datetime, now: datetime, soon: timedelta = CLOSING_SOON) -> Urgency:
    left = time_left(closes_at, now)
    if left <= timedelta(0):
        return Urgency.CLOSED
    if closes_at.astimezone(LONDON).date() == now.astimezone(LONDON).date():
        return Urgency.DUE_TODAY
    if left <= soon:
        return Urgency.CLOSING_SOON
    return Urgency.OPEN


def describe_time_left(closes_at: datetime, now: datetime) -> str:
    """Human countdown: "3 days 4 hours left", "45 minutes left", "closed 2 days ago"."""
    left = time_left(closes_at, now)
    if left <= timedelta(0):
        ago = -left
        if ago < timedelta(days=1):
            return "closed today" if ago < timedelta(hours=12) else "closed yesterday"
        return f"closed {_plural(ago.days, 'day')} ago"
    days, rest = divmod(int(left.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days >= 14:
        return f"{_plural(days, 'day')} left"
    if days:
        return f"{_plural(days, 'day')} {_plural(hours, 'hour')} left"
    if hours:
        return f"{_plural(hours, 'hour')} {_plural(minutes, 'minute')} left"
    return f"{_plural(max(minutes, 1), 'minute')} left"


def format_deadline(closes_at: datetime) -> str:
    """"5pm, Friday 12 May 2023" in UK local time."""
    local = closes_at.astimezone(LONDON)
    hour = local.strftime("%I").lstrip("0")
    clock = f"{hour}{local.strftime('%p').lower()}" if local.minute == 0 else (
        f"{hour}:{local.minute:02d}{local.strftime('%p').lower()}"
    )
    if local.hour == 12 and local.minute == 0:
        clock = "12 noon"
    return f"{clock}, {local.strftime('%A')} {local.day} {local.strftime('%B %Y')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
