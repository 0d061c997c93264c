"""Fixtures for the fault suite: a seeded workspace with a draft, the command line run
in-process, the log kept in the test's folder, and a dump of what is stored."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.logs import LOG_DIR_ENV

MAY_1 = fixed_clock(datetime(2023, 5, 1, 9, 0, tzinfo=LONDON))
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def fallback_log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the log goes when the workspace cannot take it: never the real user folder."""
    folder = tmp_path / "user-logs"
    monkeypatch.setenv(LOG_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def cli() -> Run:
    """``cli(workspace, *args)``: the command line in-process, as (exit code, stdout, stderr)."""

    def run(root: Path, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--workspace", str(root), *args], clock=MAY_1, stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def drafted(workspace_root: Path, tmp_path: Path, cli: Run) -> Path:
    """A workspace with the seed consultations, a profile and an answered draft for MP231."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"1": {"response": "Yes", "rationale": "Agreed."}}}))
    for args in (
        ("profile", "--organisation", "Northern Power Ltd", "--name", "Asha Patel",
         "--email", "asha@np.example", "--party-category", "Large Supplier"),
        ("draft", "MP231", "--template", "builtin", "--answers", str(answers)),
        ("note", "MP231", "Discussed with the networks team."),
    ):
        code, _, err = cli(workspace_root, *args)
        assert code == 0, err
    return workspace_root


def stored(root: Path) -> str:
    """Everything the workspace holds: the database's SQL dump and the files' checksums."""
    with sqlite3.connect(root / "workspace.sqlite3") as conn:
        # The upkeep's own bookkeeping (when a backup was last taken) is not user data.
        dump = "\n".join(line for line in conn.iterdump()
                         if not line.startswith("INSERT INTO \"settings\" VALUES('upkeep."))
    conn.close()
    files = root / "files"
    sums = sorted(
        f"{p.relative_to(root)} {hashlib.sha256(p.read_bytes()).hexdigest()}"
        for p in (files.rglob("*") if files.is_dir() else [])
        if p.is_file()
    )
    return dump + "\n" + "\n".join(sums)


def one_sentence(err: str) -> str:
    """The error output, checked to be exactly one line from the app and no traceback."""
    lines = [line for line in err.splitlines() if not line.startswith("secresponder: warning:")]
    assert "Traceback" not in err, err
    assert len(lines) == 1, err
    assert lines[0].startswith("secresponder: "), err
    assert lines[0].endswith("."), err
    return lines[0].removeprefix("secresponder: ")
