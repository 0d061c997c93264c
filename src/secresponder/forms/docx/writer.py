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
from secresponder.forms.docx.controls import (
    COMBOBOX,
    DATE,
    DROPDOWN,
    choose_item,
    control_kind,
    format_date,
    input_controls,
    parse_date,
    set_date,
)
from secresponder.forms.docx.fields import (
    DROPDOWN as LEGACY_DROPDOWN,
)
from secresponder.forms.docx.fields import (
    dropdown_entries,
    field_kind,
    result_run_properties,
    select_dropdown,
    text_input_type,
    write_text_field,
)
from secresponder.forms.docx.placeholders import is_blank_or_placeholder, position_key
from secresponder.forms.docx.places import (
    AfterLabelPlace,
    CellPlace,
    ControlPlace,
    ParagraphPlace,
    Place,
    TextBoxPlace,
)
from secresponder.forms.docx.wordml import (
    BR,
    CR,
    MC_ALTERNATE,
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
    TXBX_CONTENT,
    VAL,
    XML_SPACE,
    P,
    R,
    T,
    ancestor,
    container_text,
    paragraph_text,
    w,
)
from secresponder.forms.errors import FormError

# Anchors of comments, bookmarks and editing permissions: kept around written text.
_ANCHOR_STARTS = {w("bookmarkStart"), w("commentRangeStart"), w("permStart")}
_ANCHOR_ENDS = {w("bookmarkEnd"), w("commentRangeEnd"), w("permEnd")}
COMMENT_REFERENCE = w("commentReference")
_GREYS = {"808080", "7f7f7f", "a6a6a6", "595959", "bfbfbf", "d9d9d9", "a5a5a5", "999999"}
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
        elif (
            drop_placeholder_style
            and child.tag == w("color")
            and ((child.get(VAL) or "").lower() in _GREYS or _grey_theme(child))
        ):
            # Grey marks a prompt ("[Insert response]" in grey, or the placeholder
            # style repeated as direct formatting); an answer is written in the text colour.
            out.remove(child)
    return out


def _grey_theme(color: etree._Element) -> bool:
    """A theme colour Word's palette shows as grey (text or background, tinted or shaded)."""
    theme = (color.get(w("themeColor")) or "").lower()
    shaded = color.get(w("themeShade")) is not None or color.get(w("themeTint")) is not None
    return theme.startswith("background") or (theme.startswith("text") and shaded)


def keeps_anchor(el: etree._Element) -> bool:
    """True for a paragraph child that anchors a comment, bookmark or permission."""
    tag = el.tag
    if tag in _ANCHOR_STARTS or tag in _ANCHOR_ENDS:
        return True
    return tag == R and el.find(COMMENT_REFERENCE) is not None


def _anchors(blocks: list[etree._Element]) -> tuple[list[etree._Element], list[etree._Element]]:
    """(starts, ends and comment references) found in ``blocks``, in document order."""
    starts: list[etree._Element] = []
    ends: list[etree._Element] = []
    for block in blocks:
        for el in block.iter():
            if el.tag in _ANCHOR_STARTS:
                starts.append(el)
            elif el.tag in _ANCHOR_ENDS or (el.tag == R and el.find(COMMENT_REFERENCE) is not None):
                ends.append(el)
    return starts, ends


def _strip_showing_placeholder(el: etree._Element) -> None:
    """Clear the placeholder flag of every content control around ``el``."""
    for sdt in el.iterancestors(SDT):
        sdtpr = sdt.find(SDTPR)
        if sdtpr is not None:
            for flag in sdtpr.findall(SHOWING_PLACEHOLDER):
                sdtpr.remove(flag)


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


_NUMBER = re.compile(r"^[-+]?[£$€]?\d[\d,]*(?:\.\d+)?%?$")
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


def _clear_content(p: etree._Element) -> int:
    """Remove a paragraph's content (anchors kept); the child index where it began."""
    children = list(p)
    removable = [c for c in children if c.tag in _CONTENT and not keeps_anchor(c)]
    if not removable:
        return len(p)
    first = children.index(removable[0])
    for child in removable:
        p.remove(child)
    return first


def _insert_run(p: etree._Element, index: int, run: etree._Element) -> None:
    """Put ``run`` at child ``index`` of ``p`` (after its properties)."""
    ppr_end = 1 if len(p) and p[0].tag == PPR else 0
    p.insert(max(index, ppr_end), run)


def _write_paragraph(p: etree._Element, lines: list[str], what: str) -> list[str]:
    controls = input_controls(p)
    if controls:
        return _write_control(controls[0], lines, what)
    rpr = run_properties(p, drop_placeholder_style=True)
    at = _clear_content(p)
    _insert_run(p, at, make_run(rpr, lines[0]))
    _strip_showing_placeholder(p)
    _insert_after(p, [make_paragraph(p, rpr, line) for line in lines[1:]])
    return lines


def _write_container(container: etree._Element, lines: list[str], *, replace: bool) -> None:
    blocks = [c for c in container if c.tag in (P, TBL, SDT)]
    paragraphs = [c for c in container.iter(P)]
    if replace:
        template = paragraphs[0] if paragraphs else None
        rpr = run_properties(container, drop_placeholder_style=True)
        starts, ends = _anchors(blocks)
        for block in blocks:
            container.remove(block)
        new = [make_paragraph(template, rpr, line) for line in lines]
        for el in starts:
            new[0].insert(len(new[0]) - 1, el)
        for el in ends:
            if el.tag == R:
                for t in list(el):
                    if t.tag == T:
                        el.remove(t)
            new[-1].append(el)
        for p in new:
            container.append(p)
        return
    template = paragraphs[-1] if paragraphs else None
    rpr = run_properties(template) if template is not None else etree.Element(RPR)
    for line in lines:
        container.append(make_paragraph(template, rpr, line))


def _write_cell(tc: etree._Element, lines: list[str], what: str) -> list[str]:
    if find_boxes(tc) or not is_blank_or_placeholder(container_text(tc)):
        _write_container(tc, lines, replace=False)
        return lines
    controls = input_controls(tc)
    if controls:
        return _write_control(controls[0], lines, what)
    if any(c.tag == TBL for c in tc.iter(TBL)):
        _write_container(tc, lines, replace=False)
        return lines
    _write_container(tc, lines, replace=True)
    if tc.find(TCPR) is not None and tc[0].tag != TCPR:
        tcpr = tc.find(TCPR)
        tc.remove(tcpr)
        tc.insert(0, tcpr)
    return lines


def _write_legacy_field(begin: etree._Element, lines: list[str], what: str) -> list[str]:
    if field_kind(begin) == LEGACY_DROPDOWN:
        wanted = " ".join(lines).strip()
        entries = dropdown_entries(begin)
        for i, entry in enumerate(entries):
            if position_key(entry) == position_key(wanted):
                select_dropdown(begin, i)
                return [entry]
        offered = ", ".join(f"'{e}'" for e in entries if e.strip()) or "none"
        raise FormError(f"{what} '{wanted}' is not one of the drop-down's items ({offered}).")
    rpr = _clean_rpr(result_run_properties(begin), drop_placeholder_style=True)
    text = "\n\n".join(lines)
    kind, picture = text_input_type(begin)
    if kind == "date":
        date = parse_date(text)
        if date is None:
            raise FormError(f"{what} '{text}' is not a date, and its form field takes a date.")
        text = format_date(date, picture or "dd/MM/yyyy")
    elif kind == "number" and not _NUMBER.match(text.strip()):
        raise FormError(f"{what} '{text}' is not a number, and its form field takes a number.")
    write_text_field(begin, [make_run(rpr, text)], what)
    return text.split("\n\n")


def _write_choice(sdt: etree._Element, kind: str, lines: list[str], what: str) -> list[str]:
    """A drop-down, combo box or date picker: the chosen item's text, nothing else."""
    wanted = " ".join(lines).strip()
    shown = set_date(sdt, wanted, what) if kind == DATE else choose_item(sdt, wanted, what)
    _write_text_control(sdt, [shown])
    return [shown]


def _write_control(sdt: etree._Element, lines: list[str], what: str) -> list[str]:
    if sdt.tag == R:
        return _write_legacy_field(sdt, lines, what)
    kind = control_kind(sdt)
    if kind in (DROPDOWN, COMBOBOX, DATE):
        return _write_choice(sdt, kind, lines, what)
    _write_text_control(sdt, lines)
    return lines


def _write_text_control(sdt: etree._Element, lines: list[str]) -> None:
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
    own_rpr = None if sdtpr is None else sdtpr.find(RPR)
    if showing and own_rpr is not None:
        # The control's own run properties are what Word gives typed text.
        rpr = _clean_rpr(own_rpr, drop_placeholder_style=True)
    else:
        rpr = run_properties(content, drop_placeholder_style=True)
    starts, ends = _anchors(list(content))
    for child in list(content):
        content.remove(child)
    for el in starts:
        content.append(el)
    host = paragraph_after_control(sdt)
    first = lines[0] if host is not None else "\n\n".join(lines)
    content.append(make_run(rpr, first))
    for el in ends:
        if el.tag == R:
            for t in list(el):
                if t.tag == T:
                    el.remove(t)
        content.append(el)
    if len(lines) > 1 and host is not None:
        _insert_after(host, [make_paragraph(host, rpr, line) for line in lines[1:]])


def paragraph_after_control(sdt: etree._Element) -> etree._Element | None:
    """The paragraph after which an inline control's further paragraphs go, or None.

    A control alone in its paragraph grows into paragraphs below it (the answer area);
    one beside other text ("Response: [control]") takes line breaks inside itself, so
    that nothing is written into the text around it.
    """
    host = ancestor(sdt, P)
    if host is None:
        return None
    for child in host:
        if child is sdt or child.tag in (PPR,) or keeps_anchor(child):
            continue
        if child.tag in _CONTENT and paragraph_text(child).strip():
            return None
    return host


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
    first_removed = None
    for el in after:
        if el.tag in _CONTENT and not keeps_anchor(el):
            if first_removed is None:
                first_removed = el
                continue
            p.remove(el)
    label_so_far = paragraph_text(p)
    if first_removed is not None:
        label_so_far = label_so_far[: len(label_so_far) - len(paragraph_text(first_removed))]
    gap = "" if not label_so_far or label_so_far[-1:].isspace() else " "
    new_run = make_run(rpr, gap + text)
    if first_removed is not None:
        first_removed.addprevious(new_run)
        p.remove(first_removed)
    else:
        cut_run.addnext(new_run)


def _write_text_box(contents: tuple[etree._Element, ...], lines: list[str]) -> None:
    """Both copies of a text box (DrawingML and VML) get the same paragraphs."""
    for content in contents:
        replace = is_blank_or_placeholder(container_text(content))
        _write_container(content, lines, replace=replace)


def sync_text_box_copies(elements: list[etree._Element]) -> None:
    """Make the other copies of each text box holding ``elements`` equal to the first.

    A text box is stored twice (DrawingML and its VML fallback); the reader reads and
    the filler writes the first, and this gives the fallback the same content.
    """
    done: set[etree._Element] = set()
    for el in elements:
        content = next(el.iterancestors(TXBX_CONTENT), None)
        alternate = None if content is None else next(content.iterancestors(MC_ALTERNATE), None)
        if alternate is None or content in done:
            continue
        done.add(content)
        copies = list(alternate.iter(TXBX_CONTENT))
        if not copies or copies[0] is not content:
            continue
        for other in copies[1:]:
            for child in list(other):
                other.remove(child)
            for child in content:
                other.append(copy.deepcopy(child))


def place_element(place: Place) -> etree._Element:
    """The element a place is written in (for finding what surrounds it)."""
    if isinstance(place, CellPlace):
        return place.cell
    if isinstance(place, (ParagraphPlace, AfterLabelPlace)):
        return place.paragraph
    if isinstance(place, ControlPlace):
        return place.sdt
    return place.contents[0]


def write_lines(place: Place, lines: list[str], what: str = "the value") -> list[str]:
    """Write ``lines`` (at least one) into ``place``; the lines as the form now shows them.

    A drop-down shows its item's own spelling and a date its picture's format. Raises
    FormError, naming ``what``, when the value cannot fit the place (not one of a
    drop-down's items, not a date, longer than a form field allows): nothing is cut or
    guessed.
    """
    lines = [xml_safe(line) for line in lines if line is not None]
    if not lines:
        return []
    if isinstance(place, CellPlace):
        written = _write_cell(place.cell, lines, what)
        _strip_showing_placeholder(place.cell)
        return written
    if isinstance(place, ParagraphPlace):
        return _write_paragraph(place.paragraph, lines, what)
    if isinstance(place, ControlPlace):
        return _write_control(place.sdt, lines, what)
    if isinstance(place, AfterLabelPlace):
        _write_after_label(place.paragraph, place.label_end, lines)
        return [" ".join(lines)]
    if isinstance(place, TextBoxPlace):
        _write_text_box(place.contents, lines)
    return lines
