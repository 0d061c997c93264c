"""The user's corrections applied to what the Word reader found (the reader's hook).

A paragraph or cell is named the way a person finds it: "paragraph 12" (the body's own
paragraphs, counted in order) or "table 2, row 3, cell 2" (tables counted in document
order, nested ones included, as the place descriptions count them; rows and cells as
they stand in the table). :func:`form_blocks` lists them, with their text, for the form
map; :func:`apply_corrections_to_map` applies the corrections in effect to a FormMap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from secresponder.domain.form_corrections import CorrectionKind, FormCorrection
from secresponder.forms.corrections import active_corrections
from secresponder.forms.docx.places import (
    CellPlace,
    FormMap,
    ParagraphPlace,
    Place,
    QuestionPlaces,
    RespondentPlaces,
)
from secresponder.forms.docx.wordml import (
    TBL,
    P,
    block_items,
    container_text,
    paragraph_text,
    row_cells,
    table_rows,
)

_CELL = re.compile(r"^table (\d+), row (\d+), cell (\d+)$")
_PARAGRAPH = re.compile(r"^paragraph (\d+)$")
_ANSWER = re.compile(r"^answer (\S+) (response|rationale)$")


@dataclass(frozen=True)
class Block:
    """A paragraph or table cell of the form, named for the form map."""

    name: str
    text: str
    element: etree._Element


def form_blocks(body: etree._Element) -> list[Block]:
    """The body's paragraphs and every table's cells, in document order, with their text."""
    tables = {tbl: i for i, tbl in enumerate(body.iter(TBL), start=1)}
    out: list[Block] = []
    paragraphs = 0

    def walk_table(tbl: etree._Element) -> None:
        for r, tr in enumerate(table_rows(tbl), start=1):
            for c, tc in enumerate(row_cells(tr), start=1):
                name = f"table {tables[tbl]}, row {r}, cell {c}"
                out.append(Block(name, container_text(tc).strip(), tc))
                for inner in block_items(tc):
                    if inner.tag == TBL:
                        walk_table(inner)

    for item in block_items(body):
        if item.tag == P:
            paragraphs += 1
            out.append(Block(f"paragraph {paragraphs}", paragraph_text(item).strip(), item))
        else:
            walk_table(item)
    return out


def find_block(body: etree._Element, name: str) -> etree._Element | None:
    """The paragraph or cell ``name`` points at, or None when the form has no such block."""
    if _PARAGRAPH.match(name) or _CELL.match(name):
        for block in form_blocks(body):
            if block.name == name:
                return block.element
    return None


def _place(element: etree._Element) -> Place:
    return ParagraphPlace(element) if element.tag == P else CellPlace(element)


def _question(found: FormMap, number: str) -> QuestionPlaces | None:
    return next((q for q in found.questions if q.number == number), None)


def _number_order(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 10**9, number)


def apply_corrections_to_map(found: FormMap, body: etree._Element) -> FormMap:
    """``found`` with the corrections in effect applied (changed in place and returned)."""
    corrections = active_corrections()
    for correction in corrections:
        _apply(found, body, correction)
    if any(c.kind is CorrectionKind.QUESTION or c.kind is CorrectionKind.PLACE
           for c in corrections):
        found.questions.sort(key=lambda q: _number_order(q.number))
    return found


def _apply(found: FormMap, body: etree._Element, c: FormCorrection) -> None:
    if c.kind is CorrectionKind.UNMARK:
        found.questions = [q for q in found.questions if q.number != c.target]
    elif c.kind is CorrectionKind.JOIN:
        first, second = _question(found, c.target), _question(found, c.value)
        if first is None or second is None:
            return
        first.text = f"{first.text}\n{second.text}".strip()
        first.response = first.response or second.response
        first.rationale = first.rationale or second.rationale
        first.boxes = first.boxes or second.boxes
        found.questions = [q for q in found.questions if q is not second]
    elif c.kind is CorrectionKind.QUESTION:
        element = find_block(body, c.value)
        if element is None:
            return
        text = (paragraph_text(element) if element.tag == P else container_text(element))
        question = _question(found, c.target)
        if question is None:
            found.questions.append(QuestionPlaces(c.target, text.strip()))
        else:
            question.text = text.strip()
        found.guessed_numbers.discard(c.target)
    elif c.kind is CorrectionKind.PLACE:
        element = find_block(body, c.value)
        if element is None:
            return
        place = _place(element)
        answer = _ANSWER.match(c.target)
        if answer:
            number, part = answer.groups()
            question = _question(found, number)
            if question is None:
                question = QuestionPlaces(number, "")
                found.questions.append(question)
            setattr(question, part, place)
        elif c.target.startswith("respondent "):
            key = c.target.removeprefix("respondent ")
            field = next((f for f in found.respondent if (f.key or f.label) == key), None)
            if field is None:
                found.respondent.append(RespondentPlaces(key, key, place))
            else:
                field.value = place
        found.unsure.discard(place)
