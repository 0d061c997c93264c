"""Real .xlsx response forms built with openpyxl, in the shapes authorities send out."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
ROW_FILL = PatternFill("solid", fgColor="FFF2CC")


def _style_header(cell) -> None:
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = HEADER_FILL
    cell.border = BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _style_data(cell) -> None:
    cell.font = Font(name="Arial", size=10)
    cell.border = BOX
    cell.fill = ROW_FILL
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    cell.number_format = "@"


def comments_log(
    path: Path,
    *,
    headers: tuple[str, ...] = (
        "No.",
        "Document",
        "Section / Paragraph",
        "Comment",
        "Proposed change / amendment",
        "Confidential (Y/N)",
    ),
    respondent: str = "above",
    header_row: int | None = None,
    first_col: int = 1,
    styled_rows: int = 10,
    numbered: bool = True,
    existing: tuple[tuple[str, ...], ...] = (),
    footnote_after: int | None = None,
    title: str = "MP215 'Release Management Policy' comments log",
) -> Path:
    """A comments log; ``respondent`` is "above", "beside", "horizontal" or "sheet"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Comments"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:F1")
    labels = ("Organisation", "Name", "Email", "Contact number", "Party Category", "Confidential")
    if respondent == "above":
        for i, label in enumerate(labels, start=3):
            ws.cell(i, first_col, f"{label}:").font = Font(bold=True)
            ws.cell(i, first_col + 1).border = BOX
        row = header_row or 11
    elif respondent == "horizontal":
        for i, label in enumerate(labels):
            ws.cell(3, first_col + i, label).font = Font(bold=True)
            ws.cell(4, first_col + i).border = BOX
        row = header_row or 7
    elif respondent == "beside":
        col = first_col + len(headers) + 1
        for i, label in enumerate(labels, start=3):
            ws.cell(i, col, label).font = Font(bold=True)
            ws.cell(i, col + 1).border = BOX
        row = header_row or 3
    else:  # "sheet": respondent details on a sheet of their own
        details = wb.create_sheet("Respondent", 0)
        for i, label in enumerate(labels, start=2):
            details.cell(i, 2, label)
            details.cell(i, 3).border = BOX
        wb.active = 1
        row = header_row or 3
    for offset, text in enumerate(headers):
        cell = ws.cell(row, first_col + offset, text)
        _style_header(cell)
        ws.column_dimensions[cell.column_letter].width = 12 + 4 * offset
    ws.row_dimensions[row + 1].height = 30
    for r in range(row + 1, row + 1 + styled_rows):
        for offset, text in enumerate(headers):
            cell = ws.cell(r, first_col + offset)
            _style_data(cell)
            if numbered and text.lower().startswith("no"):
                cell.value = r - row
    for r, values in enumerate(existing, start=row + 1):
        for offset, value in enumerate(values):
            if value:
                ws.cell(r, first_col + offset, value)
    if footnote_after is not None:
        ws.cell(row + footnote_after + 1, first_col + 1, "Please return by 5pm on 12 May 2023")
    conf_col = [i for i, h in enumerate(headers) if "confidential" in h.lower()]
    if conf_col:
        letter = ws.cell(row, first_col + conf_col[0]).column_letter
        dv = DataValidation(type="list", formula1='"Y,N"', allow_blank=True)
        dv.add(f"{letter}{row + 1}:{letter}{row + 200}")
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row + 1, 1)
    wb.defined_names["CommentsHeader"] = DefinedName(
        "CommentsHeader", attr_text=f"'{ws.title}'!$A${row}:$F${row}"
    )
    notes = wb.create_sheet("Guidance")
    notes["A1"] = "Use one row per comment. Do not change the column headings."
    notes["A2"] = "=COUNTA(Comments!D:D)-1"
    wb.save(path)
    return path


def questions_sheet(path: Path, questions: tuple[str, ...], *, rationale: bool = True) -> Path:
    """A spreadsheet of questions with a Response (and Rationale) column per row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws["A1"] = "Respondent details"
    ws["A2"], ws["A3"] = "Name", "Organisation"
    headers = ["Q", "Question", "Response"] + (["Rationale"] if rationale else [])
    for i, text in enumerate(headers, start=1):
        _style_header(ws.cell(6, i, text))
    for n, question in enumerate(questions, start=1):
        ws.cell(6 + n, 1, n)
        ws.cell(6 + n, 2, question)
        for col in range(3, len(headers) + 1):
            _style_data(ws.cell(6 + n, col))
    wb.save(path)
    return path


# --- Workbooks in the shapes other code administrators send -----------------------------

X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM_NS = "http://schemas.microsoft.com/office/excel/2006/main"
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def sheet_part(path: Path, title: str) -> str:
    """The zip member holding the worksheet ``title`` (via workbook.xml and its rels)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', workbook)
    assert rid, title
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target, rid.group(1)
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def edit_members(path: Path, edits: dict[str, object], add: dict[str, bytes] | None = None):
    """Rewrite members of the package at ``path``: each edit maps old text to new text."""
    import io
    import zipfile

    source = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            data = src.read(info)
            edit = edits.get(info.filename)
            if edit is not None:
                data = edit(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            dst.writestr(info.filename, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    path.write_bytes(out.getvalue())


def add_x14_list(path: Path, title: str, sqref: str, formula: str) -> None:
    """Give sheet ``title`` an Excel 2010 (x14) drop-down list, as Excel writes it."""
    ext = (
        f'<extLst><ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="{X14_NS}">'
        f'<x14:dataValidations count="1" xmlns:xm="{XM_NS}">'
        '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" '
        'showErrorMessage="1">'
        f"<x14:formula1><xm:f>{formula}</xm:f></x14:formula1><xm:sqref>{sqref}</xm:sqref>"
        "</x14:dataValidation></x14:dataValidations></ext></extLst>"
    )
    edit_members(path, {sheet_part(path, title): lambda xml: xml.replace(
        "</worksheet>", ext + "</worksheet>"
    )})


def add_picture(path: Path, title: str) -> None:
    """Put a PNG picture on sheet ``title`` (drawing, relationships and content types)."""
    part = sheet_part(path, title)
    folder, base = part.rsplit("/", 1)
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
        'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        "<xdr:oneCellAnchor><xdr:from><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff>"
        "<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        '<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr>'
        '<xdr:cNvPr id="2" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
        '<a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>'
        "<xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    drawing_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/image" Target="../media/logo.png"/>'
        "</Relationships>"
    )
    sheet_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdPic" Type="{rel}/drawing" Target="../drawings/logo.xml"/>'
        "</Relationships>"
    )

    def sheet(xml: str) -> str:
        xml = xml.replace("<worksheet ", f'<worksheet xmlns:r="{rel}" ', 1) if (
            "xmlns:r=" not in xml
        ) else xml
        anchor = '<drawing r:id="rIdPic"/>'
        for following in ("<legacyDrawing", "<tableParts", "<extLst", "</worksheet>"):
            if following in xml:
                return xml.replace(following, anchor + following, 1)
        raise AssertionError("no place for the drawing")

    def types(xml: str) -> str:
        drawing_type = "application/vnd.openxmlformats-officedocument.drawing+xml"
        xml = xml.replace(
            "</Types>",
            '<Default Extension="png" ContentType="image/png"/>'
            f'<Override PartName="/xl/drawings/logo.xml" ContentType="{drawing_type}"/></Types>',
        )
        return xml

    edit_members(
        path,
        {part: sheet, "[Content_Types].xml": types},
        add={
            f"{folder}/_rels/{base}.rels": sheet_rels.encode(),
            "xl/drawings/logo.xml": drawing.encode(),
            "xl/drawings/_rels/logo.xml.rels": drawing_rels.encode(),
            "xl/media/logo.png": PNG_1PX,
        },
    )


def two_row_header_sheet(
    path: Path,
    questions: tuple[str, ...],
    *,
    group: str = "Your response",
    children: tuple[str, str] = ("Agree/Disagree", "Rationale"),
    positions: str | None = '"Agree,Disagree,Neutral"',
    title_rows: int = 4,
    sheet_title: str = "Questions",
) -> Path:
    """Questions under a merged two-row header: "Your response" over two columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    ws["A1"] = "MP231 'Release Management' consultation response form"
    ws.merge_cells("A1:D1")
    ws["A2"], ws["A3"] = "Organisation:", "Name of Respondent:"
    ws["A4"] = "Role of Respondent:"
    top = title_rows + 2
    for col, text in ((1, "Q"), (2, "Question")):
        _style_header(ws.cell(top, col, text))
        _style_header(ws.cell(top + 1, col))
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    _style_header(ws.cell(top, 3, group))
    _style_header(ws.cell(top, 4))
    ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    for col, text in zip((3, 4), children, strict=True):
        _style_header(ws.cell(top + 1, col, text))
    for n, question in enumerate(questions, start=1):
        row = top + 1 + n
        ws.cell(row, 1, f"Q{n}")
        ws.cell(row, 2, question)
        for col in (3, 4):
            _style_data(ws.cell(row, col))
    if positions is not None:
        dv = DataValidation(type="list", formula1=positions, allow_blank=True)
        dv.add(f"C{top + 2}:C{top + 1 + len(questions)}")
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(top + 2, 3)
    wb.save(path)
    return path
