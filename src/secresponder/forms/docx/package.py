"""Opening a .docx package part by part and writing it back with chosen parts replaced.

The package is never rebuilt from a document model: every part keeps its name,
order, compression method and timestamp, and parts that are not replaced are
copied as their original compressed bytes, without being decompressed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
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

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<IHHHHIIH")
_ZIP32_LIMIT = 0xFFFFFFFF
_KEPT_FLAGS = 0x0806  # deflate options and the UTF-8 name flag; never a data descriptor


@dataclass
class DocxPackage:
    """The zip entries of a .docx, in their stored order; parts are read on demand."""

    path: Path
    raw: bytes
    infos: list[zipfile.ZipInfo]
    _zip: zipfile.ZipFile = field(repr=False)

    @classmethod
    def open(cls, path: Path) -> DocxPackage:
        raw = read_limited(path, MAX_DOCX_BYTES, what="Word document")
        try:
            zf = zipfile.ZipFile(io.BytesIO(raw))
            infos = zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise FormError(f"{path}: is not a readable Word document ({exc}).") from None
        package = cls(path=Path(path), raw=raw, infos=infos, _zip=zf)
        if package.part(DOCUMENT_PART) is None:
            raise FormError(f"{path}: is not a Word document (it has no {DOCUMENT_PART}).")
        return package

    def part(self, name: str) -> bytes | None:
        """The bytes of part ``name``, or None when the package has no such part."""
        try:
            return self._zip.read(name)
        except KeyError:
            return None
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise FormError(f"{self.path}: the part {name} is damaged ({exc}).") from None
        except (RuntimeError, NotImplementedError) as exc:  # encrypted or unknown method
            raise FormError(f"{self.path}: the part {name} cannot be unpacked ({exc}).") from None

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part ``name``, or None when the package has no such part."""
        data = self.part(name)
        return None if data is None else self.parse(name, data)

    def parse(self, name: str, data: bytes) -> etree._Element:
        """Parse the bytes of part ``name``; FormError when they are not well-formed XML."""
        try:
            return parse_part(data)
        except etree.XMLSyntaxError as exc:
            raise FormError(
                f"{self.path}: the part {name} is not well-formed XML ({exc})."
            ) from None

    def to_bytes(self, replaced: dict[str, bytes]) -> bytes:
        """The package with the ``replaced`` parts' bytes swapped in, all else as it was."""
        if self._raw_copy_possible(replaced):
            return self._write_raw(replaced)
        return self._write_with_zipfile(replaced)

    # -- writing -----------------------------------------------------------------

    def _raw_copy_possible(self, replaced: dict[str, bytes]) -> bool:
        if len(self.infos) >= 0xFFFF or len(self.raw) >= _ZIP32_LIMIT:
            return False
        names = set()
        for info in self.infos:
            if info.filename in names or info.flag_bits & 0x1:  # duplicates, encryption
                return False
            names.add(info.filename)
            if info.filename in replaced and info.compress_type not in (
                zipfile.ZIP_STORED,
                zipfile.ZIP_DEFLATED,
            ):
                return False
        return True

    def _stored_bytes(self, info: zipfile.ZipInfo) -> bytes:
        """The entry's data exactly as stored (still compressed)."""
        offset = info.header_offset
        header = self.raw[offset : offset + _LOCAL_HEADER.size]
        if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise FormError(f"{self.path}: the part {info.filename} is damaged (bad header).")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = offset + _LOCAL_HEADER.size + name_len + extra_len
        data = self.raw[start : start + info.compress_size]
        if len(data) != info.compress_size:
            raise FormError(f"{self.path}: the part {info.filename} is damaged (truncated).")
        return data

    def _write_raw(self, replaced: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        central: list[bytes] = []
        for info in self.infos:
            flags = info.flag_bits & _KEPT_FLAGS
            try:
                name = info.filename.encode("utf-8" if flags & 0x800 else "cp437")
            except UnicodeEncodeError:
                name = info.filename.encode("utf-8")
                flags |= 0x800
            if info.filename in replaced:
                data = replaced[info.filename]
                crc, size = zlib.crc32(data), len(data)
                if info.compress_type == zipfile.ZIP_DEFLATED:
                    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
                    data = packer.compress(data) + packer.flush()
                    flags &= ~0x0006
            else:
                data = self._stored_bytes(info)
                crc, size = info.CRC, info.file_size
            if out.tell() >= _ZIP32_LIMIT or len(data) >= _ZIP32_LIMIT or size >= _ZIP32_LIMIT:
                return self._write_with_zipfile(replaced)
            y, mo, d, h, mi, s = info.date_time
            dos_time = (h << 11) | (mi << 5) | (s // 2)
            dos_date = ((y - 1980) << 9) | (mo << 5) | d
            version = max(info.extract_version, 20)
            offset = out.tell()
            out.write(
                _LOCAL_HEADER.pack(
                    0x04034B50,
                    version,
                    flags,
                    info.compress_type,
                    dos_time,
                    dos_date,
                    crc,
                    len(data),
                    size,
                    len(name),
                    0,
                )
            )
            out.write(name)
            out.write(data)
            comment = info.comment or b""
            central.append(
                _CENTRAL_HEADER.pack(
                    0x02014B50,
                    (info.create_system << 8) | (info.create_version & 0xFF),
                    version,
                    flags,
                    info.compress_type,
                    dos_time,
                    dos_date,
                    crc,
                    len(data),
                    size,
                    len(name),
                    0,
                    len(comment),
                    0,
                    info.internal_attr,
                    info.external_attr & 0xFFFFFFFF,
                    offset,
                )
                + name
                + comment
            )
        start = out.tell()
        for record in central:
            out.write(record)
        size = out.tell() - start
        count = len(central)
        out.write(_END_RECORD.pack(0x06054B50, 0, 0, count, count, size, start, 0))
        return out.getvalue()

    def _write_with_zipfile(self, replaced: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            for info in self.infos:
                data = replaced.get(info.filename)
                if data is None:
                    data = self.part(info.filename) or b""
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
