"""Response packs: one zip with a folder per consultation and the tracker workbook.

Entries are added one at a time (files are streamed from disk, not held in
memory); every name inside the zip is checked to be relative, free of ``..``
and made only of safe parts, so unpacking can never write outside its folder.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from secresponder.exports.naming import safe_name
from secresponder.exports.tracker import TrackerRow, write_tracker

TRACKER_NAME = "tracker.xlsx"
PRECOMPRESSED = (".docx", ".xlsx", ".zip", ".pdf")


@dataclass(frozen=True)
class PackFile:
    """One file for the pack: its name inside the consultation's folder, and a path or bytes."""

    name: str
    source: Path | bytes


@dataclass(frozen=True)
class PackFolder:
    folder: str
    files: Sequence[PackFile]


def archive_name(*parts: str) -> str:
    """A zip entry name from name parts, each made safe; refuses anything that could escape."""
    cleaned = [safe_name(p) for p in parts]
    name = "/".join(cleaned)
    path = PurePosixPath(name)
    if path.is_absolute() or any(p in ("", ".", "..") for p in path.parts) or "\\" in name:
        raise ValueError(f"unsafe name inside the pack: {name!r}")
    return name


class PackWriter:
    """Writes a pack into an open binary file; use as a context manager."""

    def __init__(self, out: BinaryIO) -> None:
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self._names: set[str] = set()

    def __enter__(self) -> PackWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def add_folder(self, folder: PackFolder) -> list[str]:
        """Add each file under ``folder/``; returns the names written."""
        written = []
        for item in folder.files:
            name = archive_name(folder.folder, item.name)
            self._claim(name)
            # Office files are zips already: deflating them again costs time and saves nothing.
            method = (
                zipfile.ZIP_STORED
                if name.lower().endswith(PRECOMPRESSED)
                else zipfile.ZIP_DEFLATED
            )
            if isinstance(item.source, bytes):
                self._zip.writestr(name, item.source, compress_type=method)
            else:
                self._zip.write(item.source, name, compress_type=method)
            written.append(name)
        return written

    def add_tracker(
        self, rows: Sequence[TrackerRow], *, now: datetime, with_notes: bool = False
    ) -> str:
        # openpyxl needs a seekable file; the workbook is small, so build it in memory.
        buffer = io.BytesIO()
        write_tracker(rows, buffer, now=now, with_notes=with_notes)
        self._claim(TRACKER_NAME)
        self._zip.writestr(TRACKER_NAME, buffer.getvalue())
        return TRACKER_NAME

    def _claim(self, name: str) -> None:
        if name.casefold() in self._names:
            raise ValueError(f"two files would be called {name!r} inside the pack")
        self._names.add(name.casefold())


def write_pack(
    out: BinaryIO, folders: Iterable[PackFolder], tracker_rows: Sequence[TrackerRow], *,
    now: datetime,
) -> list[str]:
    """Write the whole pack to ``out``; returns every name inside it."""
    names: list[str] = []
    with PackWriter(out) as writer:
        for folder in folders:
            names += writer.add_folder(folder)
        names.append(writer.add_tracker(tracker_rows, now=now))
    return names
