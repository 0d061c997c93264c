"""Whatever text a drafter types, every mechanism's fill reads back as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secresponder.domain.forms import Answer, Answers
from secresponder.forms.docx import fill_docx_report, verify_docx
from tests.forms import wordml_builders as x


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("forms")
    return [
        x.build(
            folder / "legacy.docx",
            x.para("Name: ", x.formtext("Name")),
            x.para("Q1 Do you agree?"),
            x.para(x.formtext("Text1")),
            protect_forms=True,
        ),
        x.build(
            folder / "controls.docx",
            x.para("Name: ", x.sdt_text("Name")),
            x.para("Q1 Do you agree?"),
            x.para("Response: ", x.sdt_rich("Q1")),
        ),
        x.build(
            folder / "text-box.docx",
            x.para("Name: [Insert name]"),
            x.para("1. Do you agree?"),
            x.para(x.text_box(x.para("[Enter your response]"))),
        ),
        x.build(
            folder / "paragraphs.docx",
            x.para("Name:"),
            x.para("[Insert name]"),
            x.para("Question 1: Please provide your views."),
            x.para(""),
            x.para("Thank you."),
        ),
    ]


@settings(max_examples=30, deadline=None)
@given(
    name=st.text(max_size=30),
    response=st.text(max_size=30),
    rationale=st.text(max_size=200),
)
def test_any_text_reads_back(forms: list[Path], name: str, response: str, rationale: str) -> None:
    answers = Answers(answers={"1": Answer(response=response, rationale=rationale)})
    answers = Answers.from_json({**answers.to_json(), "respondent": {"name": name}})
    for form in forms:
        filled = fill_docx_report(form, answers)
        assert verify_docx(form, filled.data, filled.report) == [], form.name
