"""The notes an import leaves beside its counts: entries listed twice, stored ones left
listed because the page could not be read whole, and entries that could not be read.

The command line prints these among its lines; the window shows them after a refresh or
an import, so both say the same things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secresponder.services.importing import ImportReport

# Change kinds that alter nothing stored and are only said.
NOTE_KINDS = frozenset({"listed twice", "kept listed"})


def import_notes(report: ImportReport) -> list[str]:
    """One sentence a note, each naming the page it came from, in the order they arose."""
    notes = []
    for source in report.sources:
        if source.error is not None:
            continue  # a page that could not be read is reported as a failure
        notes.extend(f"{source.source}: {c.message}" for c in source.changes
                     if c.what in NOTE_KINDS)
        notes.extend(f"{source.source}: the entry “{heading}” could not be read: {reason}."
                     for heading, reason in source.skipped)
    return notes
