"""Which consultation rows the list shows, and in which order: plain Python, no Qt.

The answer is a list of row numbers (positions in the model's row list) in
display order. It is computed in one pass over precomputed data: one lowercase
haystack per row for the search words, the open flags and the Party Categories.
A search that only narrows the last one (more words, or longer words) filters
the last answer instead of every row, looking only for what that answer does not
already guarantee; recent answers are kept, so backspacing over what was just
typed finds them again. Sort orders are row-number lists
made once per column and direction.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from secresponder.domain.parties import PartyCategory

RECENT_ANSWERS = 48


def query_terms(text: str) -> tuple[str, ...]:
    """The search text as lowercase words; every word must appear in a row."""
    return tuple(text.casefold().split())


@dataclass(frozen=True)
class RowFilter:
    """The list's filter inputs: search words, "Open only" and the wanted categories."""

    terms: tuple[str, ...] = ()
    open_only: bool = False
    categories: frozenset[PartyCategory] | None = None  # None: every category

    def narrows(self, other: RowFilter) -> bool:
        """True when every row this filter accepts is also accepted by ``other``."""
        if other.open_only and not self.open_only:
            return False
        if other.categories is not None and (
            self.categories is None or not self.categories <= other.categories
        ):
            return False
        # A row containing a longer word contains every part of it.
        return all(any(old in new for new in self.terms) for old in other.terms)


class VisibleRows:
    """Filters and orders row numbers over per-row data given once per model reset."""

    def __init__(self) -> None:
        self._haystacks: list[str] = []
        self._open: list[bool] = []
        self._categories: list[frozenset[PartyCategory]] = []
        self._orders: dict[tuple[Any, bool], list[int]] = {}
        self._answers: OrderedDict[tuple[RowFilter, Any, bool], list[int]] = OrderedDict()

    def reset(
        self,
        haystacks: list[str],
        is_open: list[bool],
        categories: list[frozenset[PartyCategory]],
    ) -> None:
        """New rows: forget every order and answer."""
        self._haystacks = haystacks
        self._open = is_open
        self._categories = categories
        self._orders.clear()
        self._answers.clear()

    def __len__(self) -> int:
        return len(self._haystacks)

    def forget_order(self, sort_id: Any) -> None:
        """A column's sort keys changed: drop its orders and the answers made with them."""
        for key in [k for k in self._orders if k[0] == sort_id]:
            del self._orders[key]
        for key in [k for k in self._answers if k[1] == sort_id]:
            del self._answers[key]

    def order(
        self, sort_id: Any, descending: bool, sort_keys: Callable[[], Sequence[Any]] | None
    ) -> list[int]:
        """Every row number sorted by its key from ``sort_keys()`` (store order for None)."""
        found = self._orders.get((sort_id, descending))
        if found is None:
            everything = range(len(self._haystacks))
            if sort_keys is None:
                found = list(reversed(everything)) if descending else list(everything)
            else:
                keys = sort_keys()
                found = sorted(everything, key=keys.__getitem__, reverse=descending)
            self._orders[(sort_id, descending)] = found
        return found

    def rows(
        self,
        wanted: RowFilter,
        sort_id: Any = None,
        descending: bool = False,
        sort_keys: Callable[[], Sequence[Any]] | None = None,
    ) -> list[int]:
        """The row numbers ``wanted`` accepts, in the order of ``sort_id``.

        ``sort_keys()`` gives every row's key for that order; it is called only when
        the order is not known yet.
        """
        answer_key = (wanted, sort_id, descending)
        found = self._answers.get(answer_key)
        if found is not None:
            self._answers.move_to_end(answer_key)
            return found
        base: tuple[RowFilter, list[int]] | None = None
        for (earlier, earlier_sort, earlier_desc), answer in reversed(self._answers.items()):
            if (
                earlier_sort == sort_id and earlier_desc == descending
                and wanted.narrows(earlier)
                and (base is None or len(answer) < len(base[1]))
            ):
                base = (earlier, answer)
        if base is not None:
            found = self._filter(base[1], wanted, base[0])
        else:
            found = self._filter(self.order(sort_id, descending, sort_keys), wanted, None)
        self._answers[answer_key] = found
        if len(self._answers) > RECENT_ANSWERS:
            self._answers.popitem(last=False)
        return found

    def _filter(self, candidates: Sequence[int], wanted: RowFilter,
                earlier: RowFilter | None) -> list[int]:
        """Filter ``candidates``, skipping the checks that ``earlier`` (which every
        candidate passes) already guarantees."""
        rows = list(candidates)
        if wanted.open_only and not (earlier is not None and earlier.open_only):
            is_open = self._open
            rows = [i for i in rows if is_open[i]]
        if wanted.categories is not None and not (
            earlier is not None and earlier.categories == wanted.categories
        ):
            cats, want = self._categories, wanted.categories
            rows = [i for i in rows if not cats[i].isdisjoint(want)]
        hay = self._haystacks
        known = earlier.terms if earlier is not None else ()
        needed = {t for t in wanted.terms if not any(t in old for old in known)}
        # The longest word first: it usually rules out the most rows.
        for term in sorted(needed, key=len, reverse=True):
            rows = [i for i in rows if term in hay[i]]
        return rows
