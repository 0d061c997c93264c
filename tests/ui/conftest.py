"""Fixtures for the window tests: temporary QSettings, a window factory on a fresh workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from secresponder.domain.clock import Clock
from secresponder.ui.main_window import MainWindow, create_main_window


@pytest.fixture
def qsettings_path(tmp_path: Path) -> Path:
    return tmp_path / "window.ini"


@pytest.fixture
def make_window(qtbot, workspace_root: Path, qsettings_path: Path, clock
                ) -> Iterator[Callable[..., MainWindow]]:
    """Build the real window the way the app does, shown and loaded."""
    made: list[MainWindow] = []

    def make(*, clock_: Clock | None = None, where: str | Path | None = None,
             **kwargs) -> MainWindow:
        """``where``: another workspace than the test's folder (a team database's URL)."""
        settings = QSettings(str(qsettings_path), QSettings.Format.IniFormat)
        window = create_main_window(where or workspace_root, clock=clock_ or clock,
                                    settings=settings, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.loaded, timeout=20_000)
        made.append(window)
        return window

    yield make
    for window in made:
        if window.workspace is not None:
            window.close()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def visible_rows(window: MainWindow) -> list:
    """The consultations the list shows, top to bottom."""
    proxy = window.list.proxy
    return [window.model.row_at(proxy.mapToSource(proxy.index(r, 0)).row())
            for r in range(proxy.rowCount())]


def select(window: MainWindow, reference: str) -> None:
    window.list.open_only.setChecked(False)
    row = next(r for r in window.model.rows() if r.consultation.reference == reference)
    assert window.list.select_id(row.id)


@pytest.fixture(autouse=True)
def no_modal_export_dialogs(monkeypatch):
    """The export result and pack dialogs close at once unless a test answers them itself
    (a modal dialog nobody answers would hang the run)."""
    from secresponder.ui.export_dialogs import ExportedDialog, PackChoiceDialog

    monkeypatch.setattr(ExportedDialog, "exec", lambda _dialog: 0)
    monkeypatch.setattr(PackChoiceDialog, "exec", lambda _dialog: 1)
