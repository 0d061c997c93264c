"""Checks that a form file is a safe Word or Excel package before anything parses it.

Every refusal is a :class:`FormError` with one sentence naming the file. The
checks look only at bytes, zip headers and a capped, streamed decompression of
the members, so a hostile file is turned away quickly and nothing in it is
ever expanded, fetched or written.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import FormFormat
from secresponder.fileio import MB, read_limited
from secresponder.forms.errors import FormError

MAX_FILE_BYTES = 50 * MB
MAX_UNCOMPRESSED_BYTES = 100 * MB
MAX_MEMBERS = 10_000
# A member compressed more than this many times over is suspicious once it is
# also larger than LARGE_MEMBER_BYTES (small XML parts often compress 50:1).
MAX_RATIO = 100
LARGE_MEMBER_BYTES = 10 * MB
_CHUNK = 1024 * 1024

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_TEMPLATE_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
)
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
EXCEL_TEMPLATE_MAIN = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"
)
_MAIN_TYPES = {
    WORD_MAIN: FormFormat.DOCX,
    WORD_TEMPLATE_MAIN: FormFormat.DOCX,
    EXCEL_MAIN: FormFormat.XLSX,
    EXCEL_TEMPLATE_MAIN: FormFormat.XLSX,
}
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# Markers of a DTD in any of the encodings an XML part may use.
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class OfficePackage:
    """A form file that passed every check: its format and its bytes."""

    path: Path
    format: FormFormat
    data: bytes
    members: tuple[str, ...]

    def has_member(self, prefix: str) -> bool:
        return any(name.startswith(prefix) for name in self.members)


def check_office_file(path: str | Path) -> OfficePackage:
    """Refuse anything but a safe .docx or .xlsx; returns the checked package."""
    p = Path(path)
    data = read_limited(p, MAX_FILE_BYTES, what="form")
    if data.startswith(OLE2_MAGIC):
        _refuse_compound_file(p, data)
    if not data.startswith(ZIP_MAGICS):
        raise FormError(f"{p}: is not a Word or Excel file (it is not a zip package).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise FormError(
            f"{p}: is truncated or damaged (its zip directory cannot be read)."
        ) from None
    with archive:
        infos = archive.infolist()
        _check_headers(p, infos)
        fmt = _main_format(p, archive, infos)
        _check_macros(p, archive, infos, fmt)
        _check_contents(p, archive, infos)
    return OfficePackage(p, fmt, data, tuple(i.filename for i in infos))


def _kind_words(path: Path, fmt: FormFormat | None = None) -> tuple[str, str, str]:
    """("Word", ".docx", ".docm") or the Excel equivalents, from the format or the name."""
    excel = fmt is FormFormat.XLSX or (
        fmt is None and path.suffix.lower() in (".xls", ".xlsx", ".xlsm", ".xlt", ".xltx")
    )
    return ("Excel", ".xlsx", ".xlsm") if excel else ("Word", ".docx", ".docm")


def _refuse_compound_file(path: Path, data: bytes) -> None:
    names = _compound_stream_names(data)
    app, modern, _ = _kind_words(path)
    if "encryptioninfo" in names or "encryptedpackage" in names:
        raise FormError(
            f"{path}: is password-protected; remove the password in {app} and try again."
        )
    if "workbook" in names or "book" in names:
        raise FormError(f"{path}: is an old binary Excel .xls; save it as .xlsx.")
    if "worddocument" in names:
        raise FormError(f"{path}: is an old binary Word .doc; save it as .docx.")
    old = ".xls" if app == "Excel" else ".doc"
    raise FormError(f"{path}: is an old binary {app} {old}; save it as {modern}.")


def _compound_stream_names(data: bytes) -> set[str]:
    """Lower-cased stream names in an OLE2 compound file's directory (best effort)."""
    names: set[str] = set()
    try:
        sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
        if sector_size not in (512, 4096):
            raise ValueError("bad sector size")
        first_dir = struct.unpack_from("<I", data, 48)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s < 0xFFFFFFFA]
        fat: list[int] = []
        for sector in fat_sectors:
            start = (sector + 1) * sector_size
            chunk = data[start : start + sector_size]
            fat.extend(struct.unpack(f"<{len(chunk) // 4}I", chunk))
        sector, seen = first_dir, set()
        while sector < 0xFFFFFFFA and sector not in seen and len(seen) < 10_000:
            seen.add(sector)
            start = (sector + 1) * sector_size
            block = data[start : start + sector_size]
            for off in range(0, len(block) - 127, 128):
                length = struct.unpack_from("<H", block, off + 64)[0]
                if 2 <= length <= 64:
                    raw = block[off : off + length - 2]
                    names.add(raw.decode("utf-16-le", "replace").lower())
            sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
    except (struct.error, ValueError, IndexError):
        pass
    if not names:  # a damaged directory: fall back to looking for the names anywhere
        for name in ("EncryptionInfo", "EncryptedPackage", "WordDocument", "Workbook"):
            if name.encode("utf-16-le") in data:
                names.add(name.lower())
    return names


def _check_headers(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Everything that can be judged from the zip directory, before decompressing."""
    if len(infos) > MAX_MEMBERS:
        raise FormError(f"{path}: has {len(infos)} parts, too many for a response form.")
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
            raise FormError(f"{path}: contains a part with an unsafe name ({name!r}).")
        if info.flag_bits & 0x1:
            raise FormError(
                f"{path}: is password-protected; remove the password and try again."
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO and info.file_size > LARGE_MEMBER_BYTES:
            raise FormError(
                f"{path}: looks like a zip bomb (part {name} expands {ratio:.0f} times)."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise FormError(
            f"{path}: would expand to {total / MB:.0f} MB, over the "
            f"{MAX_UNCOMPRESSED_BYTES / MB:.0f} MB limit for a form."
        )


def _main_format(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> FormFormat:
    """Word or Excel, from the main part named in ``[Content_Types].xml``."""
    by_name = {i.filename: i for i in infos}
    info = by_name.get("[Content_Types].xml")
    if info is None:
        raise FormError(
            f"{path}: is not a Word or Excel file (it has no [Content_Types].xml part)."
        )
    raw = _read_member(path, archive, info, MAX_UNCOMPRESSED_BYTES)
    _refuse_dtd(path, info.filename, raw)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError:
        raise FormError(f"{path}: is damaged (its [Content_Types].xml cannot be read).") from None
    for override in root.iter(f"{_CT_NS}Override"):
        content_type = (override.get("ContentType") or "").strip()
        part = (override.get("PartName") or "").lstrip("/")
        if content_type in _MAIN_TYPES:
            if part not in by_name:
                raise FormError(f"{path}: is damaged (its main part {part} is missing).")
            return _MAIN_TYPES[content_type]
        if "macroenabled" in content_type.lower():
            excel = "sheet" in content_type.lower() or "excel" in content_type.lower()
            _, modern, macro = _kind_words(path, FormFormat.XLSX if excel else FormFormat.DOCX)
            raise FormError(f"{path}: contains macros ({macro}); save it as {modern}.")
        if "presentationml" in content_type:
            raise FormError(f"{path}: is a PowerPoint file, not a Word or Excel response form.")
    raise FormError(f"{path}: is not a Word or Excel file (no document or workbook part found).")


def _check_macros(
    path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], fmt: FormFormat
) -> None:
    _, modern, macro = _kind_words(path, fmt)
    for info in infos:
        lowered = info.filename.lower()
        if lowered.endswith("vbaproject.bin") or lowered.endswith("vbadata.xml"):
            raise FormError(f"{path}: contains macros ({macro}); save it as {modern}.")


def _check_contents(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Decompress every member under a cap, checking integrity and refusing DTDs."""
    budget = MAX_UNCOMPRESSED_BYTES
    for info in infos:
        if info.is_dir():
            continue
        raw = _read_member(path, archive, info, budget)
        budget -= len(raw)
        if _is_xml_name(info.filename):
            _refuse_dtd(path, info.filename, raw)


def _is_xml_name(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".xml", ".rels", ".vml"))


def _read_member(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int
) -> bytes:
    """A member's bytes, refused if it expands past its declared size or the budget."""
    cap = min(info.file_size, budget)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise FormError(
                        f"{path}: looks like a zip bomb (part {info.filename} expands "
                        "past its declared size)."
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise FormError(
            f"{path}: is truncated or damaged (part {info.filename} cannot be read)."
        ) from None
    return b"".join(chunks)


def _refuse_dtd(path: Path, name: str, raw: bytes) -> None:
    # "<!" is rare in Office XML (comments, CDATA), so one cheap search clears most parts;
    # a part in UTF-16 is checked in its own encoding.
    wide = raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4]
    if not wide and not _has_markup_declaration(raw):
        return
    if any(marker in raw for marker in _DTD_MARKERS):
        raise FormError(
            f"{path}: contains XML entity declarations, which are not allowed (in {name})."
        )


def _has_markup_declaration(raw: bytes) -> bool:
    """True if ``raw`` holds "<!" anywhere (a single-byte search for "!" is much faster)."""
    pos = raw.find(b"!")
    while pos != -1:
        if pos > 0 and raw[pos - 1] == 0x3C:  # "<"
            return True
        pos = raw.find(b"!", pos + 1)
    return False
