"""Extracting a document's text: recognise the format, then hand it to that format's reader."""

from __future__ import annotations

from collections.abc import Callable

from secresponder.documents.docx_text import extract_docx
from secresponder.documents.extracted import ExtractedText
from secresponder.documents.formats import DOCX, HTML, PDF, TXT, XLSX, detect_format
from secresponder.documents.html_text import extract_html
from secresponder.documents.pdf_text import extract_pdf
from secresponder.documents.plain_text import extract_plain
from secresponder.documents.xlsx_text import extract_xlsx

READERS: dict[str, Callable[[str, bytes], ExtractedText]] = {
    PDF: extract_pdf,
    DOCX: extract_docx,
    XLSX: extract_xlsx,
    HTML: extract_html,
    TXT: extract_plain,
}

NO_TEXT_LAYER = "has no text layer (a scanned document?); it is attached but not searchable"
NO_TEXT = "has no text; it is attached but not searchable"


def extract_text(name: str, data: bytes, fmt: str | None = None) -> ExtractedText:
    """The text of ``data``; ``fmt`` is detected from the bytes when not given.

    Raises InputError (one sentence naming ``name``) for unknown, damaged or
    password-protected files.
    """
    return READERS[fmt or detect_format(name, data)](name, data)


def no_text_warning(name: str, fmt: str) -> str:
    """The sentence to show when a document was attached but has nothing to search."""
    return f"{name}: {NO_TEXT_LAYER if fmt == PDF else NO_TEXT}."
