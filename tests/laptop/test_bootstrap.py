"""Start and test on any OS: one Python bootstrap behind ./start, ./test and the .cmd files."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAP = ROOT / "scripts" / "bootstrap.py"


@pytest.fixture
def bootstrap():
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", BOOTSTRAP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_virtual_environments_interpreter_on_each_os(bootstrap, tmp_path):
    venv = str(tmp_path / ".venv")
    assert bootstrap.venv_python(venv, windows=True) == os.path.join(venv, "Scripts",
                                                                      "python.exe")
    assert bootstrap.venv_python(venv, windows=False) == os.path.join(venv, "bin", "python")


def test_an_old_python_gets_one_sentence(bootstrap, monkeypatch, capsys):
    monkeypatch.setattr(bootstrap, "MINIMUM", (99, 0))
    with pytest.raises(SystemExit) as exited:
        bootstrap.main(["start"])
    assert exited.value.code == 1
    message = capsys.readouterr().err
    assert message.startswith("secresponder needs Python 99.0 or newer; this is Python 3.")
    assert message.count("\n") == 1


def test_an_unknown_action_prints_usage(bootstrap, capsys):
    assert bootstrap.main(["serve"]) == 2
    assert "usage: bootstrap.py start" in capsys.readouterr().err


def test_the_stamp_follows_pyproject_and_the_extras(bootstrap, tmp_path):
    plain = bootstrap.stamp_path(str(tmp_path), "")
    tested = bootstrap.stamp_path(str(tmp_path), "[test]")
    assert plain != tested and tested.endswith("-test")
    assert bootstrap.stamp_path(str(tmp_path), "[package]").endswith("-package")
    assert Path(plain).parent == tmp_path


def test_start_runs_a_command_through_the_projects_environment(tmp_path):
    # The environment running these tests is the project's own (./test made it).
    env = dict(os.environ, SECRESPONDER_VENV=sys.prefix,
               SECRESPONDER_HOME=str(tmp_path / "workspace"),
               SECRESPONDER_NOW="2023-05-01T09:00:00+01:00")
    done = subprocess.run([sys.executable, str(BOOTSTRAP), "start", "list", "--json"],
                          env=env, capture_output=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b'"reference": "MP231"' in done.stdout  # the bundled snapshot, found in the package


def test_line_endings_are_fixed_per_kind_of_file():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    for rule in ("*.cmd text eol=crlf", "start text eol=lf", "test text eol=lf",
                 "*.docx binary", "*.xlsx binary", "*.png binary"):
        assert rule in attributes
    for name in ("start.cmd", "test.cmd"):
        data = (ROOT / name).read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n") > 0, f"{name} must be CRLF"
        assert f"scripts\\bootstrap.py {name[:-4]} %*".encode() in data
    for name in ("start", "test"):
        data = (ROOT / name).read_bytes()
        assert b"\r" not in data and data.startswith(b"#!/usr/bin/env bash\n")
        assert f"scripts/bootstrap.py {name}".encode() in data
        if os.name != "nt":
            assert os.access(ROOT / name, os.X_OK)
