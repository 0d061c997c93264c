"""Every answer mechanism Word offers, read and filled: legacy fields, controls, text boxes,
merged and nested tables, lettered options, requests and the confidentiality question."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from secresponder.domain.clock import fixed_clock
from secresponder.domain.forms import Answers, Confidence
from secresponder.forms.docx import fill_docx_report, inspect_docx, verify_docx
from secresponder.forms.errors import FormError
from tests.forms import builders as b
from tests.forms import wordml_builders as x
from tests.forms.docx.docx_compare import W14, W, document, parts, text_of

CLOCK = fixed_clock(datetime(2024, 5, 2, 9, 0, tzinfo=UTC))


def fill(path: Path, given: dict) -> tuple[etree._Element, object]:
    """Fill ``path``, check the read-back is clean, return the filled tree and the report."""
    filled = fill_docx_report(path, Answers.from_json(given), clock=CLOCK)
    assert verify_docx(path, filled.data, filled.report) == []
    return document(filled.data), filled


def placed(report: object) -> list[tuple[str, str, str]]:
    return [(p.item, p.where, p.value) for p in report.report.placed]  # type: ignore[attr-defined]


def field_results(root: etree._Element) -> dict[str, str]:
    """Legacy FORMTEXT fields by name: the text between their separate and end."""
    out: dict[str, str] = {}
    for p in root.iter(f"{W}p"):
        name = None
        in_result = False
        for r in p.iter(f"{W}r"):
            fc = r.find(f"{W}fldChar")
            if fc is not None and fc.get(f"{W}fldCharType") == "begin":
                n = fc.find(f".//{W}name")
                name = None if n is None else n.get(f"{W}val")
                in_result = False
            elif fc is not None and fc.get(f"{W}fldCharType") == "separate":
                in_result = name is not None
                out.setdefault(name or "", "")
            elif fc is not None and fc.get(f"{W}fldCharType") == "end":
                in_result = False
                name = None
            elif in_result:
                out[name or ""] += text_of(r)
    return out


def ff(root: etree._Element, name: str) -> etree._Element:
    for el in root.iter(f"{W}ffData"):
        if el.find(f"{W}name").get(f"{W}val") == name:
            return el
    raise AssertionError(name)


# -- legacy form fields, in a form protected for filling in ------------------------------


def build_bsc_legacy(path: Path) -> Path:
    """An Elexon-style form: respondent table and question table of legacy fields."""
    return x.build(
        path,
        x.para(x.run("BSC Modification Consultation Response", bold=True)),
        x.table(
            x.row(x.cell("Respondent:"), x.cell(x.para(x.formtext("Text1")))),
            x.row(x.cell("Company Name:"), x.cell(x.para(x.formtext("Text2")))),
            x.row(x.cell("No. of Parties Represented:"), x.cell(x.para(x.formtext("Text3")))),
            x.row(x.cell("Role of Respondent:"), x.cell(x.para(x.formtext("Text4")))),
            x.row(x.cell("Contact email:"), x.cell(x.para(x.formtext("Text5")))),
        ),
        x.para(""),
        x.table(
            x.row(
                x.cell("Q"),
                x.cell("Question"),
                x.cell("Response"),
                x.cell("Rationale"),
                header=True,
            ),
            x.row(
                x.cell("1"),
                x.cell("Do you agree with the proposed solution?"),
                x.cell(x.para(x.formdropdown("Dropdown1", [" ", "Yes", "No", "Neutral"]))),
                x.cell(x.para(x.formtext("Text6"))),
            ),
            x.row(
                x.cell("2"),
                x.cell("Do you agree with the implementation date?"),
                x.cell(x.para("Yes ", x.formcheckbox("Check1"), "  No ", x.formcheckbox("Check2"))),
                x.cell(x.para(x.formtext("Text7", max_length=40))),
            ),
            columns=4,
        ),
        protect_forms=True,
    )


def test_legacy_form_reads_fields_options_and_unknown_respondent_labels(tmp_path: Path) -> None:
    result = inspect_docx(build_bsc_legacy(tmp_path / "bsc.docx"))
    assert [(f.key, f.label) for f in result.respondent_fields] == [
        ("name", "Respondent"),
        ("organisation", "Company Name"),
        (None, "No. of Parties Represented"),
        (None, "Role of Respondent"),
        ("email", "Contact email"),
    ]
    assert [(q.number, q.options) for q in result.questions] == [
        ("1", ("Yes", "No", "Neutral")),
        ("2", ("Yes", "No")),
    ]
    wheres = {(p.item, p.where) for p in result.places}
    assert ("answer 1 response", "legacy drop-down field 'Dropdown1'") in wheres
    assert ("answer 2 response", "legacy check box 'Yes' of question 2") in wheres
    assert ("respondent name", "legacy form field 'Text1'") in wheres


def test_legacy_fields_stay_fields_and_protection_is_kept(tmp_path: Path) -> None:
    source = build_bsc_legacy(tmp_path / "bsc.docx")
    root, filled = fill(
        source,
        {
            "respondent": {"name": "Alice Smith", "organisation": "Acme Energy"},
            "answers": {
                "1": {"response": "No", "rationale": "The costs are too high.\n\nSee annex."},
                "2": {"response": "Yes", "rationale": "Agreed."},
            },
        },
    )
    results = field_results(root)
    assert results["Text1"] == "Alice Smith"
    assert results["Text2"] == "Acme Energy"
    assert results["Text4"].strip() == ""  # "Role of Respondent" is not the name
    assert results["Text6"] == "The costs are too high.\n\nSee annex."  # breaks are w:br
    assert results["Text7"] == "Agreed."
    assert len([t for t in root.iter(f"{W}instrText") if "FORMTEXT" in (t.text or "")]) == 7
    # The drop-down shows "No" (entry 2); the Yes box is ticked through its state.
    assert ff(root, "Dropdown1").find(f"{W}ddList/{W}result").get(f"{W}val") == "2"
    assert ff(root, "Check1").find(f"{W}checkBox/{W}checked").get(f"{W}val") == "1"
    assert ff(root, "Check2").find(f"{W}checkBox/{W}checked").get(f"{W}val") == "0"
    assert "Yes" not in text_of(root).split("date?")[1].split("Agreed")[0].replace("Yes ", "", 1)
    before = dict((n, (c, b)) for n, c, b in parts(source.read_bytes()))
    after = dict((n, (c, b)) for n, c, b in parts(filled.data))
    assert after["word/settings.xml"] == before["word/settings.xml"]
    assert b'w:edit="forms"' in after["word/settings.xml"][1]
    assert ("answer 2 response", "legacy check box 'Yes' of question 2", "Yes") in placed(filled)


def test_legacy_refusals_name_the_question(tmp_path: Path) -> None:
    source = build_bsc_legacy(tmp_path / "bsc.docx")
    with pytest.raises(
        FormError, match=r"question 1 'Maybe' is not one of .*'Yes', 'No', 'Neutral'"
    ):
        fill_docx_report(source, Answers.from_json({"answers": {"1": {"response": "Maybe"}}}))
    with pytest.raises(
        FormError, match=r"bsc.docx: question 2 is 41 characters long.*at most 40\.$"
    ):
        fill_docx_report(source, Answers.from_json({"answers": {"2": "x" * 41}}))


def test_legacy_check_boxes_in_paragraphs_are_ticked_not_typed(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "form.docx",
        x.para("Q1 Do you support the proposed solution?"),
        x.para("Yes ", x.formcheckbox("Check1"), "   No ", x.formcheckbox("Check2")),
        x.para("Comments: ", x.formtext("Text1")),
        x.para("Q2 Do you agree with the legal text?"),
        x.para(x.formtext("Text2")),
        protect_forms=True,
    )
    assert [q.options for q in inspect_docx(source).questions] == [("Yes", "No"), ()]
    root, _filled = fill(
        source, {"answers": {"1": {"response": "No", "rationale": "Too soon."}, "2": "Fine."}}
    )
    assert ff(root, "Check2").find(f"{W}checkBox/{W}checked").get(f"{W}val") == "1"
    assert field_results(root)["Text1"] == "Too soon."
    assert field_results(root)["Text2"] == "Fine."
    assert len(list(root.iter(f"{W}p"))) == 5  # nothing typed under the boxes


# -- content controls --------------------------------------------------------------------


def build_controls(path: Path) -> Path:
    return x.build(
        path,
        x.para("Name: ", x.sdt_text("Name")),
        x.para("Organisation: ", x.sdt_text("Organisation")),
        x.para("Q1. Do you agree with the proposed legal text?"),
        x.para("Response: ", x.sdt_dropdown("Q1 position", ["Agree", "Disagree", "Neutral"])),
        x.para(x.sdt_rich("Q1 response")),
        x.para("Q2. By when could you implement the change?"),
        x.para(x.sdt_date("Q2 date", "d MMMM yyyy")),
        x.para("Q3. Which release should carry it?"),
        x.table(
            x.row(
                x.cell("Preferred release"),
                x.cell(
                    x.para(x.sdt_dropdown("Q3 release", ["June 2025", "November 2025"], combo=True))
                ),
            ),
            x.row(x.cell("Rationale"), x.cell(x.para(x.sdt_rich("Q3 rationale")))),
        ),
    )


def test_controls_are_read_with_their_items(tmp_path: Path) -> None:
    result = inspect_docx(build_controls(tmp_path / "cc.docx"))
    assert [(q.number, q.options) for q in result.questions] == [
        ("1", ("Agree", "Disagree", "Neutral")),
        ("2", ()),
        ("3", ("June 2025", "November 2025")),
    ]
    assert [(p.item, p.where) for p in result.places if p.item.startswith("answer")] == [
        ("answer 1 response", "drop-down list 'Q1 position'"),
        ("answer 1 rationale", "content control 'Q1 response'"),
        ("answer 2 response", "date picker 'Q2 date'"),
        ("answer 3 response", "combo box 'Q3 release'"),
        ("answer 3 rationale", "content control 'Q3 rationale'"),
    ]
    unsure = [p.item for p in result.places if p.confidence is Confidence.UNSURE]
    assert unsure == ["answer 3 response", "answer 3 rationale"]  # "Preferred release" row


def _sdt(root: etree._Element, alias: str) -> etree._Element:
    for sdt in root.iter(f"{W}sdt"):
        a = sdt.find(f"{W}sdtPr/{W}alias")
        if a is not None and a.get(f"{W}val") == alias:
            return sdt
    raise AssertionError(alias)


def test_controls_are_filled_as_word_would(tmp_path: Path) -> None:
    source = build_controls(tmp_path / "cc.docx")
    root, filled = fill(
        source,
        {
            "respondent": {"name": "Alice Smith", "organisation": "Acme"},
            "answers": {
                "1": {"response": "disagree", "rationale": "Clause 3 is unclear."},
                "2": {"response": "30/06/2025"},
                "3": {"response": "Later in 2026", "rationale": "Vendor lead times."},
            },
        },
    )
    q1 = _sdt(root, "Q1 position")
    assert text_of(q1) == "Disagree"
    assert q1.find(f"{W}sdtPr/{W}showingPlcHdr") is None
    q1r = _sdt(root, "Q1 response")
    assert text_of(q1r) == "Clause 3 is unclear."
    assert q1r.find(f"{W}sdtPr/{W}showingPlcHdr") is None
    styles = [s.get(f"{W}val") for s in q1r.iter(f"{W}rStyle")]
    assert "PlaceholderText" not in styles
    assert not [c for c in q1r.iter(f"{W}color") if c.get(f"{W}val") == "808080"]
    q2 = _sdt(root, "Q2 date")
    assert q2.find(f"{W}sdtPr/{W}date").get(f"{W}fullDate") == "2025-06-30T00:00:00Z"
    assert text_of(q2) == "30 June 2025"
    assert text_of(_sdt(root, "Q3 release")) == "Later in 2026"  # a combo box takes own text
    assert text_of(_sdt(root, "Q3 rationale")) == "Vendor lead times."
    assert ("answer 1 response", "drop-down list 'Q1 position'", "Disagree") in placed(filled)
    assert ("answer 2 response", "date picker 'Q2 date'", "30 June 2025") in placed(filled)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            {"1": {"response": "Maybe"}},
            r"question 1 'Maybe' is not one of the drop-down's items "
            r"\('Agree', 'Disagree', 'Neutral'\)",
        ),
        ({"2": {"response": "next spring"}}, r"question 2 'next spring' is not a date"),
    ],
)
def test_values_that_do_not_fit_a_control_are_refused(
    tmp_path: Path, answer: dict, message: str
) -> None:
    with pytest.raises(FormError, match=message):
        fill_docx_report(
            build_controls(tmp_path / "cc.docx"), Answers.from_json({"answers": answer})
        )


def test_check_box_controls_and_a_control_beside_them(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "boxes.docx",
        x.para("3. Do you support the proposed implementation approach?"),
        x.para(x.sdt_checkbox(), " Yes  ", x.sdt_checkbox(), " No"),
        x.para(x.sdt_rich("Q3 rationale")),
    )
    root, _ = fill(source, {"answers": {"3": {"response": "No", "rationale": "Costs."}}})
    states = [c.get(f"{W14}val") for c in root.iter(f"{W14}checked")]
    assert states == ["0", "1"]
    assert text_of(_sdt(root, "Q3 rationale")) == "Costs."


# -- text boxes --------------------------------------------------------------------------


def build_text_boxes(path: Path) -> Path:
    return x.build(
        path,
        x.para("1. Do you agree with the proposal?"),
        x.para(x.text_box(x.para("[Enter your response here]"))),
        x.para("2. Do you have any other comments?"),
        x.para(x.text_box(x.para("Type here"))),
        x.para("End of form."),
    )


def test_text_boxes_both_copies_filled_nothing_outside(tmp_path: Path) -> None:
    source = build_text_boxes(tmp_path / "tb.docx")
    assert [(p.item, p.where) for p in inspect_docx(source).places] == [
        ("answer 1 response", "text box after question 1"),
        ("answer 2 response", "text box after question 2"),
    ]
    root, _ = fill(
        source,
        {"answers": {"1": {"response": "Yes", "rationale": "Because.\n\nAlso."}, "2": "More."}},
    )
    boxes = list(root.iter(f"{W}txbxContent"))
    assert len(boxes) == 4
    assert [text_of(b) for b in boxes] == ["YesBecause.Also.", "YesBecause.Also.", "More.", "More."]
    body = root.find(f"{W}body")
    assert [
        text_of(p) for p in body if p.tag == f"{W}p" and not list(p.iter(f"{W}txbxContent"))
    ] == [
        "1. Do you agree with the proposal?",
        "2. Do you have any other comments?",
        "End of form.",
    ]


# -- tables: merged label rows, nested tables, repeated headers --------------------------


def test_joint_office_label_rows_with_answer_rows_below(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "unc.docx",
        x.table(x.row(x.cell("Organisation:"), x.cell("")), x.row(x.cell("Name:"), x.cell(""))),
        x.para(""),
        x.table(
            x.row(x.cell("Q1: Do you support implementation of Modification 0841?", span=2)),
            x.row(x.cell("", span=2)),
            x.row(x.cell("Q2: Please provide your views on the proposed lead time.", span=2)),
            x.row(x.cell("", span=2)),
            columns=2,
        ),
        x.table(
            x.row(x.cell("Q3:", vmerge="restart"), x.cell("Do you agree with the legal text?")),
            x.row(x.cell("", vmerge="continue"), x.cell("")),
            columns=2,
        ),
    )
    result = inspect_docx(source)
    assert [q.number for q in result.questions] == ["1", "2", "3"]
    assert [f.key for f in result.respondent_fields] == ["organisation", "name"]
    root, _ = fill(
        source,
        {
            "respondent": {"name": "Alice", "organisation": "Acme Gas"},
            "answers": {
                "1": {"response": "Yes", "rationale": "Lower costs."},
                "2": "Six months.",
                "3": "No.",
            },
        },
    )
    tables = root.findall(f".//{W}tbl")
    rows = [[text_of(tc) for tc in tr.iter(f"{W}tc")] for tr in tables[1].iter(f"{W}tr")]
    assert rows[1] == ["YesLower costs."] and rows[3] == ["Six months."]
    assert [text_of(tc) for tc in list(tables[2].iter(f"{W}tr"))[1].iter(f"{W}tc")] == ["", "No."]


def test_question_table_nested_in_a_layout_table_with_repeated_header(tmp_path: Path) -> None:
    header = x.row(x.cell("No."), x.cell("Question"), x.cell("Response"), header=True)
    source = x.build(
        tmp_path / "nested.docx",
        x.table(
            x.row(
                x.cell(
                    x.para("DCUSA change proposal consultation"),
                    x.table(
                        header,
                        x.row(x.cell("1"), x.cell("Do you agree with the intent?"), x.cell("")),
                        header,
                        x.row(x.cell("2"), x.cell("Any other comments?"), x.cell("")),
                        columns=3,
                    ),
                )
            )
        ),
    )
    assert [(q.number, q.text) for q in inspect_docx(source).questions] == [
        ("1", "Do you agree with the intent?"),
        ("2", "Any other comments?"),
    ]
    _, filled = fill(source, {"answers": {"1": "Yes.", "2": "None."}})
    assert [(p.item, p.where) for p in filled.report.placed] == [
        ("answer 1 rationale", "table 2, row 2, Response column"),
        ("answer 2 rationale", "table 2, row 4, Response column"),
    ]


# -- questions in paragraphs: lettered options, requests, confidentiality --


def build_paragraph_form(path: Path) -> Path:
    return x.build(
        path,
        x.para(x.run("Response form", bold=True)),
        x.para("Name: ____________"),
        x.para("Role of Respondent: ____________"),
        x.para("Organisation: [Insert organisation]"),
        x.para("Do you wish your response to be treated as confidential? Yes / No"),
        x.para("1. Do you agree with the proposed implementation approach?"),
        x.para("a) Yes"),
        x.para("b) No"),
        x.para("[Insert response]"),
        x.para("2. Which option do you prefer? a) Option A b) Option B"),
        x.para(""),
        x.para("3. Please provide any further comments on the modification."),
        x.para(""),
        x.para("Thank you for your response."),
    )


def test_lettered_options_requests_and_confidentiality_are_read(tmp_path: Path) -> None:
    result = inspect_docx(build_paragraph_form(tmp_path / "p.docx"))
    assert [(f.key, f.label) for f in result.respondent_fields] == [
        ("name", "Name"),
        (None, "Role of Respondent"),
        ("organisation", "Organisation"),
        ("confidential", "Do you wish your response to be treated as confidential?"),
    ]
    assert [(q.number, q.text, q.options) for q in result.questions] == [
        ("1", "Do you agree with the proposed implementation approach?", ("Yes", "No")),
        ("2", "Which option do you prefer?", ("Option A", "Option B")),
        ("3", "Please provide any further comments on the modification.", ()),
    ]
    unsure = {(p.item, p.where) for p in result.places if p.confidence is Confidence.UNSURE}
    assert ("answer 3 response", "paragraph after question 3") in unsure


def test_paragraph_form_filled(tmp_path: Path) -> None:
    root, _filled = fill(
        build_paragraph_form(tmp_path / "p.docx"),
        {
            "respondent": {"name": "Alice", "organisation": "Acme", "confidential": True},
            "answers": {"1": {"response": "Yes", "rationale": "Because."}, "3": "More."},
        },
    )
    texts = [text_of(p) for p in root.iter(f"{W}p")]
    assert "Name: Alice" in texts and "Role of Respondent: ____________" in texts
    assert "Do you wish your response to be treated as confidential? Yes" in texts
    assert texts[texts.index("b) No") + 1 : texts.index("b) No") + 3] == ["Yes", "Because."]
    assert texts[texts.index("Thank you for your response.") - 1] == "More."


# -- comments and bookmarks --------------------------------------------------------------


def test_comment_and_bookmark_anchors_around_a_placeholder_are_kept(tmp_path: Path) -> None:
    plain = x.build(
        tmp_path / "plain.docx",
        x.para("Q1 Do you agree with the proposal?"),
        x.para(
            '<w:bookmarkStart w:id="7" w:name="Answer1"/>',
            "[Insert response]",
            '<w:bookmarkEnd w:id="7"/>',
        ),
        x.para("Q2 Any other comments?"),
        x.table(x.row(x.cell("Click here to enter text."))),
    )
    once = x.add_comment_on_text(plain, "[Insert response]", "Answer in full", tmp_path / "c1.docx")
    source = x.add_comment_on_text(once, "Click here to enter text.", "Check", tmp_path / "c.docx")
    root, _ = fill(
        source, {"answers": {"1": {"response": "No", "rationale": "Because."}, "2": "OK."}}
    )
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert len(list(root.iter(f"{W}{tag}"))) == 2, tag
    answer = next(p for p in root.iter(f"{W}p") if text_of(p) == "No")
    order = [c.tag.split("}")[1] for c in answer]
    assert order.index("commentRangeStart") < order.index("r") < order.index("commentRangeEnd")
    assert order.index("bookmarkStart") < order.index("r") < order.index("bookmarkEnd")
    cell = root.find(f".//{W}tc")
    assert text_of(cell) == "OK."
    assert cell.find(f".//{W}commentRangeStart") is not None


# -- only the document and the modified date change --------------------------------------


@pytest.mark.parametrize(
    "builder", [build_bsc_legacy, build_controls, build_paragraph_form, build_text_boxes]
)
def test_only_document_and_core_parts_change(tmp_path: Path, builder) -> None:  # type: ignore[no-untyped-def]
    source = builder(tmp_path / "form.docx")
    numbers = [q.number for q in inspect_docx(source).questions]
    given = {"answers": {n: {"rationale": f"Reason {n}."} for n in numbers}}
    _, filled = fill(source, given)
    before = parts(source.read_bytes())
    after = parts(filled.data)
    assert [n for n, _, _ in before] == [n for n, _, _ in after]
    changed = {n for (n, c, b), (_, c2, b2) in zip(before, after, strict=True) if b != b2}
    assert changed == {"word/document.xml", "docProps/core.xml"}
    # Every other entry keeps its stored (compressed) bytes, not only its content.
    old_raw, new_raw = stored_bytes(source.read_bytes()), stored_bytes(filled.data)
    for name in old_raw:
        if name not in changed:
            assert new_raw[name] == old_raw[name], name


def stored_bytes(data: bytes) -> dict[str, bytes]:
    """Each zip entry's bytes as stored (still compressed), read from its local header."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            start = info.header_offset
            name_len, extra_len = struct.unpack("<HH", data[start + 26 : start + 30])
            begin = start + 30 + name_len + extra_len
            out[info.filename] = data[begin : begin + info.compress_size]
    return out


# -- more wording and nesting ---------------------------------------------------------------


BLOCK_CONTROL = (
    '<w:sdt><w:sdtPr><w:alias w:val="Answer 1"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
    '<w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
    "<w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
)


def test_block_control_box_on_the_question_line_and_a_drop_down_cell(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "v1.docx",
        x.table(
            x.row(x.cell("Organisation"), x.cell(x.para(x.formtext("Org")))),
            x.row(
                x.cell("Do you wish your response to be treated as confidential?"),
                x.cell(x.para(x.sdt_checkbox(), " Yes ", x.sdt_checkbox(), " No")),
            ),
        ),
        x.para("Question 1: Do you agree?"),
        BLOCK_CONTROL,
        x.para("Question 2 - What is your preferred date?", x.text_box(x.para("[date]"))),
        x.table(
            x.row(x.cell("No."), x.cell("Question"), x.cell("Response"), header=True),
            x.row(
                x.cell("3a"),
                x.cell("Which option?"),
                x.cell(x.para(x.sdt_dropdown("", ["Option 1", "Option 2"]))),
            ),
            columns=3,
        ),
    )
    result = inspect_docx(source)
    assert [(f.key, f.label) for f in result.respondent_fields] == [
        ("organisation", "Organisation"),
        ("confidential", "Do you wish your response to be treated as confidential?"),
    ]
    assert [(q.number, q.options) for q in result.questions] == [
        ("1", ()),
        ("2", ()),
        ("3a", ("Option 1", "Option 2")),
    ]
    root, filled = fill(
        source,
        {
            "respondent": {"organisation": "Acme", "confidential": True},
            "answers": {
                "1": {"response": "Yes", "rationale": "Because."},
                "2": "Soon.",
                "3a": {"response": "option 2"},
            },
        },
    )
    block = _sdt(root, "Answer 1")
    assert block.find(f"{W}sdtPr/{W}showingPlcHdr") is None
    assert [text_of(p) for p in block.iter(f"{W}p")] == ["Yes", "Because."]
    assert not list(block.iter(f"{W}rStyle"))
    assert [text_of(b) for b in root.iter(f"{W}txbxContent")] == ["Soon.", "Soon."]
    assert [(p.item, p.where) for p in filled.report.placed][-1] == (
        "answer 3a response",
        "drop-down list in table 2, row 2, Response column",
    )
    assert [c.get(f"{W14}val") for c in root.iter(f"{W14}checked")] == ["1", "0"]


def test_answer_label_between_blank_lines_and_offered_positions(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "v2.docx",
        x.para("Name: ", x.formtext("Name")),
        x.para(
            "Is your response confidential? ",
            x.formcheckbox("Yes1"),
            " Yes ",
            x.formcheckbox("No1"),
            " No",
        ),
        x.para("Q1 Do you agree with the proposal? Yes / No"),
        x.para(""),
        x.para("Please explain your answer"),
        x.para(""),
        x.para("Q2 Any other comments?"),
        x.para(""),
    )
    result = inspect_docx(source)
    assert [(q.number, q.text, q.options) for q in result.questions] == [
        ("1", "Do you agree with the proposal?", ("Yes", "No")),
        ("2", "Any other comments?", ()),
    ]
    assert [(p.item, p.where, p.confidence) for p in result.places][-3:] == [
        ("answer 1 response", "paragraph after question 1", Confidence.UNSURE),
        ("answer 1 rationale", "second paragraph after question 1", Confidence.UNSURE),
        ("answer 2 response", "paragraph after question 2", Confidence.UNSURE),
    ]
    root, _ = fill(
        source,
        {
            "respondent": {"name": "Alice", "confidential": True},
            "answers": {"1": {"response": "No", "rationale": "Too costly."}, "2": "None."},
        },
    )
    texts = [text_of(p) for p in root.iter(f"{W}p")]
    assert texts[2:] == [
        "Q1 Do you agree with the proposal? Yes / No",
        "No",
        "Please explain your answer",
        "Too costly.",
        "Q2 Any other comments?",
        "None.",
    ]
    assert field_results(root)["Name"] == "Alice"
    assert ff(root, "Yes1").find(f"{W}checkBox/{W}checked").get(f"{W}val") == "1"


def test_typed_legacy_fields_take_dates_and_numbers_only(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "typed.docx",
        x.para("Q1 When could you implement the change?"),
        x.para(x.formtext("When", kind="date", picture="d MMMM yyyy")),
        x.para("Q2 How many meters would be affected?"),
        x.para(x.formtext("HowMany", kind="number")),
        protect_forms=True,
    )
    root, _ = fill(source, {"answers": {"1": "2025-11-06", "2": "12,500"}})
    assert field_results(root) == {"When": "6 November 2025", "HowMany": "12,500"}
    with pytest.raises(FormError, match=r"typed.docx: question 1 'soon' is not a date"):
        fill_docx_report(source, Answers.from_json({"answers": {"1": "soon"}}))
    with pytest.raises(FormError, match=r"question 2 'many' is not a number"):
        fill_docx_report(source, Answers.from_json({"answers": {"2": "many"}}))


def test_a_control_beside_a_label_keeps_every_paragraph_inside_it(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "inline.docx",
        x.para("Q1 Do you agree with the approach?"),
        x.para("Your response: ", x.sdt_text("Q1")),
        x.para("Q2 Any other comments?"),
    )
    root, filled = fill(source, {"answers": {"1": "First point.\n\nSecond point."}})
    texts = [text_of(p) for p in root.iter(f"{W}p")]
    assert texts == [
        "Q1 Do you agree with the approach?",
        "Your response: First point.\n\nSecond point.",
        "Q2 Any other comments?",
    ]
    assert [p.where for p in filled.report.placed] == ["content control 'Q1'"]


def test_two_row_header_sends_position_and_rationale_to_their_columns(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "two-row.docx",
        x.table(
            x.row(
                x.cell("No.", vmerge="restart"),
                x.cell("Question", vmerge="restart"),
                x.cell("Your response", span=2),
                header=True,
            ),
            x.row(
                x.cell("", vmerge="continue"),
                x.cell("", vmerge="continue"),
                x.cell("Agree/Disagree"),
                x.cell("Rationale"),
                header=True,
            ),
            x.row(x.cell("1"), x.cell("Do you agree with the solution?"), x.cell(""), x.cell("")),
            x.row(x.cell("2"), x.cell("Do you agree with the legal text?"), x.cell(""), x.cell("")),
            columns=4,
        ),
    )
    _, filled = fill(
        source, {"answers": {"1": {"response": "Agree", "rationale": "Clear."}, "2": "Typo."}}
    )
    assert [(p.item, p.where) for p in filled.report.placed] == [
        ("answer 1 response", "table 1, row 3, Agree/Disagree column"),
        ("answer 1 rationale", "table 1, row 3, Rationale column"),
        ("answer 2 rationale", "table 1, row 4, Rationale column"),
    ]


def test_question_numbers_from_list_numbering_in_table_cells(tmp_path: Path) -> None:
    doc = Document()
    num_id = b.add_question_numbering(doc, "Q%1", start=4)
    table = doc.add_table(rows=3, cols=3)
    for col, title in enumerate(["No.", "Question", "Response"]):
        b.set_cell(table.cell(0, col), title, bold=True)
    for row, question in ((1, "Do you agree with the solution?"), (2, "Any other comments?")):
        b.set_numbering(table.cell(row, 0).paragraphs[0], num_id)
        b.set_cell(table.cell(row, 1), question)
    source = tmp_path / "numbered-cells.docx"
    doc.save(str(source))
    result = inspect_docx(source)
    assert [(q.number, q.text) for q in result.questions] == [
        ("4", "Do you agree with the solution?"),
        ("5", "Any other comments?"),
    ]
    assert {p.confidence for p in result.places} == {Confidence.SURE}


def test_respondent_details_asked_as_questions(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "asked.docx",
        x.para("What is your name?"),
        x.para("[Insert name]"),
        x.para("Which organisation do you represent? ", x.sdt_text("Org")),
        x.para("Do you wish your response to be treated as confidential?"),
        x.para(x.sdt_checkbox(), " Yes ", x.sdt_checkbox(), " No"),
        x.para("Question 1 Do you agree?"),
        x.para("[Insert response]"),
    )
    assert [f.key for f in inspect_docx(source).respondent_fields] == [
        "name",
        "organisation",
        "confidential",
    ]
    root, _ = fill(
        source,
        {
            "respondent": {"name": "Alice", "organisation": "Acme", "confidential": True},
            "answers": {"1": "Yes."},
        },
    )
    texts = [text_of(p) for p in root.iter(f"{W}p")]
    assert texts[:3] == ["What is your name?", "Alice", "Which organisation do you represent? Acme"]
    assert texts[3] == "Do you wish your response to be treated as confidential?"
    assert [c.get(f"{W14}val") for c in root.iter(f"{W14}checked")] == ["1", "0"]


def test_form_parts_inside_a_text_box_are_read_and_both_copies_filled(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "box-form.docx",
        x.para(x.run("Response form", bold=True)),
        x.para(
            x.text_box(
                x.para("Organisation: [Insert organisation]"),
                x.para("1. Do you agree with the proposal?"),
                x.para("[Insert response]"),
            )
        ),
        x.para("2. Any other comments?"),
        x.para(x.text_box(x.para("[Insert response]"))),
    )
    result = inspect_docx(source)
    assert [f.key for f in result.respondent_fields] == ["organisation"]
    assert [p.where for p in result.places] == [
        "the text after the label 'Organisation', in a text box",
        "paragraph after question 1, in a text box",
        "text box after question 2",
    ]
    root, _ = fill(
        source,
        {
            "respondent": {"organisation": "Acme"},
            "answers": {"1": {"response": "Yes", "rationale": "Because."}, "2": "More."},
        },
    )
    first = "Organisation: Acme1. Do you agree with the proposal?YesBecause."
    assert [text_of(b) for b in root.iter(f"{W}txbxContent")] == [first, first, "More.", "More."]


def test_filled_mechanisms_open_in_libreoffice_with_their_answers(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; cannot check the filled files open")
    legacy = fill_docx_report(
        build_bsc_legacy(tmp_path / "legacy.docx"),
        Answers.from_json(
            {"respondent": {"name": "Alice Smith"}, "answers": {"1": {"response": "Neutral"}}}
        ),
    )
    controls = fill_docx_report(
        build_controls(tmp_path / "controls.docx"),
        Answers.from_json({"answers": {"1": {"response": "Agree", "rationale": "Clear text."}}}),
    )
    outputs = {"legacy-out": legacy.data, "controls-out": controls.data}
    for name, data in outputs.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *(str(tmp_path / f"{name}.docx") for name in outputs),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if "source file could not be loaded" in result.stderr and not (tmp_path / "pdf").exists():
        pytest.skip("this LibreOffice has no Writer; cannot check the filled files open")
    assert result.returncode == 0, result.stderr
    texts = {
        name: "".join(
            p.extract_text() for p in PdfReader(str(tmp_path / "pdf" / f"{name}.pdf")).pages
        )
        for name in outputs
    }
    assert "Respondent: Alice Smith" in texts["legacy-out"]
    assert "Neutral" in texts["legacy-out"]
    assert "Response: Agree" in texts["controls-out"] and "Clear text." in texts["controls-out"]


def test_a_grey_prompt_is_replaced_in_the_text_colour_keeping_its_size(tmp_path: Path) -> None:
    grey = (
        '<w:r><w:rPr><w:i/><w:color w:val="7F7F7F" w:themeColor="text1" w:themeTint="80"/>'
        '<w:sz w:val="22"/></w:rPr><w:t>[Insert your response]</w:t></w:r>'
    )
    source = x.build(
        tmp_path / "grey.docx",
        x.table(
            x.row(x.cell("Question"), x.cell("Response"), header=True),
            x.row(x.cell("Q1 Do you agree?"), x.cell(x.para(grey))),
        ),
    )
    root, _ = fill(source, {"answers": {"1": "Yes, we agree."}})
    run = next(r for r in root.iter(f"{W}r") if text_of(r) == "Yes, we agree.")
    rpr = run.find(f"{W}rPr")
    assert rpr.find(f"{W}color") is None
    assert rpr.find(f"{W}sz").get(f"{W}val") == "22"


def test_label_rows_each_over_their_own_answer_rows(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "rows.docx",
        x.table(
            x.row(x.cell("Question 1: Do you agree with the proposed solution?", span=2)),
            x.row(
                x.cell("Response"),
                x.cell(x.para(x.sdt_checkbox(), " Yes ", x.sdt_checkbox(), " No")),
            ),
            x.row(x.cell("Rationale"), x.cell("")),
            x.row(x.cell("Question 2: Please provide any other comments.", span=2)),
            x.row(x.cell("Comments"), x.cell("")),
            columns=2,
        ),
    )
    result = inspect_docx(source)
    assert [(q.number, q.options) for q in result.questions] == [("1", ("Yes", "No")), ("2", ())]
    _, filled = fill(
        source, {"answers": {"1": {"response": "No", "rationale": "Costly."}, "2": "None."}}
    )
    assert [(p.item, p.where) for p in filled.report.placed] == [
        ("answer 1 response", "check box 'No' of question 1"),
        ("answer 1 rationale", "table 1, row 3, column 2"),
        ("answer 2 rationale", "table 1, row 5, column 2"),
    ]


def test_legacy_fields_with_default_text_are_places(tmp_path: Path) -> None:
    source = x.build(
        tmp_path / "defaults.docx",
        x.table(
            x.row(x.cell("Name"), x.cell(x.para(x.formtext("Name", default="Your name")))),
            x.row(x.cell("Job title"), x.cell(x.para(x.formtext("Job", default="Your role")))),
        ),
        x.para("Q1 Do you agree?"),
        x.para(x.formtext("Answer1", default="Type your answer")),
        protect_forms=True,
    )
    result = inspect_docx(source)
    assert [(f.key, f.label) for f in result.respondent_fields] == [
        ("name", "Name"),
        (None, "Job title"),
    ]
    root, _ = fill(source, {"respondent": {"name": "Alice"}, "answers": {"1": "Agreed."}})
    assert field_results(root) == {"Name": "Alice", "Job": "Your role", "Answer1": "Agreed."}
