"""The consultation list's order, shared by the window and the command line.

Open consultations come first, soonest closing first; then closed ones, most
recently closed first. The order is one number per consultation, so the window
can precompute it for thousands of rows and sort plain floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, TypeVar

# Above any POSIX timestamp of this era: closed consultations sort after every open one.
_CLOSED_AFTER = 1e13


def listing_key(closes_ts: float, is_open: bool) -> float:
    """The order key of a consultation closing at POSIX time ``closes_ts``: smaller lists first."""
    return closes_ts if is_open else _CLOSED_AFTER - closes_ts


class Listable(Protocol):
    @property
    def closes_at(self) -> datetime: ...

    @property
    def key(self) -> str: ...


L = TypeVar("L", bound=Listable)


def sort_for_listing(rows: Sequence[L], now: datetime, *, open_only: bool = False) -> list[L]:
    """``rows`` in list order at ``now`` (only the open ones with ``open_only``).

    Consultations closing at the same instant are ordered by key, ascending among
    open ones and descending among closed ones (the closed part reads newest first).
    """
    now_ts = now.timestamp()
    keyed = [(r.closes_at.timestamp(), r) for r in rows]
    open_ = [(ts, r) for ts, r in keyed if now_ts < ts]
    open_.sort(key=lambda p: (listing_key(p[0], True), p[1].key))
    if open_only:
        return [r for _, r in open_]
    closed = [(ts, r) for ts, r in keyed if not now_ts < ts]
    # Two stable passes: key descending first, then the listing key, so ties stay key-descending.
    closed.sort(key=lambda p: p[1].key, reverse=True)
    closed.sort(key=lambda p: listing_key(p[0], False))
    return [r for _, r in open_] + [r for _, r in closed]
