"""The .ics reminder: deadline in Europe/London with VTIMEZONE, alarm working days before."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.exports.ics import build_ics
from secresponder.exports.working_days import (
    bank_holidays,
    easter_sunday,
    is_working_day,
    reminder_instant,
    working_days_before,
)

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def event_of(data: bytes):
    cal = icalendar.Calendar.from_ical(data)
    [tz] = cal.walk("VTIMEZONE")
    [event] = cal.walk("VEVENT")
    return cal, tz, event


def test_summer_deadline_is_17_00_bst_with_tzid_and_vtimezone():
    c = Consultation("MP231", "Firmware upgrade pathways", None, closing_instant(date(2023, 5, 12)))
    data = build_ics(c, now=NOW)
    assert b"DTSTART;TZID=Europe/London:20230512T170000" in data
    _, tz, event = event_of(data)
    assert tz["TZID"] == "Europe/London"
    start = event.decoded("DTSTART")
    assert start.utcoffset() == timedelta(hours=1)
    assert start == datetime(2023, 5, 12, 16, 0, tzinfo=UTC)
    assert "MP231" in str(event["SUMMARY"])
    # Fri 12 May 2023: two working days before is Wed 10 May at 17:00 (48 hours).
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=2)


def test_vtimezone_rules_give_bst_and_gmt_offsets():
    c = Consultation("MP1", "T", None, closing_instant(date(2023, 1, 13)))
    _, tz, _ = event_of(build_ics(c, now=NOW))
    [summer] = tz.walk("DAYLIGHT")
    [winter] = tz.walk("STANDARD")
    assert summer.decoded("TZOFFSETTO") == timedelta(hours=1)
    assert winter.decoded("TZOFFSETTO") == timedelta(0)
    assert "BYMONTH=3" in summer["RRULE"].to_ical().decode()
    assert "BYMONTH=10" in winter["RRULE"].to_ical().decode()


def test_alarm_skips_weekend_and_bank_holiday_and_stated_time_is_kept():
    # Tue 30 May 2023 at 12:00: Mon 29 May is the spring bank holiday, so two working
    # days before is Thu 25 May 12:00 -> 5 days earlier.
    c = Consultation("MP2", "T", None, closing_instant(date(2023, 5, 30), time(12, 0)))
    data = build_ics(c, now=NOW)
    assert b"DTSTART;TZID=Europe/London:20230530T120000" in data
    [alarm] = event_of(data)[2].walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=5)


def test_alarm_across_the_clock_change_counts_real_hours():
    # Mon 3 Apr 2023 17:00 BST; 2 working days before: Thu 30 Mar 17:00 BST -> 4 days.
    closes = closing_instant(date(2023, 4, 3))
    assert reminder_instant(closes, 2) == datetime(2023, 3, 30, 17, 0, tzinfo=LONDON)
    # Tue 28 Mar 17:00 BST; 3 working days before: Thu 23 Mar 17:00 GMT -> 5 days less 1 hour.
    c = Consultation("MP3", "T", None, closing_instant(date(2023, 3, 28)))
    [alarm] = event_of(build_ics(c, now=NOW, reminder_days=3))[2].walk("VALARM")
    assert alarm.decoded("TRIGGER") == -(timedelta(days=5) - timedelta(hours=1))


def test_reminder_can_be_configured_or_turned_off():
    c = Consultation("MP4", "T", None, closing_instant(date(2023, 5, 12)))
    [alarm] = event_of(build_ics(c, now=NOW, reminder_days=5))[2].walk("VALARM")
    # 5 working days before Fri 12 May: Thu 4 May (Mon 8 May is the coronation holiday).
    assert alarm.decoded("TRIGGER") == -timedelta(days=8)
    assert event_of(build_ics(c, now=NOW, reminder_days=0))[2].walk("VALARM") == []


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2023, [(1, 2), (4, 7), (4, 10), (5, 1), (5, 8), (5, 29), (8, 28), (12, 25), (12, 26)]),
        (2022, [(1, 3), (4, 15), (4, 18), (5, 2), (6, 2), (6, 3), (8, 29), (9, 19),
                (12, 26), (12, 27)]),
        (2020, [(1, 1), (4, 10), (4, 13), (5, 8), (5, 25), (8, 31), (12, 25), (12, 28)]),
        (2021, [(1, 1), (4, 2), (4, 5), (5, 3), (5, 31), (8, 30), (12, 27), (12, 28)]),
    ],
)
def test_england_and_wales_bank_holidays(year, expected):
    assert sorted(bank_holidays(year)) == [date(year, m, d) for m, d in expected]


def test_easter_and_working_days():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert not is_working_day(date(2023, 5, 6))  # Saturday
    assert working_days_before(date(2023, 1, 3), 1) == date(2022, 12, 30)
    assert working_days_before(date(2023, 5, 12), 0) == date(2023, 5, 12)
