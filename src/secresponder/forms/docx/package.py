"""Opening a .docx package part by part and writing it back with chosen parts replaced.

The package is never rebuilt from a document model: every part keeps its name,
order, compression method, timestamp and bytes, except the parts the caller
replaces explicitly.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from secresponder.fileio import MB, read_limited
from secresponder.forms.docx.wordml import parse_part
from secresponder.forms.errors import FormError

DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"

# The safety checks run before this module; this limit only stops absurd inputs.
MAX_DOCX_BYTES = 200 * MB


@dataclass
class DocxPackage:
    """The zip entries of a .docx, in their stored order, with their bytes."""

    path: Path
    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]

    @classmethod
    def open(cls, path: Path) -> DocxPackage:
        raw = read_limited(path, MAX_DOCX_BYTES, what="Word document")
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                infos = zf.infolist()
                parts = {info.filename: zf.read(info) for info in infos}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise FormError(f"{path}: is not a readable Word document ({exc}).") from None
        except (RuntimeError, NotImplementedError) as exc:  # encrypted or unknown method
            raise FormError(f"{path}: cannot be unpacked ({exc}).") from None
        if DOCUMENT_PART not in parts:
            raise FormError(f"{path}: is not a Word document (it has no {DOCUMENT_PART}).")
        return cls(path=Path(path), infos=infos, parts=parts)

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part ``name``, or None when the package has no such part."""
        data = self.parts.get(name)
        if data is None:
            return None
        try:
            return parse_part(data)
        except etree.XMLSyntaxError as exc:
            raise FormError(
                f"{self.path}: the part {name} is not well-formed XML ({exc})."
            ) from None

    def to_bytes(self, replaced: dict[str, bytes]) -> bytes:
        """The package with the ``replaced`` parts' bytes swapped in, all else as it was."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for info in self.infos:
                data = replaced.get(info.filename, self.parts[info.filename])
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                copy.create_system = info.create_system
                copy.comment = info.comment
                zf.writestr(copy, data)
        return out.getvalue()


def serialize_part(root: etree._Element, original: bytes) -> bytes:
    """Serialize a part the way it was declared (UTF-8, standalone kept when present)."""
    head = original[:200]
    standalone: bool | None = None
    if b"standalone" in head:
        standalone = b'standalone="yes"' in head or b"standalone='yes'" in head
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)
