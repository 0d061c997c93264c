"""Text in and out: UTF-8 when redirected, no crash on a console that cannot show a character,
and a windowed build with no stdout at all.

Windows' behaviour is reproduced with PYTHONIOENCODING=cp1252, which gives the streams the
code page a Windows console gives redirected output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TITLE = "Meters ≥ 2 kW 🚀"
NOTE = "Café: ≥ 3 objections 🙂"
PAGE = (
    "Open Industry Consultations – SEC » FAQ Categories »\n\n"
    f"MP999 ‘{TITLE}’ (Closing Date: 1 June 2023)\n\n"
    f"MP999 ‘{TITLE}’\n\n"
    "Please respond by emailing sec.change@gemserv.com by 5pm on 1 June 2023.\n\n"
)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        SECRESPONDER_HOME=str(tmp_path / "workspace"),
        SECRESPONDER_NOW="2023-05-01T09:00:00+01:00",
        SECRESPONDER_LOG_DIR=str(tmp_path / "logs"),
        PYTHONIOENCODING="cp1252",
    )
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    for args in (["import", str(page)], ["note", "MP999", NOTE]):
        done = subprocess.run([sys.executable, "-m", "secresponder", *args], env=values,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return values


def test_json_redirected_to_a_file_is_utf8_whatever_the_code_page(env, tmp_path):
    out = tmp_path / "show.json"
    with out.open("wb") as fh:
        done = subprocess.run([sys.executable, "-m", "secresponder", "show", "MP999", "--json"],
                              env=env, stdout=fh, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    shown = json.loads(out.read_bytes().decode("utf-8"))
    assert shown["title"] == TITLE


def test_text_piped_out_keeps_characters_the_code_page_lacks(env):
    done = subprocess.run([sys.executable, "-m", "secresponder", "notes", "MP999"],
                          env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert NOTE in done.stdout.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX; Windows' "
                    "console takes Unicode through its own API")
def test_a_terminal_that_cannot_show_a_character_gets_a_replacement_not_a_crash(env):
    import pty

    env = dict(env, PYTHONIOENCODING="ascii")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "secresponder", "notes", "MP999"],
                              env=env, stdin=subprocess.DEVNULL, stdout=follower,
                              stderr=subprocess.PIPE, timeout=120)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Caf?: ? 3 objections ?" in shown


def test_a_windowed_build_with_no_stdout_runs_and_logs_to_the_log_folder(env, tmp_path):
    # pythonw.exe and a windowed frozen app start with sys.stdout and sys.stderr None.
    code = (
        "import sys\n"
        "sys.stdout = None\n"
        "sys.stderr = None\n"
        "sys.argv = ['secresponder', 'show', 'MP999']\n"
        "from secresponder.cli.main import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout == b"" and done.stderr == b""
    log = Path(env["SECRESPONDER_LOG_DIR"]) / "secresponder-output.log"
    assert TITLE in log.read_text(encoding="utf-8")
