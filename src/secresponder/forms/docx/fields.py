"""Legacy form fields (FORMTEXT, FORMCHECKBOX, FORMDROPDOWN): finding, reading, filling.

A legacy field is a run sequence in one paragraph: a ``w:fldChar begin`` run
carrying ``w:ffData``, instruction runs (`` FORMTEXT ``), a ``separate`` run,
the result runs (what the field shows) and an ``end`` run. The field is kept a
field: a text answer replaces only the result runs, a check box is ticked
through ``w:checkBox/w:checked`` and a drop-down selects an entry through
``w:ddList/w:result``; the document's protection for filling in stays as it was.
"""

from __future__ import annotations

import copy

from lxml import etree

from secresponder.forms.docx.wordml import RPR, VAL, R, T, paragraph_text, w
from secresponder.forms.errors import FormError

FLDCHAR = w("fldChar")
FFDATA = w("ffData")
FLDCHAR_TYPE = w("fldCharType")
TEXT_INPUT = w("textInput")
CHECK_BOX = w("checkBox")
DD_LIST = w("ddList")
LIST_ENTRY = w("listEntry")

TEXT, CHECKBOX, DROPDOWN = "text", "checkbox", "dropdown"


def _fldchar(run: etree._Element) -> etree._Element | None:
    return run.find(FLDCHAR) if run.tag == R else None


def field_kind(run: etree._Element) -> str | None:
    """TEXT, CHECKBOX or DROPDOWN for the begin run of a legacy form field; else None."""
    fc = _fldchar(run)
    if fc is None or fc.get(FLDCHAR_TYPE) != "begin":
        return None
    ff = fc.find(FFDATA)
    if ff is None:
        return None
    if ff.find(CHECK_BOX) is not None:
        return CHECKBOX
    if ff.find(DD_LIST) is not None:
        return DROPDOWN
    return TEXT


def field_name(run: etree._Element) -> str:
    """The field's bookmark name ("Text3"), or '' when it has none."""
    ff = run.find(FLDCHAR).find(FFDATA)
    name = ff.find(w("name"))
    return "" if name is None else name.get(VAL, "")


def legacy_fields(element: etree._Element, kinds: tuple[str, ...] = (TEXT, DROPDOWN)) -> list:
    """The begin runs of the legacy fields of the given kinds inside ``element``."""
    if element.tag == R:
        return [element] if field_kind(element) in kinds else []
    return [r for r in element.iter(R) if field_kind(r) in kinds]


def field_span(begin: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """(code runs up to ``separate``, result runs up to ``end``) of the field at ``begin``.

    Nested fields inside the result are kept inside it; the lists hold the siblings
    of ``begin`` in its parent, so a field that leaves its paragraph is cut there.
    """
    code: list[etree._Element] = []
    result: list[etree._Element] = []
    depth = 0
    in_result = False
    node = begin.getnext()
    while node is not None:
        fc = _fldchar(node)
        kind = None if fc is None else fc.get(FLDCHAR_TYPE)
        if kind == "begin":
            depth += 1
        elif kind == "end":
            if depth == 0:
                return code, result
            depth -= 1
        elif kind == "separate" and depth == 0:
            in_result = True
            code.append(node)
            node = node.getnext()
            continue
        (result if in_result else code).append(node)
        node = node.getnext()
    return code, result


def field_end(begin: etree._Element) -> etree._Element | None:
    """The ``end`` run closing the field at ``begin`` (None when the field is cut short)."""
    code, result = field_span(begin)
    last = (result or code or [begin])[-1]
    after = last.getnext()
    fc = None if after is None else _fldchar(after)
    return after if fc is not None and fc.get(FLDCHAR_TYPE) == "end" else None


def field_result_text(begin: etree._Element) -> str:
    """What a text field shows (its result runs' text)."""
    _, result = field_span(begin)
    return "".join(paragraph_text(r) for r in result)


def field_runs(begin: etree._Element) -> set[etree._Element]:
    """Every run of the field, begin to end."""
    code, result = field_span(begin)
    runs = {begin, *code, *result}
    end = field_end(begin)
    if end is not None:
        runs.add(end)
    return runs


def dropdown_entries(begin: etree._Element) -> tuple[str, ...]:
    dd = begin.find(FLDCHAR).find(FFDATA).find(DD_LIST)
    return tuple(e.get(VAL, "") for e in dd.findall(LIST_ENTRY))


def dropdown_value(begin: etree._Element) -> str:
    """The entry a legacy drop-down shows (its result, else its default, else the first)."""
    dd = begin.find(FLDCHAR).find(FFDATA).find(DD_LIST)
    entries = dropdown_entries(begin)
    for tag in ("result", "default"):
        el = dd.find(w(tag))
        if el is not None:
            try:
                index = int(el.get(VAL, "0"))
            except ValueError:
                continue
            if 0 <= index < len(entries):
                return entries[index]
    return entries[0] if entries else ""


def select_dropdown(begin: etree._Element, index: int) -> None:
    """Make a legacy drop-down show entry ``index`` (``w:result`` before ``w:default``)."""
    dd = begin.find(FLDCHAR).find(FFDATA).find(DD_LIST)
    result = dd.find(w("result"))
    if result is None:
        result = etree.Element(w("result"))
        dd.insert(0, result)
    result.set(VAL, str(index))


def checkbox_checked(begin: etree._Element) -> bool:
    box = begin.find(FLDCHAR).find(FFDATA).find(CHECK_BOX)
    for tag in ("checked", "default"):
        el = box.find(w(tag))
        if el is not None:
            return el.get(VAL, "1") in ("1", "true", "on")
    return False


def set_checkbox(begin: etree._Element, checked: bool) -> None:
    """Tick or clear a legacy check box through its ``w:checked`` state."""
    box = begin.find(FLDCHAR).find(FFDATA).find(CHECK_BOX)
    state = box.find(w("checked"))
    if state is None:
        state = etree.Element(w("checked"))
        default = box.find(w("default"))
        if default is not None:
            default.addnext(state)
        else:
            box.append(state)
    state.set(VAL, "1" if checked else "0")


def max_length(begin: etree._Element) -> int | None:
    """The longest text a FORMTEXT field accepts, when the form sets one."""
    ti = begin.find(FLDCHAR).find(FFDATA).find(TEXT_INPUT)
    el = None if ti is None else ti.find(w("maxLength"))
    if el is None:
        return None
    try:
        value = int(el.get(VAL, "0"))
    except ValueError:
        return None
    return value if value > 0 else None


def text_input_type(begin: etree._Element) -> tuple[str, str]:
    """(type, format picture) of a FORMTEXT field: ("regular", ""), ("date", "dd/MM/yyyy")."""
    ti = begin.find(FLDCHAR).find(FFDATA).find(TEXT_INPUT)
    if ti is None:
        return "regular", ""
    kind = ti.find(w("type"))
    picture = ti.find(w("format"))
    return (
        "regular" if kind is None else kind.get(VAL, "regular"),
        "" if picture is None else picture.get(VAL, ""),
    )


def write_text_field(begin: etree._Element, runs: list[etree._Element], what: str) -> None:
    """Replace a FORMTEXT field's result with ``runs`` (made with the result's formatting).

    Raises FormError naming ``what`` when the text is longer than the field allows.
    """
    text = "".join(paragraph_text(r) for r in runs)
    limit = max_length(begin)
    if limit is not None and len(text) > limit:
        raise FormError(
            f"{what} is {len(text)} characters long, but its form field takes at most {limit}."
        )
    code, result = field_span(begin)
    parent = begin.getparent()
    if (
        not code
        or _fldchar(code[-1]) is None
        or _fldchar(code[-1]).get(FLDCHAR_TYPE) != ("separate")
    ):
        separate = etree.Element(R)
        rpr = begin.find(RPR)
        if rpr is not None:
            separate.append(copy.deepcopy(rpr))
        etree.SubElement(separate, FLDCHAR).set(FLDCHAR_TYPE, "separate")
        anchor = (code or [begin])[-1]
        anchor.addnext(separate)
        code.append(separate)
    for r in result:
        parent.remove(r)
    anchor = code[-1]
    for r in reversed(runs):
        anchor.addnext(r)


def result_run_properties(begin: etree._Element) -> etree._Element | None:
    """The run properties of a text field's result (or of its begin run)."""
    _, result = field_span(begin)
    for r in result:
        if r.tag == R and any(t.text for t in r.iter(T)):
            return r.find(RPR)
    for r in result:
        if r.tag == R:
            return r.find(RPR)
    return begin.find(RPR)
