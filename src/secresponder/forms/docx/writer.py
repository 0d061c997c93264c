"""Writing lines of text into a place, in the formatting the place already has.

The first line replaces the placeholder (or fills the empty place); each further
line becomes a paragraph of its own, cloned from the place's paragraph
properties, with the run properties of the placeholder text.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from secresponder.forms.docx.checkboxes import find_boxes
from secresponder.forms.docx.placeholders import is_blank_or_placeholder
from secresponder.forms.docx.places import (
    AfterLabelPlace,
    CellPlace,
    ControlPlace,
    ParagraphPlace,
    Place,
)
from secresponder.forms.docx.wordml import (
    BR,
    CR,
    PPR,
    RPR,
    RSTYLE,
    SDT,
    SDTCONTENT,
    SDTPR,
    SHOWING_PLACEHOLDER,
    TAB,
    TBL,
    TCPR,
    VAL,
    XML_SPACE,
    P,
    R,
    T,
    ancestor,
    container_text,
    is_checkbox_sdt,
    paragraph_text,
    w,
)

_REVISION_MARKS = {w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("rPrChange")}
# Paragraph children that hold visible content (bookmarks and the like are kept).
_CONTENT = {
    R,
    SDT,
    w("hyperlink"),
    w("fldSimple"),
    w("smartTag"),
    w("ins"),
    w("del"),
    w("proofErr"),
    w("customXml"),
}


def _clean_rpr(rpr: etree._Element | None, *, drop_placeholder_style: bool) -> etree._Element:
    out = etree.Element(RPR) if rpr is None else copy.deepcopy(rpr)
    out.tag = RPR
    for child in list(out):
        if child.tag in _REVISION_MARKS or (
            drop_placeholder_style
            and child.tag == RSTYLE
            and "placeholder" in (child.get(VAL) or "").lower()
        ):
            out.remove(child)
    return out


def run_properties(
    scope: etree._Element, *, drop_placeholder_style: bool = False
) -> etree._Element:
    """The run properties new text in ``scope`` should take (the placeholder's, if any)."""
    first_run = None
    for r in scope.iter(R):
        if first_run is None:
            first_run = r
        if any(t.text and t.text.strip() for t in r.iter(T)):
            return _clean_rpr(r.find(RPR), drop_placeholder_style=drop_placeholder_style)
    if first_run is not None:
        return _clean_rpr(first_run.find(RPR), drop_placeholder_style=drop_placeholder_style)
    for p in scope.iter(P):
        ppr = p.find(PPR)
        mark = None if ppr is None else ppr.find(RPR)
        return _clean_rpr(mark, drop_placeholder_style=drop_placeholder_style)
    return etree.Element(RPR)


_NOT_XML = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold; carriage returns become newlines."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def make_run(rpr: etree._Element, text: str) -> etree._Element:
    """A w:r with a copy of ``rpr``; newlines become w:br and tabs w:tab."""
    text = xml_safe(text)
    run = etree.Element(R)
    if len(rpr) or rpr.attrib:
        run.append(copy.deepcopy(rpr))
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, BR)
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, TAB)
            if piece:
                t = etree.SubElement(run, T)
                t.text = piece
                if piece != piece.strip():
                    t.set(XML_SPACE, "preserve")
    return run


def make_paragraph(
    template: etree._Element | None, rpr: etree._Element, text: str
) -> etree._Element:
    """A w:p with the paragraph properties of ``template`` holding one run of ``text``."""
    p = etree.Element(P)
    ppr = None if template is None else template.find(PPR)
    if ppr is not None:
        p.append(copy.deepcopy(ppr))
    p.append(make_run(rpr, text))
    return p


def _insert_after(anchor: etree._Element, new: list[etree._Element]) -> None:
    for el in reversed(new):
        anchor.addnext(el)


def _clear_content(p: etree._Element) -> None:
    for child in list(p):
        if child.tag in _CONTENT:
            p.remove(child)


def _write_paragraph(p: etree._Element, lines: list[str]) -> None:
    controls = [s for s in p.iter(SDT) if not is_checkbox_sdt(s)]
    if controls:
        _write_control(controls[0], lines)
        return
    rpr = run_properties(p)
    _clear_content(p)
    p.append(make_run(rpr, lines[0]))
    _insert_after(p, [make_paragraph(p, rpr, line) for line in lines[1:]])


def _write_container(container: etree._Element, lines: list[str], *, replace: bool) -> None:
    blocks = [c for c in container if c.tag in (P, TBL, SDT)]
    paragraphs = [c for c in container.iter(P)]
    if replace:
        template = paragraphs[0] if paragraphs else None
        rpr = run_properties(container, drop_placeholder_style=True)
        for block in blocks:
            container.remove(block)
        for line in lines:
            container.append(make_paragraph(template, rpr, line))
        return
    template = paragraphs[-1] if paragraphs else None
    rpr = run_properties(template) if template is not None else etree.Element(RPR)
    for line in lines:
        container.append(make_paragraph(template, rpr, line))


def _write_cell(tc: etree._Element, lines: list[str]) -> None:
    if find_boxes(tc) or not is_blank_or_placeholder(container_text(tc)):
        _write_container(tc, lines, replace=False)
        return
    controls = [s for s in tc.iter(SDT) if not is_checkbox_sdt(s)]
    if len(controls) == 1:
        _write_control(controls[0], lines)
        return
    if any(c.tag == TBL for c in tc.iter(TBL)):
        _write_container(tc, lines, replace=False)
        return
    _write_container(tc, lines, replace=True)
    if tc.find(TCPR) is not None and tc[0].tag != TCPR:
        tcpr = tc.find(TCPR)
        tc.remove(tcpr)
        tc.insert(0, tcpr)


def _write_control(sdt: etree._Element, lines: list[str]) -> None:
    sdtpr = sdt.find(SDTPR)
    showing = False
    if sdtpr is not None:
        for child in list(sdtpr):
            if child.tag == SHOWING_PLACEHOLDER:
                showing = True
                sdtpr.remove(child)
            elif child.tag == w("dataBinding"):
                sdtpr.remove(child)
    content = sdt.find(SDTCONTENT)
    if content is None:
        content = etree.SubElement(sdt, SDTCONTENT)
    if any(c.tag in (P, TBL) for c in content):
        replace = showing or is_blank_or_placeholder(container_text(content))
        _write_container(content, lines, replace=replace)
        return
    rpr = run_properties(content, drop_placeholder_style=True)
    for child in list(content):
        content.remove(child)
    content.append(make_run(rpr, lines[0]))
    if len(lines) > 1:
        host = ancestor(sdt, P)
        if host is None:
            return
        _insert_after(host, [make_paragraph(host, rpr, line) for line in lines[1:]])


def _own_runs(p: etree._Element) -> list[etree._Element]:
    return [c for c in p if c.tag == R]


def _write_after_label(p: etree._Element, label_end: int, lines: list[str]) -> None:
    """Keep the first ``label_end`` characters of the paragraph's runs; replace the rest."""
    text = " ".join(lines)
    seen = 0
    cut_run: etree._Element | None = None
    for r in _own_runs(p):
        length = len(paragraph_text(r))
        if seen + length >= label_end:
            cut_run = r
            break
        seen += length
    if cut_run is None:
        return
    # Trim the cut run to the label (tabs straight after it stay: they lay the line out),
    # noting whether a placeholder shared its run.
    shared_placeholder = False
    position = seen
    removing = False
    for child in list(cut_run):
        if child.tag == T:
            piece = child.text or ""
            keep = max(0, label_end - position)
            position += len(piece)
            if keep >= len(piece) and not removing:
                continue
            if piece[keep:].strip():
                shared_placeholder = True
            removing = True
            child.text = piece[:keep]
            if not child.text:
                cut_run.remove(child)
        elif child.tag in (TAB, BR, CR):
            position += 1
            if removing or (position > label_end and child.tag != TAB):
                removing = True
                cut_run.remove(child)
    after = []
    node = cut_run.getnext()
    while node is not None:
        after.append(node)
        node = node.getnext()
    placeholder_runs = [el for el in after if el.tag in (R, SDT) and paragraph_text(el).strip()]
    if placeholder_runs:
        rpr = run_properties(placeholder_runs[0], drop_placeholder_style=True)
    else:
        rpr = _clean_rpr(cut_run.find(RPR), drop_placeholder_style=True)
        if not shared_placeholder:
            for child in list(rpr):
                if child.tag in (w("b"), w("bCs")):
                    rpr.remove(child)
    for el in after:
        if el.tag in _CONTENT:
            p.remove(el)
    label_so_far = paragraph_text(p)
    gap = "" if not label_so_far or label_so_far[-1:].isspace() else " "
    cut_run.addnext(make_run(rpr, gap + text))


def write_lines(place: Place, lines: list[str]) -> None:
    """Write ``lines`` (at least one) into ``place``."""
    lines = [line for line in lines if line is not None]
    if not lines:
        return
    if isinstance(place, CellPlace):
        _write_cell(place.cell, lines)
    elif isinstance(place, ParagraphPlace):
        _write_paragraph(place.paragraph, lines)
    elif isinstance(place, ControlPlace):
        _write_control(place.sdt, lines)
    elif isinstance(place, AfterLabelPlace):
        _write_after_label(place.paragraph, place.label_end, lines)
