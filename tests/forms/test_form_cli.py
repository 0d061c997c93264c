"""``template inspect`` and ``fill`` on the command line: output, --json, --force, errors."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from secresponder.forms.builtin import builtin_form_for_kind
from tests.forms.answer_samples import SAMPLE_ANSWERS
from tests.forms.office_packages import word_form
from tests.forms.xlsx_builders import comments_log


def test_inspect_word_form_text_and_json(run_cli, tmp_path):
    path = word_form(tmp_path / "MP215 response form.docx", questions=3)
    code, out, err = run_cli("template", "inspect", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "MP215 response form.docx: Word form with 3 questions"
    questions = lines[lines.index("Questions:") + 1 :]
    assert [q.split(".")[0].strip() for q in questions] == ["1", "2", "3"]
    assert questions[2].endswith("do you agree with proposal 3?")
    assert "  Organisation (organisation)" in lines

    code, out, err = run_cli("template", "inspect", path, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["format"] == "docx" and data["kind"] == "questions"
    assert [q["number"] for q in data["questions"]] == ["1", "2", "3"]
    assert {"key": "email", "label": "Email address"} in data["respondent_fields"]
    assert data["comment_columns"] == []


def test_inspect_comments_log_text_and_json(run_cli, tmp_path):
    path = comments_log(tmp_path / "MP215 comments log.xlsx", respondent="beside")
    code, out, _ = run_cli("template", "inspect", path)
    assert code == 0
    assert out.splitlines()[0] == "MP215 comments log.xlsx: Excel comments log"
    assert (
        "Comment columns: No. | Document | Section / Paragraph | Comment | "
        "Proposed change / amendment | Confidential (Y/N)"
    ) in out
    code, out, _ = run_cli("template", "inspect", path, "--json")
    data = json.loads(out)
    assert data["format"] == "xlsx" and data["kind"] == "comments_log"
    assert data["questions"] == []
    assert data["comment_columns"][3] == "Comment"
    assert [f["key"] for f in data["respondent_fields"]][:2] == ["organisation", "name"]


def test_fill_comments_log_then_refuse_existing_output(run_cli, answers_file, tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    answers = answers_file(SAMPLE_ANSWERS)
    out = tmp_path / "filled.xlsx"
    code, stdout, err = run_cli("fill", path, "--answers", answers, "-o", out)
    assert (code, err) == (0, "")
    written = stdout.strip()
    assert written == f"Wrote {out}" or re.fullmatch(
        rf"Wrote {re.escape(str(out))} \(\d+ values placed\)", written
    )
    ws = load_workbook(out)["Comments"]
    assert ws["D12"].value == "The lead time for the change is not stated."
    first = out.read_bytes()

    other = copy.deepcopy(SAMPLE_ANSWERS)
    other["comments"][0]["comment"] = "A different comment."
    changed = answers_file(other, "other.json")
    code, _, err = run_cli("fill", path, "--answers", changed, "-o", out)
    assert code == 1
    assert err.strip() == f"secresponder: {out}: already exists; use --force to overwrite it."
    assert out.read_bytes() == first

    code, stdout, err = run_cli("fill", path, "--answers", changed, "-o", out, "--force", "--json")
    assert (code, err) == (0, "")
    report = json.loads(stdout)
    assert report["output"] == str(out)
    assert report["unplaced"] == []
    placed = {p["value"]: p for p in report["placed"]}
    if placed:  # the filler says where each value went
        assert "A different comment." in placed and placed["A different comment."]["where"]
        assert written.endswith(f"({len(report['placed'])} values placed)")
    assert load_workbook(out)["Comments"]["D12"].value == "A different comment."
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_fill_word_form_leaves_source_untouched(run_cli, answers_file, tmp_path):
    form = builtin_form_for_kind("Modification Report Consultation").path
    source = form.read_bytes()
    answers = answers_file(
        {
            "respondent": SAMPLE_ANSWERS["respondent"],
            "answers": {"7": {"response": "Yes", "rationale": "Objectives (a) and (g)."}},
        }
    )
    out = tmp_path / "MP215 response.docx"
    code, _, err = run_cli("fill", form, "--answers", answers, "-o", out)
    assert (code, err) == (0, "")
    assert form.read_bytes() == source
    table = Document(str(out)).tables[1]
    assert table.rows[7].cells[2].text == "Yes"
    assert table.rows[7].cells[3].text == "Objectives (a) and (g)."


def test_existing_output_fails_before_the_form_is_read(run_cli, answers_file, tmp_path):
    out = tmp_path / "filled.docx"
    out.write_bytes(b"keep me")
    bad_form = tmp_path / "form.docx"
    bad_form.write_text("not a form")
    code, _, err = run_cli("fill", bad_form, "--answers", answers_file({}), "-o", out)
    assert code == 1
    assert "already exists" in err  # the output check comes first
    assert out.read_bytes() == b"keep me"


def test_bad_answers_json_names_file_and_line(run_cli, tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    answers = tmp_path / "answers.json"
    answers.write_text('{\n  "respondent": {"name": "Priya"},\n  "answers": {1: "Yes"}\n}\n')
    out = tmp_path / "filled.xlsx"
    code, _, err = run_cli("fill", path, "--answers", answers, "-o", out)
    assert code == 1
    line = err.strip()
    assert line.startswith(f"secresponder: {answers}: is not valid JSON (line 3,")
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_answers_with_wrong_shape_and_missing_file(run_cli, answers_file, tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    out = tmp_path / "filled.xlsx"
    wrong = answers_file({"comments": {"document": "Section A"}})
    code, _, err = run_cli("fill", path, "--answers", wrong, "-o", out)
    assert code == 1
    assert err.strip() == f"secresponder: {wrong}: comments must be a list."
    missing = tmp_path / "none.json"
    code, _, err = run_cli("fill", path, "--answers", missing, "-o", out)
    assert code == 1
    assert err.strip() == f"secresponder: {missing}: no such answers file."
    assert not out.exists()


def test_fill_requires_output_and_answers(run_cli, tmp_path, capsys):
    path = comments_log(tmp_path / "log.xlsx")
    code, _, _ = run_cli("fill", path, "-o", tmp_path / "out.xlsx")
    assert code == 2
    assert not (tmp_path / "out.xlsx").exists()


def test_output_into_new_folder(run_cli, answers_file, tmp_path):
    path = comments_log(tmp_path / "log.xlsx")
    out = tmp_path / "responses" / "2023-05" / "filled.xlsx"
    code, _, err = run_cli("fill", path, "--answers", answers_file(SAMPLE_ANSWERS), "-o", out)
    assert (code, err) == (0, "")
    assert out.is_file()


def test_xlsx_with_docx_name_is_filled_as_excel(run_cli, answers_file, tmp_path):
    path = tmp_path / "log.docx"
    path.write_bytes(comments_log(tmp_path / "log.xlsx").read_bytes())
    out = tmp_path / "filled.xlsx"
    code, _, err = run_cli("fill", path, "--answers", answers_file(SAMPLE_ANSWERS), "-o", out)
    assert (code, err) == (0, "")
    assert load_workbook(out)["Comments"]["B13"].value == "Appendix AB"


def test_paths_are_plain_text(run_cli, tmp_path):
    odd = tmp_path / "répönse form (v2).docx"
    word_form(odd)
    code, out, _ = run_cli("template", "inspect", odd)
    assert code == 0
    assert out.startswith("répönse form (v2).docx: Word form")
    assert Path(odd).exists()


def test_inspect_lists_places_with_how_sure_the_reader_is(run_cli, tmp_path):
    from tests.services.test_form_corrections import unnumbered_sheet

    path = unnumbered_sheet(tmp_path / "unnumbered.xlsx")
    code, out, err = run_cli("template", "inspect", path, "--json")
    assert (code, err) == (0, "")
    places = json.loads(out)["places"]
    assert {"item": "answer 1 response", "where": "sheet 'Responses', cell B5 (Response column)",
            "confidence": "unsure"} in places
    assert {p["confidence"] for p in places} == {"sure", "unsure"}
    code, out, _ = run_cli("template", "inspect", path)
    lines = out.splitlines()
    unsure = lines[lines.index("Unsure places (check them before sending):") + 1 :]
    assert unsure[0] == "  answer 1 response: sheet 'Responses', cell B5 (Response column)"
    assert len(unsure) == 8

    sure = word_form(tmp_path / "numbered.docx")
    code, out, _ = run_cli("template", "inspect", sure)
    assert code == 0 and "Unsure places" not in out
