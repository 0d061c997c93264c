"""Starting the window: check the platform, build the application, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from secresponder.domain.clock import Clock, system_clock
from secresponder.ui import platform_check


def launch(workspace_root: Path, *, clock: Clock = system_clock) -> int:
    """Open the main window on ``workspace_root`` and run until it closes."""
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
    from secresponder.ui.main_window import create_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("secresponder")
    app.setOrganizationName("secresponder")
    window = create_main_window(workspace_root, clock=clock, start_refresh=True)
    from secresponder.ui.error_boundary import install

    install(window, workspace_root)
    window.show()
    return app.exec()
