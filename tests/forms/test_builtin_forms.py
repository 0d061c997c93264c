"""The built-in response forms: listed, chosen by consultation kind, readable and fillable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from secresponder.domain.forms import Answers, FormFormat, FormKind
from secresponder.forms.api import fill_form, inspect_form
from secresponder.forms.builtin import builtin_form_for_kind, builtin_forms

ROOT = Path(__file__).resolve().parents[2]
OBJECTIVE_MARKERS = (
    "interoperability of Smart Metering Systems",
    "the DCC",
    "manage their energy use",
    "competition in the supply of energy",
    "innovation in the design and operation of energy networks",
    "protection and security of data",
    "administration and implementation of the Code",
)
EXPECTED_QUESTIONS = {
    "modification-report-consultation": 8,
    "refinement-consultation": 7,
    "general-consultation": 7,
}


def test_builtin_forms_are_listed_and_exist():
    forms = builtin_forms()
    assert [f.key for f in forms] == list(EXPECTED_QUESTIONS)
    for form in forms:
        assert form.path.is_file(), form.path
        assert form.path.suffix == ".docx"


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("Modification Report Consultation", "modification-report-consultation"),
        ("modification report consultation", "modification-report-consultation"),
        ("Refinement Consultation", "refinement-consultation"),
        ("Second Refinement Consultation", "refinement-consultation"),
        ("Request for Information", "general-consultation"),
        (None, "general-consultation"),
        ("", "general-consultation"),
    ],
)
def test_form_for_kind(kind, key):
    assert builtin_form_for_kind(kind).key == key


@pytest.mark.parametrize("form", builtin_forms(), ids=lambda f: f.key)
def test_builtin_form_tables_as_python_docx_sees_them(form):
    doc = Document(str(form.path))
    respondent, questions = doc.tables
    labels = [row.cells[0].text for row in respondent.rows]
    assert labels == [
        "Name",
        "Organisation",
        "Email address",
        "Telephone",
        "SEC Party Category",
        "Confidential? (Yes/No)",
    ]
    assert all(row.cells[1].text == "" for row in respondent.rows)
    header = [c.text for c in questions.rows[0].cells]
    assert header == ["No.", "Question", "Response", "Rationale"]
    body = questions.rows[1:]
    assert [r.cells[0].text for r in body] == [
        str(n) for n in range(1, EXPECTED_QUESTIONS[form.key] + 1)
    ]
    texts = [r.cells[1].text for r in body]
    assert "addresses the issue identified" in texts[0] or "proposals set out" in texts[0]
    assert any("costs" in t for t in texts)
    assert any("lead time" in t for t in texts)
    assert any("implementation date" in t for t in texts)
    objectives = next(t for t in texts if "General SEC Objectives" in t)
    assert "SEC Section C1" in objectives
    for marker in OBJECTIVE_MARKERS:
        assert marker in objectives
    assert texts[-1].startswith("Do you have any further comments")


@pytest.mark.parametrize("form", builtin_forms(), ids=lambda f: f.key)
def test_reader_finds_every_question_and_respondent_field(form):
    inspection = inspect_form(form.path)
    assert inspection.format is FormFormat.DOCX
    assert inspection.kind is FormKind.QUESTIONS
    assert [f.key for f in inspection.respondent_fields] == [
        "name",
        "organisation",
        "email",
        "phone",
        "party_category",
        "confidential",
    ]
    numbers = [q.number for q in inspection.questions]
    assert numbers == [str(n) for n in range(1, EXPECTED_QUESTIONS[form.key] + 1)]
    python_docx_texts = [r.cells[1].text for r in Document(str(form.path)).tables[1].rows[1:]]
    for question, text in zip(inspection.questions, python_docx_texts, strict=True):
        assert question.text.split()[:6] == text.split()[:6]


def test_builtin_form_fills(tmp_path):
    form = builtin_form_for_kind("Refinement Consultation")
    answers = Answers.from_json(
        {
            "respondent": {"name": "Priya Shah", "organisation": "Northern Lights Energy Ltd"},
            "answers": {
                "1": {"response": "Yes", "rationale": "It closes the gap."},
                "4": {"response": "", "rationale": "Six months from approval."},
            },
        }
    )
    out = fill_form(form.path, answers, tmp_path / "response.docx")
    table = Document(str(out)).tables[1]
    assert table.rows[1].cells[2].text == "Yes"
    assert table.rows[1].cells[3].text == "It closes the gap."
    assert table.rows[4].cells[3].text == "Six months from approval."
    assert table.rows[2].cells[3].text == ""
    assert Document(str(form.path)).tables[1].rows[1].cells[2].text == ""  # source untouched


def test_build_script_reproduces_the_committed_forms(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_builtin_forms.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "wrote" in result.stdout
    for form in builtin_forms():
        assert (tmp_path / form.path.name).read_bytes() == form.path.read_bytes(), form.key


def test_template_list_command(run_cli):
    code, out, err = run_cli("template", "list", "--json")
    assert code == 0 and err == ""
    listed = json.loads(out)
    assert [f["key"] for f in listed] == list(EXPECTED_QUESTIONS)
    assert all(Path(f["path"]).is_file() for f in listed)
    code, out, _ = run_cli("template", "list")
    assert code == 0
    assert "Refinement Consultation" in out and "general-consultation" in out
