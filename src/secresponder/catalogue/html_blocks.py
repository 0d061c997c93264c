"""Blocks from an HTML copy of a page, parsed with lxml without network or entity loading.

Headings, paragraphs, list items and table rows become blocks; links keep their
label and href; Cloudflare-protected addresses are decoded in place, so the
parsers never see "[email protected]".
"""

from __future__ import annotations

from lxml import etree

from secresponder.catalogue.blocks import ROW, Block, BlockKind, Link, clean_text
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
# Elements read as blocks of their own (unless inside a table row, where all is inline).
_BLOCKS = frozenset(_KIND_OF) | frozenset(_CONTAINERS)
_PARAGRAPH = BlockKind.PARAGRAPH
# All the text inside an element, as ``lxml.html``'s ``text_content()`` gives it.
_text_content = etree.XPath("string()", smart_strings=False)


def _parser() -> etree.HTMLParser:
    # Plain lxml elements, not ``lxml.html``'s: those are looked up in Python for every
    # element the walk touches, which cost more than the rest of the walk.
    return etree.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )


class HtmlBlockReader:
    """``BlockReader`` for HTML pages as the SEC WordPress site serves them."""

    format = "html"

    def blocks(self, text: str) -> list[Block]:
        try:
            root = etree.fromstring(text, parser=_parser())
        except (etree.ParserError, ValueError):
            return []
        if root is None:
            return []
        out: _Collector = _Collector()
        body = root.find("body")
        out.walk(body if body is not None else root)
        out.flush()
        return out.blocks


class _Collector:
    """Walks the tree once, gathering inline text until a block ends, then emitting it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._links: list[Link] = []
        self._kind = BlockKind.PARAGRAPH
        self._flushes = 0

    def flush(self) -> None:
        self._flushes += 1
        parts = self._parts
        if not parts:
            if self._links:
                self._links = []
            return
        self._parts = []
        joined = "".join(parts) if len(parts) > 1 else parts[0]
        if joined.isspace():
            # Only the line breaks and indentation between tags: nothing to emit.
            self._links = []
            return
        for piece in joined.split("\n") if "\n" in joined else (joined,):
            text = clean_text(piece)
            if text:
                links = (
                    tuple(ln for ln in self._links if not ln.label or ln.label in text)
                    if self._links else ()
                )
                self.blocks.append(Block(self._kind, text, links))
        self._links = []

    def walk(self, element: etree._Element) -> None:
        """Read a block or container element and everything in it."""
        saved_kind = self._kind
        if self._parts or self._links:
            self.flush()
        else:
            self._flushes += 1
        tag = element.tag
        kind = self._kind = _KIND_OF.get(tag.lower() if isinstance(tag, str) else "", _PARAGRAPH)
        if element.text:
            self._parts.append(element.text)
        for child in element:
            tag = child.tag
            tag = tag.lower() if isinstance(tag, str) else ""
            if tag in _CELLS:
                self._inline(child, tag)
                self._parts.append("\t")
            elif tag in _FURNITURE and _is_furniture(child):
                pass
            elif tag in _BLOCKS and kind is not ROW:
                if len(child):
                    self.walk(child)
                else:
                    self._leaf(child, tag)
            else:
                self._inline(child, tag)
            tail = child.tail
            if tail:
                self._parts.append(tail)
        if self._parts or self._links:
            self.flush()
        else:
            self._flushes += 1
        self._kind = saved_kind

    def _leaf(self, element: etree._Element, tag: str) -> None:
        """``walk`` for a block element with no children (most paragraphs and list items)."""
        if self._parts or self._links:
            self.flush()
        text = element.text
        if text:
            saved_kind = self._kind
            self._kind = _KIND_OF.get(tag, _PARAGRAPH)
            self._parts = [text]
            self.flush()
            self._kind = saved_kind
        else:
            self._flushes += 1

    def _inline(self, element: etree._Element, tag: str) -> None:
        """Append the text of an inline element and everything nested in it."""
        if not tag or tag in _SKIP or (tag in _FURNITURE and _is_furniture(element)):
            return
        if tag == "br":
            self._parts.append("\n")
            return
        address = _protected_address(element)
        if address is not None:
            self._parts.append(address)
            self._links.append(Link(address, f"mailto:{address}"))
            return
        if not len(element):
            # No children (most bold, italic and link elements): just its own text.
            text = element.text or ""
            if text:
                self._parts.append(text)
            if tag == "a":
                self._link(element, clean_text(text))
            return
        start, flushes = len(self._parts), self._flushes
        if element.text:
            self._parts.append(element.text)
        for child in element:
            child_tag = child.tag
            child_tag = child_tag.lower() if isinstance(child_tag, str) else ""
            if child_tag in _CELLS:
                self._inline(child, child_tag)
                self._parts.append("\t")
            elif child_tag in _BLOCKS and self._kind is not ROW:
                # A block inside an inline element (a heading inside a link): still a block.
                self.walk(child)
            else:
                self._inline(child, child_tag)
            tail = child.tail
            if tail:
                self._parts.append(tail)
        if tag == "a" and flushes == self._flushes:
            self._link(element, clean_text("".join(self._parts[start:])))

    def _link(self, element: etree._Element, label: str) -> None:
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


def _is_furniture(element: etree._Element) -> bool:
    """A page-level header or footer (one inside an article or main holds content)."""
    if _tag(element) not in _FURNITURE:
        return False
    return not any(_tag(a) in {"article", "main"} for a in element.iterancestors())


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _protected_address(element: etree._Element) -> str | None:
    """The decoded address of a Cloudflare-protected element, or None if it is not one."""
    encoded = element.get("data-cfemail")
    if encoded:
        return decode_cfemail(encoded)
    href = element.get("href") or ""
    if "/cdn-cgi/l/email-protection" in href and PLACEHOLDER.search(_text_content(element)):
        return decode_protection_href(href)
    return None
