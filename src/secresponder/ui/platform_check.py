"""Before Qt starts: name missing system libraries in one sentence instead of Qt's abort.

Deliberately free of Qt imports, since importing Qt is what fails when a library
is missing.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable

# The shared libraries Qt's xcb platform plugin loads, with the Debian package
# that provides each.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-image", "libxcb-image0"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-randr", "libxcb-randr0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
)
# Needed by QtGui on every platform, offscreen included.
CORE_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("EGL", "libegl1"),
    ("fontconfig", "libfontconfig1"),
)


def _platform() -> str:
    explicit = os.environ.get("QT_QPA_PLATFORM", "")
    if explicit:
        return explicit.split(":")[0]
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def missing_packages(find: Callable[[str], str | None] | None = None) -> list[str]:
    """Debian packages whose libraries Qt needs here and cannot find (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    find = find or ctypes.util.find_library
    needed = list(CORE_LIBRARIES)
    if _platform() == "xcb":
        needed += XCB_LIBRARIES
    return [package for library, package in needed if find(library) is None]


def problem() -> str | None:
    """One sentence saying why a window cannot be shown here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return None
    missing = missing_packages()
    if missing:
        return (
            "secresponder cannot show its window because Qt needs system libraries that are "
            "missing; on Debian or Ubuntu install them with: sudo apt-get install "
            + " ".join(missing)
        )
    platform = _platform()
    if platform == "xcb" and not os.environ.get("DISPLAY"):
        return (
            "secresponder cannot show its window because there is no display (DISPLAY is not "
            "set); run it in a desktop session, or use its commands (secresponder --help)."
        )
    return None
