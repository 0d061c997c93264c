"""What the window remembers on this machine between runs (geometry, splitters), in QSettings.

The list's order and filters belong to the workspace (``services.view_state``).

Keys and defaults are declared here once. Tests pass a QSettings on a temporary
INI file, so nothing touches the user's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

GEOMETRY = "window/geometry"
STATE = "window/state"


def splitter_key(splitter: QSplitter) -> str:
    return f"splitters/{splitter.objectName()}"


class WindowState:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def restore(self, window: QMainWindow, splitters: list[QSplitter]) -> bool:
        """Put the window and splitters back as they were; False when nothing was saved."""
        geometry = self.settings.value(GEOMETRY)
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        state = self.settings.value(STATE)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for splitter in splitters:
            saved = self.settings.value(splitter_key(splitter))
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        return bool(restored)

    def save(self, window: QMainWindow, splitters: list[QSplitter]) -> None:
        self.settings.setValue(GEOMETRY, window.saveGeometry())
        self.settings.setValue(STATE, window.saveState())
        for splitter in splitters:
            self.settings.setValue(splitter_key(splitter), splitter.saveState())
        self.settings.sync()
