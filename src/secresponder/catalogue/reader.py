"""Read a saved or fetched SEC page (text or HTML) into consultations or releases.

``read_page`` decodes the bytes, picks the block reader for the format, picks
the parser for the kind of page, and reports entries it had to skip. It raises
only ``PageError``, whose message is one sentence naming the source.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from secresponder.catalogue.blocks import Block, BlockReader
from secresponder.catalogue.consultations import ConsultationsParser
from secresponder.catalogue.decoding import DecodeError, decode_page
from secresponder.catalogue.entries import SkippedEntry, normalise_for_compare
from secresponder.catalogue.html_blocks import HtmlBlockReader
from secresponder.catalogue.releases import ReleasesParser
from secresponder.catalogue.text_blocks import TextBlockReader
from secresponder.domain.consultation import Consultation
from secresponder.domain.release import Release
from secresponder.errors import InputError
from secresponder.fileio import read_limited

__all__ = [
    "MAX_PAGE_BYTES",
    "PageError",
    "PageReading",
    "SkippedEntry",
    "read_page",
    "read_page_file",
]

MAX_PAGE_BYTES = 20 * 1024 * 1024


class PageError(InputError):
    """A page could not be read at all; the message is one sentence naming the source."""


@dataclass(frozen=True)
class PageReading:
    """What one page held: its kind and format, the entries read and those skipped."""

    source: str
    kind: str
    format: str
    consultations: tuple[Consultation, ...]
    releases: tuple[Release, ...]
    skipped: tuple[SkippedEntry, ...]
    is_full_list: bool
    notes: tuple[str, ...] = ()


_HTML_START = re.compile(
    r"^\s*<(?:!doctype\s+html|html|head|body|meta|div|p|h[1-6]|ul|table|article)\b", re.IGNORECASE
)
_HTML_TAG = re.compile(r"<(?:html|body|div|p|h[1-6]|ul|li|table|article|br)\b[^>]*>", re.IGNORECASE)
_HTML_DOCUMENT = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                            re.IGNORECASE | re.DOTALL)
_HTML_END = re.compile(r"</\s*(?:html|body)\s*>", re.IGNORECASE)
# A page's own words for "this is the list": breadcrumbs and titles of the list pages.
_LIST_WORDS = re.compile(r"FAQ Categor|Open Industry Consultations|SEC Release\b", re.IGNORECASE)
_BODY_CLASS = re.compile(r"<body[^>]*\bclass\s*=\s*[\"']([^\"']*)", re.IGNORECASE)

_PARSERS = (ConsultationsParser(), ReleasesParser())


def read_page(data: bytes, source: str) -> PageReading:
    """Read a consultations or releases page; raise ``PageError`` if it cannot be used."""
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(
            f"{source}: the page is {len(data) / 1048576:.1f} MB, over the "
            f"{MAX_PAGE_BYTES // 1048576} MB limit."
        )
    try:
        text, _encoding = decode_page(data, source)
    except DecodeError as exc:
        raise PageError(str(exc)) from None
    reader = _reader_for(text)
    if reader.format == "html" and _HTML_DOCUMENT.match(text) and not _HTML_END.search(text):
        raise PageError(
            f"{source}: the HTML page is incomplete (it stops before its end); "
            "save the whole page and import it again."
        )
    blocks = reader.blocks(text)
    splits = [(parser.split(blocks), parser) for parser in _PARSERS]
    entries, parser = max(splits, key=lambda pair: len(pair[0]))
    best_count = len(entries)
    if best_count == 0:
        raise PageError(
            f"{source}: is not a SEC consultations or releases page "
            "(no entries with a closing date or SEC version were found)."
        )
    parsed = parser.parse_entries(entries, source)
    if not parsed.items:
        first = parsed.skipped[0]
        some = "its entry" if best_count == 1 else f"none of its {best_count} entries"
        raise PageError(
            f"{source}: {some} could be read (‘{first.heading}’: {first.reason}); "
            "nothing was changed."
        )
    is_consultations = parser.kind == "consultations"
    return PageReading(
        source=source,
        kind=parser.kind,
        format=reader.format,
        consultations=parsed.items if is_consultations else (),
        releases=() if is_consultations else parsed.items,
        skipped=parsed.skipped,
        is_full_list=_is_full_list(text, source, blocks, entries),
        notes=parsed.notes,
    )


def read_page_file(path: str | os.PathLike[str]) -> PageReading:
    """Read a saved page from disk, refusing files over ``MAX_PAGE_BYTES`` before parsing."""
    try:
        data = read_limited(path, MAX_PAGE_BYTES, what="page")
    except InputError as exc:
        raise PageError(str(exc)) from None
    return read_page(data, os.fspath(path))


def _reader_for(text: str) -> BlockReader:
    if _HTML_START.match(text) or len(_HTML_TAG.findall(text[:65536])) >= 3:
        return HtmlBlockReader()
    return TextBlockReader()


def _is_full_list(
    text: str, source: str, blocks: Sequence[Block], entries: Sequence[Sequence[Block]]
) -> bool:
    """True for the list page; False for a page of one entry (a /ufaqs/ page or one post).

    Only the list may mark what it no longer holds as "no longer listed", so a page is
    taken for it on positive evidence; a single page's breadcrumb, which names the list
    and then the entry, is not.
    """
    # Only a web address says what a page is; a saved file's name or folder says nothing.
    lowered = source.lower() if source.lower().startswith(("http://", "https://")) else ""
    if "/ufaqs/" in lowered:
        return False
    body = _BODY_CLASS.search(text[:200000])
    classes = body.group(1).split() if body else []
    if "single" in classes or any(c.startswith("single-") for c in classes):
        return False
    if "/ufaq-category/" in lowered or "/tag/" in lowered or len(entries) > 1:
        return True
    if "archive" in classes or "tax-ufaq-category" in classes:
        return True
    # A list with one entry left still opens with the list's breadcrumb or title.
    # The entry's title as a breadcrumb would give it: without the closing date.
    title = normalise_for_compare(entries[0][0].text.split("(")[0])[:60] if entries else ""
    heads = [b for b in blocks[:3] if b is not (entries[0][0] if entries else None)]
    return any(
        _LIST_WORDS.search(block.text) and title not in normalise_for_compare(block.text)
        for block in heads
    )
