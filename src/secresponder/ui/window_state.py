"""What the window remembers on this machine between runs (geometry, splitters), in QSettings.

The list's order and filters belong to the workspace (``services.view_state``).

Keys and defaults are declared here once. Tests pass a QSettings on a temporary
INI file, so nothing touches the user's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

GEOMETRY = "window/geometry"
STATE = "window/state"


# Room for the frame and title bar, which a window's own geometry does not include.
FRAME_ALLOWANCE = (16, 48)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Give ``window`` its preferred size, shrunk to fit the screen's free area, centred.

    A 1080p laptop screen at 125-200% scaling offers only 1536x824 down to 960x540
    device-independent pixels (less the taskbar), smaller than the preferred size.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    area = screen.availableGeometry()
    w = min(width, area.width() - FRAME_ALLOWANCE[0])
    h = min(height, area.height() - FRAME_ALLOWANCE[1])
    window.resize(w, h)
    size = window.size()  # the widgets' minimum sizes may have had the last word
    window.move(area.x() + max(0, (area.width() - size.width()) // 2),
                area.y() + max(0, (area.height() - size.height() - FRAME_ALLOWANCE[1]) // 2))


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move a restored window that no longer fits its screen (a smaller one now)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    if area.contains(frame):
        return
    fit_to_screen(window, min(window.width(), area.width()), min(window.height(), area.height()))


def splitter_key(splitter: QSplitter) -> str:
    return f"splitters/{splitter.objectName()}"


class WindowState:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def restore(self, window: QMainWindow, splitters: list[QSplitter]) -> bool:
        """Put the window and splitters back as they were; False when nothing was saved."""
        geometry = self.settings.value(GEOMETRY)
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        if restored:
            keep_on_screen(window)
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
