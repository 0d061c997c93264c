"""Answers files are checked: text where text belongs, yes/no read as such, the place named."""

from __future__ import annotations

import pytest

from secresponder.domain.forms import Answers

RESPONDENT = {
    "name": "Priya Shah",
    "organisation": "Northern Lights Energy Ltd",
    "email": "regulation@northernlights.example",
    "phone": "0161 496 0000",
    "party_category": "Large Supplier",
}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (True, True),
        (False, False),
        ("false", False),
        ("False", False),
        (" NO ", False),
        ("yes", True),
        ("TRUE", True),
        (None, False),
    ],
)
def test_confidential_reads_booleans_and_yes_no_words(given, expected):
    parsed = Answers.from_json({"respondent": {**RESPONDENT, "confidential": given}})
    assert parsed.respondent.confidential is expected
    assert parsed.respondent.organisation == "Northern Lights Energy Ltd"


@pytest.mark.parametrize("given", ["maybe", "", "0", 1, 0, [], {"value": True}])
def test_confidential_anything_else_is_refused(given):
    with pytest.raises(ValueError) as caught:
        Answers.from_json({"respondent": {"confidential": given}})
    assert str(caught.value) == "respondent.confidential must be true or false"


def test_comment_confidential_follows_the_same_rule():
    parsed = Answers.from_json(
        {"comments": [{"comment": "Typo in H6.2.", "confidential": "Yes"},
                      {"comment": "Lead time.", "confidential": "no"}]}
    )
    assert [c.confidential for c in parsed.comments] == [True, False]
    with pytest.raises(ValueError, match=r"^comments\[2\]\.confidential must be true or false$"):
        Answers.from_json({"comments": [{"comment": "a"}, {"comment": "b", "confidential": "Y?"}]})


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"3": {"response": "Yes", "rationale": ["one", "two"]}},
         'answers."3".rationale must be text'),
        ({"3": {"response": 1, "rationale": "ok"}}, 'answers."3".response must be text'),
        ({"3": {"response": True}}, 'answers."3".response must be text'),
        ({"3": {"response": "Yes", "rationale": {"text": "x"}}},
         'answers."3".rationale must be text'),
        ({"Q2": 42}, 'answers."Q2" must be an object with a response and a rationale, or text'),
        ({"3": {"response": "Yes", "rational": "typo"}},
         'answers."3"."rational" is not a key the answers file knows '
         "(expected response, rationale)"),
        ({" ": "text"}, 'answers." " needs a question number as its key'),
    ],
)
def test_wrong_answer_values_name_their_place(answers, message):
    with pytest.raises(ValueError) as caught:
        Answers.from_json({"answers": answers})
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"respondent": {"name": ["Priya", "Shah"]}}, "respondent.name must be text"),
        ({"respondent": {"phone": 1614960000}}, "respondent.phone must be text"),
        ({"respondent": {"role": "Analyst"}},
         'respondent."role" is not a key the answers file knows (expected name, organisation, '
         "email, phone, party_category, confidential)"),
        ({"respondant": {}},
         '"respondant" is not a key the answers file knows (expected respondent, answers, '
         "comments)"),
        ({"respondent": "Priya"}, "respondent must be an object"),
        ({"answers": ["Yes"]}, "answers must be an object"),
        ({"comments": [{"comment": 3}]}, "comments[1].comment must be text"),
        ({"comments": ["a comment"]}, "comments[1] must be an object"),
        ({"comments": [{"page": 3}]},
         'comments[1]."page" is not a key the answers file knows (expected document, section, '
         "comment, proposal, confidential)"),
        ([1, 2], "the answers file must hold one JSON object"),
    ],
)
def test_wrong_shapes_name_their_place(data, message):
    with pytest.raises(ValueError) as caught:
        Answers.from_json(data)
    assert str(caught.value) == message


def test_a_good_file_reads_in_full_and_nulls_read_as_empty():
    parsed = Answers.from_json(
        {
            "respondent": {**RESPONDENT, "confidential": "no"},
            "answers": {
                "1": {"response": "Yes", "rationale": "We agree.\n\nFully."},
                "2": "Only a rationale.",
                "3": {"response": "No", "rationale": None},
                "4": None,
            },
            "comments": None,
        }
    )
    assert parsed.answers["1"].paragraphs() == ["We agree.", "Fully."]
    assert parsed.answers["2"].rationale == "Only a rationale."
    assert parsed.answers["3"].rationale == "" and parsed.answers["3"].response == "No"
    assert "4" not in parsed.answers
    assert parsed.respondent.phone == "0161 496 0000"
    assert parsed.to_json()["respondent"]["confidential"] is False
    assert Answers.from_json(parsed.to_json()) == parsed
