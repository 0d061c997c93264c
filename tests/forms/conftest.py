"""Fixtures for the form tests: running the command line, real forms, answers files."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from secresponder.cli.main import main

CliResult = tuple[int, str, str]


@pytest.fixture
def run_cli(workspace_root: Path, clock) -> Callable[..., CliResult]:
    """Run ``secresponder ARGS...``; returns (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        code = main([str(a) for a in args], clock=clock, stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def answers_file(tmp_path: Path) -> Callable[[dict], Path]:
    def write(data: dict, name: str = "answers.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return path

    return write
