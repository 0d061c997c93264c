"""Text from web pages with lxml: no entity expansion, no network, scripts and styles dropped."""

from __future__ import annotations

from lxml import etree, html

from secresponder.documents.extracted import ExtractedText, clean_text, clean_title
from secresponder.documents.formats import HTML
from secresponder.errors import InputError

_SKIPPED = ("script", "style", "noscript", "template", "head")
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "td", "th", "table", "ul", "ol", "dt", "dd", "pre"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"}
    | {"blockquote", "title"}
)


def extract_html(name: str, data: bytes) -> ExtractedText:
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: is not a readable web page ({exc}).") from None
    title_el = root.find(".//title")
    title = title_el.text_content() if title_el is not None else None
    for element in list(root.iter(*_SKIPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    _collect(root, parts)
    return ExtractedText(HTML, clean_text("".join(parts)), clean_title(title))


def _collect(element: etree._Element, parts: list[str]) -> None:
    """Text in document order, with a line break around block elements."""
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in _BLOCKS
    if block:
        parts.append("\n")
    if element.text and tag:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")
