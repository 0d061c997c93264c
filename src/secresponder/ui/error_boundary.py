"""The window's one error boundary: a failure is shown as one sentence, never a traceback.

``install`` replaces ``sys.excepthook`` (which PySide calls for an exception
escaping a slot or an event handler) and ``threading.excepthook``; background
jobs word their failures with ``sentence_for_job``. A fault the user can act on
(disk full, read-only, a damaged database...) is worded by
``secresponder.faults``; anything else is a bug, whose traceback goes to the
workspace's log (a team database's local folder holds its log) and whose sentence
names that log.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from secresponder.faults import FaultScene
from secresponder.logs import word_failure
from secresponder.services.session import WorkspaceAddress, parse_address

Where = WorkspaceAddress | str | os.PathLike[str]
_workspace: WorkspaceAddress | None = None


def describe_failure(exc: BaseException, *, workspace_root: Where | None, doing: str) -> str:
    """One sentence for ``exc``; its traceback is logged, and named when it is a bug.

    ``workspace_root`` is the workspace (its folder, or a team database's address).
    """
    address = parse_address(workspace_root) if workspace_root is not None else None
    scene = FaultScene(database=address.database_file if address is not None else None)
    sentence, known = word_failure(
        exc, scene, workspace_root=address.local_folder if address is not None else None,
        doing=doing)
    return sentence if known else f"{doing} failed: {sentence}"


def sentence_for_job(title: str, exc: BaseException) -> str:
    """The sentence a background job reports when its work raised ``exc``."""
    return describe_failure(exc, workspace_root=_workspace, doing=title)


class ErrorBoundary(QObject):
    """Shows uncaught exceptions as one sentence in the window's status bar and a message box."""

    shown = Signal(str)
    _relay = Signal(str)

    def __init__(
        self,
        window: QWidget,
        workspace_root: Where,
        *,
        present: Callable[[QWidget, str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace_root = parse_address(workspace_root)
        self._present = present or _message_box
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._showing = False
        # A thread's exception is shown on the GUI thread: the relay is a queued signal.
        self._relay.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ErrorBoundary:
        global _workspace
        _workspace = self.workspace_root
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        return self

    def uninstall(self) -> None:
        global _workspace
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_excepthook:
            threading.excepthook = self._previous_thread_hook
        _workspace = None

    def _excepthook(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        sentence = describe_failure(exc, workspace_root=self.workspace_root, doing="secresponder")
        self._relay.emit(sentence)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return
        self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show(self, sentence: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(sentence)
        self.shown.emit(sentence)
        if self._showing:  # one box at a time; a burst of failures goes to the status bar
            return
        self._showing = True
        try:
            self._present(self.window, sentence)
        finally:
            self._showing = False


def _message_box(parent: QWidget, sentence: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "secresponder", sentence, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the sentence may quote untrusted text
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): the window keeps running while the box is up


def install(window: QWidget, workspace_root: Where) -> ErrorBoundary:
    """Install the boundary for ``window``; returns it (tests uninstall it)."""
    return ErrorBoundary(window, workspace_root).install()


__all__ = ["ErrorBoundary", "describe_failure", "install", "sentence_for_job"]
