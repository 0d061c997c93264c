"""The commands through the real entry point with ``--workspace`` a team database's URL.

Each runs against the throwaway PostgreSQL server, in a database set up by
``workspace upgrade`` (the ``pg_workspace_url`` fixture), and reads back what an
earlier command wrote: nothing here touches a workspace folder.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from tests.conftest import SEEDS
from tests.exports.response_forms import questions_workbook

from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON

MAY_1 = fixed_clock(datetime(2023, 5, 1, 9, 0, tzinfo=LONDON))
SAM = "Sam Patel <sam@bright.example>"
# The seed pages shared with the other checks of this project, else the test suite's copy.
SHARED_SEEDS = Path("/work/shared/seeds")
SEED_PAGES = SHARED_SEEDS if (SHARED_SEEDS / "open-consultations.txt").is_file() else SEEDS


@pytest.fixture
def team(pg_workspace_url: str, workspace_root: Path, monkeypatch: pytest.MonkeyPatch):
    """Runs a command on the team database; $SECRESPONDER_HOME (the local folder's parent)
    is a temporary folder, and the default folder workspace must stay untouched."""
    monkeypatch.setenv("SECRESPONDER_USER", SAM)

    def run(*args: str, clock=MAY_1) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--workspace", pg_workspace_url, *args], clock=clock, stdout=out,
                     stderr=err)
        return code, out.getvalue(), err.getvalue()

    yield run
    assert not (workspace_root / "workspace.sqlite3").exists()


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def test_list_import_show_on_a_team_database(team):
    listed = json.loads(ok(team("list", "--json")))  # the first command seeds it
    assert any(item["reference"] == "MP231" for item in listed)
    out = ok(team("import", str(SEED_PAGES / "open-consultations.txt"),
                  str(SEED_PAGES / "sec-releases.txt")))
    assert out.strip()
    again = json.loads(ok(team("import", str(SEED_PAGES / "open-consultations.txt"), "--json")))
    assert again["added"] == 0 and again["changed"] == 0
    shown = json.loads(ok(team("show", "MP231", "--json")))
    assert shown["reference"] == "MP231"
    assert shown["title"] == "Firmware upgrade pathways"
    assert "MP231" in ok(team("list"))


def test_draft_history_notes_and_search_on_a_team_database(team, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"1": {
        "response": "Yes", "rationale": "Firmware order matters to our meters."}}}), "utf-8")
    assert ok(team("draft", "MP231", "--template", "builtin")).startswith(
        "MP231: draft saved as version 1")
    out = ok(team("draft", "MP231", "--answers", str(answers), "--status", "In review"))
    assert out.startswith("MP231: draft saved as version 2")
    shown = json.loads(ok(team("draft", "MP231", "--show", "--json")))
    assert shown["status"] == "In review"
    assert shown["questions"][0]["rationale"] == "Firmware order matters to our meters."
    history = json.loads(ok(team("draft", "MP231", "--history", "--json")))
    assert [h["number"] for h in history] == [1, 2]
    assert {key for h in history for key in h} >= {"number", "saved_at", "author", "summary"}
    assert history[0]["summary"] == "created"
    assert all(h["author"] == SAM for h in history)
    assert history[0]["saved_at"].startswith("2023-05-01")

    ok(team("note", "MP231", "Ask Metering about the upgrade order"))
    notes = ok(team("notes", "MP231"))
    assert "Ask Metering about the upgrade order" in notes
    hits = json.loads(ok(team("search", "upgrade order", "--json")))
    assert hits and any("MP231" in json.dumps(hit) for hit in hits)


def test_template_fill_and_export_with_a_team_database(team, tmp_path):
    form = questions_workbook(tmp_path / "MP231 template.xlsx")
    inspected = ok(team("template", "inspect", str(form)))
    assert "1" in inspected
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"respondent": {"name": "Sam Patel"}, "answers": {
        "1": {"response": "Yes", "rationale": "We agree."}}}), "utf-8")
    filled = tmp_path / "filled.xlsx"
    ok(team("fill", str(form), "--answers", str(answers), "-o", str(filled),
            "--allow-unplaced"))
    assert filled.is_file()

    ok(team("profile", "--organisation", "Bright Energy Ltd", "--name", "Sam Patel",
            "--email", "sam@bright.example", "--party-category", "Large Supplier"))
    ok(team("draft", "MP231", "--template", str(form), "--answers", str(answers)))
    out_dir = tmp_path / "out"
    code, _out, err = team("export", "MP231", "-o", str(out_dir))
    assert code == 0, err
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".eml", ".ics", ".xlsx"]


def test_workspace_check_on_a_team_database(team, pg_workspace_url, tmp_path):
    form = questions_workbook(tmp_path / "MP231 template.xlsx")
    ok(team("draft", "MP231", "--template", str(form)))
    code, out, err = team("workspace", "check")
    assert (code, err) == (0, "")
    assert out.startswith(f"{pg_workspace_url}: 1 stored files, each as stored;")
    checked = json.loads(ok(team("workspace", "check", "--json")))
    assert checked == {"sound": True, "problems": []}


def test_add_attach_documents_releases_and_pack_on_a_team_database(team, tmp_path):
    from tests.documents.document_builders import pdf_bytes

    ok(team("add", "--reference", "DCC101", "--title", "Subsidiary document update",
            "--closes", "2023-06-30", "--respond-to", "consultations@dcc.example"))
    assert json.loads(ok(team("show", "DCC101", "--json")))["title"] == (
        "Subsidiary document update")
    paper = tmp_path / "MP231 consultation.pdf"
    paper.write_bytes(pdf_bytes([["Firmware sequencing for prepayment meters"]] * 2))
    ok(team("attach", "MP231", str(paper)))
    listed = ok(team("documents", "MP231"))
    assert "MP231 consultation.pdf" in listed
    assert json.loads(ok(team("releases", "--json")))
    ok(team("draft", "MP231", "--template", "builtin"))
    target = tmp_path / "pack.zip"
    packed = json.loads(ok(team("pack", "MP231", "-o", str(target), "--json")))
    assert packed["entries"][-1] == "tracker.xlsx" and target.is_file()
