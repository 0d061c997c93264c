"""Export checks every answer against the form's places: refused, or written and named."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from tests.exports.response_forms import MP231, add_consultations, set_profile
from tests.forms import builders as b
from tests.forms.docx.docx_compare import cells_text, document

from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.forms.api import UnplacedError
from secresponder.services import drafting
from secresponder.services.exporting import export_response, plan_export, unplaced_answers

CLOCK = fixed_clock(datetime(2023, 4, 3, 9, 0, tzinfo=LONDON))


@pytest.fixture
def ws(any_workspace, tmp_path, monkeypatch):
    """A folder or a team database with MP231 answered on an authority's Word form."""
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))  # local copies of files
    add_consultations(any_workspace, MP231)
    set_profile(any_workspace)
    form = b.build_table_full(tmp_path / "MP231 Consultation Response Form.docx")
    drafting.choose_form(any_workspace, "MP231", form, clock=CLOCK)
    for n in ("1", "2", "3"):
        drafting.set_answer(
            any_workspace, "MP231", n, response="Yes", rationale=f"Reason {n}.", clock=CLOCK
        )
    return any_workspace


def keep_orphan(ws, number: str) -> None:
    """An answer kept in the draft for a question the form does not have (as `draft
    --answers` keeps one, or as a change of form leaves one)."""
    draft = drafting.open_draft(ws, "MP231")
    drafting.save_draft(ws, draft.with_answer(number, "No", "Orphan."), clock=CLOCK)


def test_every_answer_placed_exports_without_warning_of_placement(ws, tmp_path):
    assert unplaced_answers(plan_export(ws, "MP231", clock=CLOCK)) == ()
    result = export_response(ws, "MP231", tmp_path / "out", clock=CLOCK)
    assert not [w for w in result.warnings if "Not placed" in w]


def test_answer_with_no_place_stops_the_export(ws, tmp_path):
    keep_orphan(ws, "7")
    assert [u for u in unplaced_answers(plan_export(ws, "MP231", clock=CLOCK))
            if u.startswith("answer 7")]
    out = tmp_path / "out"
    with pytest.raises(UnplacedError) as caught:
        export_response(ws, "MP231", out, clock=CLOCK)
    message = str(caught.value)
    assert message.startswith("MP231: not exported, because this answer has no place")
    assert "answer 7" in message
    assert message.endswith("; nothing was written (--allow-unplaced exports the rest).")
    assert not out.exists() or not any(out.iterdir())

    result = export_response(ws, "MP231", out, clock=CLOCK, allow_unplaced=True)
    assert [w for w in result.warnings if w.startswith("Not placed in the form: answer 7")]
    form = next(p for p in result.files if p.suffix == ".docx")
    rows = [" ".join(row) for row in cells_text(document(form.read_bytes()))]
    assert any("Reason 1." in row for row in rows)
    assert not any("Orphan." in row for row in rows)


def test_export_command_refuses_then_allows(tmp_path):
    root = tmp_path / "cli workspace"

    def run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--workspace", str(root), *args], clock=CLOCK, stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    form = b.build_table_full(tmp_path / "MP231 Consultation Response Form.docx")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {
        "1": {"response": "Yes", "rationale": "Reason 1."},
        "9": {"response": "No", "rationale": "Orphan."},
    }}), "utf-8")
    code, _, err = run("draft", "MP231", "--template", str(form), "--answers", str(answers))
    assert code == 0, err
    out_dir = tmp_path / "export"
    code, stdout, err = run("export", "MP231", "-o", str(out_dir))
    assert code == 1 and stdout == "", (stdout, err)
    assert len(err.strip().splitlines()) == 1 and "answer 9" in err
    assert not out_dir.exists() or not any(out_dir.iterdir())

    code, stdout, err = run("export", "MP231", "-o", str(out_dir), "--allow-unplaced", "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert [w for w in data["warnings"] if "answer 9" in w]
    assert len(data["files"]) == 3
    assert "answer 9" in err
