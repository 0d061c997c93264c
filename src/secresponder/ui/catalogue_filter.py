"""Filtering the consultation list: the search box and the "Open only" / "Relevant" toggles.

The accept decision for every row is computed in one Python pass when a filter
input changes (over the precomputed lowercase haystacks), so ``filterAcceptsRow``
is a list look-up. Sorting is delegated to the source model, which orders its
rows by the sort-role keys in one Python sort rather than by pairwise comparisons
through Qt.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from secresponder.domain.parties import PartyCategory
from secresponder.ui.catalogue_model import SORT_ROLE, ConsultationTableModel, Row


def query_terms(text: str) -> list[str]:
    """The search text as lowercase words; every word must appear in a row."""
    return text.casefold().split()


# Walking the rows of matching words beats testing every haystack until the words'
# rows add up to this many times the number of rows.
POSTINGS_LIMIT = 12
WORD_CACHE_SIZE = 64


class HaystackIndex:
    """Answers "which rows contain this term?" quickly over the lowercase haystacks.

    Terms never contain whitespace, so a term occurs in a haystack exactly when it
    occurs inside one of its whitespace-separated words. A rare term is found
    through the vocabulary (the rows of the few words containing it); a common
    one by a direct ``in`` test per row, which stops at the first occurrence.
    The word lists are built on first use (or by ``prepare``), not at load.
    """

    def __init__(self, haystacks: list[str]) -> None:
        self._haystacks = haystacks
        self._postings: dict[str, list[int]] | None = None
        self._vocabulary: list[str] = []
        self._words_cache: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._haystacks)

    def prepare(self) -> None:
        if self._postings is not None:
            return
        postings: dict[str, list[int]] = {}
        for row, text in enumerate(self._haystacks):
            for word in set(text.split()):
                rows = postings.get(word)
                if rows is None:
                    postings[word] = [row]
                else:
                    rows.append(row)
        self._postings = postings
        self._vocabulary = list(postings)

    def words_containing(self, term: str) -> list[str]:
        """Vocabulary words containing ``term``; typing on narrows the last answer."""
        pool = self._vocabulary
        for known in sorted(self._words_cache, key=len, reverse=True):
            if known in term:
                pool = self._words_cache[known]
                break
        words = [w for w in pool if term in w]
        if len(self._words_cache) >= WORD_CACHE_SIZE:
            self._words_cache.clear()
        self._words_cache[term] = words
        return words

    def matches(self, term: str) -> list[bool]:
        """One flag per row: does the row's haystack contain ``term``?"""
        self.prepare()
        postings = self._postings
        assert postings is not None
        words = self.words_containing(term)
        count = len(self._haystacks)
        if sum(len(postings[w]) for w in words) > POSTINGS_LIMIT * count:
            return [term in text for text in self._haystacks]
        flags = [False] * count
        for word in words:
            for row in postings[word]:
                flags[row] = True
        return flags


def accepted_rows(
    rows: list[Row],
    index: HaystackIndex,
    terms: list[str],
    open_only: bool,
    categories: frozenset[PartyCategory] | None,
) -> list[bool]:
    """The accept flag for every row under the given filters."""
    flags = [True] * len(rows)
    if open_only:
        flags = [row.is_open for row in rows]
    if categories is not None:
        flags = [
            f and not row.categories.isdisjoint(categories)
            for f, row in zip(flags, rows, strict=True)
        ]
    for term in terms:
        found = index.matches(term)
        flags = [f and hit for f, hit in zip(flags, found, strict=True)]
    return flags


class ConsultationFilterProxy(QSortFilterProxyModel):
    """Search text, open-only and relevant-to-my-category filters over the consultation model."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._open_only = False
        self._categories: frozenset[PartyCategory] | None = None
        self._accepted: list[bool] = []
        self._index = HaystackIndex([])
        self.setSortRole(SORT_ROLE)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- inputs ------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        terms = query_terms(text)
        if terms != self._terms:
            self._terms = terms
            self._refilter()

    def set_open_only(self, on: bool) -> None:
        if on != self._open_only:
            self._open_only = on
            self._refilter()

    def set_relevant_categories(self, categories: Iterable[PartyCategory] | None) -> None:
        """Show only consultations for these categories; None shows all."""
        wanted = None if categories is None else frozenset(categories)
        if wanted != self._categories:
            self._categories = wanted
            self._refilter()

    @property
    def query(self) -> list[str]:
        return list(self._terms)

    # -- filtering ---------------------------------------------------------------------

    def _consultations(self) -> ConsultationTableModel:
        model = self.sourceModel()
        assert isinstance(model, ConsultationTableModel)
        return model

    def _compute(self) -> None:
        rows = self._consultations().rows()
        self._accepted = accepted_rows(
            rows, self._index, self._terms, self._open_only, self._categories
        )

    def prepare_search(self) -> None:
        """Build the search word lists now (call when idle) rather than on the first key."""
        self._index.prepare()

    def _rebuild_index(self) -> None:
        self._index = HaystackIndex([row.haystack for row in self._consultations().rows()])

    def _refilter(self) -> None:
        # One layout change rather than Qt's row-by-row removal and insertion: a
        # keystroke can hide thousands of scattered rows, and views handle each
        # removed range separately.
        self._compute()
        self.invalidate()

    def setSourceModel(self, model) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._compute_after_reset)
            old.layoutChanged.disconnect(self._compute_after_reset)
        model.modelReset.connect(self._compute_after_reset)
        model.layoutChanged.connect(self._compute_after_reset)
        super().setSourceModel(model)
        self._rebuild_index()
        self._compute()

    def _compute_after_reset(self, *args) -> None:
        # Runs before the proxy's own reset handling (connected first), so the
        # flags match the new rows when Qt asks for them.
        self._rebuild_index()
        self._compute()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        try:
            return self._accepted[source_row]
        except IndexError:
            return True

    # -- sorting -----------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the source rows by the column's sort-role key; the proxy keeps that order."""
        self._sort_column, self._sort_order = column, order
        if column >= 0:
            self._consultations().reorder(column, order)

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order
