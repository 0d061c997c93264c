"""Locating the bundled resources (snapshot pages, built-in forms, icons)."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The bundled ``resources`` folder, whether installed or run from a checkout."""
    # Installed from a wheel, resources/ is shipped as the package data folder
    # secresponder/resources; in a source checkout it sits beside src/.
    installed = Path(__file__).resolve().parent / "resources"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
