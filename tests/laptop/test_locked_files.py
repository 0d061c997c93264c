"""Files open in Word or held by a virus scanner, and paths too long for Windows.

Linux has no sharing violations, so "busy" is injected the way Windows reports it: a
PermissionError whose ``winerror`` is 32 (ERROR_SHARING_VIOLATION) when a rename touches
the busy file. Everything else (the folder, the files, the export) is real.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from secresponder import fileio
from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.fileio import (
    FileBusyError,
    PathTooLongError,
    atomic_write_bytes,
    check_path_length,
    write_files_together,
)
from secresponder.services import drafting
from secresponder.services.exporting import export_response
from secresponder.store.workspace import Workspace
from tests.exports.response_forms import MP231, add_consultations, questions_workbook, set_profile

CLOCK = fixed_clock(datetime(2023, 4, 3, 9, 0, tzinfo=LONDON))
REAL_REPLACE = os.replace


def sharing_violation(path: Path) -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file because it is being used "
                              "by another process", str(path))
    exc.winerror = 32  # what Windows sets; Linux never does
    return exc


@pytest.fixture
def no_waiting(monkeypatch):
    monkeypatch.setattr(fileio, "RETRY_DELAYS", (0.01, 0.01, 0.01))


@pytest.fixture
def busy(monkeypatch):
    """Make renames touching the given files fail as Windows does, ``times`` times each."""
    held: dict[Path, int] = {}

    def replace(src, dst, *args, **kwargs):
        for path in (Path(src), Path(dst)):
            if held.get(path, 0) > 0:
                held[path] -= 1
                raise sharing_violation(path)
        return REAL_REPLACE(src, dst, *args, **kwargs)

    monkeypatch.setattr(fileio.os, "replace", replace)

    def hold(path: Path, times: int = 1_000) -> None:
        held[Path(path)] = times

    return hold


def test_a_rename_over_a_briefly_busy_file_is_retried(tmp_path, busy, no_waiting):
    target = tmp_path / "MP231 response.docx"
    target.write_bytes(b"old")
    busy(target, times=2)  # the scanner lets go after two tries
    atomic_write_bytes(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MP231 response.docx"]


def test_a_file_that_stays_busy_gets_one_sentence_naming_it(tmp_path, busy, no_waiting):
    target = tmp_path / "MP231 response.docx"
    target.write_bytes(b"old")
    busy(target)
    with pytest.raises(FileBusyError) as raised:
        atomic_write_bytes(target, b"new", overwrite=True)
    assert str(raised.value) == (
        f"{target}: is open in another program; close it in Word (or wait for the scan) "
        f"and try again."
    )
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MP231 response.docx"]


def test_access_denied_is_retried_and_named_without_blaming_word_alone(tmp_path, monkeypatch,
                                                                       no_waiting):
    calls: list[str] = []

    def denied(src, dst):
        calls.append(dst)
        exc = PermissionError(13, "Access is denied", str(dst))
        exc.winerror = 5  # also what a read-only file gives on Windows
        raise exc

    monkeypatch.setattr(fileio.os, "replace", denied)
    target = tmp_path / "MP231 response.eml"
    with pytest.raises(FileBusyError) as raised:
        atomic_write_bytes(target, b"x")
    assert len(calls) == 4  # the first try and three retries
    assert str(raised.value) == (
        f"{target}: could not be replaced (access denied); if it is open in Word or being "
        f"scanned, close it (or wait for the scan) and try again, otherwise check that it "
        f"and its folder are not read-only."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_permission_problem_that_is_not_a_lock_is_not_retried(tmp_path, monkeypatch):
    calls: list[str] = []

    def refuse(src, dst):
        calls.append(dst)
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(fileio.os, "replace", refuse)
    with pytest.raises(PermissionError):
        atomic_write_bytes(tmp_path / "a.eml", b"x")
    assert len(calls) == 1


def test_files_written_together_are_all_old_or_all_new(tmp_path, busy, no_waiting):
    names = ["response.docx", "response.eml", "response deadline.ics"]
    for name in names:
        (tmp_path / name).write_bytes(b"old " + name.encode())
    busy(tmp_path / "response.eml")  # say Outlook has the email draft open
    files = [(tmp_path / n, b"new " + n.encode()) for n in names]
    with pytest.raises(FileBusyError, match=r"response\.eml: is open in another program"):
        write_files_together(files, overwrite=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        n: b"old " + n.encode() for n in names
    }
    busy(tmp_path / "response.eml", times=0)  # closed now: all three replaced
    write_files_together(files, overwrite=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        n: b"new " + n.encode() for n in names
    }


def test_a_failure_while_placing_the_files_puts_the_old_ones_back(tmp_path, monkeypatch):
    names = ["a.docx", "b.eml", "c.ics"]
    for name in names:
        (tmp_path / name).write_bytes(b"old")
    placed: list[str] = []

    def replace(src, dst):
        if Path(src).name.endswith(".part") and ".old." not in Path(src).name:
            placed.append(Path(dst).name)
            if Path(dst).name == "c.ics":
                raise OSError(28, "No space left on device", str(dst))
        return REAL_REPLACE(src, dst)

    monkeypatch.setattr(fileio.os, "replace", replace)
    with pytest.raises(OSError, match="No space left"):
        write_files_together([(tmp_path / n, b"new") for n in names], overwrite=True)
    assert placed == names
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == dict.fromkeys(names, b"old")


# --- an export in a folder where Word has the form open ---------------------------------


@pytest.fixture
def ws(workspace_root, tmp_path):
    with Workspace.open(workspace_root) as workspace:
        add_consultations(workspace, MP231)
        set_profile(workspace)
        form = questions_workbook(tmp_path / "MP231 response template.xlsx")
        drafting.choose_form(workspace, "MP231", form, clock=CLOCK)
        for n, text in (("1", "Yes"), ("2", "No"), ("3", "Neutral")):
            drafting.set_answer(workspace, "MP231", n, response=text, rationale=f"Because {n}.",
                                clock=CLOCK)
        yield workspace


def test_an_export_over_a_form_open_in_excel_changes_nothing(ws, tmp_path, busy, no_waiting):
    out = tmp_path / "Responses"
    first = export_response(ws, "MP231", out, clock=CLOCK)
    before = {p: p.read_bytes() for p in first.files}
    drafting.set_answer(ws, "MP231", "1", response="No", rationale="Changed our mind.",
                        clock=CLOCK)
    form = next(p for p in first.files if p.suffix == ".xlsx")
    busy(form)
    with pytest.raises(FileBusyError, match="close it in Word"):
        export_response(ws, "MP231", out, clock=CLOCK, force=True)
    assert {p: p.read_bytes() for p in out.iterdir()} == before  # no mix, no leftovers


def test_an_export_into_a_folder_too_deep_for_excel_writes_nothing(ws, tmp_path):
    deep = tmp_path / "OneDrive - Northern Power Ltd" / "Regulation"
    while len(str(deep)) < 200:
        deep = deep / "SEC Modification Proposals 2023"
    with pytest.raises(PathTooLongError) as raised:
        export_response(ws, "MP231", deep, clock=CLOCK)
    message = str(raised.value)
    assert "over the 218 Excel accepts; choose a folder with a shorter path" in message
    assert message.startswith(str(deep))
    assert not deep.exists()


def test_path_limits_by_kind_of_file(tmp_path):
    def path_of(length: int, suffix: str) -> Path:
        stem = "x" * (length - len(str(tmp_path)) - 1 - len(suffix))
        return tmp_path / f"{stem}{suffix}"

    check_path_length(path_of(218, ".xlsx"))
    check_path_length(path_of(255, ".docx"))
    check_path_length(path_of(259, ".eml"))
    with pytest.raises(PathTooLongError, match="219 characters, over the 218 Excel accepts"):
        check_path_length(path_of(219, ".xlsx"))
    with pytest.raises(PathTooLongError, match="256 characters, over the 255 Word accepts"):
        check_path_length(path_of(256, ".docx"))
    with pytest.raises(PathTooLongError, match="260 characters, over the 259 Windows accepts"):
        check_path_length(path_of(260, ".eml"))
