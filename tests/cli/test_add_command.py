"""`secresponder add`: a consultation not on the SEC page, by hand; kept listed by a refresh."""

from __future__ import annotations

import json

from tests.cli.test_catalogue_cli import MAY_1, run

from secresponder.services.bootstrap import open_seeded_workspace

ADD = ["add", "--reference", "DCC-2027-01", "--title", "Changes to the DCC User Interface "
       "Specification", "--closes", "2027-03-05", "--respond-to", "consultations@dcc.example",
       "--authority", "the DCC", "--subject", "DUIS consultation response",
       "--audience", "All DCC Users"]


def test_add_then_list_and_show(workspace_root):
    code, out, err = run(workspace_root, *ADD)
    assert code == 0, err
    assert out.strip() == (
        "Added DCC-2027-01 Changes to the DCC User Interface Specification (by hand), closing "
        "5pm, Friday 5 March 2027; responses to consultations@dcc.example.")
    code, out, _ = run(workspace_root, "show", "DCC-2027-01", "--json")
    data = json.loads(out)
    assert data["closes_at"] == "2027-03-05T17:00:00+00:00"
    assert data["respond_to"] == "consultations@dcc.example"
    assert data["subject"] == "DUIS consultation response"
    assert "Added by hand: a consultation by the DCC." in data["summary"]
    code, out, _ = run(workspace_root, "list", "--open")
    assert "DCC-2027-01" in out


def test_a_time_in_summer_is_uk_time(workspace_root):
    args = [a if a != "2027-03-05" else "2027-07-01 12:00" for a in ADD]
    code, out, err = run(workspace_root, *args, "--json")
    assert code == 0, err
    assert json.loads(out)["closes_at"] == "2027-07-01T12:00:00+01:00"


def test_bad_input_is_one_sentence_and_stores_nothing(workspace_root):
    for wrong, expected in (("--closes", "is not a date and time"),
                            ("--respond-to", "is not an email address")):
        args = list(ADD)
        args[args.index(wrong) + 1] = "next Friday"
        code, _, err = run(workspace_root, *args)
        assert code != 0 and expected in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    code, _, _ = run(workspace_root, "show", "DCC-2027-01")
    assert code != 0
    assert run(workspace_root, *ADD)[0] == 0
    code, _, err = run(workspace_root, *ADD)
    assert code != 0 and "already in the workspace" in err


def test_a_refresh_never_unlists_it(workspace_root, consultations_txt):
    assert run(workspace_root, *ADD)[0] == 0
    code, _, err = run(workspace_root, "import", str(consultations_txt), clock=MAY_1)
    assert code == 0, err
    with open_seeded_workspace(workspace_root, clock=MAY_1) as ws:
        listed = ws.connection.execute(
            "SELECT listed FROM consultations WHERE reference = 'DCC-2027-01'").fetchone()[0]
    assert listed == 1


def test_every_command_has_a_description():
    from secresponder.cli.main import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [name for name, sub in commands.choices.items() if not (sub.description or "")]
    assert missing == [], missing
