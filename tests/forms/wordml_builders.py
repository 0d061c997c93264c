"""Builders for .docx forms written in raw WordprocessingML, as authorities' forms are.

python-docx makes the package (styles, settings, numbering); the body is the
XML given here, so that each answer mechanism Word offers can be built exactly:
legacy form fields (FORMTEXT, FORMCHECKBOX, FORMDROPDOWN) in a document
protected for filling in, content controls of every kind, text boxes with their
VML fallback, merged and nested tables, and reviewers' comments.
"""

from __future__ import annotations

from itertools import count
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_IDS = count(1000)


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text: str, *, bold: bool = False, style: str = "") -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:rStyle w:val="{style}"/>' if style else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{t(text)}</w:r>"


def para(*content: str, style: str = "", numbered: int | None = None) -> str:
    """A paragraph of raw run XML or plain strings (made into runs)."""
    ppr = ""
    if style or numbered is not None:
        num = (
            f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbered}"/></w:numPr>'
            if numbered is not None
            else ""
        )
        ppr = f"<w:pPr>{f'<w:pStyle w:val={quoteattr(style)}/>' if style else ''}{num}</w:pPr>"
    body = "".join(c if c.startswith("<") else run(c) for c in content)
    return f"<w:p>{ppr}{body}</w:p>"


# -- legacy form fields ---------------------------------------------------------------


def _field(ffdata: str, instr: str, result: str = "") -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData>'
        f"{ffdata}</w:ffData></w:fldChar></w:r>"
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{result}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def formtext(
    name: str,
    *,
    default: str = "",
    max_length: int | None = None,
    kind: str = "",
    picture: str = "",
) -> str:
    """A FORMTEXT field showing five en spaces (or ``default``), as Word inserts it."""
    typed = f'<w:type w:val="{kind}"/>' if kind else ""
    preset = f"<w:default w:val={quoteattr(default)}/>" if default else ""
    limit = f'<w:maxLength w:val="{max_length}"/>' if max_length else ""
    shape = f"<w:format w:val={quoteattr(picture)}/>" if picture else ""
    shown = default or "\u2002" * 5
    return _field(
        f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/>'
        f"<w:textInput>{typed}{preset}{limit}{shape}</w:textInput>",
        "FORMTEXT",
        f"<w:r><w:rPr><w:noProof/></w:rPr>{t(shown)}</w:r>",
    )


def formcheckbox(name: str, *, checked: bool = False) -> str:
    return _field(
        f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/>'
        f'<w:checkBox><w:sizeAuto/><w:default w:val="{int(checked)}"/></w:checkBox>',
        "FORMCHECKBOX",
    )


def formdropdown(name: str, entries: list[str]) -> str:
    items = "".join(f"<w:listEntry w:val={quoteattr(e)}/>" for e in entries)
    return _field(
        f'<w:name w:val="{name}"/><w:enabled/><w:calcOnExit w:val="0"/>'
        f"<w:ddList>{items}</w:ddList>",
        "FORMDROPDOWN",
    )


# -- content controls ----------------------------------------------------------------


def _sdt(props: str, shown: str, *, placeholder: bool = True) -> str:
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    style = (
        '<w:rPr><w:rStyle w:val="PlaceholderText"/><w:color w:val="808080"/></w:rPr>'
        if placeholder
        else ""
    )
    return (
        f'<w:sdt><w:sdtPr>{props}<w:id w:val="{next(_IDS)}"/>{flag}</w:sdtPr>'
        f"<w:sdtContent><w:r>{style}{t(shown)}</w:r></w:sdtContent></w:sdt>"
    )


def _names(alias: str) -> str:
    return f"<w:alias w:val={quoteattr(alias)}/><w:tag w:val={quoteattr(alias)}/>" if alias else ""


def sdt_text(alias: str = "", prompt: str = "Click or tap here to enter text.") -> str:
    return _sdt(f"{_names(alias)}<w:text/>", prompt)


def sdt_rich(alias: str = "", prompt: str = "Click or tap here to enter text.") -> str:
    return _sdt(_names(alias), prompt)


def sdt_dropdown(alias: str, items: list[str], *, combo: bool = False) -> str:
    kind = "w:comboBox" if combo else "w:dropDownList"
    entries = '<w:listItem w:value="" w:displayText="Choose an item."/>' + "".join(
        f"<w:listItem w:displayText={quoteattr(i)} w:value={quoteattr(i)}/>" for i in items
    )
    return _sdt(f"{_names(alias)}<{kind}>{entries}</{kind}>", "Choose an item.")


def sdt_date(alias: str, picture: str = "dd/MM/yyyy") -> str:
    return _sdt(
        f"{_names(alias)}<w:date><w:dateFormat w:val={quoteattr(picture)}/>"
        '<w:lid w:val="en-GB"/><w:storeMappedDataAs w:val="dateTime"/>'
        '<w:calendar w:val="gregorian"/></w:date>',
        "Click or tap to enter a date.",
    )


def sdt_checkbox() -> str:
    return (
        f'<w:sdt><w:sdtPr><w:id w:val="{next(_IDS)}"/><w14:checkbox>'
        '<w14:checked w14:val="0"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
        f"{t('☐')}</w:r></w:sdtContent></w:sdt>"
    )


# -- text boxes --------------------------------------------------------------------------


def text_box(*paragraphs: str) -> str:
    """A floating text box (DrawingML) with its VML fallback, both holding ``paragraphs``."""
    inner = "".join(paragraphs)
    shape = next(_IDS)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="5731510" cy="914400"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{shape}" name="Text Box {shape}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" '
        'y="0"/><a:ext cx="5731510" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></wps:spPr>"
        f"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/></wps:wsp></a:graphicData>'
        "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape id="Text Box {shape}" type="#_x0000_t202" '
        'style="position:absolute;width:451.3pt;height:72pt">'
        f"<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


# -- tables ------------------------------------------------------------------------------


def cell(*content: str, span: int = 1, vmerge: str = "", width: int = 2400) -> str:
    props = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    body = (
        "".join(c if c.startswith("<w:p") or c.startswith("<w:tbl") else para(c) for c in content)
        or "<w:p/>"
    )
    if body.startswith("<w:tbl") or body.endswith("</w:tbl>"):
        body += "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row(*cells: str, header: bool = False) -> str:
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def table(*rows: str, columns: int = 2) -> str:
    grid = "".join('<w:gridCol w:w="2400"/>' for _ in range(columns))
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


# -- the package ------------------------------------------------------------------------


def build(path: Path, *blocks: str, protect_forms: bool = False) -> Path:
    """Write a .docx whose body is ``blocks`` (raw XML) to ``path``."""
    doc = Document()
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not sect:
            body.remove(child)
    wrapper = parse_xml(f"<w:body {NS}>{''.join(blocks)}</w:body>")
    for child in list(wrapper):
        sect.addprevious(child)
    if protect_forms:
        settings = doc.settings.element
        settings.insert(
            0,
            parse_xml(
                '<w:documentProtection xmlns:w="http://schemas.openxmlformats.org/'
                'wordprocessingml/2006/main" w:edit="forms" w:enforcement="1"/>'
            ),
        )
    doc.save(str(path))
    return path


def add_comment_on_text(path: Path, text: str, comment: str, out: Path) -> Path:
    """Anchor a reviewer's comment on the first run whose text is ``text``."""
    doc = Document(str(path))
    paragraphs = list(doc.paragraphs)
    for tbl in doc.tables:
        for tr in tbl.rows:
            for tc in tr.cells:
                paragraphs += tc.paragraphs
    for paragraph in paragraphs:
        for r in paragraph.runs:
            if r.text == text:
                doc.add_comment(r, text=comment, author="Reviewer", initials="RV")
                doc.save(str(out))
                return out
    raise AssertionError(f"no run reads {text!r}")
