import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest

from secresponder import __version__
from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.store.workspace import schema_version

MAY_1 = fixed_clock(datetime(2023, 5, 1, 9, 0, tzinfo=LONDON))
MAY_12_EVENING = fixed_clock(datetime(2023, 5, 12, 18, 0, tzinfo=LONDON))

CONSULTATION_KEYS = {
    "key", "reference", "title", "kind", "closes_at", "status", "audience", "party_categories",
    "respond_to", "subject", "documents", "summary", "release", "listed", "time_left",
    "deadline_changes", "respond_to_assumed", "questions_contact",
}


def run(workspace_root, *args, clock=MAY_1) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--workspace", str(workspace_root), *args], clock=clock, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def run_json(workspace_root, *args, clock=MAY_1):
    code, out, err = run(workspace_root, *args, "--json", clock=clock)
    assert code == 0, err
    return json.loads(out)


def dump(workspace_root) -> str:
    """What the workspace stores, less the upkeep bookkeeping (when it last backed up)."""
    conn = sqlite3.connect(workspace_root / "workspace.sqlite3")
    try:
        return "\n".join(line for line in conn.iterdump() if not _is_upkeep(line))
    finally:
        conn.close()


def _is_upkeep(line: str) -> bool:
    return line.startswith("INSERT INTO \"settings\" VALUES('upkeep.")


def test_first_command_seeds_and_importing_seeds_again_changes_nothing(
    workspace_root, consultations_txt, releases_txt
):
    report = run_json(workspace_root, "import", str(consultations_txt), str(releases_txt))
    assert report["ok"] is True
    assert (report["added"], report["changed"]) == (0, 0)
    assert [s["found"] for s in report["sources"]] == [
        {"consultations": 10, "releases": 0},
        {"consultations": 0, "releases": 10},
    ]
    assert len(run_json(workspace_root, "list")) == 10
    assert len(run_json(workspace_root, "releases")) == 10


def test_import_prints_one_line_per_change(workspace_root, consultations_txt, tmp_path):
    run(workspace_root, "list")
    extended = tmp_path / "extended.txt"
    extended.write_text(
        consultations_txt.read_text("utf-8").replace("12 May 2023", "26 May 2023"), "utf-8"
    )
    code, out, err = run(workspace_root, "import", str(extended))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"{extended}: consultations page (text), 10 consultations found; 0 added, 1 changed.",
        "  MP231: deadline extended from 5pm 12 May 2023 to 5pm 26 May 2023",
    ]
    shown = run_json(workspace_root, "show", "MP231")
    assert shown["closes_at"] == "2023-05-26T17:00:00+01:00"
    assert shown["deadline_changes"] == [
        {
            "old": "2023-05-12T17:00:00+01:00",
            "new": "2023-05-26T17:00:00+01:00",
            "seen_at": "2023-05-01T09:00:00+01:00",
        }
    ]


def test_list_open_depends_on_the_injected_clock(workspace_root):
    open_now = run_json(workspace_root, "list", "--open", clock=MAY_1)
    assert [c["reference"] for c in open_now] == ["MP231"]
    assert open_now[0]["status"] == "open"
    assert open_now[0]["time_left"] == "11 days 8 hours left"
    code, out, _ = run(workspace_root, "list", "--open", clock=MAY_12_EVENING)
    assert code == 0 and "from the bundled copy of May 2023 is still open" in out
    assert run_json(workspace_root, "list", "--open", clock=MAY_12_EVENING) == []


def test_list_text_is_aligned_open_first_then_most_recently_closed(workspace_root):
    code, out, _ = run(workspace_root, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Reference", "Kind", "Closes", "Time", "left", "Title"]
    refs = [line.split()[0] for line in lines[1:]]
    assert refs == ["MP231", "MP216", "MP210", "MP116", "MP104", "-", "MP133", "MP131",
                    "MP092", "SECMP0067"]
    title_column = lines[0].index("Title")
    assert lines[1][title_column:] == "Firmware upgrade pathways"
    assert lines[-1][title_column:] == "Service Request Traffic Management"
    assert "5pm 12 May 2023" in lines[1] and "11 days 8 hours left" in lines[1]


def test_relevant_needs_a_party_category(workspace_root):
    code, out, err = run(workspace_root, "list", "--relevant")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("secresponder: The Party profile has no")


def test_relevant_filters_by_the_profile_category(workspace_root):
    profile = run_json(workspace_root, "profile", "--organisation", "Cadent Gas",
                       "--party-category", "gas networks")
    assert profile == {
        "organisation": "Cadent Gas", "name": "", "email": "", "phone": "",
        "party_category": "Gas Network Party",
    }
    relevant = run_json(workspace_root, "list", "--relevant")
    refs = [c["reference"] for c in relevant]
    # Network Parties (MP116), All DCC Users (MP104) and everyone-phrases qualify.
    assert refs == ["MP116", "MP104", "MP133", "MP092", "SECMP0067"]
    assert all("Gas Network Party" in c["party_categories"] for c in relevant)
    assert run_json(workspace_root, "list", "--relevant", "--open") == []


def test_profile_rejects_an_unknown_category_in_one_sentence(workspace_root):
    code, out, err = run(workspace_root, "profile", "--party-category", "Meter Reader")
    assert code == 1 and out == ""
    assert err.startswith("secresponder: 'Meter Reader' is not a SEC Party Category")
    assert err.count("\n") == 1
    assert run_json(workspace_root, "profile")["party_category"] is None


def test_profile_text_shows_what_is_set(workspace_root):
    run(workspace_root, "profile", "--name", "Asha Patel", "--email", "asha@example.co.uk")
    code, out, _ = run(workspace_root, "profile")
    assert code == 0
    assert "Name:            Asha Patel" in out.splitlines()
    assert "Party Category:  (not set)" in out.splitlines()


def test_show_json_shape_and_history(workspace_root):
    shown = run_json(workspace_root, "show", "mp116")
    assert CONSULTATION_KEYS | {"history"} <= set(shown)
    assert shown["key"] == "mp116-consultation"
    assert shown["closes_at"] == "2022-01-07T17:00:00+00:00"
    assert shown["status"] == "closed"
    assert shown["release"] == {"version": "v57.0", "effective": "2022-02-24"}
    assert shown["documents"] == [
        {"label": "consultation document", "url": None, "login_required": False}
    ]
    assert shown["respond_to"].lower() == "sec.change@gemserv.com"
    assert shown["listed"] is True
    assert shown["history"]["releases"][0]["version"] == "v57.0"
    mp104 = run_json(workspace_root, "show", "MP104")
    assert mp104["release"] == {"version": "v61.0", "effective": "2022-06-30"}
    assert mp104["subject"] == "MP104 Modification consultation response"
    assert mp104["documents"][0]["login_required"] is True
    assert run_json(workspace_root, "show", "MP092")["release"]["version"] == "v34.0"
    assert run_json(workspace_root, "show", "MP231")["release"] is None


def test_show_by_key_and_text_mode(workspace_root):
    keys = [c["key"] for c in run_json(workspace_root, "list")]
    smets = next(k for k in keys if k.startswith("smets2"))
    shown = run_json(workspace_root, "show", smets)
    assert shown["reference"] is None
    assert shown["respond_to"] == "SECAS@gemserv.com"
    code, out, _ = run(workspace_root, "show", "MP116")
    assert code == 0
    assert out.splitlines()[0] == "MP116 Service Request Forecasting"
    assert "  Implemented in SEC v57.0 on 24 February 2022." in out.splitlines()
    assert "Closes: 5pm, Friday 7 January 2022 (closed 478 days ago)" in out.splitlines()


def test_show_unknown_reference(workspace_root):
    code, out, err = run(workspace_root, "show", "MP999")
    assert (code, out) == (1, "")
    assert err == (
        "secresponder: No consultation MP999 in the workspace; `secresponder list` shows them.\n"
    )


def test_releases_json_shape(workspace_root):
    releases = run_json(workspace_root, "releases")
    assert [r["version"] for r in releases][:2] == ["v62.0", "v61.0"]
    v62 = releases[0]
    assert {"version", "effective", "title", "modifications", "affected"} <= set(v62)
    assert v62["effective"] == "2022-07-18"
    assert v62["modifications"][0]["reference"] == "MP200"
    assert v62["affected"][0] == {"document": "Section A",
                                  "name": "Definitions and Interpretation"}


BAD_FILES = {
    "empty.txt": b"",
    "binary.bin": bytes(range(256)) * 40,
    "truncated.html": b"<html><head><title>Open Industry Consultations</title></head><body><h4>MP2",
    "unrelated.html": b"<html><body><h1>Lunch menu</h1><p>Soup of the day.</p></body></html>",
    "notes.txt": b"Meeting notes\n\nWe discussed the budget for 2023.\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_one_sentence_and_change_nothing(workspace_root, tmp_path, name):
    run(workspace_root, "list")
    before = dump(workspace_root)
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    code, out, err = run(workspace_root, "import", str(bad))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"secresponder: {bad}:")
    assert err.rstrip().endswith(".")
    assert dump(workspace_root) == before


def test_oversize_and_missing_files(workspace_root, tmp_path):
    run(workspace_root, "list")
    before = dump(workspace_root)
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    code, _, err = run(workspace_root, "import", str(big))
    assert code == 1 and err.startswith(f"secresponder: {big}:") and "20 MB" in err
    missing = tmp_path / "nowhere.html"
    code, _, err = run(workspace_root, "import", str(missing))
    assert code == 1 and err == f"secresponder: {missing}: no such page.\n"
    assert dump(workspace_root) == before


def test_one_bad_source_fails_the_command_but_good_ones_import(
    workspace_root, tmp_path, consultations_txt
):
    run(workspace_root, "list")
    shorter = tmp_path / "shorter.txt"
    text = consultations_txt.read_text("utf-8")
    start = text.index("MP231 ‘Firmware upgrade pathways’ (Closing")
    shorter.write_text(text[:start] + text[text.index("MP216 ‘Incorporation"):], "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(workspace_root, "import", str(shorter), str(empty))
    assert code == 1
    assert "  MP231: no longer listed" in out.splitlines()
    assert err.startswith(f"secresponder: {empty}:") and err.count("\n") == 1
    listed = {c["reference"]: c["listed"] for c in run_json(workspace_root, "list")}
    assert listed["MP231"] is False and listed["MP216"] is True
    code, out, _ = run(workspace_root, "list")
    assert "Firmware upgrade pathways (no longer listed)" in out


def test_newer_workspace_is_refused_by_the_cli(workspace_root):
    workspace_root.mkdir(parents=True)
    db = workspace_root / "workspace.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    code, out, err = run(workspace_root, "list")
    assert code == 1 and out == ""
    assert err.startswith(f"secresponder: {db}: was written by a newer version")
    assert db.read_bytes() == before


def _subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env.pop("SECRESPONDER_NOW", None)
    env.update(extra)
    return env


def test_module_entry_point_version():
    done = subprocess.run(
        [sys.executable, "-m", "secresponder", "--version"],
        capture_output=True, text=True, env=_subprocess_env(), timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"secresponder {__version__}"


def test_list_json_in_a_subprocess_uses_secresponder_now(workspace_root):
    done = subprocess.run(
        [sys.executable, "-m", "secresponder", "--workspace", str(workspace_root),
         "list", "--open", "--json"],
        capture_output=True, text=True, timeout=60,
        env=_subprocess_env(SECRESPONDER_NOW="2023-05-01T09:00:00+01:00"),
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(c["reference"], c["status"], c["time_left"]) for c in data] == [
        ("MP231", "open", "11 days 8 hours left")
    ]


def test_workspace_option_before_the_command_wins_over_the_environment(
    workspace_root, tmp_path, monkeypatch
):
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("SECRESPONDER_HOME", str(elsewhere))
    run_json(workspace_root, "profile", "--organisation", "Northern Power")
    code, out, _ = run(workspace_root, "profile", "--json")
    assert code == 0 and json.loads(out)["organisation"] == "Northern Power"
    assert (workspace_root / "workspace.sqlite3").exists()
    assert not elsewhere.exists()
    # After the command the option works too, and the environment is the fallback.
    out_io = io.StringIO()
    assert main(["profile", "--workspace", str(workspace_root), "--json"], clock=MAY_1,
                stdout=out_io, stderr=io.StringIO()) == 0
    assert json.loads(out_io.getvalue())["organisation"] == "Northern Power"
    out_io = io.StringIO()
    assert main(["profile", "--json"], clock=MAY_1, stdout=out_io, stderr=io.StringIO()) == 0
    assert json.loads(out_io.getvalue())["organisation"] == ""
    assert (elsewhere / "workspace.sqlite3").exists()
