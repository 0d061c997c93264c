"""Text files: UTF-8 (with or without BOM) or UTF-16 with BOM, else Windows-1252."""

from __future__ import annotations

from secresponder.documents.extracted import ExtractedText, clean_text
from secresponder.documents.formats import TXT
from secresponder.errors import InputError


def extract_plain(name: str, data: bytes) -> ExtractedText:
    return ExtractedText(TXT, clean_text(decode_text(name, data)))


def decode_text(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: is not readable text (bad UTF-16).") from None
    if b"\x00" in data:
        raise InputError(f"{name}: contains binary data, so it is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
