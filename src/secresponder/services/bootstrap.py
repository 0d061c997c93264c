"""Opening the workspace for use: migrated, and seeded from the bundled snapshot on first run."""

from __future__ import annotations

import os
from pathlib import Path

from secresponder.bundled import resource_path
from secresponder.domain.clock import Clock
from secresponder.store import catalogue_repo
from secresponder.store.workspace import Workspace

SNAPSHOT_SOURCE = "bundled snapshot"
SNAPSHOT_FILES: tuple[tuple[str, str], ...] = (
    ("snapshot", "consultations.txt"),
    ("snapshot", "releases.txt"),
)


def snapshot_paths() -> list[Path]:
    return [resource_path(*parts) for parts in SNAPSHOT_FILES]


def open_seeded_workspace(root: str | os.PathLike[str], *, clock: Clock) -> Workspace:
    """Open the workspace at ``root``; if nothing was ever imported, import the snapshot."""
    ws = Workspace.open(Path(root))
    try:
        seed_if_empty(ws, clock=clock)
    except BaseException:
        ws.close()
        raise
    return ws


def seed_if_empty(ws: Workspace, *, clock: Clock) -> bool:
    """Import the bundled snapshot pages unless the workspace has imported anything already."""
    if catalogue_repo.import_count(ws.connection):
        return False
    from secresponder.catalogue.reader import read_page_file
    from secresponder.services.importing import apply_readings

    readings = [read_page_file(path) for path in snapshot_paths()]
    with ws.transaction() as conn:
        # Checked again under the write lock: another process may have seeded meanwhile.
        if catalogue_repo.import_count(conn):
            return False
        apply_readings(conn, readings, now=clock(), source_label=SNAPSHOT_SOURCE)
    return True
