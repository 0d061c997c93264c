"""Where the workspace lives: one place that resolves folders for everything else."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "secresponder"
HOME_ENV = "SECRESPONDER_HOME"
DATABASE_NAME = "workspace.sqlite3"
FILES_DIR_NAME = "files"


def workspace_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The workspace folder: ``explicit``, else ``$SECRESPONDER_HOME``, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(workspace: Path) -> Path:
    return workspace / DATABASE_NAME


def files_dir(workspace: Path) -> Path:
    """Folder for attached files and copied response forms, named by checksum."""
    return workspace / FILES_DIR_NAME
