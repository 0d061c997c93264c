"""Attachments dragged out of Outlook: read them, although they arrive with no file behind them.

Outlook (classic) does not offer a dragged attachment as a file: the drag carries a
``FileGroupDescriptorW`` (the names and sizes, in a Windows structure) and a
``FileContents`` stream with the bytes. Qt shows both under its Windows MIME names.
Qt asks for the contents of the first file only, so when several attachments are
dragged at once the first is read and the sentence returned says to drag the rest
one at a time. Nothing here trusts the drag: names are made safe, sizes are
capped, and whatever is written goes to a private folder the caller then uses.
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from PySide6.QtCore import QMimeData

DESCRIPTOR_FORMAT = 'application/x-qt-windows-mime;value="FileGroupDescriptorW"'
CONTENTS_FORMAT = 'application/x-qt-windows-mime;value="FileContents"'

# FILEDESCRIPTORW: flags, clsid, sizel, pointl, attributes, three FILETIMEs, size high and
# low, then WCHAR cFileName[260]; 592 bytes each, after the group's UINT count.
_DESCRIPTOR = struct.Struct("<I16s8s8sI8s8s8sII520s")
_FD_FILESIZE = 0x40
MAX_ATTACHMENT = 100 * 1024 * 1024


@dataclass(frozen=True)
class Described:
    name: str
    size: int | None  # None when Outlook did not say


@dataclass
class Dropped:
    paths: list[Path] = field(default_factory=list)
    problem: str | None = None  # one sentence when not everything dragged could be read


def parse_descriptor(data: bytes) -> list[Described]:
    """The files a FILEGROUPDESCRIPTORW describes; [] for anything malformed."""
    if len(data) < 4:
        return []
    (count,) = struct.unpack_from("<I", data)
    if count == 0 or len(data) < 4 + count * _DESCRIPTOR.size:
        return []
    found = []
    for i in range(count):
        fields = _DESCRIPTOR.unpack_from(data, 4 + i * _DESCRIPTOR.size)
        flags, high, low, raw_name = fields[0], fields[8], fields[9], fields[10]
        name = raw_name.decode("utf-16-le", "replace").split("\x00", 1)[0]
        found.append(Described(name, (high << 32) | low if flags & _FD_FILESIZE else None))
    return found


def offered(mime: QMimeData, suffixes: Iterable[str] | None = None) -> list[Described]:
    """The Outlook attachments a drag offers (of the given suffixes), without reading them."""
    if not mime.hasFormat(DESCRIPTOR_FORMAT):
        return []
    wanted = {s.lower() for s in suffixes} if suffixes is not None else None
    files = parse_descriptor(bytes(mime.data(DESCRIPTOR_FORMAT).data()))
    return [f for f in files if wanted is None or PurePath(f.name).suffix.lower() in wanted]


def save_dropped(mime: QMimeData, suffixes: Iterable[str] | None = None,
                 folder: Path | None = None) -> Dropped:
    """Write the dragged attachment to a private folder; what was saved, and what was not."""
    files = parse_descriptor(bytes(mime.data(DESCRIPTOR_FORMAT).data())) \
        if mime.hasFormat(DESCRIPTOR_FORMAT) else []
    if not files:
        return Dropped()
    wanted = {s.lower() for s in suffixes} if suffixes is not None else None
    first = files[0]
    name = _safe_name(first.name)
    if wanted is not None and PurePath(name).suffix.lower() not in wanted:
        kinds = ", ".join(sorted(wanted))
        return Dropped(problem=f"{name}: is not a file that can be used here ({kinds}).")
    data = bytes(mime.data(CONTENTS_FORMAT).data()) if mime.hasFormat(CONTENTS_FORMAT) else b""
    if not data:
        return Dropped(problem=f"{name}: Outlook did not hand over the attachment's contents; "
                               f"save it from Outlook first, then drag the saved file.")
    if len(data) > MAX_ATTACHMENT:
        return Dropped(problem=f"{name}: the attachment is over the "
                               f"{MAX_ATTACHMENT // (1024 * 1024)} MB limit.")
    target_folder = folder or Path(tempfile.mkdtemp(prefix="secresponder-outlook-"))
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / name
    target.write_bytes(data)
    problem = None
    if len(files) > 1:
        problem = (f"Only {name} was read of the {len(files)} attachments dragged from "
                   f"Outlook; drag the others one at a time.")
    return Dropped([target], problem)


def _safe_name(name: str) -> str:
    # The name comes from the email: keep only its last part, without control characters
    # or the characters Windows forbids in file names.
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(" " if (ord(c) < 32 or c in '<>:"|?*') else c for c in last).strip(" .")
    return cleaned[:120] or "attachment"
