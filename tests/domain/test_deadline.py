from datetime import date, datetime, time, timedelta

from secresponder.domain.deadline import (
    LONDON,
    Urgency,
    closing_instant,
    describe_time_left,
    format_deadline,
    status,
    urgency,
)


def test_closing_instant_is_5pm_london_in_summer_time():
    instant = closing_instant(date(2023, 5, 12))
    assert instant.isoformat() == "2023-05-12T17:00:00+01:00"


def test_closing_instant_is_5pm_gmt_in_winter():
    assert closing_instant(date(2022, 1, 7)).isoformat() == "2022-01-07T17:00:00+00:00"


def test_closing_instant_takes_a_stated_time():
    assert closing_instant(date(2022, 11, 28), time(12, 0)).isoformat() == (
        "2022-11-28T12:00:00+00:00"
    )


def test_status_flips_at_the_closing_instant():
    closes = closing_instant(date(2023, 5, 12))
    assert status(closes, closes - timedelta(seconds=1)) == "open"
    assert status(closes, closes) == "closed"


def test_urgency_levels():
    closes = closing_instant(date(2023, 5, 12))
    assert urgency(closes, datetime(2023, 5, 1, 9, tzinfo=LONDON)) is Urgency.OPEN
    assert urgency(closes, datetime(2023, 5, 6, 9, tzinfo=LONDON)) is Urgency.CLOSING_SOON
    assert urgency(closes, datetime(2023, 5, 12, 9, tzinfo=LONDON)) is Urgency.DUE_TODAY
    assert urgency(closes, datetime(2023, 5, 12, 17, 1, tzinfo=LONDON)) is Urgency.CLOSED


def test_describe_time_left():
    closes = closing_instant(date(2023, 5, 12))
    assert describe_time_left(closes, datetime(2023, 5, 9, 13, tzinfo=LONDON)) == (
        "3 days 4 hours left"
    )
    assert describe_time_left(closes, datetime(2023, 5, 12, 16, 15, tzinfo=LONDON)) == (
        "45 minutes left"
    )
    assert describe_time_left(closes, datetime(2023, 5, 15, 9, tzinfo=LONDON)) == (
        "closed 2 days ago"
    )


def test_format_deadline():
    assert format_deadline(closing_instant(date(2023, 5, 12))) == "5pm, Friday 12 May 2023"
    assert format_deadline(closing_instant(date(2023, 5, 12), time(12))) == (
        "12 noon, Friday 12 May 2023"
    )
