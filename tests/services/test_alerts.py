"""Alerts: relevant, open, not submitted, and past the reminder (working days before)."""

from __future__ import annotations

from datetime import datetime

from secresponder.domain.deadline import LONDON
from secresponder.domain.parties import PartyCategory
from secresponder.services.alerts import Candidate, banner_text, closing_alerts, stale_reminder

# Friday 12 May 2023, 5pm; two working days before is Wednesday 10 May, 5pm.
FRIDAY = datetime(2023, 5, 12, 17, 0, tzinfo=LONDON)
SUPPLIERS = frozenset({PartyCategory.LARGE_SUPPLIER})


def at(day: int, hour: int) -> datetime:
    return datetime(2023, 5, day, hour, 0, tzinfo=LONDON)


def test_only_after_the_reminder_and_before_the_deadline():
    c = [Candidate("mp231", "MP231 Firmware", FRIDAY, SUPPLIERS)]
    assert closing_alerts(c, {}, None, at(10, 16), 2) == []
    assert [a.key for a in closing_alerts(c, {}, None, at(10, 17), 2)] == ["mp231"]
    assert closing_alerts(c, {}, None, at(12, 18), 2) == []  # closed


def test_submitted_or_for_another_category_is_not_alerted():
    c = [Candidate("mp231", "MP231 Firmware", FRIDAY, SUPPLIERS)]
    assert closing_alerts(c, {"mp231": "Submitted"}, None, at(11, 9), 2) == []
    assert closing_alerts(c, {"mp231": "Approved"}, None, at(11, 9), 2) != []
    assert closing_alerts(c, {}, PartyCategory.GAS_NETWORK, at(11, 9), 2) == []
    assert closing_alerts(c, {}, PartyCategory.LARGE_SUPPLIER, at(11, 9), 2) != []


def test_wording():
    c = [Candidate("a", "MP231 Firmware", FRIDAY, SUPPLIERS),
         Candidate("b", "MP250 Displays", at(15, 17), SUPPLIERS)]
    alerts = closing_alerts(c, {}, None, at(11, 9), 3)
    assert banner_text(alerts) == (
        "2 consultations relevant to you close soon without a submitted response; the first, "
        "MP231 Firmware, closes at 5pm, Friday 12 May 2023.")
    assert stale_reminder(FRIDAY, FRIDAY) == ""
    assert stale_reminder(FRIDAY, at(19, 17)).startswith(
        "The deadline moved to 5pm, Friday 19 May 2023 after the calendar reminder was "
        "exported (for 5pm, Friday 12 May 2023)")
