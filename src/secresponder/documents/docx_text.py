"""Text from Word (.docx) files with python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from secresponder.documents.extracted import ExtractedText, clean_text, clean_title
from secresponder.documents.formats import DOCX, check_unpacked_size
from secresponder.errors import InputError


def extract_docx(name: str, data: bytes) -> ExtractedText:
    check_unpacked_size(name, data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document))
        title = document.core_properties.title
    except InputError:
        raise
    except Exception as exc:  # damaged parts surface as zip, XML or key errors
        raise InputError(
            f"{name}: is a damaged Word document and cannot be read ({_brief(exc)})."
        ) from None
    return ExtractedText(DOCX, clean_text("\n".join(lines)), clean_title(title))


def _body_lines(document: DocxDocument):
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_lines(block)


def _table_lines(table: Table):
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            # Merged cells repeat their text in every grid position they span.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            yield "\t".join(cells)


def _brief(exc: Exception) -> str:
    return (str(exc).strip().rstrip(".") or type(exc).__name__)[:120]
