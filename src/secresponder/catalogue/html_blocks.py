"""Blocks from an HTML copy of a page, parsed with lxml without network or entity loading.

Headings, paragraphs, list items and table rows become blocks; links keep their
label and href; Cloudflare-protected addresses are decoded in place, so the
parsers never see "[email protected]".
"""

from __future__ import annotations

from lxml import etree, html

from secresponder.catalogue.blocks import Block, BlockKind, Link, clean_text
from secresponder.catalogue.cfemail import PLACEHOLDER, decode_cfemail, decode_protection_href

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_KIND_OF = {
    **{tag: BlockKind.HEADING for tag in _HEADINGS},
    "p": BlockKind.PARAGRAPH,
    "li": BlockKind.ITEM,
    "dt": BlockKind.PARAGRAPH,
    "dd": BlockKind.PARAGRAPH,
    "tr": BlockKind.ROW,
    "caption": BlockKind.PARAGRAPH,
    "pre": BlockKind.PARAGRAPH,
}
# Elements that only hold other blocks; loose text inside them is a paragraph.
_CONTAINERS = {
    "html", "body", "main", "article", "section", "div", "ul", "ol", "dl", "table", "thead",
    "tbody", "tfoot", "blockquote", "figure", "figcaption", "center", "details", "summary",
    "address", "header", "footer",
}
# Page-level header and footer are site furniture; an article's own header holds its title.
_FURNITURE = {"header", "footer"}
# Site furniture and non-content: never read.
_SKIP = {
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
    "nav", "aside", "form", "select", "button", "textarea", "input",
}
_CELLS = {"td", "th"}


def _parser() -> html.HTMLParser:
    return html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )


class HtmlBlockReader:
    """``BlockReader`` for HTML pages as the SEC WordPress site serves them."""

    format = "html"

    def blocks(self, text: str) -> list[Block]:
        try:
            root = html.document_fromstring(text, parser=_parser())
        except (etree.ParserError, ValueError):
            return []
        out: _Collector = _Collector()
        body = root.find("body")
        out.walk(body if body is not None else root)
        out.flush()
        return out.blocks


class _Collector:
    """Walks the tree, gathering inline text until a block ends, then emitting it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._links: list[Link] = []
        self._kind = BlockKind.PARAGRAPH
        self._flushes = 0

    def flush(self) -> None:
        self._flushes += 1
        for piece in "".join(self._parts).split("\n"):
            text = clean_text(piece)
            if text:
                links = tuple(ln for ln in self._links if not ln.label or ln.label in text)
                self.blocks.append(Block(self._kind, text, links))
        self._parts = []
        self._links = []

    def walk(self, element: html.HtmlElement) -> None:
        """Read a block or container element and everything in it."""
        saved_kind = self._kind
        self.flush()
        self._kind = _KIND_OF.get(_tag(element), BlockKind.PARAGRAPH)
        if element.text:
            self._parts.append(element.text)
        for child in element:
            tag = _tag(child)
            if tag in _CELLS:
                self._inline(child)
                self._parts.append("\t")
            elif _is_furniture(child):
                pass
            elif (tag in _KIND_OF or tag in _CONTAINERS) and self._kind is not BlockKind.ROW:
                self.walk(child)
            else:
                self._inline(child)
            if child.tail:
                self._parts.append(child.tail)
        self.flush()
        self._kind = saved_kind

    def _inline(self, element: html.HtmlElement) -> None:
        """Append the text of an inline element and everything nested in it."""
        tag = _tag(element)
        if not tag or tag in _SKIP or _is_furniture(element):
            return
        if tag == "br":
            self._parts.append("\n")
            return
        address = _protected_address(element)
        if address is not None:
            self._parts.append(address)
            self._links.append(Link(address, f"mailto:{address}"))
            return
        start, flushes = len(self._parts), self._flushes
        if element.text:
            self._parts.append(element.text)
        for child in element:
            child_tag = _tag(child)
            if child_tag in _CELLS:
                self._inline(child)
                self._parts.append("\t")
            elif (
                child_tag in _KIND_OF or child_tag in _CONTAINERS
            ) and self._kind is not BlockKind.ROW:
                # A block inside an inline element (a heading inside a link): still a block.
                self.walk(child)
            else:
                self._inline(child)
            if child.tail:
                self._parts.append(child.tail)
        if tag == "a" and flushes == self._flushes:
            self._link(element, clean_text("".join(self._parts[start:])))

    def _link(self, element: html.HtmlElement, label: str) -> None:
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            return
        decoded = decode_protection_href(href)
        if decoded:
            href = f"mailto:{decoded}"
        link = Link(label, href)
        email = link.email
        if email and "@" not in label:
            # "email us" style labels: keep the address visible in the text.
            self._parts.append(f" ({email})" if label else email)
        self._links.append(link)


def _is_furniture(element: html.HtmlElement) -> bool:
    if _tag(element) not in _FURNITURE:
        return False
    return not any(_tag(a) in {"article", "main"} for a in element.iterancestors())


def _tag(element: html.HtmlElement) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _protected_address(element: html.HtmlElement) -> str | None:
    """The decoded address of a Cloudflare-protected element, or None if it is not one."""
    encoded = element.get("data-cfemail")
    if encoded:
        return decode_cfemail(encoded)
    href = element.get("href") or ""
    if "/cdn-cgi/l/email-protection" in href and PLACEHOLDER.search(element.text_content()):
        return decode_protection_href(href)
    return None
