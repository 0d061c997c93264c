"""Check-box content controls (w14:checkbox in a w:sdt): finding, labelling, ticking.

A box's label is the text beside it in its paragraph ("☐ Yes ☐ No" or
"Yes ☐ No ☐"); a box alone in a table cell takes the text of the cell before it
or, failing that, of the cell above it in the same column.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from lxml import etree

from secresponder.forms.docx.fields import CHECKBOX as LEGACY_CHECKBOX
from secresponder.forms.docx.fields import (
    FLDCHAR,
    FLDCHAR_TYPE,
    checkbox_checked,
    field_kind,
    set_checkbox,
)
from secresponder.forms.docx.labels import label_text
from secresponder.forms.docx.wordml import (
    CHECKBOX,
    SDT,
    SDTCONTENT,
    SDTPR,
    TBL,
    TC,
    TR,
    P,
    R,
    T,
    ancestor,
    container_text,
    is_checkbox_sdt,
    paragraph_text,
    positioned_cells,
    table_rows,
    w14,
)

CHECKED_GLYPH = "☒"
UNCHECKED_GLYPH = "☐"


@dataclass(frozen=True)
class CheckBox:
    """A check box: a w14:checkbox content control, or a legacy FORMCHECKBOX's begin run."""

    sdt: etree._Element
    label: str

    @property
    def legacy(self) -> bool:
        return self.sdt.tag == R

    @property
    def checked(self) -> bool:
        if self.legacy:
            return checkbox_checked(self.sdt)
        box = self.sdt.find(SDTPR).find(CHECKBOX)
        state = box.find(w14("checked"))
        return state is not None and state.get(w14("val"), "0") in ("1", "true", "on")


def is_box(el: etree._Element) -> bool:
    """True for a check-box content control or the begin run of a legacy check box."""
    if el.tag == SDT:
        return is_checkbox_sdt(el)
    return el.tag == R and field_kind(el) == LEGACY_CHECKBOX


def _box_sdts(element: etree._Element) -> list[etree._Element]:
    # Legacy boxes are found through their w:fldChar (few), not by testing every run.
    out = []
    for el in element.iter(SDT, FLDCHAR):
        if el.tag == SDT:
            if is_checkbox_sdt(el):
                out.append(el)
        elif el.get(FLDCHAR_TYPE) == "begin":
            run = el.getparent()
            if run is not None and is_box(run):
                out.append(run)
    if element.tag == R and is_box(element):
        out.append(element)
    return out


def _paragraph_segments(p: etree._Element) -> list[etree._Element | str]:
    """The paragraph as a sequence of check-box sdts and the text between them."""
    segments: list[etree._Element | str] = []
    text: list[str] = []
    for child in p:
        boxes = [child] if is_box(child) else _box_sdts(child)
        if not boxes:
            text.append(paragraph_text(child))
            continue
        if boxes[0] is child:
            segments.append("".join(text))
            text = []
            segments.append(child)
            continue
        # A wrapper (hyperlink, smartTag) holding boxes: split its own runs around them.
        for sub in child.iter():
            if sub in boxes:
                segments.append("".join(text))
                text = []
                segments.append(sub)
    segments.append("".join(text))
    return segments


def _labels_in_paragraph(p: etree._Element) -> dict[etree._Element, str]:
    segments = _paragraph_segments(p)
    boxes = [i for i, s in enumerate(segments) if not isinstance(s, str)]
    labels: dict[etree._Element, str] = {}
    # Text after the last box decides the layout: "☐ Yes ☐ No" vs "Yes ☐ No ☐".
    trailing_texts = [label_text(segments[i + 1]) for i in boxes]
    labels_after = bool(trailing_texts and trailing_texts[-1])
    for n, i in enumerate(boxes):
        if labels_after and trailing_texts[n]:
            labels[segments[i]] = trailing_texts[n]
        else:
            before = segments[i - 1] if i > 0 and isinstance(segments[i - 1], str) else ""
            labels[segments[i]] = label_text(before)
    return labels


def _label_from_table(sdt: etree._Element) -> str:
    tc = ancestor(sdt, TC)
    if tc is None:
        return ""
    tr = ancestor(tc, TR)
    if tr is None:
        return ""
    cells = positioned_cells(tr)
    index = next((i for i, (_, c) in enumerate(cells) if c is tc), None)
    if index is None:
        return ""
    column = cells[index][0]
    # Boxes in several cells of one row ("Question | ☐ | ☐") are labelled by the header row.
    tbl = ancestor(tr, TBL)
    if tbl is not None and sum(1 for _, c in cells if _box_sdts(c)) > 1:
        rows = table_rows(tbl)
        if rows and rows[0] is not tr:
            for col, cell in positioned_cells(rows[0]):
                if col == column and not _box_sdts(cell):
                    text = label_text(container_text(cell))
                    if text:
                        return text
    if index > 0:
        left = cells[index - 1][1]
        if not _box_sdts(left):
            text = label_text(container_text(left))
            if text:
                return text
    above = tr.getprevious()
    while above is not None and above.tag != TR:
        above = above.getprevious()
    if above is not None:
        for col, cell in positioned_cells(above):
            if col == column and not _box_sdts(cell):
                return label_text(container_text(cell))
    return ""


def text_before_boxes(p: etree._Element) -> str:
    """The text of a paragraph up to its first check box (all of it when it has none)."""
    first = _paragraph_segments(p)[0]
    return first if isinstance(first, str) else ""


def find_boxes(element: etree._Element) -> list[CheckBox]:
    """Every check box inside ``element``, in document order, with its label."""
    sdts = _box_sdts(element)
    if not sdts:
        return []
    labels: dict[etree._Element, str] = {}
    done: set[etree._Element] = set()
    for sdt in sdts:
        p = ancestor(sdt, P)
        if p is not None and p not in done:
            done.add(p)
            labels.update(_labels_in_paragraph(p))
    out = []
    for sdt in sdts:
        label = labels.get(sdt) or _label_from_table(sdt)
        out.append(CheckBox(sdt=sdt, label=label))
    return out


def set_checked(box: CheckBox, checked: bool) -> None:
    """Tick or clear a box: the w14:checked state and the glyph it shows."""
    if box.legacy:
        set_checkbox(box.sdt, checked)
        return
    spec = box.sdt.find(SDTPR).find(CHECKBOX)
    state = spec.find(w14("checked"))
    if state is None:
        state = etree.Element(w14("checked"))
        spec.insert(0, state)
    state.set(w14("val"), "1" if checked else "0")
    glyph_spec = spec.find(w14("checkedState" if checked else "uncheckedState"))
    glyph = CHECKED_GLYPH if checked else UNCHECKED_GLYPH
    if glyph_spec is not None:
        with contextlib.suppress(ValueError):
            glyph = chr(int(glyph_spec.get(w14("val"), ""), 16))
    content = box.sdt.find(SDTCONTENT)
    if content is None:
        return
    texts = list(content.iter(T))
    if not texts:
        return
    texts[0].text = glyph
    for extra in texts[1:]:
        extra.text = ""
