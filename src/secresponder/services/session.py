"""Opening a workspace for the window and the command line."""

from __future__ import annotations

from pathlib import Path

from secresponder.store.workspace import Workspace


def open_workspace(root: str | Path, *, upkeep: bool = True) -> Workspace:
    """Open (creating and migrating if needed) the workspace at ``root``.

    ``upkeep`` runs the daily backup and the clean-up of leftovers.
    """
    return Workspace.open(root, upkeep=upkeep)


def is_team_database(where: str) -> bool:
    """Whether ``where`` (``--workspace`` as given) names a team database, not a folder."""
    from secresponder.store.location import is_database_url

    return is_database_url(where)
