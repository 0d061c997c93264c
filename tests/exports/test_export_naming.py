"""Names safe on every platform and inside zips."""

from __future__ import annotations

import pytest

from secresponder.exports.naming import response_file_name, safe_name, unique_name


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
        ("com1.txt", "com1.txt_"),
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
