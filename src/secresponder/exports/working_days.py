"""Working days in England and Wales: weekends and bank holidays are not working days.

Bank holidays follow the statutory pattern (New Year's Day, Good Friday, Easter
Monday, the early May, spring and summer Mondays, Christmas and Boxing Day with
substitute days when they fall at a weekend) plus the one-off changes made by
proclamation since 1995, listed below. Pure date arithmetic, no I/O.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from secresponder.domain.deadline import LONDON

# One-off changes: holidays moved (old date -> new date) and extra holidays.
_MOVED: dict[date, date] = {
    date(1995, 5, 1): date(1995, 5, 8),  # VE Day 50th anniversary
    date(2002, 5, 27): date(2002, 6, 4),  # Golden Jubilee
    date(2012, 5, 28): date(2012, 6, 4),  # Diamond Jubilee
    date(2020, 5, 4): date(2020, 5, 8),  # VE Day 75th anniversary
    date(2022, 5, 30): date(2022, 6, 2),  # Platinum Jubilee
}
_EXTRA: frozenset[date] = frozenset(
    {
        date(1999, 12, 31),  # Millennium
        date(2002, 6, 3),  # Golden Jubilee
        date(2011, 4, 29),  # Royal wedding
        date(2012, 6, 5),  # Diamond Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Coronation of King Charles III
    }
)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _substitute(day: date, taken: set[date]) -> date:
    """The next weekday not already a holiday, for a holiday that falls at a weekend."""
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in ``year``."""
    easter = easter_sunday(year)
    days: set[date] = set()
    days.add(_substitute(date(year, 1, 1), days))
    days.add(easter - timedelta(days=2))
    days.add(easter + timedelta(days=1))
    for fixed in (_first_monday(year, 5), _last_monday(year, 5), _last_monday(year, 8)):
        days.add(_MOVED.get(fixed, fixed))
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if christmas.weekday() < 5:
        days.add(christmas)
    if boxing.weekday() < 5:
        days.add(boxing)
    if christmas.weekday() >= 5:
        days.add(_substitute(christmas, days | {boxing}))
    if boxing.weekday() >= 5:
        days.add(_substitute(boxing, days))
    days |= {d for d in _EXTRA if d.year == year}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_before(day: date, count: int) -> date:
    """The working day ``count`` working days before ``day`` (``day`` itself need not be one)."""
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    remaining = count
    while remaining:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def reminder_instant(closes_at: datetime, working_days: int) -> datetime:
    """``working_days`` working days before the deadline, same London time of day."""
    local = closes_at.astimezone(LONDON)
    day = working_days_before(local.date(), working_days)
    return datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=LONDON)
