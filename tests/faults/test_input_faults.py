"""Bad input a user types: invisible characters that would reach file names, an email
address that is not one."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secresponder.domain.email_address import email_address_problem
from secresponder.exports.naming import response_file_name, safe_name
from tests.faults.conftest import one_sentence, stored


def test_a_bidi_override_in_the_organisation_never_reaches_the_exported_names(
    drafted, cli, tmp_path
):
    # U+202E shows what follows backwards: "Ltd" + U+202E + "xcod.exe" reads "Ltdexe.docx".
    code, _, err = cli(drafted, "profile", "--organisation", "Evil\u200b Ltd\u202excod.exe\u2066")
    assert code == 0, err
    target = tmp_path / "out"
    code, _, err = cli(drafted, "export", "MP231", "-o", str(target))
    assert code == 0, err
    names = sorted(p.name for p in target.iterdir())
    assert names == [
        "MP231 Evil Ltdxcod.exe response deadline.ics",
        "MP231 Evil Ltdxcod.exe response.docx",
        "MP231 Evil Ltdxcod.exe response.eml",
    ]


@given(st.text(max_size=200))
def test_no_control_or_format_character_survives_in_a_name(text):
    name = safe_name(text)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in name)


@pytest.mark.parametrize("character", ["\u202e", "\u202d", "\u2066", "\u200b", "\u200d",
                                       "\u00ad", "\ufeff", "\u061c", "\U000e0041"])
def test_each_kind_of_format_character_is_removed(character):
    assert response_file_name("MP231", f"North{character}ern", "t", ".docx") == (
        "MP231 Northern response.docx")


@pytest.mark.parametrize(("given", "why"), [
    ("asha", "it has no @ with a name before it"),
    ("asha@", "it has no domain after the @"),
    ("asha@np", "the domain after the @ is not a valid domain name"),
    ("asha patel@np.example", "it contains spaces or control characters"),
    ("asha..patel@np.example", "the part before the @ is not a valid mailbox name"),
    ("asha@np.123", "the domain after the @ does not end in a top-level domain such as .com "
                    "or .uk"),
])
def test_an_invalid_profile_email_is_refused_and_nothing_changes(drafted, cli, given, why):
    before = stored(drafted)
    code, out, err = cli(drafted, "profile", "--email", given, "--name", "Someone Else")
    assert code == 1 and out == ""
    assert one_sentence(err) == (
        f"‘{given}’ is not an email address ({why}); give one such as "
        "regulation@example.co.uk."
    )
    assert stored(drafted) == before


@pytest.mark.parametrize("address", ["asha@np.example", "Asha.Patel+sec@north-power.co.uk",
                                     "o'neil@example.com", "asha@bücher.de"])
def test_real_addresses_are_accepted(drafted, cli, address):
    assert email_address_problem(address) is None
    code, out, err = cli(drafted, "profile", "--email", f"  {address} ", "--json")
    assert code == 0, err
    assert json.loads(out)["email"] == address


def test_a_blank_email_clears_it(drafted, cli):
    code, out, err = cli(drafted, "profile", "--email", "", "--json")
    assert code == 0, err
    assert json.loads(out)["email"] == ""


def test_the_profile_service_the_window_can_use_refuses_alike(drafted):
    from secresponder.errors import InputError
    from secresponder.services.profile import load_profile, update_profile
    from secresponder.store.workspace import Workspace

    with Workspace.open(drafted) as ws:
        before = load_profile(ws)
        with pytest.raises(InputError) as refused:
            update_profile(ws, email="asha@np", organisation="Changed Ltd")
        assert str(refused.value).startswith("‘asha@np’ is not an email address")
        assert load_profile(ws) == before
        saved = update_profile(ws, email=" asha@north-power.example ")
        assert saved.email == "asha@north-power.example" == load_profile(ws).email
