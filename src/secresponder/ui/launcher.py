"""Starting the window: check the platform, build the application, show the main window.

Without ``--workspace`` the window opens the workspace chosen in Preferences ("This
computer" or "Team server"); choosing another there reopens the window on it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from secresponder.domain.clock import Clock, system_clock
from secresponder.ui import platform_check

if TYPE_CHECKING:
    from secresponder.services.session import WorkspaceAddress
    from secresponder.ui.main_window import MainWindow


def launch(where: WorkspaceAddress | None, *, clock: Clock = system_clock) -> int:
    """Open the main window on ``where`` (None: the stored choice) and run until it closes."""
    reason = platform_check.problem()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        print(
            f"secresponder cannot show its window because Qt failed to load ({exc}).",
            file=sys.stderr,
        )
        return 1
    from secresponder.ui.main_window import default_settings
    from secresponder.ui.workspace_choice import stored_address

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("secresponder")
    app.setOrganizationName("secresponder")
    notice = None
    if where is None:
        where, notice = stored_address(default_settings())
    window = open_window(where, clock=clock)
    if notice:
        print(f"secresponder: {notice}", file=sys.stderr)
        window.statusBar().showMessage(notice)
    return app.exec()


def open_window(where: WorkspaceAddress, *, clock: Clock = system_clock,
                replacing: MainWindow | None = None) -> MainWindow:
    """Show a window on ``where`` with the error boundary; it closes ``replacing`` once shown."""
    from secresponder.ui.error_boundary import install
    from secresponder.ui.main_window import create_main_window

    if replacing is not None:
        boundary = getattr(replacing, "error_boundary", None)
        if boundary is not None:
            boundary.uninstall()
    window = create_main_window(where, clock=clock, start_refresh=True)
    window.error_boundary = install(window, where)
    window.reopen = lambda address: open_window(address, clock=clock, replacing=window)
    _open_windows.append(window)
    window.show()
    if replacing is not None:
        replacing.close()
        _open_windows.remove(replacing)
        replacing.deleteLater()
    return window


# The windows shown, kept referenced while they are open.
_open_windows: list[MainWindow] = []
