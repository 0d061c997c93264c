"""Excel forms laid out like Word forms: question labels with their answer cells beside or
below, no header row (Joint Office style label rows over full-width answer rows, "Q1:" in
merged cells, questions asked as requests)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from secresponder.domain.forms import Answers, Confidence, FormKind
from secresponder.forms.api import inspect_form
from secresponder.forms.errors import FormError
from secresponder.forms.safety import check_office_file
from secresponder.forms.xlsx import fill_xlsx, fill_xlsx_report
from tests.forms.xlsx_builders import BOX, ROW_FILL

QUESTIONS = (
    "Do you support the implementation of UNC0871?",
    "What impact would the modification have on your organisation?",
    "Please provide any further comments on the legal text",
)


def _answers(answers: dict) -> Answers:
    return Answers.from_json(
        {"respondent": {"name": "Priya Shah", "organisation": "Northern Lights Energy Ltd"},
         "answers": answers}
    )


def _filled(path: Path, answers: Answers):
    return load_workbook(io.BytesIO(fill_xlsx(check_office_file(path), answers))).active


def joint_office_sheet(path: Path, *, split_number: bool) -> Path:
    """Label rows ("Q1:" merged, the question merged beside it) over full-width answer rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Representation"
    ws["A1"] = "Representation - Draft Modification Report UNC0871"
    ws.merge_cells("A1:F1")
    ws["A3"], ws["A4"] = "Organisation:", "Name:"
    ws.merge_cells("B3:F3")
    ws.merge_cells("B4:F4")
    row = 6
    for n, question in enumerate(QUESTIONS, start=1):
        if split_number:
            ws.cell(row, 1, f"Q{n}:")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            ws.cell(row, 3, question)
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
        else:
            ws.cell(row, 1, f"{n}. {question}")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        answer = ws.cell(row + 1, 1)
        answer.border, answer.fill = BOX, ROW_FILL
        ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=6)
        ws.row_dimensions[row + 1].height = 90
        row += 3
    wb.save(path)
    return path


@pytest.mark.parametrize("split_number", [True, False])
def test_label_rows_over_full_width_answer_rows(tmp_path, split_number):
    path = joint_office_sheet(tmp_path / "rep.xlsx", split_number=split_number)
    inspection = inspect_form(path)
    assert inspection.kind is FormKind.QUESTIONS
    assert [(q.number, q.text) for q in inspection.questions] == [
        (str(n), q) for n, q in enumerate(QUESTIONS, start=1)
    ]
    assert [f.key for f in inspection.respondent_fields] == ["organisation", "name"]
    where = {p.item: p for p in inspection.places}
    assert where["answer 2 rationale"].where == (
        "sheet 'Representation', cell A10 (below question 2)"
    )
    assert where["answer 2 rationale"].confidence is Confidence.SURE
    ws = _filled(path, _answers({
        "1": {"response": "Yes", "rationale": "It removes a cost."},
        "3": "None.",
    }))
    assert ws["B3"].value == "Northern Lights Energy Ltd"
    assert ws["B4"].value == "Priya Shah"
    assert ws["A7"].value == "Yes\n\nIt removes a cost."
    assert ws["A10"].value is None
    assert ws["A13"].value == "None."
    report = fill_xlsx_report(check_office_file(path), _answers({
        "1": {"response": "Yes", "rationale": "It removes a cost."}})).report
    # one cell takes both parts: each is reported, at the same place
    assert [(p.item, p.where, p.value) for p in report.placed if p.item.startswith("answer")] == [
        ("answer 1 response", "sheet 'Representation', cell A7 (below question 1)", "Yes"),
        ("answer 1 rationale", "sheet 'Representation', cell A7 (below question 1)",
         "It removes a cost."),
    ]
    question_cell = "C6" if split_number else "A6"
    assert ws[question_cell].value.endswith(QUESTIONS[0])  # labels untouched


def _beside_sheet(path: Path, drop_down: bool) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Form"
    ws["B2"], ws["B3"] = "Name", "Organisation"
    for cell in ("C2", "C3"):
        ws[cell].border = BOX
    row = 5
    for question in QUESTIONS:
        ws.cell(row, 2, question)
        ws.cell(row, 3).border = BOX
        if drop_down:
            below = ws.cell(row + 1, 2)
            below.border, below.fill = BOX, ROW_FILL
            ws.merge_cells(start_row=row + 1, start_column=2, end_row=row + 1, end_column=3)
        row += 3
    if drop_down:
        dv = DataValidation(type="list", formula1='"Yes,No,Neutral"', allow_blank=True)
        for cell in ("C5", "C8", "C11"):
            dv.add(cell)
        ws.add_data_validation(dv)
    wb.save(path)
    return path


def test_unnumbered_questions_and_requests_with_boxes_beside(tmp_path):
    path = _beside_sheet(tmp_path / "form.xlsx", drop_down=False)
    inspection = inspect_form(path)
    assert [(q.number, q.text) for q in inspection.questions] == [
        ("1", QUESTIONS[0]), ("2", QUESTIONS[1]), ("3", QUESTIONS[2])
    ]
    # numbers the reader counted itself are for the user to confirm
    assert {p.confidence for p in inspection.places if p.item.startswith("answer")} == {
        Confidence.UNSURE
    }
    ws = _filled(path, _answers({"3": "Nothing further."}))
    assert (ws["C2"].value, ws["C3"].value) == ("Priya Shah", "Northern Lights Energy Ltd")
    assert ws["C11"].value == "Nothing further."
    assert ws["B12"].value is None


def test_drop_down_beside_and_box_below_take_position_and_rationale(tmp_path):
    path = _beside_sheet(tmp_path / "form.xlsx", drop_down=True)
    inspection = inspect_form(path)
    assert inspection.questions[0].options == ("Yes", "No", "Neutral")
    ws = _filled(path, _answers({"1": {"response": "no", "rationale": "Too costly."}}))
    assert (ws["C5"].value, ws["B6"].value) == ("No", "Too costly.")
    with pytest.raises(FormError, match="Yes, No, Neutral"):
        fill_xlsx(check_office_file(path), _answers({"2": {"response": "Perhaps"}}))


def test_guidance_with_a_stray_question_is_not_a_form(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "How to respond"
    ws["A2"] = "Have you read the consultation document in full before responding?"
    ws["A3"] = "Send your response to the Joint Office by 5pm on 12 May."
    path = tmp_path / "guidance.xlsx"
    wb.save(path)
    with pytest.raises(FormError, match="has no comments table"):
        inspect_form(path)
