"""The consultations page parser: one ``Consultation`` per entry titled "... (Closing Date: ...)".

An entry is its title block, an optional repeat of the title, the summary,
then the "Who should respond?", "Related Documents" and "How to respond"
sections, in whatever markup the page used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from urllib.parse import urljoin

from secresponder.catalogue.blocks import ITEM, Block, Link
from secresponder.catalogue.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    TIME_RE,
    find_dates,
    match_to_time,
    may_hold_date,
    parse_time,
    years_out_of_range,
)
from secresponder.catalogue.entries import (
    EMAIL_RE,
    QUOTED,
    REFERENCE_PATTERN,
    Parsed,
    SkippedEntry,
    normalise_for_compare,
    quoted_text,
    sentences,
    split_entries,
    strip_quotes,
)
from secresponder.domain.audience import categories_for_audience
from secresponder.domain.consultation import (
    DEFAULT_RESPONSE_ADDRESS,
    Consultation,
    Document,
    normalise_reference,
)
from secresponder.domain.deadline import closing_instant

MAX_TITLE_CHARS = 400
_CLOSING = re.compile(
    r"(?:\(\s*|\s[–—-]\s*|,\s*)Closing\s+Date\b\s*[:\-–—]?\s*(?P<when>[^()]*?)\s*\)?\s*$",
    re.IGNORECASE,
)
KINDS = (
    "Second Refinement Consultation",
    "Third Refinement Consultation",
    "Refinement Consultation",
    "Draft Modification Report Consultation",
    "Modification Report Consultation",
    "Working Group Consultation",
    "Request for Information",
)
_KIND_ALT = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in KINDS)
_SEP = r"\s*[–—:\-]\s*"
_QUOTE_CHARS = "‘’“”'\""
# The kind, reference and title of a heading come in any order, separated by a dash,
# a colon or only a space. Each pattern takes one part off one end of the heading.
_KIND_AT_START = re.compile(rf"^(?P<kind>{_KIND_ALT})(?P<sep>{_SEP}|\s+|$)", re.IGNORECASE)
_KIND_AT_END = re.compile(
    rf"(?:(?P<sep>{_SEP})|(?<=[{_QUOTE_CHARS}])\s*|\s+|^)(?P<kind>{_KIND_ALT})$", re.IGNORECASE
)
_REF_AT_START = re.compile(
    rf"^[(\[]?(?P<ref>{REFERENCE_PATTERN})[)\]]?(?![\w])(?:{_SEP}|\s*)", re.IGNORECASE
)
# Only a reference set apart (in brackets, or after a dash or colon) is taken from the
# end: "Changes following MP104" names another modification, not its own.
_REF_AT_END = re.compile(
    rf"(?:{_SEP}[(\[]?|\s*[(\[]|(?<=[{_QUOTE_CHARS}])\s*)(?P<ref>{REFERENCE_PATTERN})[)\]]?$",
    re.IGNORECASE,
)
# A reference just before a kind at the end: "'Title' MP092 Refinement Consultation".
_REF_BEFORE_KIND = re.compile(rf"(?:^|[\s{_QUOTE_CHARS}(\[]){REFERENCE_PATTERN}[)\]]?\s*$",
                              re.IGNORECASE)
_REF_AHEAD = re.compile(rf"^[(\[]?{REFERENCE_PATTERN}(?![\w])", re.IGNORECASE)
# Every kind ends in one of these letters; a title ending otherwise names no kind last.
_KIND_LAST_CHARS = tuple({c for k in KINDS for c in (k[-1].lower(), k[-1].upper())})
# The rule for the email's subject, in the wordings pages use: "subject line", "subject
# field", "email subject", "subject heading", "entitled", "titled", "headed".
# "Entitled" and its kin count only about the email itself: "a report entitled 'X'" in
# a summary names a document, and "mark your response 'Confidential'" is no subject.
_SUBJECT_WORD = (
    r"\b(?=[ehmrst])(?:(?:e-?mail\s+)?subject(?:\s+(?:line|field|heading|header|title|box))?"
    r"(?:\s+of\s+(?:your|the)\s+(?:e-?mail|response|message))?"
    r"|(?:e-?mail|response|message)s?\s+(?:entitled|titled|headed)"
    r"|(?:entitle|title|head)\s+(?:your|the)\s+(?:e-?mail|response|message)"
    r"|mark\s+(?:your|the)\s+(?:e-?mail|message))"
)
_SUBJECT = re.compile(
    rf"{_SUBJECT_WORD}(?:\s+(?:of|as|should\s+(?:be|read)|must\s+(?:be|read)|reading|is|"
    rf"stating|containing|including|with))*\s*[:\-–]?\s*{QUOTED}",
    re.IGNORECASE,
)
# "... with 'MP231 response' in the subject line", "put 'MP231' as the email subject".
# The quoted text is bounded and may not span another quote: an apostrophe elsewhere in
# a long paragraph must not start a match that is then retried from every later quote.
_SHORT_QUOTED = (
    r"(?:‘(?P<q1>[^‘’\n]{1,200})’|“(?P<q2>[^“”\n]{1,200})”|'(?P<q3>[^'\n]{1,200})'"
    r"|\"(?P<q4>[^\"\n]{1,200})\")"
)
_SUBJECT_BEFORE = re.compile(
    rf"{_SHORT_QUOTED}\s+(?:in|as|into)\s+(?:the\s+|your\s+)?(?:e-?mail(?:'s)?\s+)?subject",
    re.IGNORECASE,
)
# "Email subject: MP231 Consultation Response" with no quotes: the rest of the sentence.
_SUBJECT_UNQUOTED = re.compile(
    rf"{_SUBJECT_WORD}\s*:\s*(?P<plain>[^‘’“”'\"\n]+?)\s*(?:\.\s|\.?$|;)", re.IGNORECASE
)
# Words one of the subject patterns needs; plain substring tests are far cheaper than
# trying the patterns on every paragraph.
_SUBJECT_HINTS = ("subject", "titled", "headed", "title the", "title your", "head the",
                  "head your", "mark the", "mark your")
_QUESTIONS = re.compile(r"\b(?:questions?|quer(?:y|ies)|enquir(?:y|ies))\b", re.IGNORECASE)
_DEADLINE_WORDS = re.compile(
    r"\b(?:by|before|until|no later than|close[sd]?|closing|deadline|due|requested)\b",
    re.IGNORECASE,
)
_DOC_LABEL = re.compile(
    r"\b(?:find|see|view|read|access|download|use)\s+(?:the\s+|our\s+|a\s+)?(?P<label>.+?)"
    r"\s+(?:here|below|at|on|via|from|by|and)\b",
    re.IGNORECASE,
)
_GENERIC_LABELS = {"here", "click here", "this link", "link", "this", "download", "view"}
_DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".zip", ".pptx")
_DOCUMENT_WORDS = re.compile(r"\b(?:template|form|document|pro ?forma)\b", re.IGNORECASE)
_LOGIN = re.compile(r"\blog(?:ged)?[\s-]?in\b", re.IGNORECASE)


def is_title(text: str) -> bool:
    """True for a block that opens a consultation entry ("... (Closing Date: 12 May 2023)")."""
    return (
        len(text) <= MAX_TITLE_CHARS
        and "date" in text.casefold()
        and _CLOSING.search(text) is not None
    )


class ConsultationsParser:
    """``EntryParser`` for the "Open Industry Consultations" page and its single-entry pages."""

    kind = "consultations"

    def split(self, blocks: Sequence[Block]) -> list[list[Block]]:
        return split_entries(blocks, is_title)

    def parse_entries(
        self, entries: Sequence[Sequence[Block]], source: str
    ) -> Parsed[Consultation]:
        # An entry listed twice is kept twice: storing it says so, and keeps both when
        # their closing dates differ.
        items: list[Consultation] = []
        skipped: list[SkippedEntry] = []
        for entry in entries:
            heading = entry[0].text
            try:
                items.append(read_entry(entry, source))
            except EntryError as exc:
                skipped.append(SkippedEntry(heading, str(exc)))
        return Parsed(tuple(items), tuple(skipped))


class EntryError(ValueError):
    """Why one entry could not be read (a few words, shown beside its heading)."""


def read_entry(entry: Sequence[Block], source: str) -> Consultation:
    title_text = entry[0].text
    closing = _CLOSING.search(title_text)
    if closing is None:
        raise EntryError("its title has no closing date")
    head = title_text[: closing.start()].strip(" –—-,:")
    reference, kind, title = split_heading(head)
    if not title:
        raise EntryError("it has no title")
    sections = _sections(entry[1:], head)
    respond_blocks = sections["respond"] or sections["other"]
    closes_at = _closing_instant(closing.group("when"), respond_blocks, sections["summary"])
    audience = tuple(_audience(sections["audience"]))
    respond_to, assumed, questions = _addresses(respond_blocks or list(entry[1:]))
    return Consultation(
        reference=reference,
        title=title,
        kind=kind,
        closes_at=closes_at,
        summary=render_summary(sections["summary"]),
        audience=audience,
        party_categories=_categories_for(audience),
        documents=tuple(_documents(sections["documents"], sections["respond"], source)),
        respond_to=respond_to,
        respond_to_assumed=assumed,
        subject=_subject(respond_blocks) or _subject(entry[1:]),
        questions_contact=questions,
        source=source,
    )


def split_heading(head: str) -> tuple[str | None, str | None, str]:
    """``(reference, kind, title)`` from an entry title without its closing date.

    The kind and the reference may stand at either end, in either order, separated
    from the title by a dash, a colon or only a space: "Refinement Consultation – MP092
    Title", "MP092: Title – Refinement Consultation", "MP092 Refinement Consultation:
    Title", "Title (MP092) Refinement Consultation", "'Title' Refinement Consultation".
    """
    text = " ".join(head.split())
    reference: str | None = None
    kind: str | None = None
    while text:
        if reference is None and (found := _reference_at_start(text) or
                                  _reference_at_end(text)):
            reference, text = found
        elif kind is None and (found := _kind_at_start(text, reference) or
                               _kind_at_end(text, reference)):
            kind, text = found
        else:
            break
    return reference, kind, strip_quotes(text.strip(" –—-:"))


def _reference_at_start(text: str) -> tuple[str, str] | None:
    match = _REF_AT_START.match(text)
    if match is None or match.end() == len(text):
        return None
    return normalise_reference(match.group("ref")), text[match.end():]


def _reference_at_end(text: str) -> tuple[str, str] | None:
    match = _REF_AT_END.search(text)
    if match is None or match.start() == 0:
        return None
    return normalise_reference(match.group("ref")), text[: match.start()]


def _kind_at_start(text: str, reference: str | None) -> tuple[str, str] | None:
    match = _KIND_AT_START.match(text)
    if match is None:
        return None
    rest = text[match.end():]
    # With only a space after it, a kind opens the heading only beside the reference
    # or a quoted title: "Request for Information on X" is a title.
    spaced = not match.group("sep").strip()
    if not rest or (
        spaced and reference is None and not _REF_AHEAD.match(rest)
        and rest[0] not in _QUOTE_CHARS
    ):
        return None
    return _canonical_kind(match.group("kind")), rest


def _kind_at_end(text: str, reference: str | None) -> tuple[str, str] | None:
    if not text.endswith(_KIND_LAST_CHARS):
        return None
    match = _KIND_AT_END.search(text)
    if match is None or match.start() == 0:
        return None
    before = text[: match.start()]
    # Without a reference only a kind set apart (by a dash, a colon or the title's closing
    # quote) is taken: "Review of the Request for Information" is a title.
    set_apart = bool(match.group("sep")) or before[-1:] in _QUOTE_CHARS
    if reference is None and not set_apart and not _REF_BEFORE_KIND.search(before):
        return None
    return _canonical_kind(match.group("kind")), before


def _canonical_kind(found: str) -> str:
    wanted = " ".join(found.split())
    folded = wanted.casefold()
    for kind in KINDS:
        if kind.casefold() == folded:
            return kind
    # Look-alike letters the pattern matched case-insensitively ("Consultatıon"): match again.
    return next(k for k in KINDS if re.fullmatch(re.escape(k), wanted, re.IGNORECASE))


# The same few audiences recur on every entry of a page: map each list of phrases once.
_categories_for = functools.lru_cache(maxsize=1024)(categories_for_audience)

_LABELS = (
    ("audience", ("who should respond", "who should reply", "who is this for", "audience")),
    ("documents", ("related documents", "related document", "documents", "supporting documents",
                   "consultation documents")),
    ("respond", ("how to respond", "how do i respond", "how to reply", "responding")),
)
# Each section name with its exact labels and the "<label> to ..." openings it also takes.
_LABEL_TESTS = tuple(
    (name, frozenset(labels), tuple(label + " to" for label in labels))
    for name, labels in _LABELS
)


def _label(block: Block) -> str | None:
    if len(block.text) > 80:
        return None
    return _label_of(block.text)


@functools.lru_cache(maxsize=4096)
def _label_of(text: str) -> str | None:
    """The section a short line names, if any (the same few lines recur on every entry)."""
    text = normalise_for_compare(text).rstrip("?:. ")
    for name, labels, openings in _LABEL_TESTS:
        if text in labels or text.startswith(openings):
            return name
    return None


def _sections(body: Sequence[Block], head: str) -> dict[str, list[Block]]:
    sections: dict[str, list[Block]] = {
        "summary": [], "audience": [], "documents": [], "respond": [], "other": []
    }
    blocks = list(body)
    # The title is often repeated (with or without its closing date) under itself.
    wanted = normalise_for_compare(head)
    if blocks and normalise_for_compare(_CLOSING.sub("", blocks[0].text)) == wanted:
        blocks = blocks[1:]
    current = "summary"
    for block in blocks:
        label = _label(block)
        if label:
            current = label
            continue
        sections[current].append(block)
    return sections


def render_summary(blocks: Sequence[Block]) -> str:
    """Paragraphs separated by blank lines; list items kept as "• " lines."""
    out: list[str] = []
    for block in blocks:
        text = block.text.replace("\t", " ").strip()
        if block.kind is ITEM:
            line = f"• {text}"
            if out and out[-1].startswith("• "):
                out[-1] += "\n" + line
            else:
                out.append(line)
        else:
            out.append(text)
    return "\n\n".join(out)


def _audience(blocks: Sequence[Block]) -> list[str]:
    items = [b for b in blocks if b.kind is ITEM] or list(blocks)
    phrases = []
    for block in items:
        phrase = block.text.strip().rstrip(".;,").strip()
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


def _deadline_in(blocks: Sequence[Block]) -> tuple[date, time | None] | None:
    """The first "by 5pm on <date>"-like deadline in ``blocks``: its date and time if given."""
    for block in blocks:
        if not may_hold_date(block.text):
            continue
        for sentence in sentences(block.text):
            previous_end = 0
            for found in find_dates(sentence):
                context = sentence[previous_end: found.end]
                previous_end = found.end
                when = _time_in(context)
                if when is not None or _DEADLINE_WORDS.search(context):
                    return found.value, when
    return None


def _time_in(text: str) -> time | None:
    for match in TIME_RE.finditer(text):
        try:
            return match_to_time(match)
        except ValueError:
            continue
    return None


def _closing_instant(
    title_when: str, respond: Sequence[Block], summary: Sequence[Block]
) -> datetime:
    title_dates = find_dates(title_when)
    title_time = parse_time(title_when)
    body = _deadline_in(respond)
    if body is not None:
        # The body's sentence says how to respond and by when; it wins over the title.
        day, at = body
        return closing_instant(day, at or title_time or time(17, 0))
    if title_dates:
        return closing_instant(title_dates[0].value, title_time or time(17, 0))
    body = _deadline_in(summary)
    if body is not None and body[1] is not None:
        return closing_instant(body[0], body[1])
    odd = years_out_of_range(title_when)
    if odd:
        raise EntryError(
            f"its closing date is in the year {odd[0]}, outside {FIRST_YEAR} to {LAST_YEAR}"
        )
    shown = title_when.strip() or "nothing"
    raise EntryError(f"no closing date could be read (the title gives '{shown}')")


def _addresses(blocks: Sequence[Block]) -> tuple[str, bool, str | None]:
    respond: list[str] = []
    questions: list[str] = []
    for block in blocks:
        if "@" not in block.text:
            continue
        for sentence in sentences(block.text):
            found = [a.rstrip(".") for a in EMAIL_RE.findall(sentence)]
            if not found:
                continue
            (questions if _QUESTIONS.search(sentence) else respond).extend(found)
    respond_to = respond[0] if respond else DEFAULT_RESPONSE_ADDRESS
    contact = next((q for q in questions if q.casefold() != respond_to.casefold()), None)
    return respond_to, not respond, contact


def _subject(blocks: Sequence[Block]) -> str | None:
    """The subject line the page requires, in whichever wording it gives the rule."""
    for block in blocks:
        folded = block.text.casefold()
        if not any(hint in folded for hint in _SUBJECT_HINTS):
            continue
        for pattern in (_SUBJECT, _SUBJECT_BEFORE):
            match = pattern.search(block.text)
            if match:
                subject = " ".join(quoted_text(match).split())
                if subject:
                    return subject
        match = _SUBJECT_UNQUOTED.search(block.text)
        if match:
            subject = " ".join(match.group("plain").split()).rstrip(".")
            if subject:
                return subject
    return None


def _documents(
    related: Sequence[Block], respond: Sequence[Block], source: str
) -> list[Document]:
    documents: list[Document] = []
    for block in related:
        documents.extend(_block_documents(block, source, keep_unlinked=True))
    for block in respond:
        documents.extend(_block_documents(block, source, keep_unlinked=False))
    unique: list[Document] = []
    for document in documents:
        if all((d.label, d.url) != (document.label, document.url) for d in unique):
            unique.append(document)
    return unique


def _block_documents(block: Block, source: str, *, keep_unlinked: bool) -> list[Document]:
    login = bool(_LOGIN.search(block.text))
    links = [
        link for link in block.links
        if link.email is None and (keep_unlinked or _looks_like_document(link))
    ]
    if not links:
        if not keep_unlinked:
            return []
        return [Document(_label_from_sentence(block.text), None, login)]
    documents = []
    for link in links:
        label = link.label.strip()
        if not label or label.casefold().rstrip(".") in _GENERIC_LABELS:
            label = _label_from_sentence(block.text)
        documents.append(Document(label, _absolute(link.href, source), login))
    return documents


def _looks_like_document(link: Link) -> bool:
    """Outside "Related Documents", only links to files or forms count as documents."""
    href = link.href.split("?", 1)[0].split("#", 1)[0].lower()
    return (
        href.endswith(_DOCUMENT_SUFFIXES)
        or "/download/" in href
        or "/wp-content/uploads/" in href
        or _DOCUMENT_WORDS.search(link.label) is not None
    )


def _label_from_sentence(text: str) -> str:
    match = _DOC_LABEL.search(text)
    if match:
        return match.group("label").strip()
    return re.sub(r"\s*\([^)]*\)\s*", " ", text).strip().rstrip(".").strip()


def _absolute(href: str, source: str) -> str:
    if source.lower().startswith(("http://", "https://")):
        return urljoin(source, href)
    return href
