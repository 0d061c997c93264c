"""Export service: filled form + .eml + .ics, warnings, --strict, no overwrite, packs."""

from __future__ import annotations

import email
import io
import zipfile
from dataclasses import replace
from datetime import datetime
from email import policy

import icalendar
import openpyxl
import pytest
from tests.exports.response_forms import (
    MP231,
    RFI,
    add_consultations,
    questions_workbook,
    set_profile,
)

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import DraftStatus
from secresponder.domain.parties import PartyProfile
from secresponder.errors import NotFoundError, OutputExistsError
from secresponder.services import drafting
from secresponder.services.exporting import (
    ExportCancelled,
    NotReadyError,
    export_pack,
    export_response,
    plan_export,
)
from secresponder.services.lookup import find_consultation

NOW = datetime(2023, 4, 3, 9, 0, tzinfo=LONDON)
CLOCK = fixed_clock(NOW)


@pytest.fixture
def ws(any_workspace, tmp_path, monkeypatch):
    """A folder or a team database with MP231 (its Excel form chosen) and an RFI."""
    monkeypatch.setenv("SECRESPONDER_HOME", str(tmp_path / "home"))  # local copies of files
    add_consultations(any_workspace, MP231, RFI)
    set_profile(any_workspace)
    form = questions_workbook(tmp_path / "MP231 response template.xlsx")
    drafting.choose_form(any_workspace, "MP231", form, clock=CLOCK)
    return any_workspace


def answer_all(ws):
    for n, text in (("1", "Yes"), ("2", "No"), ("3", "Neutral")):
        drafting.set_answer(ws, "MP231", n, response=text, rationale=f"Because {n}.", clock=CLOCK)


def test_export_writes_form_eml_and_ics_with_the_answers(ws, tmp_path):
    answer_all(ws)
    out = tmp_path / "out"
    result = export_response(ws, "MP231", out, clock=CLOCK)
    assert result.warnings == ()
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "MP231 Northern Power Ltd response deadline.ics",
        "MP231 Northern Power Ltd response.eml",
        "MP231 Northern Power Ltd response.xlsx",
    ]
    sheet = openpyxl.load_workbook(out / "MP231 Northern Power Ltd response.xlsx").active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Yes" in cells and "Because 2." in cells and "Northern Power Ltd" in cells
    msg = email.message_from_bytes(
        (out / "MP231 Northern Power Ltd response.eml").read_bytes(), policy=policy.default
    )
    assert msg["To"] == "SECAS@gemserv.com"
    assert msg["From"].addresses[0].addr_spec == "asha.patel@northernpower.example"
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content() == (out / "MP231 Northern Power Ltd response.xlsx").read_bytes()
    cal = icalendar.Calendar.from_ical((out / names[0]).read_bytes())
    [event] = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == MP231.closes_at


def test_missing_things_are_listed_but_still_exported(ws, tmp_path):
    set_profile(ws, PartyProfile(organisation="Northern Power Ltd", name="Asha Patel"))
    drafting.set_answer(ws, "MP231", "2", response="No", clock=CLOCK)
    late = fixed_clock(datetime(2023, 5, 13, 9, 0, tzinfo=LONDON))
    result = export_response(ws, "MP231", tmp_path / "out", clock=late)
    assert result.warnings == (
        "Questions 1, 3 not answered.",
        "The deadline has passed: it was 5pm, Friday 12 May 2023.",
    )
    assert all(p.exists() for p in result.files)


def test_strict_refuses_and_writes_nothing(ws, tmp_path):
    out = tmp_path / "out"
    refused = r"^MP231: not exported because --strict was given and questions 1, 2, 3 not"
    with pytest.raises(NotReadyError, match=refused):
        export_response(ws, "MP231", out, strict=True, clock=CLOCK)
    assert not out.exists()


def test_existing_file_blocks_the_whole_export_unless_forced(ws, tmp_path):
    answer_all(ws)
    out = tmp_path / "out"
    out.mkdir()
    ics = out / "MP231 Northern Power Ltd response deadline.ics"
    ics.write_text("mine")
    with pytest.raises(OutputExistsError, match=r"deadline\.ics: already exists"):
        export_response(ws, "MP231", out, clock=CLOCK)
    assert sorted(p.name for p in out.iterdir()) == [ics.name]  # nothing else written
    export_response(ws, "MP231", out, force=True, clock=CLOCK)
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert len(list(out.iterdir())) == 3


def test_no_form_chosen_uses_the_builtin_form_and_says_so(ws, tmp_path):
    plan = plan_export(ws, RFI.key, clock=CLOCK)
    assert plan.form.builtin_key == "general-consultation"
    assert plan.warnings[0].startswith("No form was chosen")
    result = export_response(ws, RFI.key, tmp_path / "rfi", clock=CLOCK)
    names = [p.name for p in result.files]
    assert names[0].endswith("Northern Power Ltd response.docx")
    msg = email.message_from_bytes(result.files[1].read_bytes(), policy=policy.default)
    assert msg["Subject"] == "RFI Response – SMETS1 Enrolment"


def test_pack_has_folders_tracker_and_is_atomic(ws, tmp_path):
    answer_all(ws)
    draft = drafting.open_draft(ws, "MP231")
    draft = draft.with_status(DraftStatus.IN_REVIEW)
    drafting.save_draft(ws, replace(draft, owner="Asha"), clock=CLOCK)
    target = tmp_path / "pack.zip"
    seen = []
    result = export_pack(ws, ["MP231", RFI.key, "mp231"], target, clock=CLOCK,
                         progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert names == result.names
        assert "MP231 Firmware upgrade pathways/MP231 Northern Power Ltd response.xlsx" in names
        assert "MP231 Firmware upgrade pathways/MP231 Northern Power Ltd response.eml" in names
        assert names[-1] == "tracker.xlsx"
        sheet = openpyxl.load_workbook(io.BytesIO(zf.read("tracker.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("MP231", "Firmware upgrade pathways")
    assert rows[1][5:11] == ("In review", "Asha", None, "Yes", "No", "Neutral")
    assert rows[2][5] == "Not started"
    assert list(result.warnings) == [RFI.title]


def test_pack_refuses_existing_zip_unknown_refs_and_cancel_leaves_nothing(ws, tmp_path):
    target = tmp_path / "pack.zip"
    target.write_bytes(b"old")
    with pytest.raises(OutputExistsError):
        export_pack(ws, ["MP231"], target, clock=CLOCK)
    with pytest.raises(NotFoundError, match="MP404"):
        export_pack(ws, ["MP231", "MP404"], target, force=True, clock=CLOCK)
    with pytest.raises(ExportCancelled):
        export_pack(ws, ["MP231", RFI.key], target, force=True, clock=CLOCK,
                    cancelled=lambda: True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pack")] == []


def test_pack_tracker_lists_notes_only_when_asked(ws, tmp_path):
    from secresponder.services.notes import add_note

    stored = find_consultation(ws, "MP231")
    add_note(ws, stored.id, "Asked the DCC about CPL timings.",
             clock=fixed_clock(datetime(2023, 4, 1, 10, 30, tzinfo=LONDON)))
    add_note(ws, stored.id, "Legal are happy.",
             clock=fixed_clock(datetime(2023, 4, 2, 14, 0, tzinfo=LONDON)))

    def tracker_rows(pack):
        with zipfile.ZipFile(pack) as zf:
            sheet = openpyxl.load_workbook(io.BytesIO(zf.read("tracker.xlsx"))).active
        return list(sheet.iter_rows(values_only=True))

    plain = tracker_rows(export_pack(ws, ["MP231"], tmp_path / "plain.zip", clock=CLOCK).path)
    assert "Notes" not in plain[0]
    noted = tracker_rows(
        export_pack(ws, ["MP231"], tmp_path / "notes.zip", clock=CLOCK, with_notes=True).path
    )
    assert noted[0][-1] == "Notes"
    assert noted[1][-1] == (
        "01/04/2023 10:30 Asked the DCC about CPL timings.\n\n02/04/2023 14:00 Legal are happy."
    )


def test_a_builtin_form_names_the_consultation(workspace_root, tmp_path):
    import docx

    from secresponder.services.bootstrap import open_seeded_workspace

    with open_seeded_workspace(workspace_root, clock=CLOCK) as seeded:
        drafting.choose_form(seeded, "MP092", "refinement-consultation", clock=CLOCK)
        drafting.set_answer(seeded, "MP092", "1", response="Yes", rationale="Agreed.",
                            clock=CLOCK)
        result = export_response(seeded, "MP092", tmp_path, clock=CLOCK)
    (form,) = [p for p in result.files if p.suffix == ".docx"]
    texts = [p.text for p in docx.Document(str(form)).paragraphs]
    assert "Consultation: MP092 New Planned Maintenance methodology (Refinement Consultation)" in (
        texts
    )
    assert not any("(reference and title of the consultation)" in t for t in texts)
