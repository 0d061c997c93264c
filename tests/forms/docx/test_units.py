"""The small rules under the .docx reader: placeholders, labels, list numbers, the zip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from secresponder.forms.docx.labels import answer_row_role, header_role, respondent_key
from secresponder.forms.docx.numbering import ListNumbering, format_number, styles_may_number
from secresponder.forms.docx.package import DocxPackage
from secresponder.forms.docx.placeholders import (
    bare_question_number,
    is_placeholder,
    normalise_number,
    offered_positions,
    split_question_number,
)
from tests.forms import builders as b

W_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[Insert name]", True),
        ("Click or tap here to enter text.", True),
        ("Choose an item.", True),
        ("Yes / No / Neutral", True),
        ("__________", True),
        ("Acme Energy", False),
        ("", False),
        ("Do you agree? [see note]", False),
    ],
)
def test_placeholders(text: str, expected: bool) -> None:
    assert is_placeholder(text) is expected


def test_offered_positions() -> None:
    assert offered_positions("Yes / No / Neutral") == ("Yes", "No", "Neutral")
    assert offered_positions("[Agree/Disagree]") == ("Agree", "Disagree")
    assert offered_positions("Yes or No") == ("Yes", "No")
    assert offered_positions("Yes / Maybe") == ()
    assert offered_positions("Yes") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q1: Do you agree?", ("1", "Do you agree?")),
        ("1. Do you agree?", ("1", "Do you agree?")),
        ("Question 3", ("3", "")),
        ("Question 12 - Why?", ("12", "Why?")),
        ("2.1) Sub question", ("2.1", "Sub question")),
        ("2023 was a year", None),
        ("MP231 title", None),
    ],
)
def test_question_numbers(text: str, expected: tuple[str, str] | None) -> None:
    assert split_question_number(text) == expected


def test_bare_numbers_and_loose_matching() -> None:
    assert [bare_question_number(t) for t in ("1", "Q1", "1.", "Question 1", "One")] == [
        "1",
        "1",
        "1",
        "1",
        None,
    ]
    assert normalise_number("Q7") == normalise_number("7.") == "7"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Organisation", "organisation"),
        ("Company", "organisation"),
        ("Organisation name", "organisation"),
        ("Respondent name", "name"),
        ("Name of respondent", "name"),
        ("Contact email", "email"),
        ("E-mail address:", "email"),
        ("Telephone", "phone"),
        ("Contact number", "phone"),
        ("SEC Party Category", "party_category"),
        ("Party Category", "party_category"),
        ("Confidential?", "confidential"),
        ("Is your response confidential?", "confidential"),
    ],
)
def test_respondent_labels(label: str, key: str) -> None:
    assert respondent_key(label) == (True, key)


def test_text_that_is_not_a_respondent_label() -> None:
    assert respondent_key("[Insert name]") == (False, None)
    assert respondent_key("Do you agree with the name of the new Section?") == (False, None)
    assert respondent_key("Release") == (False, None)


def test_column_and_row_roles() -> None:
    assert [header_role(t) for t in ("No.", "Question", "Response", "Rationale", "Ref")] == [
        "number",
        "question",
        "response",
        "rationale",
        "number",
    ]
    assert header_role("Question number") == "number"
    assert answer_row_role("Please explain your answer") == "rationale"
    assert answer_row_role("Do you agree?") == "response"
    assert answer_row_role("Do you agree with the proposed solution?") is None


def test_number_formats() -> None:
    assert [format_number(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "bullet")] == [
        "4",
        "d",
        "IV",
        None,
    ]
    assert format_number(28, "lowerLetter") == "bb"


def _numbering(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:numbering {W_DECL}>{xml}</w:numbering>")


def test_list_numbers_restart_levels_and_honour_overrides() -> None:
    numbering = _numbering(
        '<w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Q%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1(%2)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
    )
    body = etree.fromstring(
        f"<w:body {W_DECL}>"
        + "".join(
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'
            f"</w:pPr><w:r><w:t>x</w:t></w:r></w:p>"
            for lvl, num in ((0, 5), (1, 5), (1, 5), (0, 5), (1, 5), (0, 6), (0, 0))
        )
        + "</w:body>"
    )
    numbers = ListNumbering(numbering, None).numbers(body)
    assert [numbers.get(p) for p in body] == ["1", "1(a)", "1(b)", "2", "2(a)", "7", None]


def test_styles_scan_is_conservative() -> None:
    styles = (
        f'<w:styles {W_DECL}><w:style w:type="paragraph" w:styleId="ListNumber">'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MyQuestion"><w:basedOn w:val="ListNumber"/>'
        '</w:style><w:style w:type="paragraph" w:styleId="Heading1"/></w:styles>'
    ).encode()
    assert styles_may_number(styles, {"MyQuestion"}) is True
    assert styles_may_number(styles, {"ListNumber"}) is True
    assert styles_may_number(styles, {"Heading1"}) is False
    assert styles_may_number(styles, set()) is False
    # With another prefix for the main namespace the scan cannot tell, so it says True.
    other_prefix = styles.replace(b"w:", b"x:").replace(b"xmlns:w=", b"xmlns:x=")
    assert styles_may_number(other_prefix, {"Heading1"}) is True


def test_package_round_trip_copies_entries_and_is_a_valid_zip(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    package = DocxPackage.open(source)
    data = package.to_bytes({})
    with zipfile.ZipFile(io.BytesIO(data)) as copy, zipfile.ZipFile(source) as original:
        assert copy.testzip() is None
        assert [i.filename for i in copy.infolist()] == [i.filename for i in original.infolist()]
        for a, c in zip(original.infolist(), copy.infolist(), strict=True):
            assert (c.compress_type, c.date_time, c.CRC) == (a.compress_type, a.date_time, a.CRC)
            assert copy.read(c) == original.read(a)
    replaced = package.to_bytes({"word/document.xml": b"<replaced/>"})
    with zipfile.ZipFile(io.BytesIO(replaced)) as copy:
        assert copy.testzip() is None
        assert copy.read("word/document.xml") == b"<replaced/>"
