"""What a fill reports (each value with its place in words, each value with no place) and
the read-back check that proves the output: values at their places, nothing else changed."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from secresponder.domain.clock import fixed_clock
from secresponder.domain.forms import Answers, Confidence, FillReport, Placement
from secresponder.forms.docx import fill_docx, fill_docx_report, inspect_docx, verify_docx
from tests.forms import builders as b
from tests.forms import wordml_builders as x

CLOCK = fixed_clock(datetime(2023, 5, 2, 14, 30, tzinfo=UTC))
GIVEN = Answers.from_json(
    {
        "respondent": {
            "name": "Alice Smith",
            "organisation": "Acme Energy Ltd",
            "email": "alice@acme.example",
            "confidential": True,
        },
        "answers": {
            "1": {"response": "Yes", "rationale": "Lower costs.\n\nFaster switching."},
            "3": "No impact.",
            "7": {"response": "No", "rationale": "A question the form does not ask."},
        },
        "comments": [{"document": "Legal text", "comment": "Typo in 2.3."}],
    }
)


def replace_part(data: bytes, name: str, change) -> bytes:  # type: ignore[no-untyped-def]
    """The package ``data`` with part ``name`` passed through ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, change(body) if info.filename == name else body)
    return out.getvalue()


def test_report_names_each_value_and_its_place(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    filled = fill_docx_report(source, GIVEN, clock=CLOCK)
    assert [(p.item, p.where, p.value) for p in filled.report.placed] == [
        ("respondent name", "table 1, row 1, column 2", "Alice Smith"),
        ("respondent organisation", "table 1, row 2, column 2", "Acme Energy Ltd"),
        ("respondent email", "table 1, row 3, column 2", "alice@acme.example"),
        ("respondent confidential", "check box 'Yes' of the label 'Confidential?'", "Yes"),
        ("answer 1 response", "table 2, row 2, Response column", "Yes"),
        (
            "answer 1 rationale",
            "table 2, row 2, Rationale column",
            "Lower costs.\n\nFaster switching.",
        ),
        ("answer 3 rationale", "table 2, row 4, Rationale column", "No impact."),
    ]
    assert filled.report.unplaced == (
        "answer 7: the form has no question 7",
        "comment 1: the form is not a comments log",
    )
    assert fill_docx(source, GIVEN, clock=CLOCK) == filled.data
    assert verify_docx(source, filled.data, filled.report) == []


def test_respondent_details_the_form_does_not_ask_are_named(tmp_path: Path) -> None:
    source = b.build_numbered_list(tmp_path / "form.docx")
    report = fill_docx_report(source, GIVEN, clock=CLOCK).report
    assert "respondent email: the form has no place for it" in report.unplaced
    assert "respondent confidential: the form has no place for it" in report.unplaced


def test_a_position_or_rationale_with_no_place_is_named(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "boxes.docx",
        x.para("Q1 Do you support the change?"),
        x.para(x.sdt_checkbox(), " Yes  ", x.sdt_checkbox(), " No"),
        x.para("Q2 Do you agree with the legal text?"),
        x.para(x.sdt_checkbox(), " Yes  ", x.sdt_checkbox(), " No"),
    )
    given = {"1": {"response": "Maybe", "rationale": "Unsure."}, "2": {"response": "No"}}
    filled = fill_docx_report(source, Answers.from_json({"answers": given}))
    assert filled.report.unplaced == (
        "answer 1 response: 'Maybe' is none of question 1's boxes ('Yes', 'No')",
        "answer 1 rationale: question 1 has no place for a rationale",
    )
    assert [(p.item, p.where) for p in filled.report.placed] == [
        ("answer 2 response", "check box 'No' of question 2")
    ]
    assert verify_docx(source, filled.data, filled.report) == []


def test_inspection_describes_places_and_marks_guesses_unsure(tmp_path: Path) -> None:
    sure = inspect_docx(b.build_table_full(tmp_path / "full.docx")).places
    assert {p.confidence for p in sure} == {Confidence.SURE}
    assert ("answer 2 rationale", "table 2, row 3, Rationale column") in {
        (p.item, p.where) for p in sure
    }
    guessed = inspect_docx(b.build_table_no_header(tmp_path / "bare.docx")).places
    answers = [p for p in guessed if p.item.startswith("answer")]
    assert answers and {p.confidence for p in answers} == {Confidence.UNSURE}
    assert inspect_docx(b.build_table_full(tmp_path / "full.docx")).to_json()["places"][0] == {
        "item": "respondent name",
        "where": "table 1, row 1, column 2",
        "confidence": "sure",
    }


def test_read_back_finds_a_change_outside_the_places(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    filled = fill_docx_report(source, GIVEN, clock=CLOCK)
    tampered = replace_part(
        filled.data,
        "word/document.xml",
        lambda xml: xml.replace(b"Do you agree with the proposed solution?", b"Do you agree?"),
    )
    problems = verify_docx(source, tampered, filled.report)
    assert len(problems) == 1
    assert problems[0].startswith("the form's content changed outside the answer places")


def test_read_back_finds_a_value_missing_from_its_place(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    filled = fill_docx_report(source, GIVEN, clock=CLOCK)
    tampered = replace_part(
        filled.data, "word/document.xml", lambda xml: xml.replace(b"No impact.", b"No impa")
    )
    assert verify_docx(source, tampered, filled.report) == [
        "answer 3 rationale: its text was not found at table 2, row 4, Rationale column"
    ]


def test_read_back_finds_an_unticked_box_a_changed_part_and_an_unknown_place(
    tmp_path: Path,
) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    filled = fill_docx_report(source, GIVEN, clock=CLOCK)
    unticked = replace_part(
        filled.data, "word/document.xml", lambda xml: xml.replace(b'w14:val="1"', b'w14:val="0"')
    )
    assert verify_docx(source, unticked, filled.report) == [
        "respondent confidential: the box at check box 'Yes' of the label 'Confidential?' "
        "is not ticked"
    ]
    restyled = replace_part(filled.data, "word/styles.xml", lambda xml: xml + b" ")
    assert verify_docx(source, restyled, filled.report) == ["the part word/styles.xml changed"]
    claimed = FillReport(placed=(Placement("answer 1 rationale", "table 9, row 1", "x"),))
    assert verify_docx(source, filled.data, claimed)[0] == (
        "answer 1 rationale: the form has no place 'table 9, row 1'"
    )


def test_unknown_labels_are_unsure_only_when_any_label_would_do(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "labels.docx",
        x.table(
            x.row(x.cell("Name"), x.cell("")),
            x.row(x.cell("Organisation"), x.cell("")),
            x.row(x.cell("Role of Respondent"), x.cell("")),
            x.row(x.cell("Region"), x.cell("")),
        ),
        x.para("Q1 Do you agree?"),
        x.para("[Insert response]"),
    )
    places = {p.item: p.confidence for p in inspect_docx(source).places}
    assert places == {
        "respondent name": Confidence.SURE,
        "respondent organisation": Confidence.SURE,
        "respondent Role of Respondent": Confidence.SURE,
        "respondent Region": Confidence.UNSURE,
        "answer 1 response": Confidence.SURE,
    }


def test_an_information_table_is_not_respondent_details(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "info.docx",
        x.table(
            x.row(x.cell("Modification"), x.cell("MP231 Smart meter data retention")),
            x.row(x.cell("Closing date"), x.cell("12 May 2023")),
            x.row(x.cell("Name"), x.cell("")),
            x.row(x.cell("Organisation"), x.cell("")),
        ),
        x.para("Q1 Do you agree?"),
        x.para("[Insert response]"),
    )
    assert [(f.key, f.label) for f in inspect_docx(source).respondent_fields] == [
        ("name", "Name"),
        ("organisation", "Organisation"),
    ]


def test_places_named_alike_are_told_apart_in_document_order(tmp_path: Path) -> None:
    details = x.table(
        x.row(x.cell("Name"), x.cell(x.para(x.sdt_text("Text")))),
        x.row(x.cell("Organisation"), x.cell(x.para(x.sdt_text("Text")))),
    )
    source = x.build(
        tmp_path / "twice.docx",
        details,
        x.para("Q1 Do you agree?"),
        x.para(x.sdt_rich("Response")),
        x.para("Q2 Any comments?"),
        x.para(x.sdt_rich("Response")),
        x.para("Declaration"),
        details,
    )
    given = {
        "respondent": {"name": "Alice", "organisation": "Acme"},
        "answers": {"1": "Yes.", "2": "No."},
    }
    filled = fill_docx_report(source, Answers.from_json(given))
    assert [(p.item, p.where) for p in filled.report.placed] == [
        ("respondent name", "content control 'Text'"),
        ("respondent organisation", "content control 'Text'"),
        ("respondent name", "content control 'Text'"),
        ("respondent organisation", "content control 'Text'"),
        ("answer 1 rationale", "content control 'Response'"),
        ("answer 2 rationale", "content control 'Response'"),
    ]
    assert verify_docx(source, filled.data, filled.report) == []
