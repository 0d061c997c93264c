"""The one-folder frozen app: built here with the project's own spec, then used as IT would.

It runs with no Python around it: its command line lists the bundled consultations, lists
the built-in forms, fills one, drafts and exports a response; its window starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "secresponder.spec"
EXE = ".exe" if os.name == "nt" else ""
ANSWERS = {
    "respondent": {"name": "Sam Patel", "organisation": "Bright Energy Ltd",
                   "email": "sam@bright.example", "party_category": "Small Supplier",
                   "confidential": False},
    "answers": {"1": {"response": "Yes", "rationale": "Frozen first paragraph ≥ ok.\n\nSecond."}},
}

# Building the frozen app takes minutes on a loaded machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("frozen")
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        capture_output=True, text=True, timeout=1200, cwd=work,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    folder = work / "dist" / "secresponder"
    assert (folder / f"secresponder{EXE}").is_file()
    assert (folder / f"secresponder-window{EXE}").is_file()
    bundled = {p.name for p in folder.rglob("*") if p.is_file()}
    # The spelling dictionary, the SQL and PostgreSQL migrations and Qt's offscreen and
    # native platform plugins travel with the app.
    assert {"en_GB.dic", "en_GB.aff", "0001_catalogue.sql", "0001_catalogue.py"} <= bundled
    assert any(n.startswith(("libqoffscreen", "qoffscreen")) for n in bundled)
    return folder


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    # Nothing from this checkout or its virtual environment may help the frozen app.
    values = {k: v for k, v in os.environ.items()
              if not k.startswith(("PYTHON", "VIRTUAL_ENV", "SECRESPONDER"))}
    values.update(SECRESPONDER_HOME=str(tmp_path / "workspace"),
                  SECRESPONDER_NOW="2023-05-01T09:00:00+01:00",
                  SECRESPONDER_LOG_DIR=str(tmp_path / "logs"),
                  QT_QPA_PLATFORM="offscreen")
    return values


def run(frozen: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(frozen / f"secresponder{EXE}"), *args], env=env,
                          capture_output=True, timeout=300, cwd=frozen.parent)
    assert done.returncode == 0, (args, done.stderr.decode("utf-8", "replace"))
    return done.stdout.decode("utf-8")


def test_the_frozen_command_line_lists_fills_drafts_and_exports(frozen, env, tmp_path):
    listed = json.loads(run(frozen, env, "list", "--json"))
    assert "MP231" in {c["reference"] for c in listed}
    forms = json.loads(run(frozen, env, "template", "list", "--json"))
    assert len(forms) == 3
    form_paths = [Path(f["path"]) for f in forms]
    assert all(frozen in p.parents and p.is_file() for p in form_paths)

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    filled = tmp_path / "filled.docx"
    run(frozen, env, "fill", str(form_paths[0]), "--answers", str(answers), "-o", str(filled),
        "--allow-unplaced")
    assert filled.read_bytes().startswith(b"PK")

    run(frozen, env, "draft", "MP231", "--template", "builtin", "--answers", str(answers))
    out = tmp_path / "Responses"
    run(frozen, env, "export", "MP231", "-o", str(out))
    suffixes = sorted(p.suffix for p in out.iterdir())
    assert suffixes == [".docx", ".eml", ".ics"]
    shown = json.loads(run(frozen, env, "draft", "MP231", "--show", "--json"))
    assert "Frozen first paragraph ≥ ok." in json.dumps(shown, ensure_ascii=False)


def test_the_frozen_window_starts_and_keeps_running(frozen, env):
    window = subprocess.Popen([str(frozen / f"secresponder-window{EXE}")], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(8)
        assert window.poll() is None, window.communicate()[1].decode("utf-8", "replace")
    finally:
        window.kill()
        window.wait(timeout=30)
    # The windowed program has no console of its own: nothing it says is lost, it is logged.
    assert Path(env["SECRESPONDER_HOME"]).is_dir()
