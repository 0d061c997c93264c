"""``draft --json``'s shape, built by the service: stored fields, respondent and what is missing."""

from __future__ import annotations

from datetime import datetime

from tests.exports.response_forms import (
    MP231,
    PROFILE,
    QUESTIONS,
    add_consultations,
    questions_workbook,
    set_profile,
)

from secresponder.domain.deadline import LONDON
from secresponder.services import drafting
from secresponder.services.draft_summary import draft_json
from secresponder.services.lookup import find_consultation

BEFORE = datetime(2023, 5, 2, 10, 0, tzinfo=LONDON)
AFTER = datetime(2023, 5, 20, 10, 0, tzinfo=LONDON)


def test_an_answered_question_the_profile_and_the_gaps(any_workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))  # local copies of files
    form = questions_workbook(tmp_path / "MP231 Response Template.xlsx")
    ws = any_workspace
    add_consultations(ws, MP231)
    set_profile(ws)
    drafting.choose_form(ws, "MP231", form)
    drafting.set_answer(ws, "MP231", "1", response="Yes", rationale="It is safer.")
    stored = find_consultation(ws, "MP231")
    draft = drafting.open_draft(ws, "MP231")
    before = draft_json(ws, stored, draft, BEFORE)
    after = draft_json(ws, stored, draft, AFTER)
    assert before["key"] == stored.key and before["reference"] == "MP231"
    assert before["title"] == "Firmware upgrade pathways"
    assert before["version"] == draft.version == 2
    assert before["respondent"]["name"] == PROFILE.name
    assert before["respondent"]["email"] == PROFILE.email
    assert "format" not in before
    assert [q["text"] for q in before["questions"]] == list(QUESTIONS)
    assert before["questions"][0] == {"number": "1", "text": QUESTIONS[0], "response": "Yes",
                                      "rationale": "It is safer."}
    assert before["questions"][1]["response"] == before["questions"][1]["rationale"] == ""
    assert before["missing"][0] == "Questions 2, 3 not answered."
    assert len(after["missing"]) == len(before["missing"]) + 1
