"""Excel cells written in place: values never cut, text kept exactly, cells and rows that
did not exist inserted in order; the report of what went where, and the read-back check."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from secresponder.domain.forms import Answers, FillReport, Placement
from secresponder.forms.errors import FormError
from secresponder.forms.safety import check_office_file
from secresponder.forms.xlsx import fill_xlsx, fill_xlsx_report, verify_xlsx
from secresponder.forms.xlsx.sheetxml import unescape_cell_text
from tests.forms.office_packages import rezip
from tests.forms.xlsx_builders import comments_log, questions_sheet, sheet_part

QUESTIONS = (
    "Do you agree that the proposed solution addresses the issue identified?",
    "What costs would your organisation incur to implement MP215?",
    "Do you agree with the proposed implementation date?",
)


def _answers(answers: dict | None = None, comments: list | None = None) -> Answers:
    return Answers.from_json(
        {
            "respondent": {"name": "Priya Shah", "organisation": "Northern Lights Energy Ltd"},
            "answers": answers or {},
            "comments": comments or [],
        }
    )


def test_answer_over_an_excel_cell_is_refused_never_cut(tmp_path):
    # Seen in use: an answer over 32,767 characters was cut short without a word.
    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    long = "x" * 32_768
    with pytest.raises(FormError) as info:
        fill_xlsx_report(check_office_file(path), _answers({"2": {"rationale": long}}))
    message = str(info.value)
    assert "answer 2 rationale is 32,768 characters long, over the 32,767" in message
    assert "cell D8" in message


def test_answer_of_exactly_the_limit_is_written_whole(tmp_path):
    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    text = ("Rationale paragraph. " * 2000)[:32_767]
    data = fill_xlsx(check_office_file(path), _answers({"2": {"rationale": text}}))
    assert load_workbook(io.BytesIO(data))["Responses"]["D8"].value == text.strip()


def test_spaces_line_breaks_and_control_characters_are_kept(tmp_path):
    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    rationale = "  Indented first line\r\nsecond  line\tafter a tab\x0bvertical tab _x0041_ "
    filled = fill_xlsx_report(check_office_file(path), _answers({"1": {"response": " Yes "}}))
    assert filled.report.placed[-1].value == "Yes"
    answers = _answers({"1": {"response": "Yes", "rationale": rationale}})
    data = fill_xlsx(check_office_file(path), answers)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read(sheet_part(path, "Responses")).decode()
    # XML 1.0 cannot carry a vertical tab: Excel's own escape is used, and a literal
    # "_x0041_" is itself escaped so that Excel shows it as typed
    assert "vertical tab_x000B_vertical" not in xml
    assert "after a tab\tvertical tab" not in xml
    assert "_x000B_vertical tab _x005F_x0041_" in xml
    # the answer's paragraphs are trimmed at their ends, as every form trims them; inside
    # them, line breaks and runs of spaces are kept
    assert 'xml:space="preserve">Indented first line\nsecond  line\tafter a tab' in xml
    stored = load_workbook(io.BytesIO(data))["Responses"]["D7"].value
    assert stored == (  # openpyxl shows Excel's escapes as stored
        "Indented first line\nsecond  line\tafter a tab_x000B_vertical tab _x005F_x0041_"
    )


def test_cells_and_rows_that_do_not_exist_are_inserted_in_order(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    for col, label in enumerate(("Name", "Organisation", "Email"), start=2):
        ws.cell(3, col, label)  # a horizontal block: the values go in row 4, not there yet
    ws["A6"], ws["B6"], ws["F6"] = "Question", "Response", "Notes"  # F: beyond the table
    for row, question in enumerate(QUESTIONS, start=7):
        ws.cell(row, 1, question)
        ws.cell(row, 6, "keep me")
    path = tmp_path / "sparse.xlsx"
    wb.save(path)
    answers = Answers.from_json(
        {
            "respondent": {"name": "Priya Shah", "email": "p@example.org"},
            "answers": {"2": "Forty thousand pounds."},
        }
    )
    data = fill_xlsx(check_office_file(path), answers)
    ws = load_workbook(io.BytesIO(data))["Responses"]
    assert (ws["B4"].value, ws["C4"].value, ws["D4"].value) == (
        "Priya Shah", None, "p@example.org"
    )
    assert ws["B8"].value == "Forty thousand pounds."
    assert ws["F8"].value == "keep me"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read(sheet_part(path, "Responses")).decode()
    rows = [int(r) for r in __import__("re").findall(r'<row r="(\d+)"', xml)]
    assert rows == sorted(rows) and 4 in rows
    row8 = xml[xml.index('<row r="8"'):xml.index("</row>", xml.index('<row r="8"'))]
    assert row8.index('r="A8"') < row8.index('r="B8"') < row8.index('r="F8"')


def test_report_names_each_place_and_what_had_none(tmp_path):
    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    answers = _answers({"1": {"response": "Yes", "rationale": "It closes the gap."},
                        "7": {"response": "No"}})
    filled = fill_xlsx_report(check_office_file(path), answers)
    placed = [(p.item, p.where, p.value) for p in filled.report.placed]
    assert placed == [
        ("respondent name", "sheet 'Responses', cell B2 (beside 'Name')", "Priya Shah"),
        ("respondent organisation", "sheet 'Responses', cell B3 (beside 'Organisation')",
         "Northern Lights Energy Ltd"),
        ("answer 1 response", "sheet 'Responses', cell C7 (Response column)", "Yes"),
        ("answer 1 rationale", "sheet 'Responses', cell D7 (Rationale column)",
         "It closes the gap."),
    ]
    assert filled.report.unplaced == ("answer 7: the form has no question 7",)
    assert verify_xlsx(check_office_file(path), filled.data, filled.report) == []
    with pytest.raises(FormError, match="answer 7: the form has no question 7"):
        fill_xlsx(check_office_file(path), answers)


def test_comments_log_report_and_kind_mismatch(tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    comments = [{"document": "Section H", "comment": "Unclear lead time.", "confidential": True}]
    filled = fill_xlsx_report(check_office_file(path), _answers({"3": "Yes"}, comments))
    assert ("comment 1", "sheet 'Comments', cell D12 (Comment column)", "Unclear lead time.") in [
        (p.item, p.where, p.value) for p in filled.report.placed
    ]
    assert ("comment 1", "sheet 'Comments', cell F12 (Confidential (Y/N) column)", "Y") in [
        (p.item, p.where, p.value) for p in filled.report.placed
    ]
    assert filled.report.unplaced[0].startswith("answer 3: the form is a comments log")


def _tampered(data: bytes, part: str, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read(part).decode()
    assert old in xml
    return rezip(data, replace={part: xml.replace(old, new, 1).encode()})


def test_read_back_finds_every_kind_of_damage(tmp_path):
    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    package = check_office_file(path)
    filled = fill_xlsx_report(package, _answers({"1": {"response": "Yes", "rationale": "Why."}}))
    part = sheet_part(path, "Responses")
    assert verify_xlsx(path, filled.data, filled.report) == []

    moved = _tampered(filled.data, part, "Why.", "Because.")
    assert verify_xlsx(package, moved, filled.report) == [
        "cell D7 on sheet 'Responses' does not hold the value written there."
    ]
    other = _tampered(filled.data, part, "<t>Question</t>", "<t>Yes</t>")
    assert verify_xlsx(package, other, filled.report) == [
        "cell B6 on sheet 'Responses' changed although no answer went there."
    ]
    outside = _tampered(filled.data, part, "</sheetData>", "</sheetData><sheetProtection/>")
    assert verify_xlsx(package, outside, filled.report) == [
        f"the part {part} changed outside its cells."
    ]
    styles = _tampered(filled.data, "xl/styles.xml", "<fonts", "<!-- -->\n<fonts")
    assert verify_xlsx(package, styles, filled.report) == [
        "the part xl/styles.xml changed although no answer went there."
    ]
    wrong = Placement("answer 2 response", "sheet 'Responses', cell C8 (Response column)", "No")
    lying = FillReport(placed=(wrong, *filled.report.placed))
    assert verify_xlsx(package, filled.data, lying) == [
        "cell C8 on sheet 'Responses' does not hold the value written there."
    ]


def test_fill_refuses_output_that_does_not_read_back(tmp_path, monkeypatch):
    from secresponder.forms.xlsx import sheetxml

    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    real = sheetxml.escape_cell_text
    monkeypatch.setattr(sheetxml, "escape_cell_text", lambda text: real(text)[:-1])
    with pytest.raises(FormError, match=r"did not read back as written \(cell B2 .* does not"):
        fill_xlsx(check_office_file(path), _answers({"1": {"rationale": "Cut short."}}))


def test_new_cells_take_no_style_from_nowhere(tmp_path: Path):
    path = comments_log(tmp_path / "log.xlsx", styled_rows=0, numbered=False)
    comments = [{"document": "A", "comment": "One."}, {"document": "B", "comment": "Two."}]
    data = fill_xlsx(check_office_file(path), _answers(comments=comments))
    ws = load_workbook(io.BytesIO(data))["Comments"]
    assert [ws.cell(r, 4).value for r in (12, 13)] == ["One.", "Two."]
    assert [ws.cell(r, 1).value for r in (12, 13)] == [1, 2]


def test_workbook_written_by_excel_is_filled_in_place(tmp_path):
    from datetime import UTC, datetime

    from secresponder.domain.clock import fixed_clock
    from tests.forms.xlsx.excel_made import excel_made_form

    path = excel_made_form(tmp_path / "excel.xlsx")
    answers = _answers({"1": {"response": "Agree", "rationale": "It closes the gap."},
                        "2": {"response": "Disagree"}})
    filled = fill_xlsx_report(check_office_file(path), answers,
                              clock=fixed_clock(datetime(2026, 3, 2, 10, 30, tzinfo=UTC)))
    assert verify_xlsx(path, filled.data, filled.report) == []
    ws = load_workbook(io.BytesIO(filled.data))["Consultation Questions"]
    assert ws["B2"].value == "Priya Shah"  # beside "Name:", in a row without references
    assert ws["B3"].value == "Northern Lights Energy Ltd"  # a cell that did not exist
    assert (ws["C6"].value, ws["D6"].value) == ("Agree", "It closes the gap.")
    assert (ws["C7"].value, ws["D7"].value) == ("Disagree", None)  # the prompt replaced
    assert ws["A8"].value == "=COUNTA(C6:C7)"
    assert ws["C6"].fill.fgColor.rgb == "FFFFF2CC"  # the cell keeps its style
    with zipfile.ZipFile(io.BytesIO(filled.data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        core = z.read("docProps/core.xml").decode()
        strings = z.read("xl/sharedStrings.xml")
    with zipfile.ZipFile(path) as z:
        assert strings == z.read("xl/sharedStrings.xml")  # inline strings: untouched
    assert "2026-03-02T10:30:00Z" in core and "SECAS" in core
    assert 'mc:Ignorable="x14ac xr"' in sheet and "conditionalFormatting" in sheet
    # the row that had no reference is given its own, so that nothing after it shifts
    assert '<row spans="1:4" x14ac:dyDescent="0.3" r="4"/>' in sheet
    assert '<c t="s" r="A2"><v>0</v></c><c s="1" r="B2" t="inlineStr">' in sheet
    assert '<c r="B3" t="inlineStr">' in sheet


FORMS: dict[str, bytes] = {}


@pytest.mark.slow
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120),
    rationale=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
)
def test_any_text_is_stored_exactly_and_reads_back(tmp_path, name, rationale):
    path = tmp_path / "q.xlsx"
    if "q" not in FORMS:
        FORMS["q"] = questions_sheet(path, QUESTIONS).read_bytes()
    path.write_bytes(FORMS["q"])
    package = check_office_file(path)
    answers = Answers.from_json(
        {"respondent": {"name": name}, "answers": {"2": {"rationale": rationale}}}
    )
    filled = fill_xlsx_report(package, answers)
    assert verify_xlsx(package, filled.data, filled.report) == []
    ws = load_workbook(io.BytesIO(filled.data))["Responses"]
    stored = ws["B2"].value
    assert unescape_cell_text(stored) == name.replace("\r\n", "\n").replace("\r", "\n")


def test_lone_surrogate_is_refused_not_mangled(tmp_path):
    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    with pytest.raises(FormError, match="answer 1 rationale holds a character that cannot"):
        fill_xlsx_report(check_office_file(path), _answers({"1": {"rationale": "a\ud800b"}}))


def test_comments_log_asking_the_organisation_on_every_row(tmp_path):
    headers = ("Ref", "Organisation", "Document", "Clause", "Comment", "Proposed text")
    path = comments_log(tmp_path / "log.xlsx", headers=headers, respondent="sheet")
    comments = [{"document": "Section H", "section": "H6.2", "comment": "Unclear."},
                {"document": "Appendix AB", "comment": "Typo."}]
    filled = fill_xlsx_report(check_office_file(path), _answers(comments=comments))
    ws = load_workbook(io.BytesIO(filled.data))["Comments"]
    assert [ws.cell(r, 2).value for r in (4, 5, 6)] == [
        "Northern Lights Energy Ltd", "Northern Lights Energy Ltd", None
    ]
    assert [ws.cell(r, 5).value for r in (4, 5)] == ["Unclear.", "Typo."]
    assert ("comment 2", "sheet 'Comments', cell B5 (Organisation column)",
            "Northern Lights Energy Ltd") in [
        (p.item, p.where, p.value) for p in filled.report.placed
    ]


def test_comment_number_column_is_not_the_comment(tmp_path):
    headers = ("Comment No.", "Document", "Page", "Comment", "Proposed amendment")
    path = comments_log(tmp_path / "log.xlsx", headers=headers, numbered=False)
    comments = [{"document": "Section H", "section": "12", "comment": "Unclear.",
                 "proposal": "Say 'five Working Days'."}]
    data = fill_xlsx(check_office_file(path), _answers(comments=comments))
    ws = load_workbook(io.BytesIO(data))["Comments"]
    assert [ws.cell(12, c).value for c in range(1, 6)] == [
        1, "Section H", "12", "Unclear.", "Say 'five Working Days'."
    ]


@pytest.mark.parametrize("damage", ['<row r="x">', "</sheetData", 's="abc"'])
def test_damaged_sheet_is_refused_in_one_sentence(tmp_path, damage):
    from secresponder.forms.api import fill_form

    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    part = sheet_part(path, "Responses")
    with zipfile.ZipFile(path) as z:
        xml = z.read(part).decode()
    old = {'<row r="x">': '<row r="7">', "</sheetData": "</sheetData>", 's="abc"': 's="'}[damage]
    assert old in xml
    xml = xml.replace(old, damage if damage != 's="abc"' else 's="abc', 1)
    path.write_bytes(rezip(path.read_bytes(), replace={part: xml.encode()}))
    with pytest.raises(FormError) as info:
        fill_form(path, _answers({"1": "Yes."}), tmp_path / "out.xlsx")
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and len(message) < 400
    assert not (tmp_path / "out.xlsx").exists()


def test_absurd_merged_range_is_refused_before_reading(tmp_path):
    import time

    path = questions_sheet(tmp_path / "q.xlsx", QUESTIONS)
    part = sheet_part(path, "Responses")
    with zipfile.ZipFile(path) as z:
        xml = z.read(part).decode()
    xml = xml.replace("</sheetData>", '</sheetData><mergeCells count="1">'
                      '<mergeCell ref="E20:ZZ9999"/></mergeCells>', 1)
    path.write_bytes(rezip(path.read_bytes(), replace={part: xml.encode()}))
    start = time.perf_counter()
    with pytest.raises(FormError, match=r"merges 6,9\d\d,\d\d\d cells, too many to read safely"):
        fill_xlsx(check_office_file(path), _answers({"1": "Yes."}))
    assert time.perf_counter() - start < 5
