"""The shared vocabulary of respondent labels: whole labels only, for Word and Excel alike."""

from __future__ import annotations

import pytest

from secresponder.forms.respondent_labels import is_respondent_detail, respondent_key


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Name", "name"),
        ("Your Name", "name"),
        ("Respondent's name", "name"),
        ("Name of respondent:", "name"),
        ("Please state your name:", "name"),
        ("Name(s)", "name"),
        ("Contact person", "name"),
        ("Organisation", "organisation"),
        ("Organization name", "organisation"),
        ("Company", "organisation"),
        ("Organisation/Company Name", "organisation"),
        ("Organisation (optional)*", "organisation"),
        ("Responding on behalf of", "organisation"),
        ("E-mail address:", "email"),
        ("Email Address(es)", "email"),
        ("Contact email", "email"),
        ("Tel. No.", "phone"),
        ("Contact telephone number", "phone"),
        ("SEC Party Category", "party_category"),
        ("Party type", "party_category"),
        ("DCUSA Party Category", "party_category"),
        ("Party category (e.g. Supplier, DNO)", "party_category"),
        ("Representative:", "name"),
        ("What is your name?", "name"),
        ("Which organisation do you represent?", "organisation"),
        ("On behalf of which organisation are you responding?", "organisation"),
        ("What is your email address?", "email"),
        ("Which SEC Party Category are you?", "party_category"),
        ("Organisation (if responding on behalf of one)", "organisation"),
        ("Confidential?", "confidential"),
        ("Confidential (Y/N)", "confidential"),
        ("Is your response confidential?", "confidential"),
        ("Is this response confidential? Y/N", "confidential"),
        ("Do you wish your response to be treated as confidential?", "confidential"),
        ("Do you wish your response to be treated as confidential? Yes / No", "confidential"),
        ("Would you like your response to remain confidential", "confidential"),
        ("Does this response contain confidential information?", "confidential"),
    ],
)
def test_whole_labels_give_their_key(label: str, key: str) -> None:
    assert respondent_key(label) == key
    assert is_respondent_detail(label)


@pytest.mark.parametrize(
    "label",
    [
        "Role of Respondent",
        "No. of Parties Represented",
        "Job title",
        "Name and job title",
        "Respondent type",
        "Company registration number",
        "Contact address",
        "Date of Representation",
        "Can we publish your response?",
    ],
)
def test_details_that_are_not_a_known_key_stay_unknown(label: str) -> None:
    assert respondent_key(label) is None
    assert is_respondent_detail(label)


@pytest.mark.parametrize(
    "label",
    [
        "[Insert name]",
        "Do you agree with the name of the new Section?",
        "Do you agree that confidential information should be protected?",
        "Release",
        "Response",
        "Rationale",
        "",
    ],
)
def test_text_that_is_no_respondent_detail(label: str) -> None:
    assert respondent_key(label) is None
    assert not is_respondent_detail(label)
