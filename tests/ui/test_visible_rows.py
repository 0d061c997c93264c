"""Which rows the list shows: the pure filter over haystacks, flags and sort orders."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from secresponder.catalogue.reader import read_page_file
from secresponder.domain.parties import PartyCategory
from secresponder.ui.catalogue_rows import make_haystack
from secresponder.ui.visible_rows import RowFilter, VisibleRows, query_terms

CATEGORIES = list(PartyCategory)


def brute_force(haystacks, is_open, categories, wanted: RowFilter, order):
    """The plain definition: every word in the haystack, open if asked, a wanted category."""
    return [
        i for i in order
        if all(t in haystacks[i] for t in wanted.terms)
        and (not wanted.open_only or is_open[i])
        and (wanted.categories is None or set(categories[i]) & wanted.categories)
    ]


def seed_haystacks(consultations_txt) -> list[str]:
    return [make_haystack(c) for c in read_page_file(consultations_txt).consultations]


def test_query_terms_are_lowercase_words():
    assert query_terms("  Firmware   ORDER ") == ("firmware", "order")
    assert query_terms("") == ()


def test_narrowing_is_decided_per_word_and_flag():
    wide = RowFilter(("firm",))
    assert RowFilter(("firmware",)).narrows(wide)
    assert RowFilter(("firmware", "order")).narrows(wide)
    assert not RowFilter(("fir",)).narrows(wide)
    assert RowFilter(("firm",), open_only=True).narrows(wide)
    assert not wide.narrows(RowFilter(("firm",), open_only=True))
    gas = frozenset({PartyCategory.GAS_NETWORK})
    assert RowFilter(("firm",), categories=gas).narrows(wide)
    assert not wide.narrows(RowFilter(("firm",), categories=gas))


def test_typing_and_backspacing_over_the_seed_consultations(consultations_txt):
    haystacks = seed_haystacks(consultations_txt)
    n = len(haystacks)
    is_open = [i % 3 == 0 for i in range(n)]
    cats = [frozenset({CATEGORIES[i % len(CATEGORIES)]}) for i in range(n)]
    rows = VisibleRows()
    rows.reset(haystacks, is_open, cats)
    order = list(range(n))
    text = "firmware order"
    typed = [text[:k] for k in range(1, len(text) + 1)]
    for query in typed + typed[::-1] + [""]:
        wanted = RowFilter(query_terms(query))
        assert rows.rows(wanted) == brute_force(haystacks, is_open, cats, wanted, order), query
    firmware = rows.rows(RowFilter(("firmware",)))
    assert firmware and len(firmware) < n
    assert all("firmware" in haystacks[i] for i in firmware)


def test_sorted_rows_follow_the_keys_and_reset_forgets_them(consultations_txt):
    haystacks = seed_haystacks(consultations_txt)
    n = len(haystacks)
    rows = VisibleRows()
    rows.reset(haystacks, [True] * n, [frozenset(CATEGORIES)] * n)
    keys = [len(h) for h in haystacks]
    asked = []

    def sort_keys():
        asked.append(1)
        return keys

    down = rows.rows(RowFilter(), "length", True, sort_keys)
    assert [keys[i] for i in down] == sorted(keys, reverse=True)
    rows.rows(RowFilter(("the",)), "length", True, sort_keys)
    assert len(asked) == 1  # the order is made once per column and direction
    keys.reverse()
    rows.forget_order("length")
    down = rows.rows(RowFilter(), "length", True, sort_keys)
    assert [keys[i] for i in down] == sorted(keys, reverse=True)
    assert len(asked) == 2


words = st.sampled_from(["a", "ab", "abc", "b", "bc", "c", "ca", "x"])


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.lists(words, max_size=6).map(" ".join), min_size=1, max_size=30),
    flags=st.data(),
    queries=st.lists(
        st.tuples(st.lists(words, max_size=3), st.booleans(),
                  st.one_of(st.none(), st.sets(st.sampled_from(CATEGORIES), max_size=2))),
        min_size=1, max_size=12,
    ),
)
def test_any_sequence_of_filters_matches_the_plain_definition(texts, flags, queries):
    n = len(texts)
    is_open = flags.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    cats = flags.draw(st.lists(st.sets(st.sampled_from(CATEGORIES), min_size=1).map(frozenset),
                               min_size=n, max_size=n))
    rows = VisibleRows()
    rows.reset(texts, is_open, cats)
    keys = flags.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    for terms, open_only, wanted_cats in queries:
        wanted = RowFilter(tuple(terms), open_only,
                           None if wanted_cats is None else frozenset(wanted_cats))
        order = sorted(range(n), key=keys.__getitem__)
        assert rows.rows(wanted, "k", False, lambda: keys) == brute_force(
            texts, is_open, cats, wanted, order)
        assert rows.rows(wanted) == brute_force(texts, is_open, cats, wanted, list(range(n)))


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="abc ", max_size=25), min_size=1, max_size=25),
    typed=st.text(alphabet="abc ", min_size=1, max_size=12),
    open_only=st.booleans(),
)
def test_typing_then_backspacing_matches_the_plain_definition(texts, typed, open_only):
    n = len(texts)
    is_open = [i % 2 == 0 for i in range(n)]
    cats = [frozenset(CATEGORIES)] * n
    rows = VisibleRows()
    rows.reset(texts, is_open, cats)
    order = list(range(n))
    prefixes = [typed[:k] for k in range(1, len(typed) + 1)]
    for query in prefixes + prefixes[::-1]:
        wanted = RowFilter(query_terms(query), open_only)
        assert rows.rows(wanted) == brute_force(texts, is_open, cats, wanted, order), query
