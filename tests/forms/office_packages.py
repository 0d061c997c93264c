"""Hostile and broken Office files for the safety tests, built from real documents."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from docx import Document


def word_form(path: Path, questions: int = 3) -> Path:
    """A small but real Word response form: respondent table and question table."""
    doc = Document()
    doc.add_heading("MP215 'Release Management Policy' consultation response", level=1)
    details = doc.add_table(rows=3, cols=2)
    for row, label in zip(details.rows, ("Name", "Organisation", "Email address"), strict=True):
        row.cells[0].text = label
    table = doc.add_table(rows=1 + questions, cols=4)
    for cell, text in zip(table.rows[0].cells, ("No.", "Question", "Response", "Rationale"),
                          strict=True):
        cell.text = text
    for n in range(1, questions + 1):
        table.rows[n].cells[0].text = str(n)
        table.rows[n].cells[1].text = f"Question {n}: do you agree with proposal {n}?"
    doc.save(path)
    return path


def rezip(
    source: bytes,
    *,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A copy of the package ``source`` with members replaced or added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def compound_file(stream_names: tuple[str, ...]) -> bytes:
    """A minimal, well-formed OLE2 compound file whose directory names these streams."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)  # no DIFAT sectors
    difat = [0] + [0xFFFFFFFF] * 108  # the FAT lives in sector 0
    struct.pack_into("<109I", header, 76, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * 126
    fat_sector = struct.pack("<128I", *fat)
    entries = bytearray()
    for i, name in enumerate(("Root Entry", *stream_names)):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0 : len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if i == 0 else 2  # root storage, then streams
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        entries += entry
    directory = bytes(entries).ljust(sector, b"\x00")[:sector]
    return bytes(header) + fat_sector + directory + b"\x00" * sector


def lying_sizes(source: bytes, member: str, declared: int) -> bytes:
    """``source`` with ``member``'s uncompressed size rewritten (local and central headers)."""
    data = bytearray(source)
    name = member.encode()
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) != -1:
        name_len = struct.unpack_from("<H", data, pos + 26)[0]
        if bytes(data[pos + 30 : pos + 30 + name_len]) == name:
            struct.pack_into("<I", data, pos + 22, declared)
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, declared)
        pos += 4
    return bytes(data)
