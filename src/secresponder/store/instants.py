"""Instants as a folder workspace stores them: sortable ISO 8601 text in UTC, read in London.

Every SQLite column holding an instant uses these two functions (through the column
type ``store.sql.types.Instant``, or directly where rows are decoded by hand), so
existing workspaces on laptops keep reading what they always wrote.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from secresponder.domain.deadline import LONDON


def instant_to_db(value: datetime) -> str:
    """An aware datetime as sortable UTC ISO text."""
    if value.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return value.astimezone(UTC).isoformat()


# Listing thousands of rows reads the same few instants over and over (closing
# dates, and the import times in first_seen/last_seen); datetimes are immutable,
# so each distinct text is converted once.
@functools.lru_cache(maxsize=16384)
def instant_from_db(text: str) -> datetime:
    """Stored UTC ISO text as an aware datetime in UK local time."""
    return datetime.fromisoformat(text).astimezone(LONDON)
