"""Start-up imports only what a command uses; list --json is one valid JSON array that
agrees with show --json; output into a reader that stops early ends quietly."""

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

from secresponder.cli import documents_commands
from secresponder.cli.main import EXIT_BROKEN_PIPE, main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.parties import PartyCategory
from secresponder.services.bootstrap import seed_if_empty
from secresponder.services.search import DEFAULT_LIMIT
from secresponder.store.sql import catalogue, session
from secresponder.store.workspace import Workspace

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
MAY_1 = fixed_clock(NOW)
HEAVY = ("openpyxl", "pypdf", "icalendar", "lxml", "httpx", "docx")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SECRESPONDER_NOW", None)
    return env


def _heavy_modules_after(*argv: str) -> list[str]:
    """Run the command line in a fresh interpreter; the heavy packages it imported."""
    script = (
        "import contextlib, io, sys\n"
        "from secresponder.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({list(argv)!r}, stdout=io.StringIO(), stderr=io.StringIO())\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "print(code, ' '.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    code, _, heavy = done.stdout.strip().partition(" ")
    assert code == "0", done.stdout
    return heavy.split()


def test_version_and_help_import_no_heavy_package():
    assert _heavy_modules_after("--version") == []
    assert _heavy_modules_after("--help") == []
    assert _heavy_modules_after("export", "--help") == []


def test_list_and_show_import_no_heavy_package(workspace_root):
    _run(workspace_root, "list")  # the first use seeds the workspace, which reads pages
    assert _heavy_modules_after("--workspace", str(workspace_root), "list", "--json") == []
    assert _heavy_modules_after("--workspace", str(workspace_root), "show", "MP116") == []


def test_a_command_still_imports_what_it_uses(workspace_root, consultations_txt):
    imported = _heavy_modules_after(
        "--workspace", str(workspace_root), "import", str(consultations_txt)
    )
    assert "httpx" in imported


def test_help_texts_agree_with_the_values_they_restate():
    assert documents_commands.SEARCH_LIMIT == DEFAULT_LIMIT


def _run(workspace_root, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--workspace", str(workspace_root), *args], clock=MAY_1, stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


def test_list_json_is_one_array_and_each_item_is_what_show_prints(
    workspace_root, consultations_txt, tmp_path
):
    moved = tmp_path / "moved.txt"
    moved.write_text(
        consultations_txt.read_text("utf-8").replace("12 May 2023", "26 May 2023"), "utf-8"
    )
    _run(workspace_root, "import", str(moved))
    text = _run(workspace_root, "list", "--json")
    assert text.startswith("[\n") and text.endswith("\n]\n")
    listed = json.loads(text)
    assert len(listed) == 10
    assert len(text.splitlines()) == 12  # one consultation per line between the brackets
    for item in listed:
        shown = json.loads(_run(workspace_root, "show", item["key"], "--json"))
        shown.pop("history")
        assert item == shown
    by_ref = {c["reference"]: c for c in listed}
    assert by_ref["MP116"]["release"] == {"version": "v57.0", "effective": "2022-02-24"}
    assert by_ref["MP231"]["closes_at"] == "2023-05-26T17:00:00+01:00"
    assert [c["old"] for c in by_ref["MP231"]["deadline_changes"]] == [
        "2023-05-12T17:00:00+01:00"
    ]


def test_every_json_command_prints_one_json_document(workspace_root):
    for args in (["list", "--open"], ["releases"], ["profile"], ["show", "MP231"],
                 ["search", "firmware"], ["documents", "MP231"], ["notes", "MP231"],
                 ["template", "list"], ["draft", "MP231", "--history"]):
        text = _run(workspace_root, *args, "--json")
        json.loads(text)  # raises if it is not exactly one JSON document


def _fill(root, n: int) -> None:
    with Workspace.open(root) as ws:
        seed_if_empty(ws, clock=MAY_1)
        items = [
            Consultation(
                reference=f"MP{1000 + i}", title=f"Generated consultation {i}", kind=None,
                closes_at=closing_instant(date(2022, 1, 3) + timedelta(days=i % 700)),
                summary="The DCC System has a finite capacity. " * 10,
                audience=("Suppliers",), party_categories=(PartyCategory.LARGE_SUPPLIER,),
                documents=(Document("consultation document"),),
            )
            for i in range(n)
        ]
        with session.transaction(ws) as conn:
            catalogue.insert_consultations(conn, items, seen_at=NOW)


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_main_returns_quietly_when_its_reader_has_gone(workspace_root):
    err = io.StringIO()
    code = main(["--workspace", str(workspace_root), "list", "--json"], clock=MAY_1,
                stdout=ClosedPipe(), stderr=err)
    assert (code, err.getvalue()) == (EXIT_BROKEN_PIPE, "")


@pytest.mark.parametrize(("rows", "args"), [(0, ["list"]), (1500, ["list", "--json"])])
def test_output_into_a_closed_pipe_ends_without_a_traceback(workspace_root, rows, args):
    # Small output is still buffered when Python exits; large output fails mid-command.
    _fill(workspace_root, rows)
    proc = subprocess.Popen(
        [sys.executable, "-m", "secresponder", "--workspace", str(workspace_root), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
    )
    proc.stdout.close()  # the reader is gone before anything is written, as after `head`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert err == ""


def test_a_library_warning_does_not_reach_the_terminal(workspace_root):
    _run(workspace_root, "list")
    script = (
        "import sys, warnings\n"
        "from secresponder.cli import catalogue_commands, main\n"
        "shown = catalogue_commands.run_releases\n"
        "def noisy(context, args):\n"
        "    warnings.warn('Data Validation extension is not supported', UserWarning)\n"
        "    return shown(context, args)\n"
        "catalogue_commands.run_releases = noisy\n"
        f"sys.argv = ['secresponder', '--workspace', {str(workspace_root)!r}, 'releases']\n"
        "main.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "v62.0" in done.stdout
    assert done.stderr == ""
