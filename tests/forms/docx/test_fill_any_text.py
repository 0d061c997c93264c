"""Whatever text a drafter types, filling succeeds and the text arrives intact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secresponder.domain.clock import fixed_clock
from secresponder.domain.forms import Answer, Answers
from secresponder.forms.docx import fill_docx
from secresponder.forms.docx.writer import xml_safe
from tests.forms import builders as b
from tests.forms.docx.docx_compare import cells_text, document

CLOCK = fixed_clock(datetime(2023, 5, 2, 14, 30, tzinfo=UTC))


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return b.build_table_full(tmp_path_factory.mktemp("form") / "form.docx")


@settings(max_examples=40, deadline=None)
@given(response=st.text(max_size=40), rationale=st.text(max_size=200))
def test_any_answer_text_fills_a_question_table(form: Path, response: str, rationale: str) -> None:
    source = form
    answer = Answer(response=response, rationale=rationale)
    filled = fill_docx(source, Answers(answers={"2": answer}), clock=CLOCK)
    row = cells_text(document(filled))[8]
    assert row[:2] == ["2", b.QUESTIONS[1]]
    # Text that is nothing but control characters stores as nothing: the place stays as it was.
    expected_response = xml_safe(response.strip())
    paragraphs = [xml_safe(p) for p in answer.paragraphs() if xml_safe(p).strip()]
    assert row[2] == (expected_response if expected_response.strip() else "[Insert response]")
    assert row[3] == ("|".join(paragraphs) if paragraphs else "[Insert rationale]")


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    source = b.build_table_full(tmp_path / "form.docx")
    answer = Answer(response="Yes\x00", rationale="Line\x0b one\r\nline two")
    filled = fill_docx(source, Answers(answers={"1": answer}), clock=CLOCK)
    assert cells_text(document(filled))[7][2:] == ["Yes", "Line one\nline two"]
