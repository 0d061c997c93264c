"""The calendar reminder (.ics) for a consultation's deadline.

One VEVENT at the closing instant in Europe/London (TZID with its VTIMEZONE
included, so BST is right in any calendar), and a VALARM that goes off a
number of working days before (weekends and England and Wales bank holidays
skipped), at the same time of day as the deadline.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import DEFAULT_REMINDER_WORKING_DAYS, LONDON, format_deadline
from secresponder.exports.eml import header_text
from secresponder.exports.working_days import reminder_instant

DEFAULT_REMINDER_DAYS = DEFAULT_REMINDER_WORKING_DAYS
TZID = "Europe/London"
PRODUCT_ID = "-//secresponder//SEC consultation deadlines//EN"


def build_ics(
    consultation: Consultation,
    *,
    now: datetime,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    organisation: str = "",
) -> bytes:
    """The calendar file as bytes: VCALENDAR with VTIMEZONE, VEVENT and VALARM."""
    closes = consultation.closes_at.astimezone(LONDON)
    name = " ".join(p for p in (consultation.reference, header_text(consultation.title)) if p)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")

    event = icalendar.Event()
    event.add("uid", f"{consultation.key}@secresponder")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", closes)
    event.add("summary", f"Deadline: {name} consultation response")
    lines = [
        f"Responses to {name} are due by {format_deadline(closes)}.",
        f"Send to {header_text(consultation.respond_to)}.",
    ]
    if consultation.subject:
        lines.append(f"Required subject line: {header_text(consultation.subject)}")
    if organisation:
        lines.append(f"Responding for {header_text(organisation)}.")
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")

    if reminder_days > 0:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{name} consultation closes {format_deadline(closes)}")
        # Subtract in UTC: a wall-clock difference would be an hour out across a clock change.
        remind = reminder_instant(closes, reminder_days)
        alarm.add("trigger", -(closes.astimezone(UTC) - remind.astimezone(UTC)))
        event.add_component(alarm)

    cal.add_component(london_timezone())
    cal.add_component(event)
    return cal.to_ical()


def london_timezone() -> icalendar.Timezone:
    """Europe/London as a VTIMEZONE with the UK's standing rules (in force since 1996).

    Clocks go forward at 01:00 GMT on the last Sunday of March and back at 02:00 BST
    on the last Sunday of October.
    """
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    summer = icalendar.TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1996, 3, 31, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    winter = icalendar.TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    tz.add_component(winter)
    tz.add_component(summer)
    return tz
