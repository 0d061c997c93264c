"""Filling .docx forms: answers land in their places, formatted like the place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from secresponder.domain.clock import fixed_clock
from secresponder.domain.forms import Answers
from secresponder.forms.docx import fill_docx, inspect_docx
from tests.forms import builders as b
from tests.forms.docx.docx_compare import (
    W,
    cells_text,
    checked,
    document,
    paragraphs_text,
    save,
    text_of,
)

Q = b.QUESTIONS
CLOCK = fixed_clock(datetime(2023, 5, 2, 14, 30, tzinfo=UTC))

RESPONDENT = {
    "name": "Alice Smith",
    "organisation": "Acme Energy Ltd",
    "email": "alice.smith@acme.example",
    "phone": "01234 567890",
    "party_category": "Large Supplier",
    "confidential": True,
}


def answers(
    numbers: list[str], *, response: str = "Yes", respondent: dict | None = None
) -> Answers:
    return Answers.from_json(
        {
            "respondent": RESPONDENT if respondent is None else respondent,
            "answers": {
                n: {
                    "response": response,
                    "rationale": f"Reason one for {n}.\n\nReason two for {n}.",
                }
                for n in numbers
            },
        }
    )


def fill(tmp_path: Path, source: Path, given: Answers) -> Path:
    return save(tmp_path, "filled.docx", fill_docx(source, given, clock=CLOCK))


def test_question_table_cells_and_respondent_table(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["1", "3"], response="No"))
    rows = cells_text(document(out.read_bytes()))
    assert rows[:5] == [
        ["Name", "Alice Smith"],
        ["Organisation", "Acme Energy Ltd"],
        ["Email address", "alice.smith@acme.example"],
        ["Telephone", "01234 567890"],
        ["SEC Party Category", "Large Supplier"],
    ]
    assert rows[5] == ["Confidential?", "☒ Yes   ☐ No"]
    assert rows[6:] == [
        ["No.", "Question", "Response", "Rationale"],
        ["1", Q[0], "No", "Reason one for 1.|Reason two for 1."],
        ["2", Q[1], "[Insert response]", "[Insert rationale]"],  # no answer: untouched
        ["3", Q[2], "No", "Reason one for 3.|Reason two for 3."],
    ]
    table = docx.Document(str(out)).tables[1]
    response = table.cell(1, 2).paragraphs[0].runs[0]
    assert (response.bold, response.font.name, response.font.size.pt) == (True, "Arial", 12)
    rationale_paras = table.cell(1, 3).paragraphs
    assert [p.runs[0].font.name for p in rationale_paras] == ["Calibri", "Calibri"]
    assert [p.runs[0].font.size.pt for p in rationale_paras] == [10, 10]
    value = docx.Document(str(out)).tables[0].cell(0, 1).paragraphs[0].runs[0]
    assert (value.font.name, value.font.size.pt) == ("Arial", 11)


def test_confidential_false_ticks_no(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    given = answers([], respondent={**RESPONDENT, "confidential": False})
    out = fill(tmp_path, source, given)
    root = document(out.read_bytes())
    assert cells_text(root)[5] == ["Confidential?", "☐ Yes   ☒ No"]
    assert checked(root) == [False, True]


def test_positions_placeholder_replaced_and_rationale_in_its_column(tmp_path: Path) -> None:
    source = b.build_table_yes_no(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["2"], response="Neutral"))
    root = document(out.read_bytes())
    rows = cells_text(root)
    assert rows[2] == [f"Q2 {Q[1]}", "Neutral", "Reason one for 2.|Reason two for 2."]
    assert rows[1] == [f"Q1 {Q[0]}", "Yes / No / Neutral", ""]
    assert paragraphs_text(root)[1:5] == [
        "Organisation name: Acme Energy Ltd",
        "Respondent name: Alice Smith",
        "Contact email: alice.smith@acme.example",
        "Contact number: 01234 567890",
    ]
    # The value takes the placeholder's formatting (italic, 11pt), not the bold label's.
    para = docx.Document(str(out)).paragraphs[1]
    assert [(r.text, r.bold, r.italic) for r in para.runs] == [
        ("Organisation name:", True, None),
        (" Acme Energy Ltd", None, True),
    ]


def test_numbers_match_loosely(tmp_path: Path) -> None:
    source = b.build_table_no_header(tmp_path / "form.docx")
    given = Answers.from_json({"answers": {"Q2": {"response": "Agree", "rationale": ""}}})
    out = fill(tmp_path, source, given)
    rows = cells_text(document(out.read_bytes()))
    assert rows[1] == ["2.", Q[2], "Agree"]
    assert rows[0][2] == rows[2][2] == "[Insert response]"
    run = docx.Document(str(out)).tables[0].cell(1, 2).paragraphs[0].runs[0]
    assert (run.font.name, run.font.size.pt) == ("Verdana", 9)


def test_content_controls_in_cells(tmp_path: Path) -> None:
    source = b.build_table_controls(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["1"], respondent={**RESPONDENT, "confidential": False}))
    root = document(out.read_bytes())
    rows = cells_text(root)
    assert rows[4] == ["Is your response confidential?", "No"]
    assert rows[6] == [
        "Question 1",
        f"{Q[0]}|Please give reasons for your answer.",
        "Yes",
        "Reason one for 1.|Reason two for 1.",
    ]
    assert rows[7][2:] == [b.PLACEHOLDER_PROMPT, b.PLACEHOLDER_PROMPT]
    filled_controls = [
        sdt for sdt in root.iter(f"{W}sdt") if text_of(sdt) == "Yes" or "Reason" in text_of(sdt)
    ]
    assert len(filled_controls) == 2
    for sdt in filled_controls:
        assert sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is None
        styles = [s.get(f"{W}val") for s in sdt.iter(f"{W}rStyle")]
        assert "PlaceholderText" not in styles


def test_per_question_tables_tick_boxes_and_write_rationale(tmp_path: Path) -> None:
    source = b.build_per_question_boxes(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["4"], response="no"))
    root = document(out.read_bytes())
    rows = cells_text(root)
    assert rows[3:] == [
        [Q[3]],
        ["Response", "☐ Yes   ☒ No   ☐ Neutral"],
        ["Please explain your answer", "Reason one for 4.|Reason two for 4."],
    ]
    assert rows[1] == ["Response", "☐ Yes   ☐ No   ☐ Neutral"]
    # confidential (True) ticks Yes in the paragraph; the question boxes follow.
    assert checked(root) == [True, False, False, False, False, False, True, False]


def test_unmatched_position_is_written_as_text_beside_the_boxes(tmp_path: Path) -> None:
    source = b.build_per_question_boxes(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["3"], response="Partially"))
    rows = cells_text(document(out.read_bytes()))
    assert rows[1] == ["Response", "☐ Yes   ☐ No   ☐ Neutral|Partially"]
    assert rows[2] == ["Please explain your answer", "Reason one for 3.|Reason two for 3."]


def test_per_question_label_rows(tmp_path: Path) -> None:
    source = b.build_per_question_label_rows(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["2"], response="Yes"))
    rows = cells_text(document(out.read_bytes()))
    assert rows[5:] == [
        [f"Q2. {Q[1]}"],
        ["Response"],
        ["Yes"],
        ["Rationale"],
        ["Reason one for 2.|Reason two for 2."],
    ]


def test_numbered_placeholder_paragraphs_keep_their_formatting(tmp_path: Path) -> None:
    source = b.build_numbered_placeholder(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["2"]))
    texts = paragraphs_text(document(out.read_bytes()))
    assert texts == [
        "Name:\tAlice Smith",
        "Organisation: Acme Energy Ltd",
        "Email: alice.smith@acme.example",
        "Confidential? Yes",
        f"1. {Q[0]}",
        "[Insert response]",
        f"2. {Q[1]}",
        "Yes",
        "Reason one for 2.",
        "Reason two for 2.",
        f"3. {Q[2]}",
        "[Insert response]",
    ]
    paras = docx.Document(str(out)).paragraphs[7:10]
    for p in paras:
        run = p.runs[0]
        assert (run.italic, run.font.name, run.font.size.pt) == (True, "Arial", 10)
        assert p.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY


def test_numbered_box_tables_and_list_numbering(tmp_path: Path) -> None:
    source = b.build_numbered_box(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["1", "2", "3"], response=""))
    rows = cells_text(document(out.read_bytes()))
    assert rows == [[f"Reason one for {n}.|Reason two for {n}."] for n in "123"]
    run = docx.Document(str(out)).tables[0].cell(0, 0).paragraphs[1].runs[0]
    assert (run.font.name, run.font.size.pt) == ("Georgia", 12)

    listed = b.build_numbered_list(tmp_path / "list.docx")
    out = fill(tmp_path, listed, answers(["3"], response="Yes"))
    texts = paragraphs_text(document(out.read_bytes()))
    assert texts[-3:] == ["Yes", "Reason one for 3.", "Reason two for 3."]
    # Each new paragraph is cloned from the bordered answer paragraph.
    filled = docx.Document(str(out)).paragraphs[-3:]
    assert all(p._p.pPr.find(f"{W}pBdr") is not None for p in filled)


def test_heading_questions_boxes_box_and_control_paragraph(tmp_path: Path) -> None:
    source = b.build_numbered_mixed(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["3", "5"], response="No"))
    root = document(out.read_bytes())
    assert checked(root) == [False, True]
    assert cells_text(root) == [["Reason one for 3.|Reason two for 3."]]
    texts = paragraphs_text(root)
    assert texts[texts.index(f"Question 5 - {Q[3]}") + 1 :] == [
        "No",
        "Reason one for 5.",
        "Reason two for 5.",
        "End of questions.",
    ]
    assert texts[texts.index(f"Question 4: {Q[1]}") + 1] == ""


def test_empty_answers_change_only_the_modified_date(tmp_path: Path) -> None:
    source = b.build_per_question_basic(tmp_path / "form.docx")
    out = fill(tmp_path, source, Answers())
    before = document(source.read_bytes())
    after = document(out.read_bytes())
    assert cells_text(after) == cells_text(before)


@pytest.mark.parametrize(
    "builder",
    [
        b.build_table_full,
        b.build_table_controls,
        b.build_per_question_multi,
        b.build_numbered_list,
        b.build_per_question_boxes,
    ],
)
def test_filled_forms_still_inspect_the_same(tmp_path: Path, builder) -> None:  # type: ignore[no-untyped-def]
    source = builder(tmp_path / "form.docx")
    before = inspect_docx(source)
    numbers = [q.number for q in before.questions]
    out = fill(tmp_path, source, answers(numbers, response="Yes"))
    after = inspect_docx(out)
    assert [(q.number, q.text) for q in after.questions] == [
        (q.number, q.text) for q in before.questions
    ]
    assert after.respondent_fields == before.respondent_fields


def test_label_controls_and_category_boxes(tmp_path: Path) -> None:
    source = b.build_label_controls(tmp_path / "form.docx")
    given = answers(["2"], respondent={**RESPONDENT, "party_category": "Small Suppliers"})
    out = fill(tmp_path, source, given)
    root = document(out.read_bytes())
    texts = paragraphs_text(root)
    assert texts[:4] == [
        "Name: Alice Smith",
        "Organisation: Acme Energy Ltd",
        "Email: alice.smith@acme.example",
        "SEC Party Category: Large Supplier ☐   Small Supplier ☒   Other SEC Party ☐",
    ]
    assert checked(root) == [False, True, False]
    assert texts[4:] == [
        f"Q1. {Q[0]}",
        b.PLACEHOLDER_PROMPT,
        f"Q2. {Q[1]}",
        "Yes",
        "Reason one for 2.",
        "Reason two for 2.",
    ]
    # The control's value keeps its size but not the grey placeholder style.
    name_run = root.find(f"{W}body/{W}p/{W}sdt/{W}sdtContent/{W}r")
    assert name_run.find(f"{W}rPr/{W}rStyle") is None
    assert name_run.find(f"{W}rPr/{W}sz").get(f"{W}val") == "20"


def test_check_box_columns_ticked_and_comments_written(tmp_path: Path) -> None:
    source = b.build_table_boxes(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["2"], response="No"))
    root = document(out.read_bytes())
    assert checked(root) == [False, False, False, True]
    assert cells_text(root)[3:] == [
        ["Ref", "Question", "Yes", "No", "Comments"],
        ["Q1", Q[0], "☐", "☐", ""],
        ["Q2", Q[1], "☐", "☒", "Reason one for 2.|Reason two for 2."],
    ]


def test_label_values_in_the_block_after_the_label(tmp_path: Path) -> None:
    source = b.build_table_no_header(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers([]))
    root = document(out.read_bytes())
    assert paragraphs_text(root)[1:6] == [
        "Name: Alice Smith",
        "Company: Acme Energy Ltd",
        "Telephone:",
        "01234 567890",
        "Email address:",
    ]
    assert cells_text(root)[-1] == ["alice.smith@acme.example"]
    value = docx.Document(str(out)).paragraphs[4].runs[0]
    assert (value.text, value.italic, value.bold) == ("01234 567890", True, None)


def test_check_boxes_on_the_question_line_ticked(tmp_path: Path) -> None:
    source = b.build_inline_boxes(tmp_path / "form.docx")
    out = fill(tmp_path, source, answers(["1"], response="Yes"))
    root = document(out.read_bytes())
    assert checked(root) == [True, False, False, False]
    assert paragraphs_text(root) == [
        f"Q1 {Q[0]} ☒ Yes   ☐ No",
        "Reason one for 1.",
        "Reason two for 1.",
        f"Q2 {Q[1]} ☐ Yes   ☐ No",
        "[Please explain your answer]",
    ]
