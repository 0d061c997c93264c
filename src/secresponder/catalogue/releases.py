"""The releases page parser: one ``Release`` per entry headed with a SEC version.

"SEC v62.0 released to implement MP200", "SEC v57.0 published for the February
2022 SEC Release", "MP134A approved and implemented in SEC v47.0": the version,
the date it came into effect, the modifications implemented and the SEC
documents changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from secresponder.catalogue.blocks import Block, BlockKind
from secresponder.catalogue.dates import DATE_PATTERN, find_dates, is_date_line
from secresponder.catalogue.entries import (
    QUOTED,
    REFERENCE_PATTERN,
    Parsed,
    SkippedEntry,
    normalise_for_compare,
    quoted_text,
    split_entries,
)
from secresponder.domain.consultation import normalise_reference
from secresponder.domain.release import AffectedDocument, ModificationRef, Release

MAX_HEADING_CHARS = 200
_VERSION = re.compile(r"\bSEC\s+v(?:ersion\s*)?(?P<major>\d{1,3})(?:\.(?P<minor>\d{1,2}))?\b",
                      re.IGNORECASE)
_HEADING_VERSION = re.compile(r"\bSEC\s+v(?P<major>\d{1,3})(?:\.(?P<minor>\d{1,2}))?\b")
_EFFECT = re.compile(
    rf"\b(?:came|comes|come)\s+into\s+(?:effect|force)\s+on\s+(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
_EFFECTIVE_FROM = re.compile(
    rf"\beffective\s+(?:from|on|date:?)\s+(?P<date>{DATE_PATTERN})", re.IGNORECASE
)
_REF = re.compile(rf"(?<![\w])(?P<ref>{REFERENCE_PATTERN})(?![\w])")
_IMPLEMENTS = re.compile(rf"\bimplement\w*\s+(?P<ref>{REFERENCE_PATTERN})(?![\w])")
_STARTS_WITH_REF = re.compile(rf"^(?P<ref>{REFERENCE_PATTERN})(?![\w])")
_REF_TITLE = re.compile(rf"(?P<ref>{REFERENCE_PATTERN})(?![\w])\s*[–—:-]?\s*{QUOTED}")
_AFFECTED = re.compile(
    r"^(?:SEC\s+)?(?P<doc>Section|Schedule|Appendix)\s+(?P<id>[A-Z]{1,2}\d{0,2}|\d{1,2})"
    rf"(?![\w])\s*(?:[–—:-]\s*)?(?:{QUOTED})?",
)
_NOT_ON_CODEWORKS = re.compile(r"\(\s*not\s+(?:currently\s+)?available[^)]*\)", re.IGNORECASE)
_SUMMARY_LABELS = ("summary of", "what ", "where ", "how ", "why ", "who ", "ecos")


def is_title(text: str) -> bool:
    """True for a block that opens a release entry (a short line naming "SEC v62.0")."""
    if "SEC" not in text:
        return False
    stripped = text.strip()
    return (
        len(stripped) <= MAX_HEADING_CHARS
        and _HEADING_VERSION.search(stripped) is not None
        and not stripped.endswith((".", ":", ","))
    )


class ReleasesParser:
    """``EntryParser`` for the "SEC Release" news page and single release posts."""

    kind = "releases"

    def split(self, blocks: Sequence[Block]) -> list[list[Block]]:
        return split_entries(blocks, is_title)

    def parse_entries(self, entries: Sequence[Sequence[Block]], source: str) -> Parsed[Release]:
        items: list[Release] = []
        skipped: list[SkippedEntry] = []
        notes: list[str] = []
        seen: dict[str, Release] = {}
        for entry in entries:
            try:
                release = read_entry(entry, source)
            except ValueError as exc:
                skipped.append(SkippedEntry(entry[0].text, str(exc)))
                continue
            first = seen.get(release.version)
            if first is not None:
                # One version is one release: the first listing is kept, and a second one
                # that says something else is pointed out rather than dropped silently.
                if release == first:
                    notes.append(f"{release.version}: listed twice on the page; read once.")
                else:
                    notes.append(
                        f"{release.version}: listed twice on the page, the two differing in "
                        f"{_differences(first, release)}; the first is kept."
                    )
                continue
            seen[release.version] = release
            items.append(release)
        return Parsed(tuple(items), tuple(skipped), tuple(notes))


_COMPARED = (("effective", "date"), ("title", "title"), ("modifications", "modifications"),
             ("affected", "documents changed"), ("summary", "summary"))


def _differences(a: Release, b: Release) -> str:
    """ "date, modifications and summary": what two listings of one version disagree on."""
    names = [shown for field_, shown in _COMPARED if getattr(a, field_) != getattr(b, field_)]
    if not names:
        return "details"
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


def read_entry(entry: Sequence[Block], source: str) -> Release:
    heading = entry[0].text
    match = _HEADING_VERSION.search(heading)
    if match is None:
        raise ValueError("its heading names no SEC version")
    version = f"v{int(match.group('major'))}.{int(match.group('minor') or 0)}"
    body = list(entry[1:])
    summary_blocks, sections = _split(body)
    effective = _effective(body)
    if effective is None:
        raise ValueError("no date it came into effect could be read")
    return Release(
        version=version,
        effective=effective,
        title=heading,
        modifications=tuple(_modifications(heading, summary_blocks, body, sections)),
        affected=tuple(_affected(sections)),
        summary="\n\n".join(b.text for b in summary_blocks),
        source=source,
    )


def _is_label(block: Block) -> bool:
    text = block.text.strip()
    if block.kind is BlockKind.HEADING or text.endswith("?"):
        return True
    lowered = text.casefold()
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(text) <= 80
        and not text.endswith((".", ":", ","))
        and lowered.startswith(_SUMMARY_LABELS)
    )


def _split(body: Sequence[Block]) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """Summary paragraphs (before the first section label) and the labelled sections."""
    summary: list[Block] = []
    sections: list[tuple[str, list[Block]]] = []
    for block in body:
        if _is_label(block):
            sections.append((normalise_for_compare(block.text), []))
        elif sections:
            sections[-1][1].append(block)
        elif not is_date_line(block.text) and block.kind is BlockKind.PARAGRAPH:
            summary.append(block)
    return summary, sections


def _effective(body: Sequence[Block]) -> date | None:
    for pattern in (_EFFECT, _EFFECTIVE_FROM):
        for block in body:
            for match in pattern.finditer(block.text):
                dates = find_dates(match.group("date"))
                if dates:
                    return dates[0].value
    for block in body[:3]:
        if is_date_line(block.text):
            dates = find_dates(block.text)
            if dates:
                return dates[0].value
    return None


def _is_affected_section(label: str) -> bool:
    return "affected" in label or "parts of the sec" in label or "documents changed" in label


def _modifications(
    heading: str,
    summary: Sequence[Block],
    body: Sequence[Block],
    sections: Sequence[tuple[str, list[Block]]],
) -> list[ModificationRef]:
    order: list[str] = []

    def add(reference: str) -> None:
        ref = normalise_reference(reference)
        if ref not in order:
            order.append(ref)

    for match in _REF.finditer(heading):
        add(match.group("ref"))
    for block in summary:
        for match in _IMPLEMENTS.finditer(block.text):
            add(match.group("ref"))
    candidates = list(summary)
    for label, blocks in sections:
        if not _is_affected_section(label):
            candidates.extend(blocks)
    for block in candidates:
        match = _STARTS_WITH_REF.match(block.text)
        if match:
            add(match.group("ref"))
    titles: dict[str, str] = {}
    for block in [*summary, *body]:
        for match in _REF_TITLE.finditer(block.text):
            ref = normalise_reference(match.group("ref"))
            title = " ".join(quoted_text(match).split())
            titles.setdefault(ref, title)
    return [ModificationRef(ref, titles.get(ref, "")) for ref in order]


def _affected(sections: Sequence[tuple[str, list[Block]]]) -> list[AffectedDocument]:
    found: list[AffectedDocument] = []
    for label, blocks in sections:
        if not _is_affected_section(label):
            continue
        for block in blocks:
            document = affected_document(block.text)
            if document is not None and document not in found:
                found.append(document)
    return found


def affected_document(text: str) -> AffectedDocument | None:
    """("Section A", "Definitions and Interpretation") from one line or flattened table row."""
    cleaned = _NOT_ON_CODEWORKS.sub("", text.replace("\t", " ")).strip()
    match = _AFFECTED.match(cleaned)
    if match is None:
        return None
    document = f"{match.group('doc').capitalize()} {match.group('id')}"
    name = ""
    if any(match.group(f"q{i}") for i in range(1, 5)):
        name = " ".join(quoted_text(match).split())
    return AffectedDocument(document, name)
