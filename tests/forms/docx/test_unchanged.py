"""Filling changes the answer places and the modified date, and nothing else."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from secresponder.domain.clock import fixed_clock
from secresponder.domain.forms import Answers
from secresponder.forms.docx import fill_docx, inspect_docx
from secresponder.forms.docx.placeholders import is_blank_or_placeholder
from tests.forms import builders as b
from tests.forms.docx.docx_compare import W, changed_blocks, parts, save, text_of

CLOCK = fixed_clock(datetime(2023, 5, 2, 14, 30, 5, tzinfo=UTC))
BUILDERS = [
    b.build_table_full,
    b.build_table_yes_no,
    b.build_table_no_header,
    b.build_table_controls,
    b.build_per_question_basic,
    b.build_per_question_label_rows,
    b.build_per_question_boxes,
    b.build_per_question_multi,
    b.build_numbered_box,
    b.build_numbered_placeholder,
    b.build_numbered_list,
    b.build_numbered_mixed,
    b.build_numbered_style,
    b.build_label_controls,
    b.build_table_boxes,
    b.build_inline_boxes,
]
LABEL_LINE = re.compile(r"^[A-Za-z ?]+[:?]")


def full_answers(numbers: list[str]) -> Answers:
    return Answers.from_json(
        {
            "respondent": {
                "name": "Bob Jones",
                "organisation": "Northern Networks plc",
                "email": "bob@northern.example",
                "phone": "0161 000 0000",
                "party_category": "Electricity Network Party",
                "confidential": False,
            },
            "answers": {
                n: {"response": "Yes", "rationale": "Because.\n\nAlso this."} for n in numbers
            },
        }
    )


def was_a_place(el: etree._Element) -> bool:
    """An element that held nothing but a place to write (or a label and its place)."""
    text = text_of(el)
    if el.find(f".//{W}sdt") is not None or "☐" in text:
        return True
    return is_blank_or_placeholder(text) or bool(LABEL_LINE.match(text))


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda f: f.__name__)
def test_only_document_and_core_parts_change(tmp_path: Path, builder) -> None:  # type: ignore[no-untyped-def]
    source = builder(tmp_path / "form.docx")
    numbers = [q.number for q in inspect_docx(source).questions]
    filled = fill_docx(source, full_answers(numbers), clock=CLOCK)
    before = parts(source.read_bytes())
    after = parts(filled)
    assert [(n, c) for n, c, _ in after] == [(n, c) for n, c, _ in before]
    for (name, _, old), (_, _, new) in zip(before, after, strict=True):
        if name in ("word/document.xml", "docProps/core.xml"):
            assert old != new, name
        else:
            assert old == new, name
    old_core = dict((n, d) for n, _, d in before)["docProps/core.xml"]
    new_core = dict((n, d) for n, _, d in after)["docProps/core.xml"]
    stamp = b'<dcterms:modified xsi:type="dcterms:W3CDTF">2023-05-02T14:30:05Z</dcterms:modified>'
    assert stamp in new_core
    strip = re.compile(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>")
    assert strip.sub(b"", old_core) == strip.sub(b"", new_core)


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda f: f.__name__)
def test_every_element_outside_the_places_is_unchanged(tmp_path: Path, builder) -> None:  # type: ignore[no-untyped-def]
    source = builder(tmp_path / "form.docx")
    numbers = [q.number for q in inspect_docx(source).questions]
    filled = fill_docx(source, full_answers(numbers), clock=CLOCK)
    before = etree.fromstring(
        dict((n, d) for n, _, d in parts(source.read_bytes()))["word/document.xml"]
    )
    after = etree.fromstring(dict((n, d) for n, _, d in parts(filled))["word/document.xml"])
    changed = changed_blocks(before, after)
    assert changed, "nothing was filled"
    not_places = [text_of(el) for el in changed if not was_a_place(el)]
    assert not_places == []
    # The section settings (last child of the body) are identical.
    assert etree.tostring(before.find(f"{W}body")[-1]) == etree.tostring(after.find(f"{W}body")[-1])


def test_question_without_answer_keeps_its_placeholder_byte_for_byte(tmp_path: Path) -> None:
    source = b.build_numbered_placeholder(tmp_path / "form.docx")
    before = etree.fromstring(
        dict((n, d) for n, _, d in parts(source.read_bytes()))["word/document.xml"]
    )
    filled = fill_docx(source, Answers.from_json({"answers": {"2": "Only this."}}), clock=CLOCK)
    after = etree.fromstring(dict((n, d) for n, _, d in parts(filled))["word/document.xml"])
    changed = changed_blocks(before, after)
    # Only the confidential line (always written) and the place of question 2 change.
    assert [text_of(el) for el in changed] == ["Confidential? Yes / No", "[Insert response]"]


def test_filled_file_opens_in_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; cannot check the filled file opens")
    source = b.build_table_full(tmp_path / "form.docx")
    out = save(
        tmp_path, "filled.docx", fill_docx(source, full_answers(["1", "2", "3"]), clock=CLOCK)
    )
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "pdf" / "filled.pdf"
    if "source file could not be loaded" in result.stderr and not pdf.exists():
        pytest.skip("this LibreOffice has no Writer; cannot check the filled file opens")
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Northern Networks plc" in text and "Also this." in text
