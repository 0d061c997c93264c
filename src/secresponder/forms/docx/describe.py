"""Answer places described for a person: "table 2, row 4, Rationale column".

The same description names a place in a fill's report, in an inspection and in
the read-back check, so it must depend only on the original document.
"""

from __future__ import annotations

from lxml import etree

from secresponder.forms.docx.checkboxes import CheckBox
from secresponder.forms.docx.controls import COMBOBOX, DATE, DROPDOWN, control_kind, control_name
from secresponder.forms.docx.fields import DROPDOWN as LEGACY_DROPDOWN
from secresponder.forms.docx.fields import field_kind, field_name
from secresponder.forms.docx.labels import header_role
from secresponder.forms.docx.placeholders import (
    bare_question_number,
    clean,
    is_placeholder,
    offered_positions,
    split_question_number,
)
from secresponder.forms.docx.places import (
    AfterLabelPlace,
    CellPlace,
    ControlPlace,
    FormMap,
    ParagraphPlace,
    Place,
    TextBoxPlace,
)
from secresponder.forms.docx.wordml import (
    SDT,
    TBL,
    TC,
    TR,
    TXBX_CONTENT,
    R,
    ancestor,
    container_text,
    positioned_cells,
    table_rows,
)


def _row_headers(tr: etree._Element, width: int) -> dict[int, str]:
    """Header texts of a row by every grid column it covers (a merged cell covers several)."""
    cells = positioned_cells(tr)
    out: dict[int, str] = {}
    for i, (col, cell) in enumerate(cells):
        end = cells[i + 1][0] if i + 1 < len(cells) else max(width, col + 1)
        text = clean(container_text(cell)).split("\n")[0]
        for c in range(col, end):
            out[c] = text
    return out


def _headers(rows: list[etree._Element]) -> dict[int, str]:
    """Column headers by grid column from a table's first row (and a sub-header row below
    it, "Your response" over "Position | Rationale"); {} when the first row holds a question.
    """
    if not rows:
        return {}
    cells = positioned_cells(rows[0])
    first = clean(container_text(cells[0][1])).split("\n")[0] if cells else ""
    if split_question_number(first) or bare_question_number(first):
        return {}
    width = max((col + 1 for r in rows[:2] for col, _ in positioned_cells(r)), default=0)
    headers = _row_headers(rows[0], width)
    if len(rows) > 1:
        below = {c: t for c, t in _row_headers(rows[1], width).items() if t}
        if below and all(header_role(t) for t in below.values()):
            headers.update(below)
    # "Yes / No" can head a column; "[Insert response]" cannot.
    return {
        c: t
        for c, t in headers.items()
        if t and len(t) <= 40 and (offered_positions(t) or not is_placeholder(t))
    }


def _in_text_box(place: Place) -> bool:
    el = place.sdt if isinstance(place, ControlPlace) else getattr(
        place, "cell", getattr(place, "paragraph", None)
    )
    return el is not None and next(el.iterancestors(TXBX_CONTENT), None) is not None


_KINDS = {DROPDOWN: "drop-down list", COMBOBOX: "combo box", DATE: "date picker"}


class Describer:
    """Describes the places of one document (tables are numbered in document order)."""

    def __init__(self, body: etree._Element, found: FormMap | None = None) -> None:
        self._tables = {tbl: i for i, tbl in enumerate(body.iter(TBL), start=1)}
        # Per table, read before anything is written: its rows' numbers and its first
        # row's header texts by grid column (when that row reads as a header).
        self._rows: dict[etree._Element, dict[etree._Element, int]] = {}
        self._headers: dict[etree._Element, dict[int, str]] = {}
        self._cells: dict[etree._Element, list[tuple[int, etree._Element]]] = {}
        for tbl in self._tables:
            listed = table_rows(tbl)
            self._rows[tbl] = {tr: i for i, tr in enumerate(listed, start=1)}
            self._headers[tbl] = _headers(listed)
        # Rationale places that would read like their question's response place.
        self._second: set[Place] = set()
        for q in [] if found is None else found.questions:
            context = f"question {q.number}"
            if (
                q.response is not None
                and q.rationale is not None
                and self.place(q.response, context) == self.place(q.rationale, context)
            ):
                self._second.add(q.rationale)

    def _layout(self, tbl: etree._Element) -> tuple[dict[etree._Element, int], dict[int, str]]:
        return self._rows.get(tbl, {}), self._headers.get(tbl, {})

    def _cell(self, tc: etree._Element) -> str:
        tr = ancestor(tc, TR)
        tbl = None if tr is None else ancestor(tr, TBL)
        if tr is None or tbl is None:
            return "a table cell"
        rows, headers = self._layout(tbl)
        row = rows.get(tr, 0)
        where = f"table {self._tables.get(tbl, 0)}, row {row}"
        cells = self._cells.get(tr)
        if cells is None:
            cells = self._cells[tr] = positioned_cells(tr)
        column = next((col for col, c in cells if c is tc), None)
        if column is None or len(cells) < 2:
            return where
        header = headers.get(column, "") if row > 1 else ""
        if header:
            return f"{where}, {header} column"
        return f"{where}, column {column + 1}"

    def _in_cell(self, el: etree._Element) -> str | None:
        tc = ancestor(el, TC)
        return None if tc is None else self._cell(tc)

    def place(self, place: Place, context: str) -> str:
        """``place`` in words; ``context`` names what it belongs to ("question 3")."""
        where = self._place(place, context)
        if not isinstance(place, TextBoxPlace) and _in_text_box(place):
            where += ", in a text box"
        return f"second {where}" if place in self._second else where

    def _place(self, place: Place, context: str) -> str:
        if isinstance(place, CellPlace):
            return self._cell(place.cell)
        if isinstance(place, TextBoxPlace):
            return f"text box after {context}"
        if isinstance(place, ControlPlace):
            return self.control(place.sdt, context)
        if isinstance(place, AfterLabelPlace):
            return f"the text after {context}"
        if isinstance(place, ParagraphPlace):
            control = next(place.paragraph.iterancestors(SDT), None)
            if control is not None and control_name(control):
                return self.control(control, context)
            cell = self._in_cell(place.paragraph)
            return f"paragraph in {cell}" if cell else f"paragraph after {context}"
        return context

    def control(self, el: etree._Element, context: str) -> str:
        kind = field_kind(el) if el.tag == R else None
        if kind is not None:
            name = field_name(el)
            what = "legacy drop-down field" if kind == LEGACY_DROPDOWN else "legacy form field"
        else:
            name = control_name(el)
            what = _KINDS.get(control_kind(el), "content control")
        if name:
            return f"{what} '{name}'"
        cell = self._in_cell(el)
        return f"{what} in {cell}" if cell else f"{what} after {context}"

    def box(self, box: CheckBox, context: str) -> str:
        what = "legacy check box" if box.legacy else "check box"
        label = f" '{box.label}'" if box.label else ""
        return f"{what}{label} of {context}"
