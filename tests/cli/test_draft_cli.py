"""The draft, export and pack commands on the seeded workspace, through main()."""

from __future__ import annotations

import email
import io
import json
import zipfile
from datetime import datetime
from email import policy

import openpyxl
from tests.exports.response_forms import comments_log_workbook, questions_workbook

from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON

MAY_1 = fixed_clock(datetime(2023, 5, 1, 9, 0, tzinfo=LONDON))
NOV_1_2022 = fixed_clock(datetime(2022, 11, 1, 9, 0, tzinfo=LONDON))
MAY_13 = fixed_clock(datetime(2023, 5, 13, 9, 0, tzinfo=LONDON))
NO_REF_KEY = "smets2-interoperability-suppliers-firmware-consultation"


def run(root, *args, clock=MAY_1) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--workspace", str(root), *args], clock=clock, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def run_json(root, *args, clock=MAY_1):
    code, out, err = run(root, *args, "--json", clock=clock)
    assert code == 0, err
    return json.loads(out)


def answers_file(tmp_path, answers, **respondent):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"respondent": respondent, "answers": answers}), "utf-8")
    return path


def set_profile(root):
    code, _, err = run(root, "profile", "--organisation", "Northern Power Ltd", "--name",
                       "Asha Patel", "--email", "asha@np.example", "--phone", "0161 496 0000",
                       "--party-category", "Large Supplier")
    assert code == 0, err


def test_draft_create_update_show_history_restore(workspace_root, tmp_path):
    form = questions_workbook(tmp_path / "MP231 template.xlsx")
    code, out, err = run(workspace_root, "draft", "mp231", "--template", str(form),
                         "--owner", "Asha")
    assert code == 0, err
    assert out.strip() == "MP231: draft saved as version 1 (created)."
    path = answers_file(tmp_path, {"1": {"response": "Yes", "rationale": "We agree.\n\nFully."}})
    code, out, _ = run(workspace_root, "draft", "MP231", "--answers", str(path),
                       "--status", "In review", "--reviewer", "Ben")
    assert out.strip() == (
        "MP231: draft saved as version 2 "
        "(answer 1 position and rationale; status Drafting -> In review; reviewer Ben)."
    )
    code, out, _ = run(workspace_root, "draft", "MP231", "--answers", str(path))
    assert out.strip() == "MP231: nothing changed; the draft stays at version 2."

    shown = run_json(workspace_root, "draft", "MP231", "--show")
    assert shown["version"] == 2 and shown["status"] == "In review"
    assert shown["owner"] == "Asha" and shown["reviewer"] == "Ben"
    assert shown["form"]["original_name"] == "MP231 template.xlsx"
    assert shown["questions"][0]["response"] == "Yes"
    assert shown["missing"][0] == "Questions 2, 3 not answered."

    code, text, _ = run(workspace_root, "draft", "MP231", "--show")
    assert "Draft: In review (version 2)" in text and "   We agree." in text

    history = run_json(workspace_root, "draft", "MP231", "--history")
    assert [h["number"] for h in history] == [1, 2]
    assert history[0]["summary"] == "created"
    code, out, _ = run(workspace_root, "draft", "MP231", "--restore", "1")
    assert out.strip() == "MP231: version 1 restored as version 3."
    assert run_json(workspace_root, "draft", "MP231", "--show")["status"] == "Drafting"


def test_bad_status_moves_and_dates_are_one_sentence(workspace_root):
    code, _, err = run(workspace_root, "draft", "MP231", "--status", "Submitted",
                       "--sent-on", "2023-05-10")
    assert code == 1
    assert err.strip().startswith("secresponder: A draft cannot go from Drafting to Submitted")
    assert err.count("\n") == 1
    code, _, err = run(workspace_root, "draft", "MP231", "--sent-on", "10/05/2023")
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = run(workspace_root, "draft", "MP231", "--status", "finished")
    assert code == 1 and "is not a draft status" in err
    code, _, err = run(workspace_root, "draft", "MP231", "--owner", "x", "--show")
    assert code == 1 and "cannot be combined" in err
    assert run_json(workspace_root, "draft", "MP231", "--history") == []


def test_submitted_with_sent_on_date(workspace_root):
    for status in ("In review", "Approved"):
        assert run(workspace_root, "draft", "MP231", "--status", status)[0] == 0
    code, out, err = run(workspace_root, "draft", "MP231", "--sent-on", "2023-05-11")
    assert code == 0, err
    assert "status Approved -> Submitted; sent on 2023-05-11" in out
    assert run_json(workspace_root, "draft", "MP231", "--show")["sent_on"] == "2023-05-11"


def test_consultation_without_reference_by_key(workspace_root):
    code, out, err = run(workspace_root, "draft", NO_REF_KEY, "--note", "ask Ops")
    assert code == 0, err
    assert out.startswith(f"{NO_REF_KEY}: draft saved as version 1")
    assert run_json(workspace_root, "draft", NO_REF_KEY, "--show")["notes"] == "ask Ops"


def test_export_warns_on_stderr_and_still_writes(workspace_root, tmp_path):
    set_profile(workspace_root)
    run(workspace_root, "draft", "MP231", "--template", "builtin")
    out_dir = tmp_path / "out"
    code, _, err = run(workspace_root, "export", "MP231", "-o", str(out_dir), clock=MAY_13)
    assert code == 0
    assert "secresponder: warning: MP231: Questions 1, 2, 3, 4, 5, 6, 7 not answered." in err
    assert "The deadline has passed" in err
    assert "exported anyway" in err
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "MP231 Northern Power Ltd response deadline.ics",
        "MP231 Northern Power Ltd response.docx",
        "MP231 Northern Power Ltd response.eml",
    ]
    msg = email.message_from_bytes(
        (out_dir / "MP231 Northern Power Ltd response.eml").read_bytes(), policy=policy.default
    )
    assert msg["To"] == "sec.change@gemserv.com"
    assert msg["Subject"] == "MP231 Firmware upgrade pathways consultation response"
    # Again without --force: refused, one sentence, nothing changed.
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    code, _, err = run(workspace_root, "export", "MP231", "-o", str(out_dir))
    assert code == 1 and "already exists; use --force" in err
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before
    code, _, err = run(workspace_root, "export", "MP231", "-o", str(out_dir), "--force")
    assert code == 0


def test_export_strict_refuses(workspace_root, tmp_path):
    code, _, err = run(workspace_root, "export", "MP231", "-o", str(tmp_path / "x"), "--strict")
    assert code == 1
    assert err.startswith("secresponder: MP231: not exported because --strict was given")
    assert not (tmp_path / "x").exists()


def test_pack_json(workspace_root, tmp_path):
    set_profile(workspace_root)
    path = answers_file(tmp_path, {"1": {"response": "Yes", "rationale": "ok"}})
    run(workspace_root, "draft", "MP231", "--template", "builtin", "--answers", str(path))
    target = tmp_path / "pack.zip"
    data = run_json(workspace_root, "pack", "MP231", "MP216", NO_REF_KEY, "-o", str(target))
    assert data["file"] == str(target)
    assert data["entries"][-1] == "tracker.xlsx"
    assert len(data["warnings"]) == 3  # every response still has something missing
    assert data["warnings"]["MP231"][0].startswith("Questions 2, 3")
    with zipfile.ZipFile(target) as zf:
        folders = sorted({n.split("/")[0] for n in zf.namelist() if "/" in n})
        assert len(folders) == 3
        sheet = openpyxl.load_workbook(io.BytesIO(zf.read("tracker.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["MP231", "MP216", None]
    assert rows[1][8] == "Yes"  # Q1 position
    code, _, err = run(workspace_root, "pack", "MP231", "-o", str(target))
    assert code == 1 and "already exists" in err


def test_answers_file_respondent_details_become_overrides(workspace_root, tmp_path):
    set_profile(workspace_root)
    path = answers_file(tmp_path, {}, email="regulation@np.example",
                        organisation="Northern Power Ltd", confidential=True)
    code, _, err = run(workspace_root, "draft", "MP231", "--answers", str(path))
    assert code == 0, err
    shown = run_json(workspace_root, "draft", "MP231", "--show")
    assert shown["respondent_overrides"] == {"confidential": True,
                                             "email": "regulation@np.example"}
    assert shown["respondent"]["email"] == "regulation@np.example"
    assert shown["respondent"]["name"] == "Asha Patel"


def test_comments_log_draft_exports_its_comments(workspace_root, tmp_path):
    set_profile(workspace_root)
    log = comments_log_workbook(tmp_path / "MP216 comments log.xlsx")
    path = tmp_path / "comments.json"
    path.write_text(json.dumps({"comments": [
        {"document": "Section H", "section": "H14.3", "comment": "Unclear wording",
         "proposal": "Say 'shall'", "confidential": False},
    ]}), "utf-8")
    assert run(workspace_root, "draft", "MP216", "--template", str(log))[0] == 0
    code, _, err = run(workspace_root, "export", "MP216", "-o", str(tmp_path / "a"),
                       "--strict", clock=NOV_1_2022)
    assert code == 1 and err.strip().endswith("given and the comments log has no comments.")
    assert run(workspace_root, "draft", "MP216", "--answers", str(path))[0] == 0
    code, _, err = run(workspace_root, "export", "MP216", "-o", str(tmp_path / "b"),
                       "--strict", clock=NOV_1_2022)
    assert code == 0, err
    book = openpyxl.load_workbook(tmp_path / "b" / "MP216 Northern Power Ltd response.xlsx")
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Unclear wording" in values and "H14.3" in values


def test_export_refuses_bad_reminder_days_and_a_file_as_folder(workspace_root, tmp_path):
    code, _, err = run(workspace_root, "export", "MP231", "-o", str(tmp_path / "o"),
                       "--reminder-days", "-1")
    assert code == 1 and "zero or more working days" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(workspace_root, "export", "MP231", "-o", str(blocker))
    assert code == 1 and "is a file, not a folder" in err


def test_review_rules_from_the_command_line(workspace_root, tmp_path):
    sam = ["--user", "Sam Patel <sam@bright.example>"]
    path = answers_file(tmp_path, {"1": {"response": "Yes", "rationale": "ok"}})
    assert run(workspace_root, "draft", "MP231", "--template", "builtin", "--answers",
               str(path), "--status", "In review", *sam)[0] == 0
    code, _, err = run(workspace_root, "draft", "MP231", "--status", "Approved")
    assert code == 1
    assert err == ("secresponder: The draft cannot be approved: questions 2, 3, 4, 5, 6, 7 are "
                   "not answered; use --with-gaps to approve it anyway.\n")
    code, _, err = run(workspace_root, "draft", "MP231", "--with-gaps")
    assert code == 1 and "--with-gaps goes only with --status Approved" in err
    code, out, err = run(workspace_root, "draft", "MP231", "--status", "Approved",
                         "--with-gaps", *sam)
    assert code == 0, err
    assert "approved with gaps (questions 2, 3, 4, 5, 6, 7)" in out
    shown = run_json(workspace_root, "draft", "MP231", "--show")
    assert shown["approved_by"] == "Sam Patel <sam@bright.example>"
    assert shown["approved_at"] == "2023-05-01T09:00:00+01:00"
    before = run_json(workspace_root, "draft", "MP231", "--history")
    code, _, err = run(workspace_root, "draft", "MP231", "--answers", str(
        answers_file(tmp_path, {"2": {"rationale": "late"}})))
    assert code == 1
    assert err == ("secresponder: The draft is Approved by Sam Patel <sam@bright.example>, so "
                   "its response cannot be changed; reopen it first.\n")
    assert run_json(workspace_root, "draft", "MP231", "--history") == before
    code, out, err = run(workspace_root, "draft", "MP231", "--reopen", "--user", "Asha")
    assert code == 0 and out == "MP231: draft reopened as version 3.\n", err
    history = run_json(workspace_root, "draft", "MP231", "--history")
    assert [(h["author"], h["summary"], h["conflict"]) for h in history[-1:]] == [
        ("Asha", "reopened (Approved -> Drafting)", False)]
    assert set(history[0]) >= {"number", "saved_at", "author", "summary", "conflict"}


def test_author_comes_from_user_then_environment_then_own_settings(
        workspace_root, tmp_path, monkeypatch):
    from secresponder.services.identity import Person, save_user

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SECRESPONDER_USER", raising=False)
    save_user(Person("Own Settings", "own@bright.example"))
    run(workspace_root, "draft", "MP231", "--note", "one")
    monkeypatch.setenv("SECRESPONDER_USER", "From Env <env@bright.example>")
    run(workspace_root, "draft", "MP231", "--note", "two")
    run(workspace_root, "draft", "MP231", "--note", "three", "--user", "Given")
    code, _, err = run(workspace_root, "draft", "MP231", "--note", "four", "--user", "A <b")
    assert code == 1 and "is not a name with an email" in err
    history = run_json(workspace_root, "draft", "MP231", "--history")
    assert [h["author"] for h in history] == [
        "Own Settings <own@bright.example>", "From Env <env@bright.example>", "Given"]
    code, out, _ = run(workspace_root, "draft", "MP231", "--history")
    assert "  Given  notes" in out


def test_notes_record_their_author(workspace_root):
    code, _, err = run(workspace_root, "note", "MP231", "Ask", "Ops", "--user",
                       "Sam Patel <sam@bright.example>")
    assert code == 0, err
    [note] = run_json(workspace_root, "notes", "MP231")
    assert note["author"] == "Sam Patel <sam@bright.example>" and note["text"] == "Ask Ops"
