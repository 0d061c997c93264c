"""Locating the bundled resources (snapshot pages, built-in forms) inside the package.

They live in ``secresponder/resources`` and are found through
``importlib.resources``, so a source checkout (editable install), a wheel and a
frozen one-folder build all see the same files without knowing where Python put
the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from secresponder.errors import SecResponderError


def resources_dir() -> Path:
    """The bundled ``resources`` folder, as a real folder on disk."""
    folder = resources.files("secresponder").joinpath("resources")
    # Every way the app is installed (editable, wheel, PyInstaller one-folder) unpacks the
    # package onto disk; the built-in forms are opened by path, so a folder is required.
    path = Path(str(folder))
    if not path.is_dir():
        raise SecResponderError(
            f"{path}: the bundled resources are missing; reinstall secresponder."
        )
    return path


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
