"""Excel forms as other code administrators send them: merged two-row headers, drop-downs
(classic and Excel 2010 x14, literal or on a hidden sheet), protection, hidden sheets,
formulas, respondent details above the table and several question sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from secresponder.domain.forms import Answers, Confidence, FormKind
from secresponder.forms.api import inspect_form
from secresponder.forms.errors import FormError
from secresponder.forms.safety import check_office_file
from secresponder.forms.xlsx import fill_xlsx, fill_xlsx_report
from tests.forms.xlsx_builders import add_x14_list, sheet_part, two_row_header_sheet

QUESTIONS = (
    "Do you agree with the proposed solution?",
    "Do you agree with the proposed legal text?",
    "Do you agree with the implementation approach?",
)
RESPONDENT = {"name": "Priya Shah", "organisation": "Northern Lights Energy Ltd"}


def _answers(answers: dict, **respondent) -> Answers:
    return Answers.from_json({"respondent": {**RESPONDENT, **respondent}, "answers": answers})


def _fill(path: Path, answers: Answers) -> Path:
    out = path.with_name("filled.xlsx")
    out.write_bytes(fill_xlsx(check_office_file(path), answers))
    return out


def _header_values(ws, rows) -> dict:
    return {(r, c): ws.cell(r, c).value for r in rows for c in range(1, 5)}


@pytest.mark.parametrize(
    ("group", "children", "guessed"),
    [
        ("Your response", ("Agree/Disagree", "Rationale"), False),
        ("Your response", ("Position", "Comments"), False),
        ("Respondent's view", ("Yes/No", "Please explain your answer"), False),
        ("Response", ("Select one", "Why"), True),
    ],
)
@pytest.mark.parametrize("title_rows", [4, 9])
def test_two_row_header_sends_each_part_to_its_column(tmp_path, group, children, guessed,
                                                      title_rows):
    path = two_row_header_sheet(
        tmp_path / "form.xlsx", QUESTIONS, group=group, children=children, positions=None,
        title_rows=title_rows,
    )
    top = title_rows + 2
    before = _header_values(load_workbook(path)["Questions"], (top, top + 1))
    inspection = inspect_form(path)
    assert inspection.kind is FormKind.QUESTIONS
    assert [q.number for q in inspection.questions] == ["1", "2", "3"]
    assert inspection.questions[0].text == QUESTIONS[0]
    where = {p.item: p for p in inspection.places}
    first = top + 2
    assert where["answer 1 rationale"].where == (
        f"sheet 'Questions', cell D{first} ({children[1]} column)"
    )
    assert where["answer 1 response"].where.startswith(f"sheet 'Questions', cell C{first} (")
    expected = Confidence.UNSURE if guessed else Confidence.SURE
    assert where["answer 1 rationale"].confidence is expected

    answers = _answers({"1": {"response": "Yes", "rationale": "It closes the gap."},
                        "3": {"response": "No", "rationale": "Six months are needed."}})
    ws = load_workbook(_fill(path, answers))["Questions"]
    assert (ws.cell(first, 3).value, ws.cell(first, 4).value) == ("Yes", "It closes the gap.")
    assert (ws.cell(first + 1, 3).value, ws.cell(first + 1, 4).value) == (None, None)
    assert (ws.cell(first + 2, 3).value, ws.cell(first + 2, 4).value) == (
        "No", "Six months are needed."
    )
    assert _header_values(ws, (top, top + 1)) == before  # no header cell is ever written


def test_note_under_the_question_header_is_not_a_question(tmp_path):
    # Seen in use: the note row under a two-row header was read as question 1, and "Yes"
    # went into the "Agree/Disagree" header cell.
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    ws = wb["Questions"]
    ws.unmerge_cells("B6:B7")
    ws["B7"] = "(see section 3)"
    wb.save(path)
    assert [q.text for q in inspect_form(path).questions] == list(QUESTIONS)
    out = _fill(path, _answers({"1": {"response": "Yes", "rationale": "Agreed."}}))
    ws = load_workbook(out)["Questions"]
    assert (ws["C7"].value, ws["D7"].value) == ("Agree/Disagree", "Rationale")
    assert (ws["C8"].value, ws["D8"].value) == ("Yes", "Agreed.")


def test_literal_drop_down_gives_options_and_takes_the_item_text(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS)
    inspection = inspect_form(path)
    assert inspection.questions[1].options == ("Agree", "Disagree", "Neutral")
    out = _fill(path, _answers({"2": {"response": "  disagree ", "rationale": "Too soon."}}))
    ws = load_workbook(out)["Questions"]
    assert (ws["C9"].value, ws["D9"].value) == ("Disagree", "Too soon.")
    assert [dv.sqref for dv in ws.data_validations.dataValidation] == [
        dv.sqref for dv in load_workbook(path)["Questions"].data_validations.dataValidation
    ]


def test_position_not_in_the_drop_down_is_refused_naming_the_items(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS)
    with pytest.raises(FormError) as info:
        fill_xlsx_report(check_office_file(path), _answers({"1": {"response": "Partly"}}))
    message = str(info.value)
    assert message.startswith(f"{path}: answer 1 response 'Partly' is not one of")
    assert "Agree, Disagree, Neutral" in message and "cell C8" in message
    assert "\n" not in message


def _lists_sheet(path: Path, hidden: bool = True, name: str | None = None) -> None:
    wb = load_workbook(path)
    lists = wb.create_sheet("Lists")
    for row, item in enumerate(("Support", "Oppose", "No view"), start=1):
        lists.cell(row, 1, item)
    if hidden:
        lists.sheet_state = "hidden"
    if name:
        wb.defined_names[name] = DefinedName(name, attr_text="Lists!$A$1:$A$3")
        dv = DataValidation(type="list", formula1=name, allow_blank=True)
        dv.add("C8:C10")
        wb["Questions"].add_data_validation(dv)
    wb.save(path)


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
@pytest.mark.parametrize("kind", ["x14", "defined name", "range"])
def test_drop_down_on_a_hidden_sheet_is_read_and_kept(tmp_path, kind):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    if kind == "defined name":
        _lists_sheet(path, name="PositionList")
    else:
        _lists_sheet(path)
        if kind == "x14":
            add_x14_list(path, "Questions", "C8:C10", "Lists!$A$1:$A$3")
        else:
            wb = load_workbook(path)
            dv = DataValidation(type="list", formula1="'Lists'!$A$1:$A$3")
            dv.add("C8:C10")
            wb["Questions"].add_data_validation(dv)
            wb.save(path)
    part = sheet_part(path, "Questions")
    with zipfile.ZipFile(path) as z:
        sheet_before = z.read(part).decode()
    inspection = inspect_form(path)
    assert inspection.questions[2].options == ("Support", "Oppose", "No view")
    assert [q.number for q in inspection.questions] == ["1", "2", "3"]  # not the Lists sheet

    out = _fill(path, _answers({"3": {"response": "no VIEW", "rationale": "Not affected."}}))
    assert load_workbook(out)["Questions"]["C10"].value == "No view"
    with zipfile.ZipFile(out) as z:
        sheet_after = z.read(part).decode()
    # every validation, x14 included, is still there, as it was
    assert _outside_cells(sheet_after) == _outside_cells(sheet_before)
    if kind == "x14":
        assert "x14:dataValidation" in sheet_after
    with pytest.raises(FormError, match="Support, Oppose, No view"):
        fill_xlsx(check_office_file(path), _answers({"3": {"response": "Agree"}}))


def _outside_cells(xml: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml.encode())
    root.remove(root.find("{*}sheetData"))
    return etree.tostring(root, method="c14n")


def _protected(path: Path, *, unlock: str) -> None:
    from openpyxl.styles import Protection

    wb = load_workbook(path)
    ws = wb["Questions"]
    for row in range(8, 11):
        for col in unlock:
            ws[f"{col}{row}"].protection = Protection(locked=False)
    ws["B2"].protection = Protection(locked=False)
    ws["B3"].protection = Protection(locked=False)
    ws.protection.sheet = True
    wb.save(path)


def test_protected_sheet_fills_its_unlocked_cells(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    _protected(path, unlock="CD")
    places = {p.item: p.confidence for p in inspect_form(path).places}
    # a detail under a label we do not know is the user's to fill, so it is unsure
    assert places.pop("respondent Role of Respondent") is Confidence.UNSURE
    assert set(places.values()) == {Confidence.SURE}
    out = _fill(path, _answers({"1": {"response": "Agree", "rationale": "Fine."}}))
    ws = load_workbook(out)["Questions"]
    assert ws.protection.sheet
    assert (ws["C8"].value, ws["D8"].value) == ("Agree", "Fine.")


def test_locked_cell_of_a_protected_sheet_is_refused_naming_it(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    _protected(path, unlock="C")
    places = {p.item: p.confidence for p in inspect_form(path).places}
    assert places["answer 1 rationale"] is Confidence.UNSURE
    with pytest.raises(FormError, match=r"cell D8 on sheet 'Questions' is locked on a protected"):
        fill_xlsx(check_office_file(path), _answers({"1": {"rationale": "Fine."}}))


def test_hidden_sheet_is_never_the_question_sheet(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    old = wb.create_sheet("Old questions", 0)
    old.append(["No.", "Question", "Response"])
    old.append([1, "An old question from the first consultation?", ""])
    old.sheet_state = "hidden"
    wb.active = 1
    wb.save(path)
    inspection = inspect_form(path)
    assert [q.text for q in inspection.questions] == list(QUESTIONS)
    out = _fill(path, _answers({"1": {"response": "Agree", "rationale": "Fine."}}))
    wb = load_workbook(out)
    assert wb["Old questions"]["C2"].value is None
    assert wb["Questions"]["C8"].value == "Agree"


def test_formula_cell_is_never_overwritten(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    wb["Questions"]["D9"] = '=IF(C9="","",C9)'
    wb.save(path)
    assert {p.item: p.confidence for p in inspect_form(path).places}[
        "answer 2 rationale"
    ] is Confidence.UNSURE
    out = _fill(path, _answers({"1": {"response": "Agree", "rationale": "Fine."}}))
    assert load_workbook(out)["Questions"]["D9"].value == '=IF(C9="","",C9)'
    with pytest.raises(FormError, match=r"cell D9 on sheet 'Questions' holds a formula"):
        fill_xlsx(check_office_file(path), _answers({"2": {"rationale": "Why."}}))


def test_role_of_respondent_is_not_the_name(tmp_path):
    # Seen in use: "Role of Respondent" was taken for the respondent's name.
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    ws = wb["Questions"]
    ws["A3"] = "Role of Respondent:"
    ws["A4"] = "Name of Respondent:"
    wb.save(path)
    fields = [(f.key, f.label) for f in inspect_form(path).respondent_fields]
    assert fields == [  # in the order the form asks
        ("organisation", "Organisation"),
        (None, "Role of Respondent"),  # listed by its label, so that the user can fill it
        ("name", "Name of Respondent"),
    ]
    out = _fill(path, _answers({"1": {"response": "Agree"}}))
    ws = load_workbook(out)["Questions"]
    assert ws["B2"].value == "Northern Lights Energy Ltd"
    assert ws["B3"].value is None
    assert ws["B4"].value == "Priya Shah"


def test_only_role_of_respondent_gives_no_name_place(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    wb["Questions"]["A3"] = "Job title"
    wb.save(path)
    assert "name" not in [f.key for f in inspect_form(path).respondent_fields]
    filled = fill_xlsx_report(check_office_file(path), _answers({"1": {"response": "Agree"}}))
    assert not any(p.item == "respondent name" for p in filled.report.placed)
    ws = load_workbook(__import__("io").BytesIO(filled.data))["Questions"]
    assert (ws["B3"].value, ws["B4"].value) == (None, None)


def _two_part_workbook(path: Path, restart: bool) -> Path:
    wb = Workbook()
    for index, title in enumerate(("Part A", "Part B")):
        ws = wb.active if index == 0 else wb.create_sheet(title)
        ws.title = title
        ws.append(["Question No.", "Question", "Response", "Comments"])
        for n in range(1, 3):
            number = n if restart else n + 2 * index
            ws.append([number, f"{title} question {n}: do you agree?", None, None])
    wb.save(path)
    return path


@pytest.mark.parametrize("restart", [False, True])
def test_several_question_sheets_are_read_in_order(tmp_path, restart):
    path = _two_part_workbook(tmp_path / "form.xlsx", restart)
    inspection = inspect_form(path)
    assert [q.number for q in inspection.questions] == ["1", "2", "3", "4"]
    assert inspection.questions[2].text.startswith("Part B question 1")
    where = {p.item: p for p in inspection.places}
    assert where["answer 3 response"].where == (
        "sheet 'Part B', cell C2 (Response column)"
    )
    # numbers the reader had to make up are marked for the user to check
    expected = Confidence.UNSURE if restart else Confidence.SURE
    assert where["answer 3 response"].confidence is expected
    out = _fill(path, _answers({"2": "Because.", "4": {"response": "Yes"}}))
    wb = load_workbook(out)
    assert wb["Part A"]["D3"].value == "Because."
    assert wb["Part B"]["C3"].value == "Yes"


def test_role_of_respondent_beside_name_is_neither_its_value_nor_a_name(tmp_path):
    # A horizontal block "Name | Role of Respondent | Organisation": the name goes below
    # "Name", never over the "Role of Respondent" label beside it.
    wb = Workbook()
    ws = wb.active
    ws.title = "Response"
    for col, label in enumerate(("Name", "Role of Respondent", "Organisation"), start=1):
        ws.cell(3, col, label)
    ws.append([])
    ws["A6"], ws["B6"], ws["C6"] = "No.", "Question", "Response"
    ws["A7"], ws["B7"] = 1, "Do you agree with the proposed solution?"
    path = tmp_path / "form.xlsx"
    wb.save(path)
    fields = [(f.key, f.label) for f in inspect_form(path).respondent_fields]
    assert fields == [("name", "Name"), (None, "Role of Respondent"),
                      ("organisation", "Organisation")]
    out = _fill(path, _answers({"1": {"response": "Yes"}}))
    ws = load_workbook(out)["Response"]
    assert [ws.cell(3, c).value for c in (1, 2, 3)] == [
        "Name", "Role of Respondent", "Organisation"
    ]
    assert [ws.cell(4, c).value for c in (1, 2, 3)] == [
        "Priya Shah", None, "Northern Lights Energy Ltd"
    ]


def _table_asks_details(path: Path, numbered_confidential: bool) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Response"
    ws.append(["Ref", "Question", "Response", "Rationale"])
    ws.append([None, "Name of organisation", None, None])
    ws.append([None, "Contact email address", None, None])
    ws.append(["Q1", "Do you agree with the proposed solution?", None, None])
    ws.append(["Q2", "Do you agree with the legal text?", None, None])
    ws.append(["Q3" if numbered_confidential else None,
               "Do you wish your response to be treated as confidential? Yes / No", None, None])
    dv = DataValidation(type="list", formula1='"Yes,No"', allow_blank=True)
    dv.add("C6")
    ws.add_data_validation(dv)
    wb.save(path)
    return path


def test_details_asked_as_table_rows_are_respondent_places(tmp_path):
    path = _table_asks_details(tmp_path / "form.xlsx", numbered_confidential=False)
    inspection = inspect_form(path)
    assert [q.number for q in inspection.questions] == ["1", "2"]
    assert [f.key for f in inspection.respondent_fields] == [
        "organisation", "email", "confidential"
    ]
    where = {p.item: p.where for p in inspection.places}
    assert where["respondent confidential"] == (
        "sheet 'Response', cell C6 (beside 'Do you wish your response to be treated as "
        "confidential? Yes / No')"
    )
    answers = Answers.from_json({
        "respondent": {**RESPONDENT, "email": "p@example.org", "confidential": True},
        "answers": {"1": {"response": "Yes", "rationale": "Agreed."}},
    })
    ws = load_workbook(_fill(path, answers))["Response"]
    assert [ws.cell(r, 3).value for r in range(2, 7)] == [
        "Northern Lights Energy Ltd", "p@example.org", "Yes", None, "Yes"
    ]
    assert ws["D4"].value == "Agreed."


def test_numbered_confidentiality_question_takes_its_answer_first(tmp_path):
    path = _table_asks_details(tmp_path / "form.xlsx", numbered_confidential=True)
    inspection = inspect_form(path)
    assert [q.number for q in inspection.questions] == ["1", "2", "3"]
    assert inspection.questions[2].options == ("Yes", "No")
    answered = _answers({"3": {"response": "no"}}, confidential=True)
    assert load_workbook(_fill(path, answered))["Response"]["C6"].value == "No"
    unanswered = _answers({"1": {"response": "Yes"}}, confidential=True)
    assert load_workbook(_fill(path, unanswered))["Response"]["C6"].value == "Yes"


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")
@pytest.mark.parametrize("kind", ["classic", "x14"])
def test_whole_column_drop_down_from_a_whole_column_list(tmp_path, kind):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    lists = wb.create_sheet("Positions")
    for row, item in enumerate(("Agree", "Disagree", "Partially agree"), start=1):
        lists.cell(row, 2, item)
    lists.sheet_state = "veryHidden"
    if kind == "classic":
        dv = DataValidation(type="list", formula1="Positions!$B:$B", allow_blank=True)
        dv.add("C1:C1048576")  # how Excel writes a whole column
        wb["Questions"].add_data_validation(dv)
    wb.save(path)
    if kind == "x14":
        add_x14_list(path, "Questions", "C:C", "Positions!$B:$B")
    assert inspect_form(path).questions[0].options == ("Agree", "Disagree", "Partially agree")
    out = _fill(path, _answers({"1": {"response": "partially  agree"}}))
    assert load_workbook(out)["Questions"]["C8"].value == "Partially agree"


@pytest.mark.parametrize(
    "headers",
    [
        ("Q No.", "Consultation Question", "Response (Agree/Disagree/Neutral)",
         "Comments/Rationale"),
        ("Question Ref", "Question", "Respondent Response", "Reason for response"),
        ("Q#", "Questions for respondents", "Supporting rationale", "Your position"),
        ("Rationale / Comments", "Organisation's response", "Question", "Question number"),
    ],
)
def test_question_header_wording_and_order_vary(tmp_path, headers):
    roles = ("number", "question", "response", "rationale")
    # the last variant puts the columns in another order
    order = (3, 2, 1, 0) if headers[0].startswith("Rationale") else (0, 1, 2, 3)
    if headers[0] == "Q#":
        order = (0, 1, 3, 2)
    column = {roles[role]: col for col, role in enumerate(order, start=2)}
    wb = Workbook()
    ws = wb.active
    ws.title = "Consultation"
    for col, text in enumerate(headers, start=2):
        ws.cell(4, col, text)
    for n, question in enumerate(QUESTIONS, start=1):
        ws.cell(4 + n, column["number"], f"{n}.")
        ws.cell(4 + n, column["question"], question)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    assert [(q.number, q.text) for q in inspect_form(path).questions] == [
        (str(n), q) for n, q in enumerate(QUESTIONS, start=1)
    ]
    out = _fill(path, _answers({"2": {"response": "Neutral", "rationale": "No impact."}}))
    ws = load_workbook(out)["Consultation"]
    assert ws.cell(6, column["response"]).value == "Neutral"
    assert ws.cell(6, column["rationale"]).value == "No impact."


def test_numbered_table_with_options_notes_headings_and_a_closing_question(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Questions"
    ws.append(["Question No.", "Question", "Response", "Rationale"])
    ws.append(["Part A: the solution"])
    ws.merge_cells("A2:D2")
    ws.append([1, "Which option do you prefer?", None, None])
    ws.append([None, "(a) Option 1: do nothing", None, None])
    ws.append([None, "(b) Option 2: the proposed solution", None, None])
    ws.append([None, "Note: see section 4 of the consultation document.", None, None])
    ws.append([2, "Do you agree with the legal text?", None, None])
    ws.append([None, "Part B: implementation", None, None])
    ws.merge_cells("B8:D8")
    ws.append([3, "Do you agree with the implementation date?", None, None])
    ws.append([None, "Do you have any other comments?", None, None])
    path = tmp_path / "form.xlsx"
    wb.save(path)
    inspection = inspect_form(path)
    assert [(q.number, q.text) for q in inspection.questions] == [
        ("1", "Which option do you prefer?"),
        ("2", "Do you agree with the legal text?"),
        ("3", "Do you agree with the implementation date?"),
        ("4", "Do you have any other comments?"),
    ]
    assert inspection.questions[0].options == (
        "(a) Option 1: do nothing", "(b) Option 2: the proposed solution"
    )
    sure = {p.item: p.confidence for p in inspection.places}
    assert sure["answer 3 response"] is Confidence.SURE
    assert sure["answer 4 rationale"] is Confidence.UNSURE  # a number the sheet did not give
    out = _fill(path, _answers({"1": {"response": "Option 2", "rationale": "Cheaper."},
                                "4": "None."}))
    ws = load_workbook(out)["Questions"]
    assert (ws["C3"].value, ws["D3"].value) == ("Option 2", "Cheaper.")
    assert [ws.cell(r, 3).value for r in (4, 5, 6)] == [None, None, None]
    assert ws["D10"].value == "None."


def test_party_category_drop_down_takes_the_lists_spelling(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS, positions=None)
    wb = load_workbook(path)
    ws = wb["Questions"]
    ws["A4"] = "SEC Party Category:"
    dv = DataValidation(type="list", allow_blank=True, formula1=(
        '"Large Supplier Party,Small Supplier Party,Electricity Network Party,'
        'Gas Network Party,Other SEC Party"'))
    dv.add("B4")
    ws.add_data_validation(dv)
    wb.save(path)
    answers = _answers({"1": {"response": "Agree"}}, party_category="Large Supplier")
    assert load_workbook(_fill(path, answers))["Questions"]["B4"].value == "Large Supplier Party"
    unknown = _answers({"1": {"response": "Agree"}}, party_category="Meter Operator")
    with pytest.raises(FormError, match=r"respondent party_category 'Meter Operator' is not one"):
        fill_xlsx(check_office_file(path), unknown)


def test_long_text_refused_by_a_drop_down_is_named_on_one_line(tmp_path):
    path = two_row_header_sheet(tmp_path / "form.xlsx", QUESTIONS)
    position = "We partly agree.\n\nBut " + "the costs are too high " * 20
    with pytest.raises(FormError) as info:
        fill_xlsx(check_office_file(path), _answers({"1": {"response": position}}))
    message = str(info.value)
    assert "\n" not in message and len(message) < 400
    assert "'We partly agree. But the costs are too high the costs are..." in message
