"""Opening the workspace for use: migrated, and seeded from the bundled snapshot on first run.

A folder is created and migrated as it is opened; a team database must have been set
up (``secresponder workspace upgrade``). Either is seeded from the bundled pages when
nothing was ever imported into it: on a team database, by whoever opens it first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from secresponder.bundled import resource_path
from secresponder.domain.clock import Clock

if TYPE_CHECKING:
    from secresponder.store.sql.session import AnyWorkspace

# The store (and with it SQLAlchemy) is imported in the functions that use it: the window
# imports this module before it is first shown, and reads the workspace only after.

SNAPSHOT_SOURCE = "bundled snapshot"
SNAPSHOT_FILES: tuple[tuple[str, str], ...] = (
    ("snapshot", "consultations.txt"),
    ("snapshot", "releases.txt"),
)


def snapshot_paths() -> list[Path]:
    return [resource_path(*parts) for parts in SNAPSHOT_FILES]


def open_seeded_workspace(where: str | os.PathLike[str], *, clock: Clock) -> AnyWorkspace:
    """Open the workspace at ``where`` (a folder path or a team database's postgresql:// URL);
    if nothing was ever imported into it, import the snapshot."""
    from secresponder.services.session import open_seeded

    return open_seeded(where, clock=clock)


def seed_if_empty(ws: AnyWorkspace, *, clock: Clock) -> bool:
    """Import the bundled snapshot pages unless the workspace has imported anything already."""
    from secresponder.store.sql import imports_log, session

    with session.reading(ws) as conn:
        if imports_log.import_count(conn):
            return False
    from secresponder.catalogue.reader import read_page_file
    from secresponder.services.importing import apply_readings

    readings = [read_page_file(path) for path in snapshot_paths()]
    # Checked again under the import lock: another process (or another member of the
    # team) may have seeded it meanwhile.
    return apply_readings(ws, readings, now=clock(), source_label=SNAPSHOT_SOURCE,
                          unless_imported=True) is not None
