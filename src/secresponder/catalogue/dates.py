"""Finding dates and times of day in SEC page wording.

"12 May 2023", "Friday 14th October 2022", "12th October 2018", "7 August, 2020",
"May 12, 2023", "12/05/2023"; times "5pm", "5.30 pm", "17:00", "12 noon", "midday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def _by_first_letter(names: list[str]) -> str:
    """``names`` as one alternation grouped by first letter, each group keeping their order.

    Only names sharing a first letter can match at the same place, so this matches exactly
    what the plain alternation would, but a failing place costs one test per letter rather
    than one per name.
    """
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0], []).append(re.escape(name[1:]))
    return "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in groups.items())


_MONTH = (
    r"(?P<month>" + _by_first_letter(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

DATE_PATTERN = (
    rf"(?:{_WEEKDAY}{_DAY}\s*(?:of\s+)?{_MONTH},?\s+{_YEAR}"
    rf"|{_WEEKDAY}{_MONTH.replace('month', 'month2')}\s+"
    rf"{_DAY.replace('day', 'day2')},?\s+{_YEAR.replace('year', 'year2')}"
    r"|(?P<nday>\d{1,2})[/.](?P<nmonth>\d{1,2})[/.](?P<nyear>\d{4}))"
)
# The lookahead only skips places where no date can start (not a digit or the first letter
# of a weekday or month) before trying the whole pattern there: same matches, found faster.
DATE_RE = re.compile(rf"\b(?=[\dmtwfsjaond]){DATE_PATTERN}\b", re.IGNORECASE)
_YEAR_DIGITS = re.compile(r"\d{4}")

TIME_PATTERN = (
    r"(?:(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?:\s*(?:hrs|hours|h)\b)?"
    r"|(?:12(?:\.00|:00)?\s*)?(?P<noon>noon|midday)"
    r"|(?:12(?:\.00|:00)?\s*)?(?P<midnight>midnight))"
)
# As for dates, the lookahead skips places where no time can start (a digit, noon, midday
# or midnight) without changing what matches.
TIME_RE = re.compile(rf"\b(?=[\dnm]){TIME_PATTERN}", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int


# SEC consultations and releases all fall in these years; "1 January 0001" or
# "31 December 9999" on a page is a placeholder or a typo, not a deadline.
FIRST_YEAR = 2000
LAST_YEAR = 2100


def match_to_date(match: re.Match[str]) -> date:
    """The date a ``DATE_RE`` match names; raises ValueError for impossible dates and for
    years outside ``FIRST_YEAR``-``LAST_YEAR``."""
    groups = match.groupdict()
    if groups.get("nday"):
        found = date(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]))
    elif groups.get("month"):
        found = date(int(groups["year"]), month_number(groups["month"]), int(groups["day"]))
    else:
        found = date(int(groups["year2"]), month_number(groups["month2"]), int(groups["day2"]))
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise ValueError(f"the year {found.year:04d} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return found


def years_out_of_range(text: str) -> list[str]:
    """The years of date-like phrases in ``text`` that fall outside the years accepted."""
    years = []
    for match in DATE_RE.finditer(text):
        groups = match.groupdict()
        year = groups.get("nyear") or groups.get("year") or groups.get("year2") or ""
        if year and not FIRST_YEAR <= int(year) <= LAST_YEAR:
            years.append(year)
    return years


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation the date pattern matched, in any letter case.

    Case-insensitive matching also lets through look-alike letters that lower-casing does
    not map back ("ſept" with a long s, "aprıl" with a dotless i): those are matched again.
    """
    number = MONTHS.get(name.lower())
    if number is None:
        number = next(n for key, n in MONTHS.items() if re.fullmatch(key, name, re.IGNORECASE))
    return number


def may_hold_date(text: str) -> bool:
    """False when ``text`` cannot hold a date (it has no four-digit year); a cheap scan."""
    return _YEAR_DIGITS.search(text) is not None


def find_dates(text: str) -> list[FoundDate]:
    """Every real date in ``text``, in order (impossible ones such as 31 February skipped)."""
    if _YEAR_DIGITS.search(text) is None:
        # Every date form has a four-digit year; most text has none, and this scan is cheap.
        return []
    found = []
    for match in DATE_RE.finditer(text):
        try:
            found.append(FoundDate(match_to_date(match), match.start(), match.end()))
        except ValueError:
            continue
    return found


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0].value if dates else None


def is_date_line(text: str) -> bool:
    """True when ``text`` is nothing but a date (the date line under a release heading)."""
    match = DATE_RE.fullmatch(text.strip().rstrip("."))
    if not match:
        return False
    try:
        match_to_date(match)
    except ValueError:
        return False
    return True


def match_to_time(match: re.Match[str]) -> time:
    """The time of day a ``TIME_RE`` match names; raises ValueError when impossible."""
    groups = match.groupdict()
    if groups.get("noon"):
        return time(12, 0)
    if groups.get("midnight"):
        # "by midnight on 12 May" means the end of that day.
        return time(23, 59)
    if groups.get("h24"):
        return time(int(groups["h24"]), int(groups["m24"]))
    hour = int(groups["hour"])
    minute = int(groups["minute"] or 0)
    if not 1 <= hour <= 12:
        raise ValueError(f"{hour} is not an hour on a 12-hour clock")
    if groups["ampm"].lower() == "p" and hour != 12:
        hour += 12
    elif groups["ampm"].lower() == "a" and hour == 12:
        hour = 0
    return time(hour, minute)


def parse_time(text: str) -> time | None:
    """The first time of day in ``text``, or None."""
    for match in TIME_RE.finditer(text):
        try:
            return match_to_time(match)
        except ValueError:
            continue
    return None
