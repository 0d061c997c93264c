"""A workbook's parts as XML: which part holds each sheet, and cells written in place.

Filling never loads and resaves the workbook: only the ``sheetData`` of the sheets
that take answers is edited, and every other part of the package is copied as its
original compressed bytes (see :class:`DocxPackage`, which writes any OPC zip), so
data validations (the Excel 2010 ``x14`` kind included), conditional formats,
drawings, charts, comments and everything else a reader might not know survive.

Strings are written as inline strings (``t="inlineStr"``), so the shared strings
part is never touched.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from openpyxl.utils.cell import get_column_letter

from secresponder.forms.docx.package import DocxPackage, serialize_part
from secresponder.forms.docx.wordml import parse_part
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OFFICE_DOCUMENT = REL_NS + "/officeDocument"
CORE_PART = "docProps/core.xml"

# The most characters an Excel cell holds.
MAX_CELL_CHARS = 32_767

# Characters XML 1.0 cannot carry; Excel writes them as _xHHHH_.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile("[\ud800-\udfff]")
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def escape_cell_text(text: str) -> str:
    """``text`` as stored in a cell: forbidden characters as _xHHHH_, line ends as \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # a literal "_x0041_" in the answer must not be read back as "A"
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return _FORBIDDEN.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape_cell_text(text: str) -> str:
    """The inverse of :func:`escape_cell_text` (what Excel shows for a stored string)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def has_unstorable_characters(text: str) -> bool:
    """True when ``text`` holds a lone surrogate, which no XML part can carry."""
    return bool(_SURROGATE.search(text))


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@lru_cache(maxsize=65_536)
def split_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of an A1 reference such as "D7", or None if it is not one."""
    match = _REF.match(ref.replace("$", "").upper())
    if not match:
        return None
    return int(match.group(2)), column_index(match.group(1))


def cell_ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


@dataclass(frozen=True)
class CellWrite:
    """One value to write: a text or a whole number (None: the style alone), into a cell.

    ``style_from`` names a cell whose style a target with no style of its own takes
    (new rows of a comments log look like its first data row); ``height_from`` a row
    whose height a row with none takes.
    """

    sheet: str
    row: int
    col: int
    value: str | int | None
    style_from: tuple[int, int] | None = None
    height_from: int | None = None


@dataclass
class WorkbookParts:
    """The package's zip entries and the part name of each worksheet, by sheet title."""

    office: OfficePackage
    zip: DocxPackage
    sheet_parts: dict[str, str]
    _roots: dict[str, etree._Element] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, office: OfficePackage) -> WorkbookParts:
        try:
            archive = zipfile.ZipFile(io.BytesIO(office.data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
            raise FormError(f"{office.path}: is truncated or damaged.") from None
        package = DocxPackage(path=office.path, raw=office.data, infos=infos, _zip=archive)
        parts = cls(office, package, {})
        parts.sheet_parts = parts._find_sheet_parts()
        return parts

    def part(self, name: str) -> bytes | None:
        return self.zip.part(name)

    def xml(self, name: str) -> etree._Element:
        """The parsed part ``name`` (parsed once); FormError if missing or malformed."""
        if name not in self._roots:
            data = self.part(name)
            if data is None:
                raise FormError(f"{self.office.path}: is damaged (the part {name} is missing).")
            self._roots[name] = self.zip.parse(name, data)
        return self._roots[name]

    def sheet_xml(self, title: str) -> etree._Element:
        part = self.sheet_parts.get(title)
        if part is None:
            raise FormError(f"{self.office.path}: the sheet '{title}' has no worksheet part.")
        return self.xml(part)

    def _relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, absolute part name) for the part ``source``."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        data = self.part(rels_name)
        if data is None:
            return {}
        root = self.zip.parse(rels_name, data)
        found: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return found

    def _find_sheet_parts(self) -> dict[str, str]:
        main = next(
            (name for kind, name in self._relationships("").values() if kind == OFFICE_DOCUMENT),
            "xl/workbook.xml",
        )
        root = self.xml(main)
        rels = self._relationships(main)
        parts: dict[str, str] = {}
        for sheet in root.iter("{*}sheet"):
            rel = rels.get(sheet.get(f"{{{REL_NS}}}id") or "")
            name = sheet.get("name")
            if rel is not None and name is not None:
                parts[name] = rel[1]
        return parts

    def to_bytes(self, writes: list[CellWrite], core: bytes | None) -> bytes:
        """The package with ``writes`` applied to the sheets and ``core`` as core.xml."""
        by_sheet: dict[str, list[CellWrite]] = {}
        for write in writes:
            by_sheet.setdefault(write.sheet, []).append(write)
        replaced: dict[str, bytes] = {}
        for title, sheet_writes in by_sheet.items():
            part = self.sheet_parts[title]
            root = self.sheet_xml(title)
            SheetEditor(root).apply(sheet_writes)
            replaced[part] = serialize_part(root, self.part(part) or b"")
        if core is not None and self.part(CORE_PART) is not None:
            replaced[CORE_PART] = core
        return self.zip.to_bytes(replaced)


class SheetEditor:
    """Writes cells into a worksheet's ``sheetData``, keeping rows and cells in order."""

    def __init__(self, root: etree._Element) -> None:
        self.ns = etree.QName(root).namespace or ""
        self.root = root
        data = root.find(self._q("sheetData"))
        if data is None:
            data = etree.SubElement(root, self._q("sheetData"))
        self.data = data
        self.rows: dict[int, etree._Element] = {}
        self._number_everything()

    def _q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}" if self.ns else tag

    def _number_everything(self) -> None:
        # Row and cell references are optional; give every one its implicit number so
        # that an inserted row or cell cannot shift the ones after it.
        row_number = 0
        for row in self.data.iterchildren(self._q("row")):
            row_number = int(row.get("r") or row_number + 1)
            row.set("r", str(row_number))
            self.rows[row_number] = row
            col = 0
            for cell in row.iterchildren(self._q("c")):
                found = split_ref(cell.get("r") or "")
                col = found[1] if found else col + 1
                if not found:
                    cell.set("r", cell_ref(row_number, col))

    def cell(self, row: int, col: int) -> etree._Element | None:
        element = self.rows.get(row)
        if element is None:
            return None
        ref = cell_ref(row, col)
        for cell in element.iterchildren(self._q("c")):
            if cell.get("r") == ref:
                return cell
        return None

    def _row(self, row: int) -> etree._Element:
        element = self.rows.get(row)
        if element is not None:
            return element
        element = etree.Element(self._q("row"))
        element.set("r", str(row))
        after = [r for r in self.rows if r > row]
        if after:
            self.rows[min(after)].addprevious(element)
        else:
            self.data.append(element)
        self.rows[row] = element
        return element

    def _cell(self, row: int, col: int) -> etree._Element:
        found = self.cell(row, col)
        if found is not None:
            return found
        row_element = self._row(row)
        cell = etree.Element(self._q("c"))
        cell.set("r", cell_ref(row, col))
        for other in row_element.iterchildren(self._q("c")):
            position = split_ref(other.get("r") or "")
            if position is not None and position[1] > col:
                other.addprevious(cell)
                break
        else:
            last = row_element.find(self._q("extLst"))
            if last is not None:
                last.addprevious(cell)
            else:
                row_element.append(cell)
        _widen_spans(row_element, col)
        return cell

    def apply(self, writes: list[CellWrite]) -> None:
        for write in writes:
            if write.height_from is not None:
                self._copy_height(write.height_from, write.row)
            cell = self._cell(write.row, write.col)
            if write.style_from is not None and cell.get("s") in (None, "0"):
                source = self.cell(*write.style_from)
                if source is not None and source.get("s") not in (None, "0"):
                    cell.set("s", source.get("s") or "0")
            if write.value is not None:
                self._set_value(cell, write.value)

    def _copy_height(self, source_row: int, row: int) -> None:
        source = self.rows.get(source_row)
        if source is None or source.get("ht") is None:
            return
        target = self._row(row)
        if target.get("ht") is None:
            target.set("ht", source.get("ht") or "")
            if source.get("customHeight") is not None:
                target.set("customHeight", source.get("customHeight") or "1")

    def _set_value(self, cell: etree._Element, value: str | int) -> None:
        for child in list(cell):
            if etree.QName(child).localname in ("f", "v", "is"):
                cell.remove(child)
        cell.attrib.pop("vm", None)  # value metadata belongs to the value replaced
        ext = cell.find(self._q("extLst"))
        if isinstance(value, int):
            cell.attrib.pop("t", None)
            v = etree.Element(self._q("v"))
            v.text = str(value)
            _insert_before(cell, v, ext)
            return
        cell.set("t", "inlineStr")
        inline = etree.Element(self._q("is"))
        t = etree.SubElement(inline, self._q("t"))
        t.text = escape_cell_text(value)
        t.set(XML_SPACE, "preserve")
        _insert_before(cell, inline, ext)


def _insert_before(parent: etree._Element, child: etree._Element, ext: etree._Element | None):
    if ext is not None:
        ext.addprevious(child)
    else:
        parent.append(child)


def _widen_spans(row: etree._Element, col: int) -> None:
    """Keep a row's optional "spans" hint covering a cell added to it."""
    spans = row.get("spans")
    if not spans or ":" not in spans or " " in spans.strip():
        return
    low, _, high = spans.partition(":")
    try:
        lo, hi = int(low), int(high)
    except ValueError:
        return
    row.set("spans", f"{min(lo, col)}:{max(hi, col)}")


def core_part(parts: WorkbookParts) -> bytes | None:
    """The package's core properties part, or None."""
    return parts.part(CORE_PART)


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML bytes with the safe parser (no entities, no network)."""
    return parse_part(data)
