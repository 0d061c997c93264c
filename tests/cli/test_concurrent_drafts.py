"""Many `draft` commands at the same moment on one draft: no answer is silently lost.

Each command is a real process (``python -m secresponder``) against one SQLite
workspace; they are started together and race for the write lock.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
NOW = "2023-05-01T09:00:00+01:00"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "SECRESPONDER_NOW": NOW,
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("SECRESPONDER_USER", None)
    return env


def _command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "secresponder", "--workspace", str(root), *args]


def _run(root: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(root, *args), capture_output=True, text=True,
                          env=_env(tmp_path), timeout=120)


def _answers(tmp_path: Path, name: str, number: str, text: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"answers": {number: {"rationale": text}}}), "utf-8")
    return path


def _together(root: Path, tmp_path: Path, commands: list[list[str]]) -> list[tuple[int, str]]:
    """Start every command at once; (exit code, stderr) for each, in order."""
    procs = [
        subprocess.Popen(_command(root, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=_env(tmp_path))
        for args in commands
    ]
    results = []
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        results.append((proc.returncode, err))
    return results


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "workspace"
    done = _run(root, tmp_path, "draft", "MP231", "--template", "builtin")
    assert done.returncode == 0, done.stderr
    return root


def _history(root: Path, tmp_path: Path) -> list[dict]:
    done = _run(root, tmp_path, "draft", "MP231", "--history", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _shown(root: Path, tmp_path: Path) -> dict:
    done = _run(root, tmp_path, "draft", "MP231", "--show", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_fourteen_saves_of_different_parts_at_once_keep_every_answer(root, tmp_path):
    commands = []
    for n in range(1, 8):
        path = _answers(tmp_path, f"q{n}", str(n), f"Answer to question {n}.")
        commands.append(["draft", "MP231", "--answers", str(path), "--user", f"Analyst {n}"])
        commands.append(["draft", "MP231", "--note", f"Note {n}.", "--user", f"Reviewer {n}"])
    results = _together(root, tmp_path, commands)
    assert [code for code, _ in results] == [0] * 14, results
    shown = _shown(root, tmp_path)
    answers = {q["number"]: q["rationale"] for q in shown["questions"]}
    assert answers == {str(n): f"Answer to question {n}." for n in range(1, 8)}
    assert sorted(shown["notes"].split("\n\n")) == sorted(f"Note {n}." for n in range(1, 8))
    history = _history(root, tmp_path)
    assert len(history) == 15 and not any(h["conflict"] for h in history)
    authors = {h["author"] for h in history[1:]}
    assert authors == {f"Analyst {n}" for n in range(1, 8)} | {f"Reviewer {n}" for n in
                                                                range(1, 8)}


def test_saves_of_the_same_answer_each_end_kept_or_refused_out_loud(root, tmp_path):
    texts = [f"Version of answer 1 by person {i}." for i in range(8)]
    commands = [
        ["draft", "MP231", "--answers", str(_answers(tmp_path, f"p{i}", "1", text)),
         "--user", f"Person {i} <p{i}@bright.example>"]
        for i, text in enumerate(texts)
    ]
    results = _together(root, tmp_path, commands)
    history = _history(root, tmp_path)
    done = _run(root, tmp_path, "draft", "MP231", "--show", "--json")
    current = {q["number"]: q["rationale"] for q in json.loads(done.stdout)["questions"]}["1"]
    refused = 0
    sentence = re.compile(
        r"^secresponder: Question 1 was changed by Person \d at 09:00 since you opened the "
        r"draft; your text was kept as version (\d+) \(a conflict\) and can be restored\.\n$"
    )
    for i, (code, err) in enumerate(results):
        mine = [h for h in history if h["author"] == f"Person {i} <p{i}@bright.example>"]
        assert len(mine) == 1, (i, code, err)
        if code == 0:
            assert err == "" and not mine[0]["conflict"]
        else:
            refused += 1
            match = sentence.match(err)
            assert code == 1 and match, err
            assert mine[0]["conflict"] and mine[0]["number"] == int(match.group(1))
            restored = _run(root, tmp_path, "draft", "MP231", "--restore", match.group(1),
                            "--user", "Checker")
            assert restored.returncode == 0, restored.stderr
            again = _shown(root, tmp_path)
            assert again["questions"][0]["rationale"] == texts[i]
    assert current in texts
    # Not every save can have started after all the others: at least one clash was refused
    # whenever two of them overlapped, and none of them was lost either way.
    assert refused == sum(1 for h in history if h["conflict"])
