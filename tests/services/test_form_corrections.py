"""When the reader is unsure, the user decides: corrections kept per form checksum, applied to
every later draft on that form, and pointed at before exporting; on a folder and on a team
database alike."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from tests.exports.response_forms import add_consultations, set_profile

from secresponder.domain.clock import fixed_clock
from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.form_corrections import (
    CorrectionKind,
    FormCorrection,
    apply_corrections,
    confirm,
    join,
    unmark,
)
from secresponder.domain.forms import Confidence
from secresponder.errors import InputError, SecResponderError
from secresponder.forms.api import inspect_form
from secresponder.services import drafting
from secresponder.services.exporting import export_response, plan_export
from secresponder.services.form_corrections import correct_form, form_map

CLOCK = fixed_clock(datetime(2023, 4, 3, 9, 0, tzinfo=LONDON))
QUESTIONS = (
    "Do you agree with the proposed solution?",
    "Please note that the legal text is in Annex A.",  # read as a question, but is not one
    "Do you agree with the implementation date",
    "of 29 February 2024?",  # the same question, run on into the next row
)


def unnumbered_sheet(path: Path) -> Path:
    """Questions with no numbers: the reader numbers them itself and is unsure of them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws["A1"], ws["A2"] = "Name", "Organisation"
    for col, text in enumerate(("Question", "Response", "Rationale"), start=1):
        ws.cell(4, col, text)
    for row, question in enumerate(QUESTIONS, start=5):
        ws.cell(row, 1, question)
    wb.save(path)
    return path


def consultation(ref: str) -> Consultation:
    return Consultation(reference=ref, title=f"{ref} title", kind=None,
                        closes_at=closing_instant(date(2023, 5, 12)))


@pytest.fixture
def ws(any_workspace, workspace_root):
    """A folder or a team database (whose local copies of forms go under $SECRESPONDER_HOME),
    holding MP301 and MP302 and a Party profile."""
    add_consultations(any_workspace, consultation("MP301"), consultation("MP302"))
    set_profile(any_workspace)
    return any_workspace


def test_apply_corrections_is_pure_and_idempotent(tmp_path):
    read = inspect_form(unnumbered_sheet(tmp_path / "form.xlsx"))
    assert [q.number for q in read.questions] == ["1", "2", "3", "4"]
    unsure = [p for p in read.places if p.confidence is Confidence.UNSURE]
    assert unsure, "the reader should be unsure of unnumbered questions"
    corrections = [unmark("2"), join("3", "4"), confirm(unsure[0].item, unsure[0].where)]
    once = apply_corrections(read, corrections)
    assert apply_corrections(once, corrections) == once
    assert [q.number for q in once.questions] == ["1", "3"]
    assert once.questions[1].text == f"{QUESTIONS[2]}\n{QUESTIONS[3]}"
    assert not [p for p in once.places if p.item.startswith(("answer 2 ", "answer 4 "))]
    first = next(p for p in once.places if (p.item, p.where) == (unsure[0].item, unsure[0].where))
    assert first.confidence is Confidence.SURE
    assert FormCorrection(CorrectionKind.JOIN, "3", "4").describe() == (
        "questions 3 and 4 are one question")


def test_corrections_are_kept_by_checksum_and_used_by_later_drafts(ws, tmp_path):
    form = unnumbered_sheet(tmp_path / "MP301 response form.xlsx")
    drafting.choose_form(ws, "MP301", form, clock=CLOCK)
    before = form_map(ws, "MP301")
    assert len(before.unsure) == 8 and before.corrections == ()

    correct_form(ws, "MP301", unmark("2"), clock=CLOCK)
    view = correct_form(ws, "MP301", join("3", "4"), clock=CLOCK)
    assert [q.number for q in view.corrected.questions] == ["1", "3"]
    assert [q.number for q in drafting.open_draft(ws, "MP301").questions()] == ["1", "3"]
    place = next(p for p in view.corrected.places if p.item == "answer 1 response")
    view = correct_form(ws, "MP301", confirm(place.item, place.where), clock=CLOCK)
    assert "answer 1 response" not in " ".join(view.unsure)

    # A copy of the same form (same bytes, other name) chosen for another consultation.
    copy = tmp_path / "copy of the form.xlsx"
    copy.write_bytes(form.read_bytes())
    other = drafting.choose_form(ws, "MP302", copy, clock=CLOCK)
    assert [q.number for q in other.questions()] == ["1", "3"]
    assert form_map(ws, "MP302").corrections == view.corrections

    # Undoing a correction brings the question back.
    view = correct_form(ws, "MP302", unmark("2"), undo=True, clock=CLOCK)
    assert [q.number for q in view.corrected.questions] == ["1", "2", "3"]
    assert [q.number for q in drafting.open_draft(ws, "MP302").questions()] == ["1", "2", "3"]


def test_export_points_at_unsure_places_and_leaves_out_unmarked_answers(ws, tmp_path):
    form = unnumbered_sheet(tmp_path / "MP301 response form.xlsx")
    drafting.choose_form(ws, "MP301", form, clock=CLOCK)
    for n in ("1", "2", "3"):
        drafting.set_answer(ws, "MP301", n, response="Yes", rationale=f"Because {n}.",
                            clock=CLOCK)
    plan = plan_export(ws, "MP301", clock=CLOCK, check_places=True)
    assert [w for w in plan.warnings if w.startswith("The form reader is unsure of 8 places")]

    correct_form(ws, "MP301", unmark("2"), clock=CLOCK)
    plan = plan_export(ws, "MP301", clock=CLOCK, check_places=True)
    assert ("The answer to question 2 is not filled: in the form map it is not a question of "
            "its own.") in plan.warnings
    result = export_response(ws, "MP301", tmp_path / "out", clock=CLOCK)
    workbook = next(p for p in result.files if p.suffix == ".xlsx")
    sheet = load_workbook(workbook)["Responses"]
    assert sheet["C5"].value == "Because 1."
    assert sheet["C6"].value is None  # question 2's row, marked as not a question
    assert sheet["C7"].value == "Because 3."


def test_built_in_forms_and_drafts_without_a_form_say_why(ws):
    with pytest.raises(InputError, match="Choose the response form first"):
        form_map(ws, "MP301")
    drafting.choose_form(ws, "MP301", "builtin", clock=CLOCK)
    with pytest.raises(InputError, match="takes no corrections"):
        correct_form(ws, "MP301", unmark("1"), clock=CLOCK)


def word_form_with_a_missed_question(path: Path) -> Path:
    """A question table the reader finds, then a closing request it does not take for one."""
    from docx import Document
    from tests.forms import builders as b

    b.build_table_full(path)
    doc = Document(str(path))
    doc.add_paragraph("Any other views on the modification")
    doc.add_paragraph("")
    doc.add_paragraph("End of form.")
    doc.save(str(path))
    return path


def test_a_missed_question_and_its_place_are_marked_and_filled(ws, tmp_path):
    from docx import Document

    from secresponder.domain.form_corrections import mark_place, mark_question
    from secresponder.services.form_corrections import form_blocks

    form = word_form_with_a_missed_question(tmp_path / "MP301 form.docx")
    drafting.choose_form(ws, "MP301", form, clock=CLOCK)
    assert [q.number for q in drafting.open_draft(ws, "MP301").questions()] == ["1", "2", "3"]
    blocks = dict(form_blocks(ws, "MP301"))
    assert blocks["paragraph 6"] == "Any other views on the modification"
    assert blocks["table 2, row 2, cell 2"] == "Do you agree with the proposed solution?"

    correct_form(ws, "MP301", mark_question("4", "paragraph 6"), clock=CLOCK)
    view = correct_form(ws, "MP301", mark_place("answer 4 rationale", "paragraph 7"),
                        clock=CLOCK)
    assert [q.number for q in view.corrected.questions] == ["1", "2", "3", "4"]
    assert view.corrected.questions[3].text == "Any other views on the modification"
    assert [p.where for p in view.corrected.places if p.item == "answer 4 rationale"]
    draft = drafting.open_draft(ws, "MP301")
    assert [q.number for q in draft.questions()] == ["1", "2", "3", "4"]

    drafting.set_answer(ws, "MP301", "1", response="Yes", rationale="We agree.", clock=CLOCK)
    drafting.set_answer(ws, "MP301", "4", rationale="No further views.", clock=CLOCK)
    result = export_response(ws, "MP301", tmp_path / "out", clock=CLOCK)
    filled = Document(str(next(p for p in result.files if p.suffix == ".docx")))
    texts = [p.text for p in filled.paragraphs]
    at = texts.index("Any other views on the modification")
    assert texts[at + 1] == "No further views."
    assert texts[at + 2] == "End of form."

    # A place that is not in the form is refused and nothing is kept.
    with pytest.raises(SecResponderError, match=r"MP301 form\.docx: has no paragraph 99\.$"):
        correct_form(ws, "MP301", mark_place("answer 4 rationale", "paragraph 99"),
                     clock=CLOCK)
    with pytest.raises(SecResponderError, match="is not something a form is filled with"):
        correct_form(ws, "MP301", mark_place("respondent shoe size", "paragraph 7"),
                     clock=CLOCK)
    assert len(form_map(ws, "MP301").corrections) == 2

    # Another draft on the same form is read with the marks too.
    again = drafting.choose_form(ws, "MP302", form, clock=CLOCK)
    assert [q.number for q in again.questions()] == ["1", "2", "3", "4"]


def test_marking_is_refused_for_excel_forms(ws, tmp_path):
    from secresponder.domain.form_corrections import mark_question

    drafting.choose_form(ws, "MP301", unnumbered_sheet(tmp_path / "form.xlsx"), clock=CLOCK)
    with pytest.raises(InputError, match="possible in Word forms only"):
        correct_form(ws, "MP301", mark_question("5", "paragraph 1"), clock=CLOCK)
    assert form_map(ws, "MP301").corrections == ()
