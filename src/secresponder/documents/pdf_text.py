"""Text from PDF files with pypdf; encrypted and damaged files refused in one sentence."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from secresponder.documents.extracted import ExtractedText, clean_text, clean_title
from secresponder.documents.formats import PDF
from secresponder.errors import InputError


def extract_pdf(name: str, data: bytes) -> ExtractedText:
    """Every page's text layer joined; a PDF with none yields empty text (a scan)."""
    # pypdf reports recoverable oddities through logging; they are not the user's concern.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds on damaged input
        raise InputError(f"{name}: is a damaged PDF and cannot be read ({_brief(exc)}).") from None
    if encrypted and not _opens_without_password(reader):
        raise InputError(
            f"{name}: is password-protected; save an unprotected copy and attach that."
        )
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except Exception as exc:
        raise InputError(f"{name}: is a damaged PDF and cannot be read ({_brief(exc)}).") from None
    return ExtractedText(PDF, clean_text("\n\n".join(pages)), clean_title(title), len(pages))


def _opens_without_password(reader: PdfReader) -> bool:
    """Many PDFs are encrypted only to restrict printing; they open with an empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported cipher or damaged encryption dictionary
        return False


def _brief(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    return text[:120]
