"""Where file dialogs open: the user's Documents first, then the last folder they used.

A desktop app started from a shortcut has a meaningless current directory (often the
install folder), so dialogs never start there. Documents is asked of Qt, which on
Windows follows its Known Folder, redirected to OneDrive or not. The last folder is
remembered in the window's QSettings, so tests keep theirs in a temporary file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

LAST_FOLDER = "dialogs/last_folder"

_settings: QSettings | None = None


def use_settings(settings: QSettings) -> None:
    """Remember folders in ``settings`` (the main window's)."""
    global _settings
    _settings = settings


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder() -> str:
    """The folder a file dialog should open in."""
    if _settings is not None:
        last = _settings.value(LAST_FOLDER)
        if isinstance(last, str) and last and Path(last).is_dir():
            return last
    return str(documents_folder())


def start_path(name: str) -> str:
    """A file name to suggest in a save dialog, inside ``start_folder()``."""
    return str(Path(start_folder()) / name)


def remember(chosen: str | Path) -> None:
    """Note the folder of a file (or the folder) the user chose, for the next dialog."""
    if _settings is None or not str(chosen):
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    _settings.setValue(LAST_FOLDER, str(folder))
