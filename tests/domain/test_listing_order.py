"""The one list order the window and the command line share."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from secresponder.domain.listing_order import listing_key, sort_for_listing

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


@dataclass
class Entry:
    id: int
    key: str
    closes_at: datetime
    reference: str | None = None
    title: str = "A consultation"
    kind: str | None = "Modification"
    summary: str = ""
    party_categories: tuple = ()
    listed: bool = True
    deadline_changes: tuple = field(default_factory=tuple)


def _entry(i: int, key: str, hours: float) -> Entry:
    return Entry(id=i, key=key, closes_at=NOW + timedelta(hours=hours))


def test_open_soonest_first_then_closed_most_recent_first():
    rows = [
        _entry(1, "a", -48), _entry(2, "b", 5), _entry(3, "c", -1), _entry(4, "d", 300),
        _entry(5, "e", 0),  # closing at this very instant counts as closed
    ]
    assert [r.key for r in sort_for_listing(rows, NOW)] == ["b", "d", "e", "c", "a"]
    assert [r.key for r in sort_for_listing(rows, NOW, open_only=True)] == ["b", "d"]


def test_same_closing_instant_orders_by_key_ascending_open_descending_closed():
    rows = [_entry(1, "m", 2), _entry(2, "k", 2), _entry(3, "z", -2), _entry(4, "x", -2)]
    assert [r.key for r in sort_for_listing(rows, NOW)] == ["k", "m", "z", "x"]


def test_listing_key_puts_every_closed_after_every_open():
    far_future = datetime(2200, 1, 1, tzinfo=UTC).timestamp()
    long_ago = datetime(1990, 1, 1, tzinfo=UTC).timestamp()
    assert listing_key(far_future, True) < listing_key(long_ago, False)
    assert listing_key(long_ago, False) > listing_key(far_future - 1, False)


def test_window_time_left_order_is_the_command_line_order():
    from secresponder.ui.catalogue_model import urgency_key
    from secresponder.ui.catalogue_rows import build_rows

    rng = random.Random(7)
    entries = [
        _entry(i, f"k{i:04d}", rng.uniform(-24 * 400, 24 * 200)) for i in range(2000)
    ]
    entries.append(_entry(5000, "edge", 0))
    rows = build_rows(entries, NOW)
    window = [row.entry.key for row in sorted(rows, key=urgency_key)]
    assert window == [e.key for e in sort_for_listing(entries, NOW)]
