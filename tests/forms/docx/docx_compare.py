"""Test helpers: reading a .docx package's parts and comparing two document trees."""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def parts(data: bytes) -> list[tuple[str, int, bytes]]:
    """(name, compression method, bytes) of every entry, in stored order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, i.compress_type, zf.read(i)) for i in zf.infolist()]


def document(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def text_of(el: etree._Element) -> str:
    out = []
    for node in el.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab" and node.getparent().tag == f"{W}r":
            out.append("\t")
        elif node.tag == f"{W}br":
            out.append("\n")
    return "".join(out)


def serial(el: etree._Element) -> bytes:
    return etree.tostring(el)


def body_blocks(root: etree._Element) -> list[etree._Element]:
    return list(root.find(f"{W}body"))


def changed_blocks(before: etree._Element, after: etree._Element) -> list[etree._Element]:
    """Body-level elements of ``before`` whose serialized XML is gone from ``after``.

    Tables that keep their place are compared cell by cell instead: the changed
    cells are returned.
    """
    old = body_blocks(before)
    new = body_blocks(after)
    a = [serial(e) for e in old]
    b = [serial(e) for e in new]
    changed: list[etree._Element] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed.extend(old[i1:i2])
    old_tables = [e for e in old if e.tag == f"{W}tbl"]
    new_tables = [e for e in new if e.tag == f"{W}tbl"]
    assert len(old_tables) == len(new_tables), "tables were added or removed"
    out: list[etree._Element] = []
    for el in changed:
        if el.tag != f"{W}tbl":
            out.append(el)
            continue
        twin = new_tables[old_tables.index(el)]
        old_cells = list(el.iter(f"{W}tc"))
        new_cells = list(twin.iter(f"{W}tc"))
        assert len(old_cells) == len(new_cells), "cells were added or removed"
        out.extend(o for o, n in zip(old_cells, new_cells, strict=True) if serial(o) != serial(n))
    return out


def checked(el: etree._Element) -> list[bool]:
    """The state of every check box under ``el``, in order."""
    return [c.get(f"{W14}val") == "1" for c in el.iter(f"{W14}checked")]


def cells_text(root: etree._Element) -> list[list[str]]:
    """Every table row (in document order) as a list of cell texts (paragraphs joined by |)."""
    rows = []
    for tr in root.iter(f"{W}tr"):
        rows.append(["|".join(text_of(p) for p in tc.iter(f"{W}p")) for tc in tr.iter(f"{W}tc")])
    return rows


def paragraphs_text(root: etree._Element) -> list[str]:
    """The text of every body-level paragraph."""
    return [text_of(p) for p in body_blocks(root) if p.tag == f"{W}p"]


def save(tmp: Path, name: str, data: bytes) -> Path:
    out = tmp / name
    out.write_bytes(data)
    return out
