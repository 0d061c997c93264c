"""Excel comments logs and question sheets: found, filled, and nothing else changed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from secresponder.domain.forms import Answers, FormFormat, FormKind
from secresponder.forms.api import fill_form, inspect_form
from secresponder.forms.errors import FormError
from tests.forms.answer_samples import SAMPLE_ANSWERS
from tests.forms.xlsx_builders import add_picture, comments_log, questions_sheet, sheet_part

ALL_KEYS = ["organisation", "name", "email", "phone", "party_category", "confidential"]


def _answers(**overrides) -> Answers:
    data = json.loads(json.dumps(SAMPLE_ANSWERS))
    data.update(overrides)
    return Answers.from_json(data)


@pytest.mark.parametrize("respondent", ["above", "horizontal", "beside", "sheet"])
def test_inspect_finds_respondent_block_wherever_it_sits(tmp_path, respondent):
    path = comments_log(tmp_path / "log.xlsx", respondent=respondent)
    inspection = inspect_form(path)
    assert inspection.format is FormFormat.XLSX
    assert inspection.kind is FormKind.COMMENTS_LOG
    assert [f.key for f in inspection.respondent_fields] == ALL_KEYS
    assert inspection.questions == ()
    assert inspection.comment_columns == (
        "No.",
        "Document",
        "Section / Paragraph",
        "Comment",
        "Proposed change / amendment",
        "Confidential (Y/N)",
    )


HEADER_VARIANTS = [
    ("Ref", "SEC Document", "Paragraph", "Comments", "Suggested amendment", "Confidential?"),
    ("Section/Paragraph Reference", "Comment", "Proposed Change", "Document name"),
    ("#", "Proposed text", "Comment / rationale", "Clause", "Confidential (Yes/No)"),
]


@pytest.mark.parametrize("headers", HEADER_VARIANTS)
@pytest.mark.parametrize(("header_row", "first_col"), [(None, 1), (25, 3)])
def test_header_wording_order_and_position_vary(tmp_path, headers, header_row, first_col):
    path = comments_log(
        tmp_path / "log.xlsx", headers=headers, header_row=header_row, first_col=first_col
    )
    inspection = inspect_form(path)
    assert inspection.kind is FormKind.COMMENTS_LOG
    assert inspection.comment_columns == headers

    out = fill_form(path, _answers(), tmp_path / "filled.xlsx")
    ws = load_workbook(out)["Comments"]
    row = header_row or 11
    by_header = {
        ws.cell(row, c).value: c for c in range(first_col, first_col + len(headers))
    }
    first = {h: ws.cell(row + 1, c).value for h, c in by_header.items()}
    second = {h: ws.cell(row + 2, c).value for h, c in by_header.items()}
    texts = " | ".join(str(v) for v in first.values())
    assert "The lead time for the change is not stated." in texts
    assert "Add 'within five Working Days' after 'shall notify'." in texts
    assert "Typo: 'Comms Hub' should be 'Communications Hub'." in " ".join(
        str(v) for v in second.values()
    )
    comment_header = next(h for h in headers if h.lower().startswith("comment"))
    assert first[comment_header] == "The lead time for the change is not stated."
    confidential = [h for h in headers if "onfidential" in h]
    if confidential:
        # the column's drop-down offers "Y" and "N": the item is written, whatever the header
        assert first[confidential[0]] == "Y"


def _snapshot(path: Path) -> dict:
    """Every cell's value and style, sheets, widths, merges, validations and names."""
    wb = load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                cells[cell.coordinate] = (
                    cell.value,
                    repr(cell.font),
                    repr(cell.border),
                    repr(cell.fill),
                    repr(cell.alignment),
                    cell.number_format,
                )
        sheets[ws.title] = {
            "cells": cells,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": sorted(
                (dv.type, dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation
            ),
            "freeze": ws.freeze_panes,
        }
    return {
        "order": wb.sheetnames,
        "sheets": sheets,
        "names": {n: d.attr_text for n, d in wb.defined_names.items()},
    }


@pytest.mark.parametrize("respondent", ["above", "horizontal", "beside", "sheet"])
def test_fill_changes_only_the_answer_cells(tmp_path, respondent):
    path = comments_log(tmp_path / "log.xlsx", respondent=respondent)
    before = _snapshot(path)
    out = fill_form(path, _answers(), tmp_path / "filled.xlsx")
    after = _snapshot(out)
    assert after["order"] == before["order"]
    assert after["names"] == before["names"]
    changed: dict[tuple[str, str], tuple] = {}
    for title, sheet in before["sheets"].items():
        new = after["sheets"][title]
        for key in ("widths", "heights", "merged", "validations", "freeze"):
            assert new[key] == sheet[key], (title, key)
        for coord in set(sheet["cells"]) | set(new["cells"]):
            old_cell = sheet["cells"].get(coord)
            new_cell = new["cells"].get(coord)
            if old_cell != new_cell:
                changed[(title, coord)] = (old_cell, new_cell)
                # a changed cell keeps its style: only the value differs
                if old_cell is not None and new_cell is not None:
                    assert old_cell[1:] == new_cell[1:], coord
    values = sorted(str(new[0]) for _, new in changed.values())
    expected = sorted(
        [
            "Northern Lights Energy Ltd",
            "Priya Shah",
            "regulation@northernlights.example",
            "0161 496 0000",
            "Large Supplier",
            "No",
            "Section H 'DCC Services'",
            "H6.2",
            "The lead time for the change is not stated.",
            "Add 'within five Working Days' after 'shall notify'.",
            "Y",
            "Appendix AB",
            "3.1(b)",
            "Typo: 'Comms Hub' should be 'Communications Hub'.",
            "N",
        ]
    )
    assert values == expected


def test_new_rows_copy_the_first_data_row_style(tmp_path):
    path = comments_log(tmp_path / "log.xlsx", styled_rows=1, numbered=False)
    many = [{"document": f"Section {c}", "comment": f"Comment {i}"} for i, c in enumerate("ABCD")]
    out = fill_form(path, _answers(comments=many), tmp_path / "filled.xlsx")
    ws = load_workbook(out)["Comments"]
    template = ws.cell(12, 4)
    for row in range(12, 16):
        assert ws.cell(row, 1).value == row - 11  # numbered, as the No. column asks
        assert ws.cell(row, 2).value == f"Section {'ABCD'[row - 12]}"
        for col in range(1, 7):
            cell = ws.cell(row, col)
            assert repr(cell.font) == repr(ws.cell(12, col).font)
            assert repr(cell.border) == repr(ws.cell(12, col).border)
            assert repr(cell.fill) == repr(template.fill)
            assert repr(cell.alignment) == repr(template.alignment)
            assert cell.number_format == "@"
        assert ws.row_dimensions[row].height == 30
    assert ws.cell(16, 2).value is None


def test_existing_comments_are_kept_and_new_ones_follow(tmp_path):
    existing = (("", "Section A", "A1", "Earlier comment from a colleague", "", "N"),)
    path = comments_log(tmp_path / "log.xlsx", existing=existing)
    out = fill_form(path, _answers(), tmp_path / "filled.xlsx")
    ws = load_workbook(out)["Comments"]
    assert ws.cell(12, 4).value == "Earlier comment from a colleague"
    assert ws.cell(13, 4).value == "The lead time for the change is not stated."
    assert ws.cell(14, 4).value == "Typo: 'Comms Hub' should be 'Communications Hub'."
    assert [ws.cell(r, 1).value for r in (12, 13, 14)] == [1, 2, 3]


def test_table_without_room_is_refused_and_nothing_written(tmp_path):
    path = comments_log(tmp_path / "log.xlsx", footnote_after=1)
    out = tmp_path / "filled.xlsx"
    with pytest.raises(FormError, match="has room for 1 more comments, but the answers file has 2"):
        fill_form(path, _answers(), out)
    assert not out.exists()


def test_workbook_with_chart_and_picture_fills_and_keeps_them(tmp_path):
    from openpyxl.chart import BarChart, Reference

    path = comments_log(tmp_path / "log.xlsx")
    wb = load_workbook(path)
    guidance = wb["Guidance"]
    for row, (label, count) in enumerate((("Large", 12), ("Small", 30)), start=5):
        guidance.cell(row, 1, label)
        guidance.cell(row, 2, count)
    chart = BarChart()
    chart.add_data(Reference(guidance, min_col=2, min_row=5, max_row=6))
    guidance.add_chart(chart, "D5")
    wb.save(path)
    add_picture(path, "Comments")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        before = {name: z.read(name) for name in names}
    assert any(n.startswith("xl/charts/") for n in names)
    assert "xl/media/logo.png" in names

    out = fill_form(path, _answers(), tmp_path / "filled.xlsx")

    with zipfile.ZipFile(out) as z:
        assert z.namelist() == names
        after = {name: z.read(name) for name in names}
    changed = sorted(n for n in names if before[n] != after[n])
    assert changed == ["docProps/core.xml", sheet_part(path, "Comments")]
    ws = load_workbook(out)["Comments"]
    assert ws["D12"].value == "The lead time for the change is not stated."


def test_workbook_with_no_table_is_named(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Budget 2024"
    wb.active["B2"] = 1200
    path = tmp_path / "budget.xlsx"
    wb.save(path)
    with pytest.raises(FormError) as info:
        inspect_form(path)
    assert str(info.value).startswith(f"{path}: has no comments table")


def test_comments_log_refuses_question_answers(tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    with pytest.raises(FormError, match="is a comments log"):
        fill_form(path, _answers(answers={"1": "Yes"}), tmp_path / "filled.xlsx")


QUESTIONS = (
    "Do you agree that the proposed solution addresses the issue identified?",
    "What costs would your organisation incur to implement MP215?",
    "Do you agree with the proposed implementation date of 29 February 2024?",
)


def test_question_sheet_inspect_and_fill(tmp_path):
    path = questions_sheet(tmp_path / "questions.xlsx", QUESTIONS)
    inspection = inspect_form(path)
    assert inspection.kind is FormKind.QUESTIONS
    assert [(q.number, q.text) for q in inspection.questions] == [
        ("1", QUESTIONS[0]),
        ("2", QUESTIONS[1]),
        ("3", QUESTIONS[2]),
    ]
    assert [f.key for f in inspection.respondent_fields] == ["name", "organisation"]
    answers = _answers(
        comments=[],
        answers={
            "1": {"response": "Yes", "rationale": "It closes the gap.\n\nSee our letter."},
            "3": {"response": "No", "rationale": "We need six months."},
        },
    )
    out = fill_form(path, answers, tmp_path / "filled.xlsx")
    ws = load_workbook(out)["Responses"]
    assert ws["B2"].value == "Priya Shah"
    assert ws["B3"].value == "Northern Lights Energy Ltd"
    assert (ws["C7"].value, ws["D7"].value) == ("Yes", "It closes the gap.\n\nSee our letter.")
    assert (ws["C8"].value, ws["D8"].value) == (None, None)
    assert (ws["C9"].value, ws["D9"].value) == ("No", "We need six months.")
    assert repr(ws["C9"].fill) == repr(load_workbook(path)["Responses"]["C9"].fill)


def test_question_sheet_without_rationale_column_joins_answer(tmp_path):
    path = questions_sheet(tmp_path / "questions.xlsx", QUESTIONS, rationale=False)
    answers = _answers(comments=[], answers={"2": {"response": "Neutral", "rationale": "£40k."}})
    ws = load_workbook(fill_form(path, answers, tmp_path / "out.xlsx"))["Responses"]
    assert ws["C8"].value == "Neutral\n\n£40k."


def test_question_sheet_refuses_unknown_question(tmp_path):
    path = questions_sheet(tmp_path / "questions.xlsx", QUESTIONS)
    out = tmp_path / "out.xlsx"
    with pytest.raises(FormError, match="has no question 7"):
        fill_form(path, _answers(comments=[], answers={"7": "Yes"}), out)
    assert not out.exists()


def test_filled_workbook_passes_the_same_safety_checks(tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    out = fill_form(path, _answers(), tmp_path / "filled.xlsx")
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        assert z.testzip() is None
    assert inspect_form(out).comment_columns == inspect_form(path).comment_columns
