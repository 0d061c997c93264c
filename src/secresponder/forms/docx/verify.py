"""Reading a filled .docx back: every value at its place, everything else as it was.

The original form is read again with the same reader, and the filled
document.xml is walked beside it. Outside the answer places the two trees must
be equal element by element (the places themselves, and the paragraphs a
multi-paragraph answer adds after its place, are set aside); inside each place
the value the report names must be found. Every other zip entry must keep its
bytes. Each problem is one sentence; an empty list means the output is right.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import FillReport, Placement, respondent_item
from secresponder.forms.docx.checkboxes import CheckBox
from secresponder.forms.docx.controls import DATE, control_kind, date_value, input_controls
from secresponder.forms.docx.describe import Describer
from secresponder.forms.docx.fields import (
    DROPDOWN as LEGACY_DROPDOWN,
)
from secresponder.forms.docx.fields import (
    dropdown_value,
    field_end,
    field_kind,
    field_result_text,
)
from secresponder.forms.docx.filler import PARAGRAPH_JOIN
from secresponder.forms.docx.package import CORE_PART, DOCUMENT_PART
from secresponder.forms.docx.places import (
    AfterLabelPlace,
    CellPlace,
    ControlPlace,
    FormMap,
    ParagraphPlace,
    Place,
    TextBoxPlace,
)
from secresponder.forms.docx.reader import load_form
from secresponder.forms.docx.wordml import (
    BODY,
    MC_ALTERNATE,
    SDT,
    SDTCONTENT,
    SDTPR,
    SHOWING_PLACEHOLDER,
    TBL,
    TXBX_CONTENT,
    P,
    R,
    container_text,
    paragraph_text,
    parse_part,
)
from secresponder.forms.docx.writer import paragraph_after_control

_MAX_PROBLEMS = 5


def _squash(text: str) -> str:
    return " ".join(text.split())


def _siblings(found: FormMap) -> dict[etree._Element, list[etree._Element]]:
    """For each box, every box of its group (ticking one clears the others)."""
    out: dict[etree._Element, list[etree._Element]] = {}
    for boxes in [f.boxes for f in found.respondent] + [q.boxes for q in found.questions]:
        elements = [b.sdt for b in boxes]
        for el in elements:
            out[el] = elements
    return out


# (what the place serves: "question 3" or "respondent email", its description, the place)
Entry = tuple[str, str, "Place | CheckBox"]


def _places(found: FormMap, describe: Describer) -> list[Entry]:
    """Every place of the original as (owner, description, place), in document order."""
    out: list[Entry] = []
    groups = [
        (f"the label '{f.label}'", respondent_item(f.key or f.label), f.value, f.boxes)
        for f in found.respondent
    ]
    groups += [
        (f"question {q.number}", f"question {q.number}", p, q.boxes)
        for q in found.questions
        for p in (q.response, q.rationale)
    ]
    for context, owner, place, boxes in groups:
        for box in boxes:
            out.append((owner, describe.box(box, context), box))
        if place is not None:
            out.append((owner, describe.place(place, context), place))
    return out


def _context(item: str) -> str:
    """The context a placement's item was described in ("question 3", "the label ...")."""
    if item.startswith("answer "):
        return "question " + item.split(" ")[1]
    return ""


def _find(
    placement: Placement, places: list[Entry], claimed: dict[int, set[str]]
) -> Place | CheckBox | None:
    """The place a placement names; places named alike (two fields called 'Text1') are
    taken in document order, as the filler wrote them."""
    owner = _context(placement.item) or placement.item
    for entry_owner, where, place in places:
        if where != placement.where or entry_owner != owner:
            continue
        items = claimed.setdefault(id(place), set())
        if placement.item in items:
            continue  # the same value again: the next place of that description
        items.add(placement.item)
        return place
    return None


def _anchor(place: Place | CheckBox) -> list[etree._Element]:
    """The original elements a place may change (compared only through the value)."""
    if isinstance(place, CheckBox):
        return [place.sdt]
    if isinstance(place, CellPlace):
        return [place.cell]
    if isinstance(place, ParagraphPlace):
        return [place.paragraph]
    if isinstance(place, AfterLabelPlace):
        return [place.paragraph]
    if isinstance(place, TextBoxPlace):
        return list(place.contents)
    return [place.sdt]


def _grows_after(place: Place) -> etree._Element | None:
    """The paragraph after which a multi-line answer adds paragraphs (None: it stays inside)."""
    if isinstance(place, ParagraphPlace):
        controls = input_controls(place.paragraph)  # as the writer finds them
        if not controls:
            return place.paragraph
        place = ControlPlace(controls[0])
    if isinstance(place, ControlPlace) and place.sdt.tag == SDT:
        content = place.sdt.find(SDTCONTENT)
        if content is not None and any(c.tag in (P, TBL) for c in content):
            return None
        return paragraph_after_control(place.sdt)
    return None


class _Walk:
    """Walks the original and the filled tree side by side."""

    def __init__(self, anchors: set[etree._Element], grows: dict[etree._Element, int]) -> None:
        self.anchors = anchors
        self.grows = grows
        # Elements holding no place are compared whole, as serialized XML (fast).
        self.dirty: set[etree._Element] = set()
        for anchor in anchors:
            for el in (anchor, *anchor.iterancestors()):
                if el in self.dirty:
                    break
                self.dirty.add(el)
                if el.tag == SDT and el.find(SDTPR) is not None:
                    # Filling clears the placeholder flag of a control around a place.
                    self.dirty.add(el.find(SDTPR))
        self.mapped: dict[etree._Element, etree._Element] = {}
        self.added: dict[etree._Element, list[etree._Element]] = {}
        self.problem: str | None = None

    def fail(self, a: etree._Element, why: str) -> None:
        if self.problem is None:
            where = paragraph_text(a)[:40] if a.tag == P else ""
            near = f" near '{where}'" if where.strip() else ""
            self.problem = f"the form's content changed outside the answer places{near} ({why})"

    def compare(self, a: etree._Element, b: etree._Element) -> None:
        if self.problem is not None:
            return
        if a.tag != b.tag:
            self.fail(a, "an element was replaced")
            return
        if a in self.anchors:
            self.mapped[a] = b
            return
        if a not in self.dirty:
            if etree.tostring(a, with_tail=False) != etree.tostring(b, with_tail=False):
                self.fail(a, "an element differs")
            return
        self.mapped[a] = b
        if dict(a.attrib) != dict(b.attrib) or (a.text or "") != (b.text or ""):
            self.fail(a, "an element's attributes or text differ")
            return
        left = [c for c in a if c.tag != SHOWING_PLACEHOLDER]
        right = [c for c in b if c.tag != SHOWING_PLACEHOLDER]
        i = j = 0
        while i < len(left):
            if j >= len(right):
                self.fail(a, "content was removed")
                return
            x, y = left[i], right[j]
            if x in self.anchors and x.tag == R and field_kind(x) is not None:
                # A legacy field: its result runs may change; skip both to the field's end.
                end_x = field_end(x)
                end_y = field_end(y) if y.tag == R and field_kind(y) is not None else None
                if (end_x is None) != (end_y is None):
                    self.fail(a, "a form field lost its end")
                    return
                self.mapped[x] = y
                if end_x is None or end_y is None:
                    return  # a field left open runs to the end of its paragraph
                i, j = left.index(end_x) + 1, right.index(end_y) + 1
                continue
            self.compare(x, y)
            if (x.tail or "").strip() != (y.tail or "").strip():
                self.fail(a, "text between elements differs")
            extra = self.grows.get(x, 0)
            if extra:
                self.added[x] = right[j + 1 : j + 1 + extra]
            i += 1
            j += 1 + extra
        if j != len(right) and self.problem is None:
            self.fail(a, "content was added")


def _text_box_mirrors(
    anchors: set[etree._Element],
) -> dict[etree._Element, list[etree._Element]]:
    """For each text box's first copy holding a place, its other copies (filled alike)."""
    out: dict[etree._Element, list[etree._Element]] = {}
    for anchor in anchors:
        content = next(anchor.iterancestors(TXBX_CONTENT), None)
        alternate = None if content is None else next(content.iterancestors(MC_ALTERNATE), None)
        if alternate is None or content in out:
            continue
        copies = list(alternate.iter(TXBX_CONTENT))
        if copies and copies[0] is content:
            out[content] = copies[1:]
    return out


def _map_nested(anchors: set[etree._Element], walk: _Walk) -> None:
    """Map anchors inside other anchors (a box in a filled cell) by their path inside it."""
    for anchor in anchors:
        if anchor in walk.mapped:
            continue
        path: list[int] = []
        node = anchor
        while node is not None and node not in walk.mapped:
            parent = node.getparent()
            if parent is None:
                break
            path.append(parent.index(node))
            node = parent
        if node is None or node not in walk.mapped:
            continue
        target: etree._Element | None = walk.mapped[node]
        for index in reversed(path):
            if target is None or index >= len(target):
                target = None
                break
            target = target[index]
        if target is not None and target.tag == anchor.tag:
            walk.mapped[anchor] = target


def _value_text(place: Place | CheckBox, walk: _Walk) -> str:
    """What the filled document shows at ``place``."""
    if isinstance(place, CheckBox):
        return ""
    parts: list[str] = []
    for anchor in _anchor(place):
        filled = walk.mapped.get(anchor)
        if filled is None:
            continue
        if anchor.tag == R and field_kind(anchor) is not None:
            if field_kind(anchor) == LEGACY_DROPDOWN:
                parts.append(dropdown_value(filled))
            else:
                parts.append(field_result_text(filled))
        elif anchor.tag == P:
            parts.append(paragraph_text(filled))
        else:
            parts.append(container_text(filled))
    grows = _grows_after(place) if not isinstance(place, CheckBox) else None
    if grows is not None:
        parts += [paragraph_text(p) for p in walk.added.get(grows, [])]
    return "\n".join(parts)


def _check_value(placement: Placement, place: Place | CheckBox, walk: _Walk) -> str | None:
    """One sentence when ``placement``'s value is not found at its place."""
    if isinstance(place, CheckBox):
        filled = walk.mapped.get(place.sdt)
        if filled is None or not CheckBox(filled, place.label).checked:
            return f"{placement.item}: the box at {placement.where} is not ticked"
        return None
    shown = _squash(_value_text(place, walk))
    if isinstance(place, ControlPlace) and place.sdt.tag == SDT:
        filled = walk.mapped.get(place.sdt)
        if filled is not None and control_kind(filled) == DATE and not date_value(filled):
            return f"{placement.item}: the date picker at {placement.where} holds no date"
    wanted = [_squash(part) for part in placement.value.split(PARAGRAPH_JOIN)]
    position = 0
    for part in wanted:
        at = shown.find(part, position) if part else position
        if at < 0:
            return f"{placement.item}: its text was not found at {placement.where}"
        position = at + len(part)
    return None


def _entries_problems(original: bytes, filled: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(filled)) as b:
        names_a = [i.filename for i in a.infolist()]
        names_b = [i.filename for i in b.infolist()]
        if names_a != names_b:
            return ["the package's parts are not the original's"]
        problems = []
        for name in names_a:
            if name in (DOCUMENT_PART, CORE_PART):
                continue
            if a.read(name) != b.read(name):
                problems.append(f"the part {name} changed")
        return problems


def verify_docx(original_path: Path, filled_bytes: bytes, report: FillReport) -> list[str]:
    """What is wrong with ``filled_bytes`` against the original form (empty when right)."""
    loaded = load_form(Path(original_path))
    problems = _entries_problems(loaded.package.raw, filled_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(filled_bytes)) as zf:
            filled_root = parse_part(zf.read(DOCUMENT_PART))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return [*problems, "the filled document cannot be read"]
    describe = Describer(loaded.document.find(BODY), loaded.map)
    places = _places(loaded.map, describe)
    found: list[tuple[Placement, Place | CheckBox]] = []
    claimed: dict[int, set[str]] = {}
    for placement in report.placed:
        place = _find(placement, places, claimed)
        if place is None:
            problems.append(f"{placement.item}: the form has no place '{placement.where}'")
            continue
        found.append((placement, place))
    anchors: set[etree._Element] = set()
    lines: dict[etree._Element, int] = defaultdict(int)
    siblings = _siblings(loaded.map)
    for placement, place in found:
        anchors.update(_anchor(place))
        if isinstance(place, CheckBox):
            anchors.update(siblings.get(place.sdt, ()))
        else:
            grows = _grows_after(place)
            if grows is not None:
                lines[grows] += len(placement.value.split(PARAGRAPH_JOIN))
    mirrors = _text_box_mirrors(anchors)
    anchors.update(other for others in mirrors.values() for other in others)
    # A place written with n lines adds n - 1 paragraphs after it.
    grows_by = {el: n - 1 for el, n in lines.items() if n > 1}
    walk = _Walk(anchors, grows_by)
    walk.compare(loaded.document, filled_root)
    _map_nested(anchors, walk)
    if walk.problem is None:
        for first, others in mirrors.items():
            shown = walk.mapped.get(first)
            for other in others:
                copy = walk.mapped.get(other)
                if shown is None or copy is None or container_text(copy) != container_text(shown):
                    walk.problem = "the two copies of a text box do not hold the same text"
    if walk.problem is not None:
        problems.append(walk.problem)
    else:
        for placement, place in found:
            problem = _check_value(placement, place, walk)
            if problem is not None:
                problems.append(problem)
    return problems[:_MAX_PROBLEMS]
