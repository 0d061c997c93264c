"""Names safe on every platform and inside zips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secresponder.exports.naming import RESERVED, response_file_name, safe_name, unique_name


def test_response_file_name_is_reference_organisation_response():
    assert (
        response_file_name("MP231", "Northern Power Ltd", "Firmware", ".docx")
        == "MP231 Northern Power Ltd response.docx"
    )


def test_forbidden_characters_and_controls_are_replaced():
    name = response_file_name("MP231", 'A<B>C:D"E/F\\G|H?I*J\x07K\tL', "t", ".xlsx")
    assert name == "MP231 A-B-C-D-E-F-G-H-I-J-K L response.xlsx"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("com1.txt", "com1_.txt"),
        ("LPT9 .tar.gz", "LPT9_.tar.gz"),
        ("Console", "Console"),
        ("name. . ", "name"),
        ("  ..  ", "response"),
        ("../../etc/passwd", "..-..-etc-passwd"),
    ],
)
def test_reserved_names_trailing_dots_and_traversal(text, expected):
    assert safe_name(text) == expected


def test_long_names_are_cut_and_no_reference_uses_title():
    name = response_file_name(None, "Org", "SMETS2 " * 40, ".docx")
    assert name.startswith("SMETS2 SMETS2") and name.endswith(" Org response.docx")
    assert len(name) <= 120


def test_unique_name_ignores_case():
    taken = {"MP231"}
    assert unique_name("mp231", taken) == "mp231 (2)"
    assert unique_name("MP231", taken) == "MP231 (3)"


@given(st.text(max_size=300))
def test_any_text_gives_a_usable_windows_name(text):
    name = safe_name(text)
    assert name and len(name) <= 120
    assert not any(ch in name for ch in '<>:"/\\|?*')
    assert all(ord(ch) >= 32 and not 0x7F <= ord(ch) <= 0x9F for ch in name)
    assert not name.endswith((".", " ")) and not name.startswith(" ")
    assert name.partition(".")[0].rstrip(" ").upper() not in RESERVED
    assert name not in (".", "..")
