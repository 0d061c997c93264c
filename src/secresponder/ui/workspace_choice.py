"""Which workspace the window opens, as chosen in Preferences, kept in the app's own settings.

"This computer" is a folder (the usual one unless another is given); "Team server"
is a team database's connection string, which never holds a password (libpq's
password file or service file does). The choice lives in QSettings, not in a
workspace, because it says which workspace to open. ``--workspace`` overrides it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from secresponder.errors import SecResponderError
from secresponder.services.session import WorkspaceAddress, checked_choice

KIND = "workspace/kind"
FOLDER = "workspace/folder"
SERVER = "workspace/server"
TEAM = "team"
THIS_COMPUTER = "folder"


@dataclass(frozen=True)
class WorkspaceChoice:
    team: bool = False
    folder: str = ""  # blank: the usual folder
    server: str = ""  # a postgresql:// connection string

    def address(self) -> WorkspaceAddress:
        """The workspace chosen; raises WorkspaceError in one sentence when it is unusable."""
        return checked_choice(self.team, self.server if self.team else self.folder)


def load_choice(settings: QSettings) -> WorkspaceChoice:
    return WorkspaceChoice(
        team=str(settings.value(KIND, THIS_COMPUTER)) == TEAM,
        folder=str(settings.value(FOLDER, "") or ""),
        server=str(settings.value(SERVER, "") or ""),
    )


def save_choice(settings: QSettings, choice: WorkspaceChoice) -> None:
    """Keep the choice (checked first: a connection string with a password is never kept)."""
    choice.address()
    settings.setValue(KIND, TEAM if choice.team else THIS_COMPUTER)
    settings.setValue(FOLDER, choice.folder.strip())
    settings.setValue(SERVER, choice.server.strip())
    settings.sync()


def stored_address(settings: QSettings) -> tuple[WorkspaceAddress, str | None]:
    """The workspace to open when none is given, and a sentence when the stored choice
    could not be used (the usual folder is opened instead)."""
    try:
        return load_choice(settings).address(), None
    except SecResponderError as exc:
        return WorkspaceChoice().address(), f"{exc} The usual folder was opened instead."
