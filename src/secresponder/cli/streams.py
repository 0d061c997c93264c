"""The command line's output streams, made safe on any console before anything is printed.

On Windows, output redirected to a file or a pipe is encoded in the console's code
page (cp1252), so ``show --json > f.json`` would not be UTF-8 and a character
outside that page (an emoji in a note, "≥" in a title) would crash the command.
Output that is not a terminal is therefore always UTF-8; a terminal keeps its own
encoding but shows a replacement character rather than failing. A windowed build
(no console at all) has no stdout or stderr: both then go to a log file in the
platform's log folder, so printing and the exit path's flush still work.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TextIO

OUTPUT_LOG_NAME = "secresponder-output.log"


def output_log_path() -> Path:
    """Where a windowed build's stdout and stderr go (the platform's log folder)."""
    from secresponder.logs import fallback_log_path

    return fallback_log_path().with_name(OUTPUT_LOG_NAME)


def configure_streams() -> Path | None:
    """Prepare ``sys.stdout``/``sys.stderr``; the log file used when there was no console."""
    logged: Path | None = None
    if sys.stdout is None or sys.stderr is None:
        stream, logged = _open_output_log()
        if sys.stdout is None:
            sys.stdout = stream
        if sys.stderr is None:
            sys.stderr = stream
    sys.stdout = safe_text_stream(sys.stdout)
    sys.stderr = safe_text_stream(sys.stderr)
    return logged


def safe_text_stream(stream: TextIO) -> TextIO:
    """UTF-8 when ``stream`` is not a terminal; never an error on an unshowable character."""
    if not isinstance(stream, io.TextIOWrapper):
        return stream  # a test's StringIO, or something already wrapped: leave it be
    try:
        terminal = stream.isatty()
    except (OSError, ValueError):
        terminal = False
    try:
        if terminal:
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")
    except (OSError, ValueError):  # already written to, or closed: keep it as it is
        pass
    return stream


def _open_output_log() -> tuple[TextIO, Path | None]:
    path = output_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("a", encoding="utf-8", errors="replace", buffering=1), path
    except OSError:
        # Nowhere to write: output is dropped rather than crashing the window.
        return open(os.devnull, "w", encoding="utf-8"), None
