"""A process killed in the middle of an import leaves the workspace as it was before the
import or as it is after it, never in between, and never damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

NOW = "2023-05-01T09:00:00+01:00"
ENTRIES = 800


def _page(path: Path) -> Path:
    """A consultations list of ``ENTRIES`` distinct entries, as a saved text copy."""
    parts = ["Open Industry Consultations – SEC » FAQ Categories »\n"]
    for n in range(ENTRIES):
        parts.append(
            f"MP{n + 1000} ‘Generated consultation number {n}’ (Closing Date: 12 May 2023)\n\n"
            f"Summary of generated consultation {n}, about firmware and forecasts.\n\n"
            "Who should respond?\n\nSuppliers\n\nHow to respond\n\n"
            "Please send responses to sec.change@gemserv.com by 5pm on 12 May 2023.\n"
        )
    path.write_text("\n".join(parts), "utf-8")
    return path


def _cli(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SECRESPONDER_NOW": NOW}
    return subprocess.Popen(
        [sys.executable, "-m", "secresponder", "--workspace", str(root), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def _state(root: Path) -> tuple[str, int]:
    with sqlite3.connect(root / "workspace.sqlite3") as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        count = conn.execute("SELECT count(*) FROM consultations").fetchone()[0]
    conn.close()
    return integrity, count


@pytest.mark.slow
def test_sigkill_during_an_import_leaves_before_or_after(tmp_path):
    page = _page(tmp_path / "list.txt")
    base = tmp_path / "base"
    proc = _cli(base, "list")
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    proc.communicate()
    _, seeded = _state(base)

    full = tmp_path / "full"
    shutil.copytree(base, full)
    started = time.monotonic()
    proc = _cli(full, "import", str(page))
    _, err = proc.communicate(timeout=120)
    took = time.monotonic() - started
    assert proc.returncode == 0, err
    assert _state(full) == ("ok", seeded + ENTRIES)

    outcomes = set()
    for n, fraction in enumerate((0.4, 0.7, 0.85, 0.95, 1.0)):
        root = tmp_path / f"round-{n}"
        shutil.copytree(base, root)
        proc = _cli(root, "import", str(page))
        time.sleep(took * fraction)
        proc.kill()
        proc.communicate(timeout=30)
        integrity, count = _state(root)
        assert integrity == "ok"
        assert count in (seeded, seeded + ENTRIES), count
        outcomes.add(count)
        # The workspace still opens and reads after the kill.
        after = _cli(root, "list", "--json")
        _, err = after.communicate(timeout=60)
        assert after.returncode == 0, err
    assert seeded in outcomes  # at least one kill landed before the import was stored
