"""Build the built-in response forms (src/secresponder/resources/forms/*.docx) with python-docx.

Run from the project root: ``.venv/bin/python scripts/build_builtin_forms.py``.
The output is reproducible (fixed document dates and zip timestamps), so a
rebuild without changes to this script leaves the committed files identical.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from secresponder.forms.builtin import CONSULTATION_MARKER

OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "secresponder" / "resources" / "forms"
FIXED_TIME = datetime(2024, 1, 1, 9, 0, 0)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
HEADER_SHADE = "1F3A5F"
LABEL_SHADE = "DCE6F1"

RESPONDENT_LABELS = (
    "Name",
    "Organisation",
    "Email address",
    "Telephone",
    "SEC Party Category",
    "Confidential? (Yes/No)",
)

GENERAL_SEC_OBJECTIVES = (
    "(a) the efficient provision, installation, operation and interoperability of Smart "
    "Metering Systems at energy consumers' premises in Great Britain;",
    "(b) enabling the DCC to meet the General Objectives of its licence and to discharge its "
    "other licence obligations efficiently;",
    "(c) helping energy consumers to manage their energy use and spending;",
    "(d) facilitating effective competition in the supply of energy and related activities;",
    "(e) facilitating innovation in the design and operation of energy networks;",
    "(f) ensuring the protection and security of data and systems in the operation of "
    "the Code;",
    "(g) facilitating the efficient and transparent administration and implementation of "
    "the Code.",
)

SOLUTION = (
    "Do you agree that the proposed solution addresses the issue identified? "
    "Please give your rationale."
)
LEGAL_TEXT = (
    "Do you agree that the proposed legal text delivers the intent of the proposed solution?"
)
IMPACT = (
    "Will the proposed changes impact your organisation? Please describe the impact, "
    "including any changes to your systems or processes."
)
COSTS = (
    "What costs would your organisation incur to implement the proposed changes? "
    "Please separate one-off and ongoing costs where you can."
)
LEAD_TIME = (
    "How much lead time would your organisation need to implement the proposed changes, "
    "from the date of approval?"
)
IMPLEMENTATION_DATE = "Do you agree with the proposed implementation date? If not, why not?"
OBJECTIVES = (
    "Do you believe the modification would better facilitate the General SEC Objectives "
    "(SEC Section C1)? Please say which objectives, and why. The General SEC Objectives are:"
)
FURTHER = "Do you have any further comments on the proposal?"

FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "modification-report-consultation": (
        "Modification Report Consultation response form",
        (SOLUTION, LEGAL_TEXT, IMPACT, COSTS, LEAD_TIME, IMPLEMENTATION_DATE, OBJECTIVES, FURTHER),
    ),
    "refinement-consultation": (
        "Refinement Consultation response form",
        (SOLUTION, IMPACT, COSTS, LEAD_TIME, IMPLEMENTATION_DATE, OBJECTIVES, FURTHER),
    ),
    "general-consultation": (
        "Consultation response form",
        (
            "Do you agree with the proposals set out in the consultation? "
            "Please give your rationale.",
            IMPACT,
            COSTS,
            LEAD_TIME,
            IMPLEMENTATION_DATE,
            OBJECTIVES,
            FURTHER,
        ),
    ),
}


def shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    props.append(shd)


def repeat_as_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def set_widths(table, widths: tuple[float, ...]) -> None:
    """Fixed column widths that Word and LibreOffice both honour.

    Word reads each cell's width; LibreOffice lays the table out from the grid
    (w:tblGrid), so both are written, and autofit is turned off.
    """
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def write_cell(cell, text: str, *, bold: bool = False, white: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def build(title: str, questions: tuple[str, ...]) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)

    heading = doc.add_heading(title, level=1)
    for run in heading.runs:
        run.font.color.rgb = NAVY
    subject = doc.add_paragraph()
    subject.add_run("Consultation: ").bold = True
    # The export puts the consultation's reference and title in place of this run.
    subject.add_run(CONSULTATION_MARKER)
    intro = doc.add_paragraph(
        "Please complete this form and email it to the address given on the consultation "
        "page by 5pm on the closing date. Answer each question with your position "
        "(for example Yes, No or Neutral) and your rationale."
    )
    intro.paragraph_format.space_after = Pt(12)

    doc.add_heading("Respondent details", level=2)
    details = doc.add_table(rows=len(RESPONDENT_LABELS), cols=2)
    details.style = "Table Grid"
    details.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, label in zip(details.rows, RESPONDENT_LABELS, strict=True):
        write_cell(row.cells[0], label, bold=True)
        shade(row.cells[0], LABEL_SHADE)
    set_widths(details, (5.5, 11.5))

    doc.add_paragraph()
    doc.add_heading("Consultation questions", level=2)
    table = doc.add_table(rows=1 + len(questions), cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("No.", "Question", "Response", "Rationale"),
                          strict=True):
        write_cell(cell, text, bold=True, white=True)
        shade(cell, HEADER_SHADE)
    repeat_as_header(table.rows[0])
    for number, (row, question) in enumerate(zip(table.rows[1:], questions, strict=True), 1):
        write_cell(row.cells[0], str(number), bold=True)
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        write_cell(row.cells[1], question)
        if question == OBJECTIVES:
            for objective in GENERAL_SEC_OBJECTIVES:
                item = row.cells[1].add_paragraph(objective)
                item.paragraph_format.left_indent = Cm(0.4)
                for run in item.runs:
                    run.font.size = Pt(9)
    set_widths(table, (1.2, 7.3, 2.5, 6.0))

    core = doc.core_properties
    core.title = title
    core.author = "secresponder"
    core.last_modified_by = "secresponder"
    core.created = core.modified = FIXED_TIME
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible_zip(buffer.getvalue())


def reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps, so rebuilds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def main(out_dir: Path = OUT_DIR) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    for key, (title, questions) in FORMS.items():
        target = out_dir / f"{key}.docx"
        target.write_bytes(build(title, questions))
        print(f"wrote {target} ({len(questions)} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR))
