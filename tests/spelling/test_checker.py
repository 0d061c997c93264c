"""British English checking with the shipped Hunspell dictionary, the SEC's terms and the
user's own words."""

from __future__ import annotations

import pytest

from secresponder.spelling.checker import SpellChecker, find_dictionary, words


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> SpellChecker:
    checker = SpellChecker(tmp_path_factory.mktemp("spelling") / "words.txt")
    assert checker.load(), checker.problem
    return checker


def test_the_shipped_dictionary_is_found_first():
    stem = find_dictionary()
    assert stem is not None and stem.parent.name == "dictionaries"
    assert stem.with_suffix(".aff").is_file()


def test_british_spellings_and_sec_terms_pass_typos_do_not(loaded):
    text = ("We supprot the DCC's changes to the Communications Hub for SMETS2 Devices; the "
            "Modification Proposal MP231 favours each Party's organisation, teh Supplier "
            "and SECAS. We recognise the colour of the programme.")
    assert [w for _s, _l, w in loaded.misspelt(text)] == ["supprot", "teh"]
    assert not loaded.is_correct("recieve")


def test_suggestions_and_the_personal_list(loaded, tmp_path):
    assert "receive" in loaded.suggest("recieve")
    assert not loaded.is_correct("Bloggsware")
    loaded.add_word("Bloggsware")
    assert loaded.is_correct("Bloggsware")
    again = SpellChecker(loaded.personal_path)
    assert again.load()
    assert again.is_correct("Bloggsware")


def test_words_skip_references_and_numbers():
    found = [w for _s, _l, w in words("MP231 and SECMP0067 in 2027, well-known don't")]
    assert found == ["and", "in", "well-known", "don't"]


def test_before_loading_nothing_is_flagged(tmp_path):
    checker = SpellChecker(tmp_path / "words.txt")
    assert checker.misspelt("teh supprot") == []
