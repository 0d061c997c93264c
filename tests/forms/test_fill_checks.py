"""``fill`` checks its answers file and says exactly what was placed, or refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secresponder.domain.forms import Answers
from secresponder.forms.api import UnplacedError, checked_fill
from secresponder.forms.safety import check_office_file
from tests.forms import builders as b
from tests.forms.docx.docx_compare import cells_text, checked, document
from tests.forms.xlsx_builders import questions_sheet

RESPONDENT = {
    "name": "Priya Shah",
    "organisation": "Northern Lights Energy Ltd",
    "email": "regulation@northernlights.example",
    "phone": "0161 496 0000",
    "party_category": "Large Supplier",
}


def _answers(numbers: list[str], **respondent: object) -> dict:
    return {
        "respondent": {**RESPONDENT, **respondent},
        "answers": {
            n: {"response": "Yes", "rationale": f"We support change {n}.\n\nNo cost to us."}
            for n in numbers
        },
    }


def test_confidential_false_as_text_ticks_no(run_cli, answers_file, tmp_path: Path):
    form = b.build_table_full(tmp_path / "MP231 form.docx")
    out = tmp_path / "filled.docx"
    given = answers_file(_answers(["1", "2", "3"], confidential="false"))
    code, _, err = run_cli("fill", form, "--answers", given, "-o", out)
    assert (code, err) == (0, "")
    root = document(out.read_bytes())
    assert checked(root) == [False, True]  # Yes clear, No ticked

    yes = answers_file(_answers(["1"], confidential="YES"), name="yes.json")
    out_yes = tmp_path / "filled-yes.docx"
    code, _, err = run_cli("fill", form, "--answers", yes, "-o", out_yes, "--allow-unplaced")
    assert code == 0
    assert checked(document(out_yes.read_bytes())) == [True, False]


def test_a_list_or_number_is_refused_naming_its_place(run_cli, answers_file, tmp_path: Path):
    form = b.build_table_full(tmp_path / "form.docx")
    out = tmp_path / "filled.docx"
    data = _answers(["1", "2", "3"])
    data["answers"]["3"]["rationale"] = ["We agree.", "Fully."]
    code, _, err = run_cli("fill", form, "--answers", answers_file(data), "-o", out)
    assert code == 1
    assert err.strip().endswith(': answers."3".rationale must be text.')
    assert "['We agree." not in err
    assert not out.exists()

    data = _answers(["1"])
    data["answers"]["1"]["response"] = 1
    code, _, err = run_cli("fill", form, "--answers", answers_file(data), "-o", out)
    assert code == 1 and err.strip().endswith(': answers."1".response must be text.')

    data = _answers(["1"], confidential="maybe")
    code, _, err = run_cli("fill", form, "--answers", answers_file(data), "-o", out)
    assert code == 1
    assert err.strip().endswith(": respondent.confidential must be true or false.")
    assert not out.exists()


def test_deep_nesting_is_one_sentence_not_a_crash(run_cli, tmp_path: Path):
    form = b.build_table_full(tmp_path / "form.docx")
    out = tmp_path / "filled.docx"
    deep = tmp_path / "deep.json"
    deep.write_text('{"answers": {"1": ' + "[" * 100_000 + "]" * 100_000 + "}}", "utf-8")
    code, stdout, err = run_cli("fill", form, "--answers", deep, "-o", out)
    assert code == 1 and stdout == ""
    lines = err.strip().splitlines()
    assert lines == [
        f"secresponder: {deep}: is nested 100002 levels deep; an answers file needs at most 20."
    ]
    # Brackets inside text do not count.
    text = tmp_path / "brackets.json"
    text.write_text(json.dumps(_answers(["1"]) | {"answers": {"1": "[[[[" * 30}}), "utf-8")
    code, _, err = run_cli("fill", form, "--answers", text, "-o", out, "--allow-unplaced")
    assert (code, err) == (0, "")


def test_answer_with_no_place_is_refused_naming_it(run_cli, answers_file, tmp_path: Path):
    form = b.build_table_full(tmp_path / "MP231 form.docx")
    out = tmp_path / "filled.docx"
    given = answers_file(_answers(["1", "2", "7", "Q9"]))
    code, stdout, err = run_cli("fill", form, "--answers", given, "-o", out)
    assert code == 1 and stdout == ""
    message = err.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith(f"secresponder: {form}: nothing was written, because these 2 ")
    assert "answer 7" in message and "answer Q9" in message
    assert "answer 1" not in message and "answer 2:" not in message
    assert message.endswith("--allow-unplaced writes the rest.")
    assert not out.exists()


def test_allow_unplaced_writes_the_rest_and_warns(run_cli, answers_file, tmp_path: Path):
    form = b.build_table_full(tmp_path / "MP231 form.docx")
    out = tmp_path / "filled.docx"
    given = answers_file(_answers(["1", "2", "7"]))
    code, stdout, err = run_cli(
        "fill", form, "--answers", given, "-o", out, "--allow-unplaced", "--json"
    )
    assert code == 0
    assert [line for line in err.splitlines() if "answer 7" in line]
    assert all(line.startswith("secresponder: warning: not placed: ") for line in err.splitlines())
    report = json.loads(stdout)
    assert report["output"] == str(out)
    assert [u for u in report["unplaced"] if u.startswith("answer 7")]
    assert not [u for u in report["unplaced"] if u.startswith(("answer 1", "answer 2"))]
    assert isinstance(report["placed"], list)
    rows = cells_text(document(out.read_bytes()))
    assert any("We support change 1." in " ".join(row) for row in rows)
    assert any("We support change 2." in " ".join(row) for row in rows)
    assert not any("change 7" in " ".join(row) for row in rows)


def test_comments_given_to_a_question_form_are_not_placed(tmp_path: Path):
    form = b.build_table_full(tmp_path / "form.docx")
    given = Answers.from_json(
        {"answers": {"1": "Agreed."}, "comments": [{"comment": "Typo in H6.2."}]}
    )
    package = check_office_file(form)
    with pytest.raises(UnplacedError) as caught:
        checked_fill(package, given)
    assert str(caught.value).startswith(
        f"{package.path}: nothing was written, because this value has no place in the form: "
        "comment 1"
    )
    assert [u for u in caught.value.unplaced if u.startswith("comment 1")]
    filled = checked_fill(package, given, allow_unplaced=True)
    assert any(u.startswith("comment 1") for u in filled.report.unplaced)


def test_excel_question_sheet_refuses_unknown_question(run_cli, answers_file, tmp_path: Path):
    form = questions_sheet(
        tmp_path / "questions.xlsx",
        ("Do you agree with the solution?", "Do you agree with the legal text?"),
    )
    out = tmp_path / "filled.xlsx"
    code, _, err = run_cli("fill", form, "--answers", answers_file(_answers(["1", "5"])), "-o", out)
    assert code == 1
    assert "question 5" in err or "answer 5" in err  # the filler or the check names it
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()
    code, _, err = run_cli("fill", form, "--answers", answers_file(_answers(["1", "2"])), "-o", out)
    assert (code, err) == (0, "")
    assert out.exists()


def test_a_value_that_cannot_fit_is_refused_in_one_sentence(run_cli, answers_file,
                                                            tmp_path: Path):
    form = questions_sheet(
        tmp_path / "questions.xlsx",
        ("Do you agree with the solution?", "Do you agree with the legal text?"),
    )
    out = tmp_path / "filled.xlsx"
    data = _answers(["1", "2"])
    data["answers"]["2"]["rationale"] = "A very long rationale. " * 1_500  # 34,500 characters
    code, stdout, err = run_cli("fill", form, "--answers", answers_file(data), "-o", out)
    assert code == 1 and stdout == ""
    message = err.strip()
    assert len(message.splitlines()) == 1 and message.startswith("secresponder: ")
    assert "32,767" in message or "32767" in message
    assert "Traceback" not in err
    assert not out.exists()


def test_respondent_details_with_no_place_are_named_but_do_not_stop_the_fill(
    run_cli, answers_file, tmp_path: Path
):
    from tests.forms.office_packages import word_form

    form = word_form(tmp_path / "form.docx")  # asks for name, organisation and email only
    out = tmp_path / "filled.docx"
    given = answers_file({
        "respondent": {"name": "Priya Shah", "phone": "0161 496 0000", "confidential": "yes"},
        "answers": {"1": {"response": "Yes", "rationale": "We agree."}},
    })
    code, stdout, err = run_cli("fill", form, "--answers", given, "-o", out, "--json")
    assert code == 0
    report = json.loads(stdout)
    assert [u.split(":")[0] for u in report["unplaced"]] == [
        "respondent phone", "respondent confidential"]
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.endswith(".") for line in lines)
    assert lines[0].startswith("secresponder: warning: not placed: respondent phone: ")
    assert lines[1].startswith("secresponder: warning: not placed: respondent confidential: ")
    placed = {(p["item"], p["value"]) for p in report["placed"]}
    assert {("respondent name", "Priya Shah"), ("answer 1 response", "Yes"),
            ("answer 1 rationale", "We agree.")} <= placed
    assert all(p["where"] for p in report["placed"])
