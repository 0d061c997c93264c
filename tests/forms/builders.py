"""Builders for realistic .docx response forms, made with python-docx plus raw XML.

Each ``build_*`` function writes one form to the given path and returns it. The
forms cover the layouts SEC response templates use: a question table, one table
per question, numbered question paragraphs, respondent details as a table or as
"Label:" paragraphs, content controls and check boxes, and documents that are
not response forms at all. Headers, footers, an image and list numbering are
added where they help prove that filling leaves them alone.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

PLACEHOLDER_PROMPT = "Click or tap here to enter text."


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG (red pixels), so a form can carry an image part."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def add_header_footer_image(doc: DocumentObject, tmp_dir: Path) -> None:
    """A header, a footer and an inline image: parts and content filling must not touch."""
    section = doc.sections[0]
    section.header.paragraphs[0].text = "SECAS consultation response form"
    section.footer.paragraphs[0].text = "Classification: Public"
    image = tmp_dir / "logo.png"
    image.write_bytes(png_bytes())
    doc.add_picture(str(image))


def styled_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: int | None = None,
    font: str | None = None,
    italic: bool = False,
) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
    return None


def set_cell(cell: _Cell, text: str, **style: object) -> None:
    """Put ``text`` in a cell's first paragraph as one run with the given style."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if text:
        styled_run(paragraph, text, **style)  # type: ignore[arg-type]


def add_control(paragraph: Paragraph, prompt: str = PLACEHOLDER_PROMPT, *, tag: str = "") -> None:
    """A plain-text content control showing its placeholder, inside ``paragraph``."""
    tag_xml = f'<w:tag w:val="{tag}"/>' if tag else ""
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr>{tag_xml}<w:id w:val="{abs(hash(prompt)) % 99999}"/>'
        "<w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr>"
        '<w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/><w:sz w:val="20"/></w:rPr>'
        f"<w:t>{prompt}</w:t></w:r></w:sdtContent></w:sdt>"
    )
    paragraph._p.append(sdt)


def add_block_control(cell: _Cell, prompt: str = PLACEHOLDER_PROMPT) -> None:
    """A block-level content control (its content is a paragraph) filling a cell."""
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:rPr>'
        '<w:rStyle w:val="PlaceholderText"/><w:i/></w:rPr>'
        f"<w:t>{prompt}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    tc.append(sdt)


def add_checkbox(paragraph: Paragraph, *, checked: bool = False) -> None:
    """A Word 2010 check-box content control showing ☐ (or ☒)."""
    glyph = "☒" if checked else "☐"
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w", "w14")}><w:sdtPr><w:id w:val="1"/><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
        '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
        f"<w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )
    paragraph._p.append(sdt)


def add_choice_boxes(paragraph: Paragraph, labels: list[str], *, labels_after: bool = True) -> None:
    """ "☐ Yes ☐ No" (or "Yes ☐ No ☐") made of check-box controls and label runs."""
    for i, label in enumerate(labels):
        if labels_after:
            add_checkbox(paragraph)
            paragraph.add_run(f" {label}" + ("   " if i < len(labels) - 1 else ""))
        else:
            paragraph.add_run(("   " if i else "") + f"{label} ")
            add_checkbox(paragraph)


def add_border(paragraph: Paragraph) -> None:
    """Draw a box around a paragraph (an answer box made of a bordered paragraph)."""
    ppr = paragraph._p.get_or_add_pPr()
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="1" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right")
    )
    ppr.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"))


def add_question_numbering(
    doc: DocumentObject, lvl_text: str = "Question %1:", start: int = 1
) -> int:
    """Add a list definition to numbering.xml; returns its numId for w:numPr."""
    numbering = doc.part.numbering_part.element
    abstract_id = 90 + len(numbering.findall(qn("w:abstractNum")))
    num_id = 70 + len(numbering.findall(qn("w:num")))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def set_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        0,
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        ),
    )


def merge_row(table, row: int) -> _Cell:  # type: ignore[no-untyped-def]
    cells = table.rows[row].cells
    return cells[0].merge(cells[-1])


def respondent_table(
    doc: DocumentObject, rows: list[tuple[str, str]], *, confidential_boxes: bool = False
) -> None:
    """Respondent details as a two-column label/value table."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for i, (label, value) in enumerate(rows):
        set_cell(table.cell(i, 0), label, bold=True)
        if confidential_boxes and "onfidential" in label:
            set_cell(table.cell(i, 1), "")
            add_choice_boxes(table.cell(i, 1).paragraphs[0], ["Yes", "No"])
        else:
            set_cell(table.cell(i, 1), value, size=11, font="Arial")


QUESTIONS = [
    "Do you agree with the proposed solution?",
    "Do you agree that the modification better facilitates the General SEC Objectives?",
    "Will there be any impact on your organisation to implement this modification?",
    "Do you agree with the proposed implementation approach?",
]


# -- layout 1: one question table ---------------------------------------------------


def build_table_full(path: Path) -> Path:
    """Respondent table, then a No./Question/Response/Rationale table with a header row."""
    doc = Document()
    doc.add_heading("MP231 Consultation Response Form", level=1)
    doc.add_paragraph("Please respond by 5pm on 12 May 2023 to sec.change@gemserv.com.")
    respondent_table(
        doc,
        [
            ("Name", "[Insert name]"),
            ("Organisation", "[Insert organisation]"),
            ("Email address", "[Insert email]"),
            ("Telephone", "[Insert telephone number]"),
            ("SEC Party Category", "[Insert category]"),
            ("Confidential?", ""),
        ],
        confidential_boxes=True,
    )
    doc.add_paragraph("")
    table = doc.add_table(rows=1 + 3, cols=4)
    table.style = "Table Grid"
    for col, title in enumerate(["No.", "Question", "Response", "Rationale"]):
        set_cell(table.cell(0, col), title, bold=True)
    for i in range(3):
        set_cell(table.cell(i + 1, 0), str(i + 1))
        set_cell(table.cell(i + 1, 1), QUESTIONS[i])
        set_cell(table.cell(i + 1, 2), "[Insert response]", bold=True, size=12, font="Arial")
        set_cell(table.cell(i + 1, 3), "[Insert rationale]", size=10, font="Calibri")
    add_header_footer_image(doc, path.parent)
    doc.add_paragraph("Thank you for your response.")
    doc.save(str(path))
    return path


def build_table_yes_no(path: Path) -> Path:
    """Question / Response / Rationale without a number column; "Q1" numbers in the text."""
    doc = Document()
    doc.add_paragraph("Respondent details", style="Heading 2")
    for label in ("Organisation name:", "Respondent name:", "Contact email:", "Contact number:"):
        p = doc.add_paragraph()
        styled_run(p, label, bold=True)
        styled_run(p, " [Insert details]", italic=True, size=11)
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for col, title in enumerate(["Question", "Response", "Rationale"]):
        set_cell(table.cell(0, col), title, bold=True)
    for i in range(3):
        set_cell(table.cell(i + 1, 0), f"Q{i + 1} {QUESTIONS[i]}")
        set_cell(table.cell(i + 1, 1), "Yes / No / Neutral", size=11)
        set_cell(table.cell(i + 1, 2), "")
    doc.save(str(path))
    return path


def build_table_no_header(path: Path) -> Path:
    """No header row; numbers "1." in the first column; Response column only."""
    doc = Document()
    doc.add_paragraph("Responses to the consultation questions", style="Title")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for i in range(3):
        set_cell(table.cell(i, 0), f"{i + 1}.")
        set_cell(table.cell(i, 1), QUESTIONS[i + 1])
        set_cell(table.cell(i, 2), "[Insert response]", font="Verdana", size=9)
    doc.add_paragraph("Name: [Insert name]")
    doc.add_paragraph("Company:")
    p = doc.add_paragraph()
    styled_run(p, "Telephone:", bold=True)
    p = doc.add_paragraph()
    styled_run(p, "[Insert telephone number]", italic=True)
    doc.add_paragraph("Email address:")
    _box_table(doc, "", size=10)
    doc.save(str(path))
    return path


def build_table_controls(path: Path) -> Path:
    """Question number / Consultation question / Your response, content controls in cells,
    a two-paragraph question, and "Question 1" numbers; Response and Comments columns."""
    doc = Document()
    respondent_table(
        doc,
        [
            ("Name of respondent", ""),
            ("Company", ""),
            ("Job title", ""),
            ("Party Category", ""),
            ("Is your response confidential?", "Yes / No"),
        ],
    )
    table = doc.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    for col, title in enumerate(
        ["Question number", "Consultation question", "Your response", "Comments"]
    ):
        set_cell(table.cell(0, col), title, bold=True)
    set_cell(table.cell(1, 0), "Question 1")
    set_cell(table.cell(1, 1), QUESTIONS[0])
    table.cell(1, 1).add_paragraph("Please give reasons for your answer.")
    set_cell(table.cell(2, 0), "Question 2")
    set_cell(table.cell(2, 1), QUESTIONS[3])
    for row in (1, 2):
        set_cell(table.cell(row, 2), "")
        add_control(table.cell(row, 2).paragraphs[0])
        set_cell(table.cell(row, 3), "")
        add_block_control(table.cell(row, 3))
    doc.save(str(path))
    return path


def build_table_boxes(path: Path) -> Path:
    """Ref / Question / Yes / No / Comments: a check box in each Yes and No cell."""
    doc = Document()
    respondent_table(doc, [("Respondent", ""), ("Organisation", ""), ("Telephone", "")])
    doc.add_paragraph("")
    table = doc.add_table(rows=3, cols=5)
    table.style = "Table Grid"
    for col, title in enumerate(["Ref", "Question", "Yes", "No", "Comments"]):
        set_cell(table.cell(0, col), title, bold=True)
    for i in range(2):
        set_cell(table.cell(i + 1, 0), f"Q{i + 1}")
        set_cell(table.cell(i + 1, 1), QUESTIONS[i])
        for col in (2, 3):
            set_cell(table.cell(i + 1, col), "")
            add_checkbox(table.cell(i + 1, col).paragraphs[0])
        set_cell(table.cell(i + 1, 4), "")
    doc.save(str(path))
    return path


# -- layout 2: one small table per question ----------------------------------------


def _per_question_table(
    doc: DocumentObject,
    header: list[str],
    rows: list[tuple[str, str]],
    *,
    boxes_in: str | None = None,
) -> None:
    table = doc.add_table(rows=len(header) + len(rows), cols=2)
    table.style = "Table Grid"
    for i, text in enumerate(header):
        cell = merge_row(table, i)
        set_cell(cell, text, bold=True)
    for j, (label, value) in enumerate(rows):
        r = len(header) + j
        set_cell(table.cell(r, 0), label, bold=True)
        set_cell(table.cell(r, 1), value, size=11, font="Arial")
        if boxes_in == label:
            add_choice_boxes(table.cell(r, 1).paragraphs[0], ["Yes", "No", "Neutral"])


def build_per_question_basic(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("Consultation questions", style="Heading 1")
    respondent_table(doc, [("Name", ""), ("Organisation", ""), ("Email", ""), ("Phone", "")])
    for i in range(3):
        doc.add_paragraph("")
        _per_question_table(
            doc,
            [f"Question {i + 1}: {QUESTIONS[i]}"],
            [("Response", "Yes / No / Neutral"), ("Rationale", "[Insert rationale]")],
        )
    doc.save(str(path))
    return path


def build_per_question_label_rows(path: Path) -> Path:
    """Header "Q1 ..." then a label row "Response" and an empty row under it."""
    doc = Document()
    for i in range(2):
        table = doc.add_table(rows=5, cols=1)
        table.style = "Table Grid"
        set_cell(table.cell(0, 0), f"Q{i + 1}. {QUESTIONS[i]}", bold=True)
        set_cell(table.cell(1, 0), "Response")
        set_cell(table.cell(2, 0), "")
        set_cell(table.cell(3, 0), "Rationale")
        set_cell(table.cell(4, 0), "", size=10)
        doc.add_paragraph("")
    doc.save(str(path))
    return path


def build_per_question_boxes(path: Path) -> Path:
    """A "Question 3" heading before each table; check boxes in the Response row."""
    doc = Document()
    p = doc.add_paragraph()
    styled_run(p, "Is your response confidential? ")
    add_choice_boxes(p, ["Yes", "No"])
    for i in range(2):
        doc.add_paragraph(f"Question {i + 3}", style="Heading 2")
        _per_question_table(
            doc,
            [QUESTIONS[i + 2]],
            [("Response", ""), ("Please explain your answer", "")],
            boxes_in="Response",
        )
    doc.save(str(path))
    return path


def build_per_question_multi(path: Path) -> Path:
    """Two header rows (number row, then a two-paragraph question); Answer / Comments rows."""
    doc = Document()
    for i in range(2):
        table = doc.add_table(rows=4, cols=2)
        table.style = "Table Grid"
        set_cell(merge_row(table, 0), str(i + 1), bold=True)
        cell = merge_row(table, 1)
        set_cell(cell, QUESTIONS[i])
        cell.add_paragraph("Please provide evidence to support your view.")
        set_cell(table.cell(2, 0), "Answer")
        set_cell(table.cell(2, 1), "")
        add_control(table.cell(2, 1).paragraphs[0])
        set_cell(table.cell(3, 0), "Comments")
        set_cell(table.cell(3, 1), "[Insert comments]", size=9)
        doc.add_paragraph("")
    doc.save(str(path))
    return path


# -- layout 3: numbered question paragraphs -------------------------------------------


def _box_table(doc: DocumentObject, text: str = "", **style: object) -> None:
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    set_cell(table.cell(0, 0), text, **style)


def build_numbered_box(path: Path) -> Path:
    """ "Q1:" paragraphs each followed by a 1x1 answer box; a header and an image."""
    doc = Document()
    doc.add_paragraph("1. Introduction", style="Heading 1")
    doc.add_paragraph("This form collects views on MP231.")
    for i in range(3):
        p = doc.add_paragraph()
        styled_run(p, f"Q{i + 1}: {QUESTIONS[i]}", bold=True)
        _box_table(doc, "[Insert response]", size=12, font="Georgia")
        doc.add_paragraph("")
    add_header_footer_image(doc, path.parent)
    doc.save(str(path))
    return path


def build_numbered_placeholder(path: Path) -> Path:
    """ "1." paragraphs followed by a placeholder paragraph, respondent "Label:" lines."""
    doc = Document()
    doc.add_paragraph("Name:\t[Insert name]")
    doc.add_paragraph("Organisation: [Insert organisation]")
    doc.add_paragraph("Email: [Insert email address]")
    doc.add_paragraph("Confidential? Yes / No")
    for i in range(3):
        doc.add_paragraph(f"{i + 1}. {QUESTIONS[i]}")
        p = doc.add_paragraph()
        styled_run(p, "[Insert response]", italic=True, size=10, font="Arial")
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.save(str(path))
    return path


def build_numbered_list(path: Path) -> Path:
    """Word list numbering (numPr, "Question %1:") with bordered empty answer paragraphs,
    and a second question spanning two paragraphs; plus a List Number style list."""
    doc = Document()
    doc.add_paragraph("Background", style="Heading 1")
    for item in ("First point", "Second point"):
        doc.add_paragraph(item, style="List Number")
    num_id = add_question_numbering(doc, "Question %1:", start=1)
    texts = [
        [QUESTIONS[0]],
        [QUESTIONS[1], "Please consider each Objective in turn."],
        [QUESTIONS[2]],
    ]
    for parts in texts:
        p = doc.add_paragraph(parts[0])
        set_numbering(p, num_id)
        for extra in parts[1:]:
            doc.add_paragraph(extra)
        answer = doc.add_paragraph()
        add_border(answer)
    doc.save(str(path))
    return path


def build_numbered_mixed(path: Path) -> Path:
    """A "Question 3" heading, two paragraphs of question, Yes/No boxes, then a 1x1 box;
    a question followed only by an empty paragraph; a content control paragraph."""
    doc = Document()
    doc.add_paragraph("Question 3", style="Heading 2")
    doc.add_paragraph(QUESTIONS[0])
    doc.add_paragraph("Please give reasons.")
    add_choice_boxes(doc.add_paragraph(), ["Yes", "No"])
    _box_table(doc, "")
    doc.add_paragraph("Question 4: " + QUESTIONS[1])
    doc.add_paragraph("")
    doc.add_paragraph("Question 5 - " + QUESTIONS[3])
    add_control(doc.add_paragraph())
    doc.add_paragraph("End of questions.")
    doc.save(str(path))
    return path


def build_numbered_style(path: Path) -> Path:
    """Questions numbered by the "List Number" paragraph style (numbering from styles.xml),
    each followed by a 1x1 answer box."""
    doc = Document()
    doc.add_paragraph("Consultation questions", style="Heading 1")
    for text in QUESTIONS[:3]:
        doc.add_paragraph(text, style="List Number")
        _box_table(doc, "")
    doc.save(str(path))
    return path


def build_label_controls(path: Path) -> Path:
    """Respondent "Label:" paragraphs holding content controls, Party Category check boxes
    with labels before them, and "Q1." questions answered in content-control paragraphs."""
    doc = Document()
    for label in ("Name: ", "Organisation: ", "Email: "):
        p = doc.add_paragraph()
        styled_run(p, label, bold=True)
        add_control(p)
    p = doc.add_paragraph()
    styled_run(p, "SEC Party Category: ", bold=True)
    add_choice_boxes(p, ["Large Supplier", "Small Supplier", "Other SEC Party"], labels_after=False)
    for i in range(2):
        doc.add_paragraph(f"Q{i + 1}. {QUESTIONS[i]}")
        add_control(doc.add_paragraph())
    doc.save(str(path))
    return path


def build_inline_boxes(path: Path) -> Path:
    """ "Q1 Do you agree? ☐ Yes ☐ No" on one line, then a rationale placeholder paragraph."""
    doc = Document()
    for i in range(2):
        p = doc.add_paragraph()
        styled_run(p, f"Q{i + 1} {QUESTIONS[i]} ", bold=True)
        add_choice_boxes(p, ["Yes", "No"])
        doc.add_paragraph("[Please explain your answer]")
    doc.save(str(path))
    return path


# -- not response forms ------------------------------------------------------------------


def build_not_a_form(path: Path) -> Path:
    doc = Document()
    doc.add_heading("SEC Modification Report", level=1)
    doc.add_paragraph("1. Introduction", style="Heading 2")
    doc.add_paragraph("This report describes the change to Section H.")
    doc.add_paragraph("2. Background")
    doc.add_paragraph("The Change Board considered the proposal in March.")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(
        [
            ("Release", "Date", "Status"),
            ("v57.0", "24 Feb 2022", "Done"),
            ("v58.0", "30 Jun 2022", "Planned"),
        ]
    ):
        for c, text in enumerate(row):
            set_cell(table.cell(r, c), text)
    doc.save(str(path))
    return path


def build_letter(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("Dear Sir or Madam,")
    doc.add_paragraph("Thank you for your letter about the SEC release. Who will attend?")
    doc.add_paragraph("")
    doc.add_paragraph("Yours faithfully,")
    doc.save(str(path))
    return path


def build_big_table(path: Path, rows: int = 10_000) -> Path:
    """A question table with ``rows`` questions (for scaling checks)."""
    doc = Document()
    table = doc.add_table(rows=rows + 1, cols=3)
    cells = table._tbl.findall(qn("w:tr"))
    header = ["No.", "Question", "Response"]
    for col, text in enumerate(header):
        table.cell(0, col).paragraphs[0].add_run(text)
    for i, tr in enumerate(cells[1:], start=1):
        tcs = tr.findall(qn("w:tc"))
        tcs[0].find(qn("w:p")).append(parse_xml(f"<w:r {nsdecls('w')}><w:t>{i}</w:t></w:r>"))
        tcs[1].find(qn("w:p")).append(
            parse_xml(f"<w:r {nsdecls('w')}><w:t>Do you agree with point {i}?</w:t></w:r>")
        )
    doc.save(str(path))
    return path
