"""Nothing lost: killed writers leave a sound workspace with every reported save, and
concurrent writers neither corrupt it nor wait forever."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest
from tests.exports.response_forms import MP231, add_consultations

from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import Draft
from secresponder.errors import WorkspaceError
from secresponder.services import drafting
from secresponder.store import workspace
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.sql import session
from secresponder.store.workspace import Workspace

SRC = Path(__file__).resolve().parents[2] / "src"

# Saves draft versions for MP231 in a loop, printing "saved N" once each save has returned.
SAVER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from secresponder.domain.draft import Draft
    from secresponder.store.sql import catalogue
    from secresponder.store.sql import drafts as drafts_repo
    from secresponder.store.sql import session
    from secresponder.store.workspace import Workspace

    root, key, label, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ws = Workspace.open(root)
    with session.reading(ws) as conn:
        cid = catalogue.consultation_id(conn, key)
    print("ready", flush=True)
    i = 0
    while count == 0 or i < count:
        i += 1
        draft = Draft(key, notes=f"{label} save {i}").with_answer("1", "Yes", "x" * (i % 50))
        with session.transaction(ws) as conn:
            number = drafts_repo.save_draft(conn, cid, draft, datetime.now(timezone.utc))
        print(f"saved {number}", flush=True)
    """
)


def start_saver(root: Path, label: str, count: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(root), MP231.key, label, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def saved_numbers(output: str) -> list[int]:
    return [int(line.split()[1]) for line in output.splitlines() if line.startswith("saved ")]


@pytest.fixture
def root(workspace_root) -> Path:
    with Workspace.open(workspace_root) as ws:
        add_consultations(ws, MP231)
    return workspace_root


def check_sound(root: Path) -> set[int]:
    """Integrity check passes; returns the version numbers stored for MP231's draft."""
    with Workspace.open(root) as ws:
        assert ws.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert ws.connection.execute("PRAGMA foreign_key_check").fetchall() == []
        cid = ws.connection.execute(
            "SELECT id FROM consultations WHERE key = ?", (MP231.key,)
        ).fetchone()[0]
        with session.reading(ws) as conn:
            numbers = drafts_repo.version_numbers(conn, cid)
            current = drafts_repo.load_draft(conn, cid)
            if numbers:
                assert current.version == max(numbers)
                assert drafts_repo.load_version(conn, cid, current.version) == current
        return numbers


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_reported_save(root):
    rng = random.Random(20230512)
    reported: set[int] = set()
    started = time.monotonic()
    for round_no in range(50):
        proc = start_saver(root, f"round {round_no}")
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.strip() == "ready", proc.stderr.read() if proc.stderr else first
        time.sleep(rng.uniform(0.05, 0.2))
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up either way
        proc.wait(timeout=10)
        rest = proc.stdout.read()
        proc.stdout.close()
        proc.stderr.close()
        reported.update(saved_numbers(rest))
        if round_no % 10 == 9:
            assert reported <= check_sound(root)
        assert time.monotonic() - started < 120, "crash rounds are taking far too long"
    stored = check_sound(root)
    assert len(reported) > 100, f"only {len(reported)} saves got in before the kills"
    assert reported <= stored
    # Numbers run 1..n with no gaps: a killed save left nothing half-written behind.
    assert stored == set(range(1, max(stored) + 1))


@pytest.mark.slow
def test_two_processes_writing_one_draft_keep_every_version(root):
    procs = [start_saver(root, label, count=40) for label in ("alpha", "beta")]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        outputs.append(saved_numbers(out))
    assert all(len(o) == 40 for o in outputs)
    every = outputs[0] + outputs[1]
    assert len(set(every)) == 80  # no version number handed out twice
    assert check_sound(root) == set(range(1, 81))


def test_waiting_beyond_the_busy_timeout_is_a_workspace_error(root, monkeypatch):
    monkeypatch.setattr(workspace, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(root / "workspace.sqlite3", isolation_level=None)
    try:
        with Workspace.open(root) as ws:
            holder.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            with pytest.raises(WorkspaceError, match="busy"):
                drafting.save_draft(ws, Draft(MP231.key, notes="blocked"),
                                    clock=lambda: datetime(2023, 5, 1, tzinfo=LONDON))
            assert time.monotonic() - started < 5
            holder.rollback()
            # Once the other writer is done, the same save goes through.
            assert drafting.save_draft(ws, Draft(MP231.key, notes="now"),
                                       clock=lambda: datetime(2023, 5, 1, tzinfo=LONDON)) == 1
    finally:
        holder.close()
