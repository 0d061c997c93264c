"""WordprocessingML names, the safe XML parser, and small read helpers over the tree.

Everything here only reads the tree: the text of a paragraph or cell, the block
items of a body (looking through content controls), the rows and cells of a
table with their grid positions.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"


def w(tag: str) -> str:
    """The Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{tag}"


def w14(tag: str) -> str:
    """The Clark name of a w14: element or attribute."""
    return f"{{{W14_NS}}}{tag}"


BODY = w("body")
P = w("p")
R = w("r")
T = w("t")
TAB = w("tab")
BR = w("br")
CR = w("cr")
PPR = w("pPr")
RPR = w("rPr")
PSTYLE = w("pStyle")
RSTYLE = w("rStyle")
NUMPR = w("numPr")
ILVL = w("ilvl")
NUMID = w("numId")
PBDR = w("pBdr")
TBL = w("tbl")
TR = w("tr")
TC = w("tc")
TCPR = w("tcPr")
TRPR = w("trPr")
GRIDSPAN = w("gridSpan")
GRIDBEFORE = w("gridBefore")
VMERGE = w("vMerge")
SDT = w("sdt")
SDTPR = w("sdtPr")
SDTCONTENT = w("sdtContent")
SHOWING_PLACEHOLDER = w("showingPlcHdr")
CUSTOM_XML = w("customXml")
HYPERLINK = w("hyperlink")
VAL = w("val")
CHECKBOX = w14("checkbox")
TXBX_CONTENT = w("txbxContent")
XML_SPACE = f"{{{XML_NS}}}space"

_TRANSPARENT = (SDT, CUSTOM_XML)


def xml_parser() -> etree.XMLParser:
    """A parser that never expands entities, reads the network or accepts huge trees."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
    )


def parse_part(data: bytes) -> etree._Element:
    """Parse one XML part; raises ``etree.XMLSyntaxError`` for malformed XML."""
    return etree.fromstring(data, parser=xml_parser())


def _inside(box: etree._Element, tags: tuple[str, ...]) -> set[etree._Element]:
    return set(box.iter(*tags))


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a paragraph: w:t pieces, tabs as '\\t', breaks as '\\n'.

    Text boxes anchored in the paragraph are not part of its text (see text_boxes).
    """
    parts: list[str] = []
    skip: set[etree._Element] = set()
    for el in p.iter(T, TAB, BR, CR, TXBX_CONTENT):
        tag = el.tag
        if tag == TXBX_CONTENT:
            skip |= _inside(el, (T, TAB, BR, CR))
        elif skip and el in skip:
            continue
        elif tag == T:
            if el.text:
                parts.append(el.text)
        elif tag == TAB:
            # w:tab also appears inside w:tabs (paragraph properties); skip those.
            if el.getparent().tag == R:
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def container_paragraphs(container: etree._Element) -> list[etree._Element]:
    """Paragraphs that are block items of ``container`` (a cell, body or sdtContent)."""
    return [el for el in block_items(container) if el.tag == P]


def container_text(container: etree._Element) -> str:
    """The text of every paragraph in a cell or content control, one per line."""
    parts: list[str] = []
    first = True
    skip: set[etree._Element] = set()
    for el in container.iter(P, T, TAB, BR, CR, TXBX_CONTENT):
        tag = el.tag
        if tag == TXBX_CONTENT:
            if el is not container:
                skip |= _inside(el, (P, T, TAB, BR, CR))
        elif skip and el in skip:
            continue
        elif tag == T:
            if el.text:
                parts.append(el.text)
        elif tag == P:
            if not first:
                parts.append("\n")
            first = False
        elif tag == TAB:
            if el.getparent().tag == R:
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def text_boxes(p: etree._Element) -> list[tuple[etree._Element, ...]]:
    """The text boxes anchored in a paragraph: each as its w:txbxContent copies.

    A DrawingML box (mc:Choice) and its VML fallback (mc:Fallback) are two copies of
    one box; both are returned together so that they are filled alike.
    """
    boxes: list[tuple[etree._Element, ...]] = []
    seen: set[etree._Element] = set()
    for content in p.iter(TXBX_CONTENT):
        if content in seen:
            continue
        group = [content]
        alternate = next(content.iterancestors(MC_ALTERNATE), None)
        if alternate is not None:
            group = [c for c in alternate.iter(TXBX_CONTENT)]
        # Boxes nested in a box belong to the outer one.
        if any(a.tag == TXBX_CONTENT for g in group for a in g.iterancestors(TXBX_CONTENT)):
            seen.update(group)
            continue
        seen.update(group)
        boxes.append(tuple(group))
    return boxes


def block_items(container: etree._Element) -> Iterator[etree._Element]:
    """The w:p and w:tbl children of a block container, looking through sdt/customXml."""
    for child in container:
        tag = child.tag
        if tag in (P, TBL):
            yield child
        elif tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                yield from block_items(content)
        elif tag == CUSTOM_XML:
            yield from block_items(child)


def _children_through(parent: etree._Element, wanted: str) -> Iterator[etree._Element]:
    for child in parent:
        tag = child.tag
        if tag == wanted:
            yield child
        elif tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                yield from _children_through(content, wanted)
        elif tag == CUSTOM_XML:
            yield from _children_through(child, wanted)


def table_rows(tbl: etree._Element) -> list[etree._Element]:
    """The rows of a table, including rows wrapped in content controls."""
    return list(_children_through(tbl, TR))


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """The cells of a row, including cells wrapped in content controls."""
    return list(_children_through(tr, TC))


def grid_before(tr: etree._Element) -> int:
    trpr = tr.find(TRPR)
    if trpr is not None:
        before = trpr.find(GRIDBEFORE)
        if before is not None:
            try:
                return max(0, int(before.get(VAL, "0")))
            except ValueError:
                return 0
    return 0


def _cell_layout(tc: etree._Element) -> tuple[int, bool]:
    """(grid span, continues a vertical merge) read from the cell's properties."""
    span = 1
    continuation = False
    for tcpr in tc:
        if tcpr.tag != TCPR:
            continue
        for prop in tcpr:
            tag = prop.tag
            if tag == GRIDSPAN:
                try:
                    span = max(1, int(prop.get(VAL, "1")))
                except ValueError:
                    span = 1
            elif tag == VMERGE:
                continuation = prop.get(VAL, "continue") == "continue"
        break
    return span, continuation


def positioned_cells(tr: etree._Element) -> list[tuple[int, etree._Element]]:
    """(grid column, cell) for each cell of a row, vertical-merge continuations left out."""
    col = grid_before(tr)
    out: list[tuple[int, etree._Element]] = []
    for tc in row_cells(tr):
        span, continuation = _cell_layout(tc)
        if not continuation:
            out.append((col, tc))
        col += span
    return out


def paragraph_style(p: etree._Element) -> str | None:
    ppr = p.find(PPR)
    if ppr is None:
        return None
    style = ppr.find(PSTYLE)
    return None if style is None else style.get(VAL)


def has_border(p: etree._Element) -> bool:
    """True for a paragraph drawn as a box (it has paragraph borders)."""
    ppr = p.find(PPR)
    return ppr is not None and ppr.find(PBDR) is not None


def is_checkbox_sdt(sdt: etree._Element) -> bool:
    sdtpr = sdt.find(SDTPR)
    return sdtpr is not None and sdtpr.find(CHECKBOX) is not None


def ancestor(el: etree._Element, tag: str) -> etree._Element | None:
    for anc in el.iterancestors(tag):
        return anc
    return None


def own_runs_text(p: etree._Element) -> str:
    """The text of the runs that are direct children of a paragraph."""
    return "".join(paragraph_text(r) for r in p if r.tag == R)
