"""The window's boundary: a failure anywhere in the window, or in a background job, is
shown as one sentence (status bar and message box), never as a traceback."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMainWindow

from secresponder.ui import error_boundary
from secresponder.ui.jobs import CallJob, JobRunner
from secresponder.ui.main_window import create_main_window

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def boundary(qtbot, workspace_root: Path):
    workspace_root.mkdir(parents=True, exist_ok=True)
    window = QMainWindow()
    qtbot.addWidget(window)
    shown: list[str] = []
    installed = error_boundary.ErrorBoundary(
        window, workspace_root, present=lambda _parent, sentence: shown.append(sentence)
    ).install()
    yield window, shown
    installed.uninstall()


def test_an_exception_escaping_a_slot_is_one_sentence_naming_the_log(
    boundary, qtbot, workspace_root, capsys
):
    window, shown = boundary

    def slot() -> None:
        raise KeyError("a bug in a slot")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    log = workspace_root / "logs" / "secresponder.log"
    assert shown == [
        f"secresponder failed: an unexpected error occurred (KeyError); details are in {log}."
    ]
    assert window.statusBar().currentMessage() == shown[0]
    assert "a bug in a slot" in log.read_text("utf-8")
    assert "Traceback" not in capsys.readouterr().err


def test_a_fault_in_a_slot_is_worded_without_the_log(boundary, qtbot, tmp_path):
    _window, shown = boundary
    target = tmp_path / "exports" / "MP231.docx"

    def slot() -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [
        f"{target}: the disk is full; free some space or choose another folder, then try again."
    ]


def test_a_thread_that_fails_is_shown_on_the_window(boundary, qtbot, workspace_root):
    import threading

    _window, shown = boundary

    def work() -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown[0].startswith(f"{workspace_root / 'workspace.sqlite3'}: the workspace database "
                               "is damaged")


def test_a_background_job_that_fails_reports_one_sentence(boundary, qtbot, workspace_root):
    runner = JobRunner()
    failures: list[str] = []

    def fails() -> None:
        raise RecursionError("maximum recursion depth exceeded")

    def bug() -> None:
        raise AttributeError("'NoneType' object has no attribute 'title'")

    for count, fn in enumerate((fails, bug), start=1):
        job = CallJob("Reading the form", fn)
        job.signals.failed.connect(failures.append)
        runner.start(job)
        qtbot.waitUntil(lambda count=count: len(failures) == count, timeout=5000)
    log = workspace_root / "logs" / "secresponder.log"
    assert failures == [
        "the input: nested too deeply to read; give a flatter file.",
        "Reading the form failed: an unexpected error occurred (AttributeError); "
        f"details are in {log}.",
    ]
    assert "Traceback" in log.read_text("utf-8")


def test_the_real_window_on_a_damaged_workspace_says_so(
    qtbot, workspace_root, tmp_path, clock, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from secresponder.services.bootstrap import open_seeded_workspace

    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database = workspace_root / "workspace.sqlite3"
    data = bytearray(database.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"garbage!" * 1024
    database.write_bytes(bytes(data))
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = create_main_window(workspace_root, clock=clock, settings=settings)
    qtbot.addWidget(window)
    installed = error_boundary.install(window, workspace_root)
    try:
        window.show()
        qtbot.waitUntil(lambda: "damaged" in window.statusBar().currentMessage(), timeout=20_000)
        sentence = window.statusBar().currentMessage()
        assert sentence.startswith(f"{database}: ") and "Traceback" not in sentence
        assert boxes == [sentence]
        window.grab().save(str(tmp_path / "damaged-workspace.png"))
    finally:
        installed.uninstall()
    assert database.read_bytes() == bytes(data)
    assert sys.excepthook is not installed._excepthook
