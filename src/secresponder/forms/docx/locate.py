"""Finding respondent fields and questions in a document body, with their answer places.

One pass over the body's block items (paragraphs and tables, looking through
content controls) recognises the layouts response forms use:

- a question table (No. / Question / Response / Rationale columns, header optional,
  a two-row header, repeated header rows);
- one small table per question (question in a merged top row, answer rows below);
- label rows ("Q1: ..." merged, or beside a merged "Q1:" cell) each over answer rows;
- numbered question paragraphs ("Q1:", "1.", "Question 3" or Word list numbering),
  with lettered options, or put as a request ("Please provide..."), followed by an
  answer box, a text box, a content control or legacy form field, a placeholder or an
  empty paragraph;
- respondent details as label/value table rows, "Label: value" paragraphs or questions
  ("Do you wish your response to be treated as confidential? Yes / No");
- layout tables and text boxes holding any of these.

Places the reader guesses are recorded in ``FormMap.unsure``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from lxml import etree

from secresponder.forms.docx.checkboxes import CheckBox, find_boxes, text_before_boxes
from secresponder.forms.docx.controls import control_options, input_controls
from secresponder.forms.docx.fields import (
    DROPDOWN as LEGACY_DROPDOWN,
)
from secresponder.forms.docx.fields import (
    FLDCHAR,
    FLDCHAR_TYPE,
    dropdown_entries,
    field_kind,
    field_result_text,
    field_runs,
)
from secresponder.forms.docx.labels import (
    answer_row_role,
    header_role,
    label_text,
    plausible_label,
    respondent_key,
)
from secresponder.forms.docx.placeholders import (
    bare_question_number,
    clean,
    is_blank,
    is_blank_or_placeholder,
    is_placeholder,
    offered_positions,
    split_question_number,
    strip_glyphs,
)
from secresponder.forms.docx.places import (
    AfterLabelPlace,
    CellPlace,
    ControlPlace,
    FormMap,
    ParagraphPlace,
    Place,
    QuestionPlaces,
    RespondentPlaces,
    TextBoxPlace,
)
from secresponder.forms.docx.wordml import (
    SDT,
    SDTPR,
    SHOWING_PLACEHOLDER,
    TBL,
    TXBX_CONTENT,
    P,
    R,
    block_items,
    container_text,
    has_border,
    own_runs_text,
    paragraph_style,
    paragraph_text,
    positioned_cells,
    table_rows,
    text_boxes,
)

Cells = list[tuple[int, etree._Element]]


# Cell texts are read several times during one scan; each thread scans with its own cache.
_SCAN = threading.local()


def _text(container: etree._Element) -> str:
    """Cell text: non-blank lines, cleaned, joined with newlines (cached during a scan)."""
    cache: dict[etree._Element, str] | None = getattr(_SCAN, "texts", None)
    if cache is None:
        cache = _SCAN.texts = {}
    cached = cache.get(container)
    if cached is not None:
        return cached
    raw = container_text(container)
    if "\n" in raw:
        lines = (clean(line) for line in raw.split("\n"))
        text = "\n".join(line for line in lines if line)
    else:
        text = clean(raw)
    cache[container] = text
    return text


def _controls(el: etree._Element) -> list[etree._Element]:
    return input_controls(el)


def _label_text(tc: etree._Element) -> str:
    """A cell's text as a label: what its controls or form fields show is not part of it."""
    if next(tc.iter(SDT, FLDCHAR), None) is None:
        return _text(tc)
    controls = _controls(tc)
    return clean(_text_outside_all(tc, controls)) if controls else _text(tc)


def _cell_place(tc: etree._Element) -> Place:
    """A cell holding one control and nothing else is that control's place."""
    if next(tc.iter(SDT, FLDCHAR), None) is None:
        return CellPlace(tc)
    controls = _controls(tc)
    if (
        len(controls) == 1
        and not find_boxes(tc)
        and is_blank_or_placeholder(_text_outside_all(tc, controls))
        and not any(True for _ in tc.iter(TBL))
    ):
        return ControlPlace(controls[0])
    return CellPlace(tc)


def _text_outside_all(container: etree._Element, controls: list[etree._Element]) -> str:
    return "".join(_text_outside(p, controls) for p in container.iter(P))


def _shows_placeholder(control: etree._Element) -> bool:
    """True for a control still waiting for its value."""
    if control.tag == R:
        return field_kind(control) == LEGACY_DROPDOWN or is_blank_or_placeholder(
            field_result_text(control)
        )
    sdtpr = control.find(SDTPR)
    return sdtpr is not None and sdtpr.find(SHOWING_PLACEHOLDER) is not None


def control_choices(control: etree._Element) -> tuple[str, ...]:
    """The items a drop-down place offers (legacy or content control); () for others."""
    if control.tag == R:
        if field_kind(control) == LEGACY_DROPDOWN:
            return tuple(e for e in dropdown_entries(control) if e.strip())
        return ()
    return control_options(control)


def _place_choices(place: Place | None) -> tuple[str, ...]:
    return control_choices(place.sdt) if isinstance(place, ControlPlace) else ()


def _text_outside(p: etree._Element, controls: list[etree._Element]) -> str:
    """A paragraph's text without its controls' and legacy fields' own text."""
    legacy = [
        fc.getparent()
        for fc in p.iter(FLDCHAR)
        if fc.get(FLDCHAR_TYPE) == "begin" and field_kind(fc.getparent()) is not None
    ]
    if not controls and not legacy:
        return paragraph_text(p)
    skip: set[etree._Element] = set(controls)
    for begin in legacy:
        skip |= field_runs(begin)
    return "".join(paragraph_text(child) for child in p if child not in skip)


_INLINE_OPTIONS = re.compile(r"\?\s+\(?[aA][.)]\s")
_LETTERED = re.compile(r"^\(?([a-hA-H]|i{1,3}|iv|v)[.)]\s+(\S.*)$")
_LETTERED_INLINE = re.compile(r"\(?\b[a-hA-H][.)]\s+")
_REQUEST = re.compile(
    r"^(?:please\s+|we\s+(?:would\s+)?welcome\s+|we\s+invite\s+|you\s+may\s+)?"
    r"(?:provide|explain|describe|give|set\s+out|outline|state|share|comment|list|"
    r"identify|tell\s+us|detail|add|include|let\s+us\s+know|views?|any\s+(?:other|further))\b",
    re.IGNORECASE,
)


def _split_offered(text: str) -> tuple[str, tuple[str, ...]]:
    """A question without the options after its "?" ("a) Yes b) No", "Yes / No"), and them."""
    mark = text.rfind("?")
    if mark < 0 or mark == len(text) - 1:
        return text, ()
    tail = text[mark + 1 :]
    options = lettered_options(tail) if _INLINE_OPTIONS.search(text[mark:]) else ()
    options = options or offered_positions(tail)
    return (clean(text[: mark + 1]), options) if options else (text, ())


def lettered_options(text: str) -> tuple[str, ...]:
    """("Yes", "No") for "a) Yes b) No" or one lettered line "a) Yes"; () otherwise."""
    body = clean(text)
    pieces = [t.strip() for t in _LETTERED_INLINE.split(body) if t.strip()]
    if not _LETTERED_INLINE.match(body) or not pieces:
        return ()
    if any(len(t) > 40 or t.endswith("?") for t in pieces):
        return ()
    return tuple(t.rstrip(";,.") for t in pieces)


def is_request(text: str) -> bool:
    """True for a question phrased as a request ("Please provide any further comments")."""
    return bool(_REQUEST.match(clean(text)))


def _cell_at(cells: Cells, column: int) -> etree._Element | None:
    for i, (start, tc) in enumerate(cells):
        end = cells[i + 1][0] if i + 1 < len(cells) else 1 << 30
        if start <= column < end:
            return tc
    return None


def _is_value_cell(tc: etree._Element) -> bool:
    """A cell that is waiting for an answer: empty, a placeholder, boxes or a control."""
    if find_boxes(tc):
        return True
    controls = _controls(tc)
    if any(_shows_placeholder(s) for s in controls):
        return True
    if controls and any(c.tag == R for c in controls):
        # A legacy form field is there to be filled, whatever its default text says.
        return is_blank_or_placeholder(_text_outside_all(tc, controls))
    return is_blank_or_placeholder(container_text(tc))


@dataclass
class _Pending:
    """A numbered question paragraph still collecting its text and answer places."""

    number: str
    parts: list[str]
    places: list[Place] = field(default_factory=list)
    boxes: list[CheckBox] = field(default_factory=list)
    positions: tuple[str, ...] = ()
    blank: etree._Element | None = None
    # After an answer label ("Please explain your answer"), the next blank line is a place.
    wants_blank: bool = False

    @property
    def answered(self) -> bool:
        return bool(self.places or self.boxes)


class _Scanner:
    def __init__(self, numbers: dict[etree._Element, str]) -> None:
        self.numbers = numbers
        self.map = FormMap()
        self.pending: _Pending | None = None
        # A "Label:" paragraph with nothing after its colon: its value may be the next block.
        self.label_waiting: RespondentPlaces | None = None

    # -- questions from numbered paragraphs ---------------------------------

    def _close(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        text = "\n".join(pending.parts)
        if not text:
            return
        if not pending.answered and pending.blank is not None and ("?" in text or is_request(text)):
            place = ParagraphPlace(pending.blank)
            pending.places.append(place)
            self.map.unsure.add(place)
        if not pending.answered:
            return
        places = list(pending.places)
        # A drop-down takes the position wherever it stands; the other place the rationale.
        if len(places) == 2 and _place_choices(places[1]) and not _place_choices(places[0]):
            places.reverse()
        response = places[0] if places else None
        self.map.questions.append(
            QuestionPlaces(
                number=pending.number,
                text=text,
                response=response,
                rationale=places[1] if len(places) > 1 else None,
                boxes=pending.boxes,
                positions=pending.positions,
                choices=_place_choices(response),
            )
        )

    def _add_place(self, place: Place, positions: tuple[str, ...] = ()) -> None:
        assert self.pending is not None
        self.pending.places.append(place)
        if positions and not self.pending.positions:
            self.pending.positions = positions
        if len(self.pending.places) >= 2:
            self._close()

    def _add_boxes_of(self, p: etree._Element) -> None:
        """Give the pending question the empty text boxes anchored in ``p``."""
        for group in text_boxes(p):
            if self.pending is None:
                return
            if all(is_blank_or_placeholder(container_text(c)) for c in group):
                self._add_place(TextBoxPlace(group), offered_positions(_text(group[0])))

    def _take_label_value(self, block: etree._Element, rows: list[Cells] | None) -> bool:
        """Give a waiting "Label:" paragraph the block after it, when that block is a place."""
        waiting, self.label_waiting = self.label_waiting, None
        if waiting is None:
            return False
        if rows is not None:
            if len(rows) == 1 and len(rows[0]) == 1 and _is_value_cell(rows[0][0][1]):
                waiting.value = _cell_place(rows[0][0][1])
                return True
            return False
        text = clean(paragraph_text(block))
        boxes = find_boxes(block)
        if boxes and all(b.label for b in boxes) and len(strip_glyphs(text)) <= 60:
            # "Confidential?" then "☐ Yes ☐ No" on the line below: the boxes answer it.
            waiting.value = None
            waiting.boxes = boxes
            return True
        controls = _controls(block)
        if controls and is_blank(_text_outside(block, controls)):
            waiting.value = ControlPlace(controls[0])
            return True
        if is_placeholder(text) and not find_boxes(block):
            waiting.value = ParagraphPlace(block)
            return True
        return False

    def _paragraph(self, p: etree._Element) -> None:
        self._paragraph_itself(p)
        if p.find(f".//{TXBX_CONTENT}") is None:
            return
        for group in text_boxes(p):
            if all(is_blank_or_placeholder(container_text(c)) for c in group):
                continue  # an answer box (taken above when a question waits for one)
            # A box holding part of the form: read its first copy (Word shows it; the
            # filler copies what it writes there into the other).
            for block in block_items(group[0]):
                if block.tag == TBL:
                    self._table(block)
                else:
                    self._paragraph(block)

    def _paragraph_itself(self, p: etree._Element) -> None:
        if self._take_label_value(p, None):
            return
        controls = _controls(p)
        raw = _text_outside(p, controls)
        text = clean(strip_glyphs(raw))
        boxes = find_boxes(p)
        has_text_box = p.find(f".//{TXBX_CONTENT}") is not None
        if self._respondent_paragraph(p, raw, boxes, controls):
            return
        numbered = self.numbers.get(p)
        pending = self.pending
        if numbered is not None and pending is not None and _is_sub_number(numbered):
            numbered = None  # "a)" under a question: an option or a part of it
        split = None if numbered is not None else split_question_number(text)
        if boxes and (numbered is not None or split is not None):
            # "Q1 Do you agree? ☐ Yes ☐ No": the question ends where the boxes begin.
            text = clean(text_before_boxes(p))
            if numbered is None:
                split = split_question_number(text)
        starts_question = (numbered is not None and bool(text)) or split is not None
        if starts_question and not is_placeholder(text):
            self._close()
            number, rest = (numbered, text) if numbered is not None else split
            rest, options = _split_offered(rest)
            self.pending = _Pending(number=number, parts=[rest] if rest else [])
            self.pending.positions = options
            if boxes:
                self.pending.boxes.extend(boxes)
            if rest:
                for control in controls:
                    if self.pending is not None:
                        self._add_place(ControlPlace(control))
                if has_text_box:
                    self._add_boxes_of(p)
            return
        if pending is None:
            return
        if boxes:
            pending.boxes.extend(boxes)
            return
        if pending.parts and controls and (not text or _short_label(text)):
            for control in controls:
                if self.pending is not None:
                    self._add_place(ControlPlace(control))
            return
        if pending.wants_blank and not text and not has_text_box:
            place = ParagraphPlace(p)
            self.map.unsure.add(place)
            pending.wants_blank = False
            self._add_place(place)
            return
        if (
            pending.parts
            and pending.blank is not None
            and not pending.answered
            and not pending.wants_blank
            and len(text) <= 60
            and not is_placeholder(text)
            and answer_row_role(text) == "rationale"
        ):
            # "Please explain your answer" between blank lines: the blank line above is the
            # position's place, and the blank line below this label the rationale's.
            place = ParagraphPlace(pending.blank)
            self.map.unsure.add(place)
            pending.places.append(place)
            pending.blank = None
            pending.wants_blank = True
            return
        if pending.parts and has_text_box and not text:
            self._add_boxes_of(p)
            return
        if pending.parts and (is_placeholder(text) or has_border(p)):
            self._add_place(ParagraphPlace(p), offered_positions(text))
            return
        if not text:
            if pending.blank is None and pending.parts:
                pending.blank = p
            return
        if pending.blank is not None and not pending.answered:
            asked = "\n".join(pending.parts)
            if "?" in asked or is_request(asked):
                # Text after the blank line below a question: the blank line was its place.
                self._close()
                return
        options = lettered_options(text) if pending.parts and not pending.answered else ()
        if options:
            pending.positions = pending.positions + options
            return
        style = (paragraph_style(p) or "").lower()
        if pending.answered or style.startswith("heading") or style == "title":
            self._close()
            return
        pending.parts.append(text)
        pending.blank = None

    # -- respondent details ---------------------------------------------------

    def _respondent_paragraph(
        self,
        p: etree._Element,
        raw: str,
        boxes: list[CheckBox],
        controls: list[etree._Element],
    ) -> bool:
        text = clean(raw)
        cut = text.find(":")
        if cut < 0:
            cut = text.find("?")
            if cut < 0 or not (boxes or is_blank_or_placeholder(text[cut + 1 :])):
                return False
        label = label_text(text[: cut + 1])
        matched, key = respondent_key(label)
        if not matched or (key is None and not is_blank_or_placeholder(text[cut + 1 :])):
            return False
        if key is None and (answer_row_role(label) or split_question_number(label)):
            return False
        value: Place | None = None
        if controls:
            value = ControlPlace(controls[0])
        elif not boxes:
            own = own_runs_text(p)
            marker = ":" if ":" in text[: cut + 1] else "?"
            at = own.find(marker)
            if at >= 0:
                value = AfterLabelPlace(p, at + 1)
            else:
                return False
        self._close()
        found = RespondentPlaces(key=key, label=label, value=value, boxes=boxes)
        self.map.respondent.append(found)
        if isinstance(value, AfterLabelPlace) and is_blank(text[cut + 1 :]):
            self.label_waiting = found
        return True

    def _respondent_rows(self, rows: list[Cells]) -> None:
        found: list[RespondentPlaces] = []
        unknown = 0
        recognised = 0
        skip_next = False
        for r, cells in enumerate(rows):
            if skip_next:
                skip_next = False
                continue
            texts = [_label_text(tc) for _, tc in cells]
            keys = [respondent_key(t) for t in texts]
            # Labels across one row with their values in the row below.
            if (
                len(cells) >= 2
                and all(k[0] for k in keys)
                and r + 1 < len(rows)
                and len(rows[r + 1]) == len(cells)
                and all(_is_value_cell(tc) for _, tc in rows[r + 1])
            ):
                for (matched_key, t), (_, below) in zip(
                    ((k[1], t) for k, t in zip(keys, texts, strict=True)), rows[r + 1], strict=True
                ):
                    found.append(self._field(matched_key, t, below))
                    recognised += matched_key is not None
                skip_next = True
                continue
            i = 0
            while i < len(cells):
                matched, key = keys[i]
                tc = cells[i][1]
                own_boxes = find_boxes(tc)
                if matched and own_boxes:
                    found.append(
                        RespondentPlaces(key, label_text(_first_line(texts[i])), None, own_boxes)
                    )
                    recognised += key is not None
                    i += 1
                    continue
                if (
                    matched
                    and i + 1 < len(cells)
                    and not keys[i + 1][0]
                    # A detail with no key is only a field when its cell waits for a value
                    # ("Closing date | 12 May 2023" is information, not a question).
                    and (key is not None or _is_value_cell(cells[i + 1][1]))
                ):
                    found.append(self._field(key, texts[i], cells[i + 1][1]))
                    recognised += key is not None
                    i += 2
                    continue
                if (
                    len(cells) == 2
                    and i == 0
                    and plausible_label(texts[0])
                    and _is_value_cell(cells[1][1])
                    and not split_question_number(texts[0])
                ):
                    guess = _cell_place(cells[1][1])
                    self.map.unsure.add(guess)  # any short label beside an empty cell
                    found.append(RespondentPlaces(None, label_text(texts[0]), guess))
                    unknown += 1
                    i += 2
                    continue
                i += 1
        if recognised == 0 or (recognised < 2 and unknown):
            found = [f for f in found if f.key is not None]
        if found:
            self.map.respondent.extend(found)

    @staticmethod
    def _field(key: str | None, label: str, value_cell: etree._Element) -> RespondentPlaces:
        boxes = find_boxes(value_cell)
        place = None if boxes else _cell_place(value_cell)
        return RespondentPlaces(key, label_text(label), place, boxes)

    # -- tables -----------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> None:
        rows = [positioned_cells(tr) for tr in table_rows(tbl)]
        rows = [cells for cells in rows if cells]
        if not rows or self._take_label_value(tbl, rows):
            return
        pending = self.pending
        if pending is not None and pending.parts:
            if len(rows) == 1 and len(rows[0]) == 1:
                tc = rows[0][0][1]
                pending.boxes.extend(find_boxes(tc))
                self._add_place(_cell_place(tc), offered_positions(_text(tc)))
                return
            answer = _answer_rows(rows)
            guessed = answer is None
            if guessed:
                answer = _answer_rows(rows, lenient=True)
            if answer is not None and not pending.answered:
                response, rationale, boxes, positions = answer
                found = [p for p in (response, rationale) if p is not None]
                pending.places.extend(found)
                if guessed:
                    self.map.unsure.update(found)  # rows labelled in the form's own words
                pending.boxes.extend(boxes)
                pending.positions = pending.positions or positions
                self._close()
                return
        heading_number = None
        if pending is not None and not pending.parts and not pending.answered:
            heading_number = pending.number
        self._close()
        before = (len(self.map.questions), len(self.map.respondent))
        used = self._question_table(rows)
        if used is None:
            question = self._question_per_table(rows, heading_number)
            if question is not None:
                self.map.questions.append(question)
                return
            used = self._question_label_rows(rows)
        self._respondent_rows([cells for i, cells in enumerate(rows) if i not in used])
        if (len(self.map.questions), len(self.map.respondent)) == before:
            self._layout_table(rows)

    def _layout_table(self, rows: list[Cells]) -> None:
        """A table that only lays the form out: read the blocks inside its cells."""
        for cells in rows:
            for _, tc in cells:
                blocks = list(block_items(tc))
                if len(blocks) < 2 and not any(b.tag == TBL for b in blocks):
                    continue
                for block in blocks:
                    if block.tag == TBL:
                        self._table(block)
                    else:
                        self._paragraph(block)
                self._close()

    def _question_label_rows(self, rows: list[Cells]) -> set[int]:
        """Label rows ("Q1: question", merged or beside a "Q1:" cell) each over answer rows.

        Below each label row: one row of empty cells (response, then rationale), or answer
        rows of their own ("Response" | box, "Rationale" | box).
        """
        labels = [(r, _label_row(cells)) for r, cells in enumerate(rows)]
        starts = [(r, found) for r, found in labels if found is not None]
        used: set[int] = set()
        for k, (r, (number, text)) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(rows)
            below = rows[r + 1 : end]
            if not below:
                continue
            first = below[0]
            if 1 <= len(first) <= 2 and all(_is_value_cell(tc) for _, tc in first):
                response = first[0][1]
                rationale = first[1][1] if len(first) == 2 else None
                question = self._row_question(number, text, response, rationale, None)
                used.update((r, r + 1))
            else:
                answer = None
                for n in range(len(below), 0, -1):
                    answer = _answer_rows(below[:n])
                    if answer is not None:
                        break
                if answer is None:
                    continue
                response_place, rationale_place, boxes, positions = answer
                question = QuestionPlaces(
                    number=number,
                    text=text,
                    response=response_place,
                    rationale=rationale_place,
                    boxes=boxes,
                    positions=positions,
                    choices=_place_choices(response_place),
                )
                used.update(range(r, r + 1 + n))
            self.map.questions.append(question)
        return used

    def _list_number(self, tc: etree._Element) -> str | None:
        """The Word list number shown in a cell (a "No." column numbered automatically)."""
        for p in tc.iter(P):
            number = self.numbers.get(p)
            if number:
                return number
        return None

    def _next_number(self) -> str:
        number = str(len(self.map.questions) + 1)
        self.map.guessed_numbers.add(number)
        return number

    def _question_table(self, rows: list[Cells]) -> set[int] | None:
        """Questions from a table with one question per row; the row indexes used, or None."""
        roles: dict[str, int] = {}
        header_at = -1
        for h, cells in enumerate(rows[:3]):
            found: dict[str, int] = {}
            for col, tc in cells:
                role = header_role(_text(tc))
                if role == "response" and "response" in found:
                    role = "rationale"
                if role and role not in found:
                    found[role] = col
            if "question" in found and ("response" in found or "rationale" in found):
                roles, header_at = found, h
                break
        if header_at < 0:
            return self._question_rows_without_header(rows)
        if header_at + 1 < len(rows):
            # A two-row header: "Your response" merged over "Position | Rationale".
            below: dict[str, int] = {}
            texts = [(col, _text(tc)) for col, tc in rows[header_at + 1]]
            for col, text in texts:
                role = header_role(text) if text else None
                if role == "response" and "response" in below:
                    role = "rationale"
                if role in ("response", "rationale") and role not in below:
                    below[role] = col
            if below and all(not t or header_role(t) for _, t in texts):
                roles.update(below)
                header_at += 1
        if "response" not in roles:
            roles["response"] = roles.pop("rationale")
        header_texts = [_text(tc) for _, tc in rows[header_at]]
        used = set(range(header_at + 1))
        for r in range(header_at + 1, len(rows)):
            cells = rows[r]
            if (
                len(cells) == len(header_texts)
                and _text(cells[0][1]) == header_texts[0]
                and [_text(tc) for _, tc in cells] == header_texts
            ):
                used.add(r)  # the header repeated (after a page break)
                continue
            qcell = _cell_at(cells, roles["question"])
            if qcell is None or len(cells) < 2:
                continue
            text = _text(qcell)
            if not text:
                continue
            number = None
            if "number" in roles:
                ncell = _cell_at(cells, roles["number"])
                if ncell is not None and ncell is not qcell:
                    ntext = _text(ncell)
                    number = bare_question_number(ntext) or (ntext or None)
                if number is None and ncell is not None:
                    number = self._list_number(ncell)
            if number is None:
                split = split_question_number(text)
                if split is not None:
                    number, text = split[0], split[1] or text
            if number is None:
                number = self._list_number(qcell)
            rcell = _cell_at(cells, roles["response"])
            acell = _cell_at(cells, roles["rationale"]) if "rationale" in roles else None
            if rcell is qcell:
                rcell = None
            if acell is qcell or acell is rcell:
                acell = None
            self.map.questions.append(
                self._row_question(number or self._next_number(), text, rcell, acell, cells)
            )
            used.add(r)
        return used

    def _row_question(
        self,
        number: str,
        text: str,
        rcell: etree._Element | None,
        acell: etree._Element | None,
        row: Cells | None = None,
    ) -> QuestionPlaces:
        boxes = find_boxes(rcell) if rcell is not None else []
        if not boxes and row is not None:
            # Boxes in columns of their own ("Question | Yes | No | Comments").
            for _, tc in row:
                if tc is not acell:
                    boxes.extend(find_boxes(tc))
        positions = offered_positions(_text(rcell)) if rcell is not None else ()
        response: Place | None = _cell_place(rcell) if rcell is not None else None
        rationale: Place | None = _cell_place(acell) if acell is not None else None
        if response is None:
            response, rationale = rationale, None
        return QuestionPlaces(
            number=number,
            text=text,
            response=response,
            rationale=rationale,
            boxes=boxes,
            positions=positions,
            choices=_place_choices(response),
        )

    def _question_rows_without_header(self, rows: list[Cells]) -> set[int] | None:
        matches: list[tuple[int, str, str, etree._Element, etree._Element | None]] = []
        multi = 0
        for r, cells in enumerate(rows):
            if len(cells) < 2:
                continue
            multi += 1
            first = _text(cells[0][1])
            number = bare_question_number(first)
            if number is not None and len(cells) >= 3:
                text = _text(cells[1][1])
                if text and _is_value_cell(cells[2][1]):
                    extra = cells[3][1] if len(cells) > 3 else None
                    matches.append((r, number, text, cells[2][1], extra))
                continue
            split = split_question_number(first)
            if split is not None and split[1] and _is_value_cell(cells[1][1]):
                extra = cells[2][1] if len(cells) > 2 else None
                matches.append((r, split[0], split[1], cells[1][1], extra))
        if not matches or len(matches) * 2 < multi:
            return None
        for _, number, text, rcell, acell in matches:
            question = self._row_question(number, text, rcell, acell)
            self.map.questions.append(question)
            # Read without a header row: which column holds what is a guess.
            self.map.unsure.update(p for p in (question.response, question.rationale) if p)
        return {m[0] for m in matches}

    def _question_per_table(
        self, rows: list[Cells], heading_number: str | None
    ) -> QuestionPlaces | None:
        """A table holding one question in its top row(s) and answer rows below."""
        head: list[str] = []
        r = 0
        while r < len(rows) and len(rows[r]) == 1:
            text = _text(rows[r][0][1])
            if not text or _is_value_cell(rows[r][0][1]) or (r and answer_row_role(text)):
                break
            head.append(text)
            r += 1
        if not head or r >= len(rows):
            return None
        answer = _answer_rows(rows[r:])
        if answer is None:
            return None
        response, rationale, boxes, positions = answer
        number = None
        if bare_question_number(head[0]) is not None and len(head) > 1:
            number, head = bare_question_number(head[0]), head[1:]
        else:
            split = split_question_number(head[0])
            if split is not None and split[1]:
                number = split[0]
                head = [split[1], *head[1:]]
        number = number or heading_number or self._next_number()
        return QuestionPlaces(
            number=number,
            text="\n".join(head),
            response=response,
            rationale=rationale,
            boxes=boxes,
            positions=positions,
            choices=_place_choices(response),
        )

    def scan(self, body: etree._Element) -> FormMap:
        for block in block_items(body):
            if block.tag == TBL:
                self._table(block)
            else:
                self._paragraph(block)
        self._close()
        return self.map


def _label_row(cells: Cells) -> tuple[str, str] | None:
    """(number, question) for a row labelling a question: "Q1: text", or "Q1:" | "text"."""
    if len(cells) == 1:
        split = split_question_number(_text(cells[0][1]))
        return split if split is not None and split[1] else None
    if len(cells) == 2:
        text = _text(cells[1][1])
        number = bare_question_number(_text(cells[0][1]))
        if number is not None and text and not _is_value_cell(cells[1][1]):
            return number, text
    return None


def _is_sub_number(number: str) -> bool:
    """True for a list number that marks an option or part ("a", "iv"), not a question."""
    return bool(re.fullmatch(r"[a-zA-Z]|[ivxIVX]{1,4}", number))


def _short_label(text: str) -> bool:
    """A short label before an answer control ("Response:", "Rationale")."""
    body = clean(text)
    return len(body) <= 40 and (body.endswith(":") or answer_row_role(body) is not None)


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _answer_rows(
    rows: list[Cells], *, lenient: bool = False
) -> tuple[Place | None, Place | None, list[CheckBox], tuple[str, ...]] | None:
    """Answer rows ("Response" | box, "Rationale" | box, or a label row then a box row).

    ``lenient`` (for a table straight after a question) also takes rows labelled in the
    form's own words ("Preferred release" | box): the first is the response.
    """
    places: dict[str, etree._Element] = {}
    waiting: str | None = None
    for cells in rows:
        if len(cells) == 2:
            label, value = _text(cells[0][1]), cells[1][1]
            role = answer_row_role(label)
            if role is None and lenient and 0 < len(label) <= 40 and _is_value_cell(value):
                role = "response"
            if role == "response" and role in places:
                role = "rationale"
            if role is None or role in places:
                return None
            places[role] = value
            waiting = None
        elif len(cells) == 1:
            tc = cells[0][1]
            text = _text(tc)
            split = split_question_number(text) if text else None
            if split is not None and split[1]:
                return None  # the next question's label row, not an answer label
            role = answer_row_role(text) if text else None
            if role == "response" and role in places:
                role = "rationale"
            if (
                waiting is None
                and role is not None
                and not _is_value_cell(tc)
                and role not in places
            ):
                waiting = role
            elif _is_value_cell(tc):
                role = waiting or ("response" if "response" not in places else "rationale")
                if role in places:
                    return None
                places[role] = tc
                waiting = None
            else:
                return None
        else:
            return None
    if not places:
        return None
    rcell = places.get("response")
    acell = places.get("rationale")
    boxes = find_boxes(rcell) if rcell is not None else []
    positions = offered_positions(_text(rcell)) if rcell is not None else ()
    response: Place | None = _cell_place(rcell) if rcell is not None else None
    rationale: Place | None = _cell_place(acell) if acell is not None else None
    if response is None:
        response, rationale = rationale, None
    return response, rationale, boxes, positions


def locate(body: etree._Element, numbers: dict[etree._Element, str]) -> FormMap:
    """Every respondent field and question in ``body``; ``numbers`` are list numbers."""
    _SCAN.texts = {}
    try:
        return _Scanner(numbers).scan(body)
    finally:
        _SCAN.texts = None
