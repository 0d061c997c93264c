"""Which document formats can be attached, and recognising a file's format from its bytes.

The bytes decide, not the name: a PDF renamed ``.txt`` is still read as a PDF,
and a Word or Excel file saved with a password (an OLE container rather than a
zip) is named as such instead of failing deep inside a parser.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from secresponder.errors import InputError

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
HTML = "html"
TXT = "txt"
FORMATS: tuple[str, ...] = (PDF, DOCX, XLSX, HTML, TXT)

DESCRIPTIONS: dict[str, str] = {
    PDF: "PDF",
    DOCX: "Word document",
    XLSX: "Excel workbook",
    HTML: "web page",
    TXT: "text file",
}

# Content types a download may declare, and the format each means.
CONTENT_TYPES: dict[str, str] = {
    "application/pdf": PDF,
    "application/x-pdf": PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": XLSX,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TXT,
}
# Declared by servers that do not know better; the bytes then decide.
GENERIC_CONTENT_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", ""})

_EXTENSIONS: dict[str, str] = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".docm": DOCX,
    ".xlsx": XLSX,
    ".xlsm": XLSX,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".txt": TXT,
    ".text": TXT,
    ".md": TXT,
    ".csv": TXT,
}
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_STARTS = (b"<!doctype html", b"<html")


def content_type_format(content_type: str | None, source: str) -> str | None:
    """The format a Content-Type header names, None if generic; InputError if refused."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in GENERIC_CONTENT_TYPES:
        return None
    if media in CONTENT_TYPES:
        return CONTENT_TYPES[media]
    raise InputError(
        f"{source}: the server sent {media!r}, which is not a PDF, Word, Excel, web page "
        f"or text file, so it was not downloaded."
    )


def detect_format(name: str, data: bytes) -> str:
    """The format of ``data`` (named ``name`` for messages), or InputError in one sentence."""
    head = data[:1024]
    suffix = PurePath(name).suffix.lower()
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and suffix == ".pdf"):
        return PDF
    if head.startswith(_OLE_MAGIC):
        raise InputError(_ole_problem(name, data, suffix))
    if head.startswith(_ZIP_MAGIC):
        return _zip_format(name, data)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text, as Notepad saves it
        return HTML if _EXTENSIONS.get(suffix) == HTML else TXT
    if b"\x00" in head:
        raise InputError(
            f"{name}: is not a PDF, Word, Excel, web page or text file, so it cannot be attached."
        )
    by_name = _EXTENSIONS.get(suffix)
    if by_name in (PDF, DOCX, XLSX):
        raise InputError(f"{name}: is named like a {DESCRIPTIONS[by_name]} but is not one.")
    if by_name in (HTML, TXT):
        return by_name
    if _looks_like_html(head):
        return HTML
    if suffix == "":
        return TXT
    raise InputError(
        f"{name}: {suffix} files cannot be attached; use a PDF, Word (.docx), Excel (.xlsx), "
        f"web page (.html) or text (.txt) file."
    )


def extension_for(fmt: str) -> str:
    return f".{fmt}"


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(_HTML_STARTS) or (start.startswith(b"<") and b"<html" in start)


def _zip_format(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"{name}: is a damaged Office (zip) file and cannot be read.") from None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise InputError(f"{name}: is a zip archive, not a Word (.docx) or Excel (.xlsx) file.")


def _ole_problem(name: str, data: bytes, suffix: str) -> str:
    """Why an OLE container cannot be attached: a password, or an old Office format."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return f"{name}: is password-protected; save an unprotected copy and attach that."
    kind = {".doc": "a Word 97-2003 (.doc)", ".xls": "an Excel 97-2003 (.xls)"}.get(
        suffix, "an old-style Office (97-2003)"
    )
    return f"{name}: is {kind} file; save it as .docx or .xlsx and attach that."


# An Office file may unpack to far more than its size; refuse obvious zip bombs.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024


def check_unpacked_size(name: str, data: bytes, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a zip-based file whose contents would unpack to more than ``limit`` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"{name}: is a damaged Office (zip) file and cannot be read.") from None
    if total > limit:
        raise InputError(
            f"{name}: would unpack to {total // (1024 * 1024)} MB, more than a document should; "
            f"it was not attached."
        )
