"""Text from Excel (.xlsx) files with openpyxl in read-only mode: every sheet, row by row."""

from __future__ import annotations

import io

import openpyxl

from secresponder.documents.extracted import ExtractedText, clean_text, clean_title
from secresponder.documents.formats import XLSX, check_unpacked_size
from secresponder.errors import InputError


def extract_xlsx(name: str, data: bytes) -> ExtractedText:
    check_unpacked_size(name, data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # damaged parts surface as zip, XML or key errors
        raise InputError(
            f"{name}: is a damaged Excel workbook and cannot be read ({_brief(exc)})."
        ) from None
    lines: list[str] = []
    try:
        title = workbook.properties.title
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value).strip() for value in row if value is not None]
                cells = [cell for cell in cells if cell]
                if cells:
                    lines.append("\t".join(cells))
            lines.append("")
    except Exception as exc:
        raise InputError(
            f"{name}: is a damaged Excel workbook and cannot be read ({_brief(exc)})."
        ) from None
    finally:
        workbook.close()
    return ExtractedText(XLSX, clean_text("\n".join(lines)), clean_title(title))


def _brief(exc: Exception) -> str:
    return (str(exc).strip().rstrip(".") or type(exc).__name__)[:120]
