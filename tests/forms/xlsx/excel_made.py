"""A workbook written the way Excel writes one (shared strings, markup-compatibility
namespaces, row spans, optional cell references left out), built from its XML parts."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

STRINGS = (
    "Name:",  # 0
    "Organisation:",  # 1
    "No.",  # 2
    "Question",  # 3
    "Response",  # 4
    "Comments",  # 5
    "Do you agree with the proposed solution?",  # 6
    "Do you agree with the legal text?",  # 7
    "Enter your response here",  # 8
    "Guidance: answer every question.",  # 9
)


def _sheet() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="x14ac xr" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xr:uid="{00000000-0001-0000-0000-000000000000}">'
        '<dimension ref="A1:D8"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<pane ySplit="5" topLeftCell="A6" activePane="bottomLeft" state="frozen"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="14.4" x14ac:dyDescent="0.3"/>'
        "<sheetData>"
        '<row r="1" spans="1:4" x14ac:dyDescent="0.3"><c r="A1" t="s"><v>9</v></c></row>'
        # no cell references in row 2: A2 and B2 by position
        '<row r="2" spans="1:2" x14ac:dyDescent="0.3"><c t="s"><v>0</v></c><c s="1"/></row>'
        '<row r="3" spans="1:2" x14ac:dyDescent="0.3"><c r="A3" t="s"><v>1</v></c></row>'
        # no row reference: this is row 4 (empty), then the header row 5
        '<row spans="1:4" x14ac:dyDescent="0.3"/>'
        '<row r="5" spans="1:4" x14ac:dyDescent="0.3"><c r="A5" s="2" t="s"><v>2</v></c>'
        '<c r="B5" s="2" t="s"><v>3</v></c><c r="C5" s="2" t="s"><v>4</v></c>'
        '<c r="D5" s="2" t="s"><v>5</v></c></row>'
        '<row r="6" spans="1:4" ht="43.2" customHeight="1" x14ac:dyDescent="0.3">'
        '<c r="A6"><v>1</v></c><c r="B6" t="s"><v>6</v></c>'
        '<c r="C6" s="1" t="s"><v>8</v></c><c r="D6" s="1"/></row>'
        '<row r="7" spans="1:4" x14ac:dyDescent="0.3"><c r="A7"><v>2</v></c>'
        '<c r="B7" t="s"><v>7</v></c><c r="C7" s="1" t="s"><v>8</v></c></row>'
        '<row r="8" spans="1:4" x14ac:dyDescent="0.3"><c r="A8"><f>COUNTA(C6:C7)</f>'
        "<v>2</v></c></row>"
        "</sheetData>"
        '<conditionalFormatting sqref="C6:C7"><cfRule type="containsBlanks" dxfId="0" '
        'priority="1"><formula>LEN(TRIM(C6))=0</formula></cfRule></conditionalFormatting>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/></worksheet>'
    )


def _styles() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<styleSheet xmlns="{MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/>'
        '</font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill>'
        '<patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid">'
        '<fgColor rgb="FFFFF2CC"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="2" '
        'borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"><alignment wrapText="1"/>'
        '</xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        '</cellStyles><dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFFFC7CE"/>'
        "</patternFill></fill></dxf></dxfs></styleSheet>"
    )


def excel_made_form(path: Path) -> Path:
    strings = "".join(f"<si><t>{s}</t></si>" for s in STRINGS)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.'
            'openxmlformats-package.core-properties+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships '
            f'xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/package/2006/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>SECAS'
            '</dc:creator><dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-01T09:00:00Z'
            "</dcterms:modified></cp:coreProperties>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView '
            'activeTab="0"/></bookViews><sheets><sheet name="Consultation Questions" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships '
            f'xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
            'Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rId3" '
            f'Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": _sheet(),
        "xl/styles.xml": _styles(),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<sst xmlns="{MAIN}" count="{len(STRINGS)}" uniqueCount="{len(STRINGS)}">'
            f"{strings}</sst>"
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return path
