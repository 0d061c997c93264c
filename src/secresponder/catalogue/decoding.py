"""Turning a saved page's bytes into text: BOMs, strict UTF-8, HTML meta charset, cp1252.

Also refuses what is plainly not a page at all (empty, binary) in one sentence.
"""

from __future__ import annotations

import codecs
import re

from secresponder.errors import InputError


class DecodeError(InputError):
    """The bytes are not text (empty or binary); the message names the source."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE
)
# Labels browsers treat as windows-1252 whatever they say.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (such as a Word or Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_page(data: bytes, source: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for a page's bytes; raise ``DecodeError`` for non-text."""
    if not data.strip():
        raise DecodeError(f"{source}: the page is empty.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(
                f"{source}: is {what}, not a SEC consultations or releases page (text or HTML)."
            )
    text, encoding = _decode(data)
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise DecodeError(
            f"{source}: is a binary file, not a SEC consultations or releases page "
            "(text or HTML)."
        )
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                return data[len(bom):].decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page's ``<meta charset>`` names, when Python knows it as a text encoding.

    Like a browser, an unknown label is ignored; so is a codec that is not a text
    encoding at all (``rot13``, ``base64``, ``zlib``), which ``bytes.decode`` refuses.
    """
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # CodecInfo marks the bytes-to-bytes and text-to-text transforms as not text encodings.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name
