"""Consultations added by hand: those not on the SEC page (the DCC's consultations on SEC
subsidiary documents, Ofgem's, another code's), for the window's File > New consultation
and ``secresponder add``.

They are stored like any other consultation, marked as added by hand (with the
authority that runs them), can be edited, and are never unlisted by a refresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from secresponder.domain.audience import categories_for_audience
from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.consultation import Consultation, Document, normalise_reference
from secresponder.domain.deadline import closing_instant
from secresponder.errors import InputError
from secresponder.store.records import StoredConsultation
from secresponder.store.sql import catalogue, session
from secresponder.store.sql.session import AnyWorkspace

SOURCE = "added by hand"
_WHEN = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?\s*$")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class ManualEntry:
    """What the user gives for a consultation added by hand."""

    reference: str
    title: str
    closes: str  # "2027-03-05 17:00", or a date alone meaning 5pm UK time
    respond_to: str
    authority: str = ""
    subject: str = ""
    url: str = ""
    audience: tuple[str, ...] = ()


def parse_closes(text: str) -> datetime:
    """ "2027-03-05 17:00" in UK time; a date alone means 5pm, the usual closing time."""
    match = _WHEN.match(text)
    if not match:
        raise InputError(f"--closes: \"{text}\" is not a date and time; write it as "
                         "\"2027-03-05 17:00\", or a date alone for 5pm.")
    year, month, day, hour, minute = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
        if hour is None:
            return closing_instant(day_)
        return closing_instant(day_, time(int(hour), int(minute)))
    except ValueError as exc:
        raise InputError(f"--closes: \"{text}\" is not a real date and time ({exc}).") from None


def build_consultation(entry: ManualEntry) -> Consultation:
    """The consultation an entry describes, checked: one sentence for the first problem."""
    title = " ".join(entry.title.split())
    if not title:
        raise InputError("--title: give the consultation's title.")
    reference = normalise_reference(entry.reference) if entry.reference.strip() else None
    address = entry.respond_to.strip()
    if not _ADDRESS.match(address):
        raise InputError(f"--respond-to: \"{address}\" is not an email address.")
    url = entry.url.strip()
    if url and not url.startswith(("http://", "https://")):
        raise InputError(f"--url: \"{url}\" is not a web address (http:// or https://).")
    audience = tuple(a.strip() for a in entry.audience if a.strip())
    authority = entry.authority.strip()
    summary = f"Added by hand: a consultation by {authority}." if authority else "Added by hand."
    return Consultation(
        reference=reference,
        title=title,
        kind=None,
        closes_at=parse_closes(entry.closes),
        summary=summary,
        audience=audience,
        party_categories=categories_for_audience(audience),
        documents=(Document("consultation page", url),) if url else (),
        respond_to=address,
        subject=entry.subject.strip() or None,
        source=SOURCE,
    )


def add_consultation(ws: AnyWorkspace, entry: ManualEntry, *, clock: Clock = system_clock,
                     author: str = "") -> StoredConsultation:
    """Store a new consultation added by hand; refuses one already in the workspace."""
    consultation = build_consultation(entry)
    now = clock()
    with session.transaction(ws) as conn:
        # Queued behind any import, so the check below sees what it stored.
        catalogue.lock_for_import(conn)
        if catalogue.consultation_id(conn, consultation.key) is not None:
            raise InputError(
                f"{consultation.reference or consultation.title} is already in the workspace; "
                "edit it instead."
            )
        catalogue.insert_consultations(conn, [consultation], seen_at=now)
        new_id = catalogue.consultation_id(conn, consultation.key)
        assert new_id is not None
        catalogue.mark_by_hand(conn, new_id, authority=entry.authority.strip(),
                               added_by=author, added_at=now)
        stored = catalogue.get_consultation_by_id(conn, new_id)
    assert stored is not None
    return stored


def edit_consultation(ws: AnyWorkspace, consultation_id: int, entry: ManualEntry, *,
                      clock: Clock = system_clock) -> StoredConsultation:
    """Change a consultation added by hand (its reference and title stay: they name it)."""
    with session.transaction(ws) as conn:
        catalogue.lock_for_import(conn)
        stored = catalogue.get_consultation_by_id(conn, consultation_id)
        if stored is None or catalogue.authority_of(conn, consultation_id) is None:
            raise InputError("Only a consultation added by hand can be edited.")
        old = stored.consultation
        new = build_consultation(replace(entry, reference=old.reference or "",
                                         title=old.title))
        catalogue.update_consultations(conn, [new], seen_at=clock(), keys=[stored.key])
        if new.closes_at != old.closes_at:
            catalogue.record_deadline_changes(
                conn, [(consultation_id, old.closes_at, new.closes_at)], seen_at=clock())
        catalogue.mark_by_hand(conn, consultation_id, authority=entry.authority.strip(),
                               added_by="", added_at=clock())
        changed = catalogue.get_consultation_by_id(conn, consultation_id)
    assert changed is not None
    return changed


def authority_of(ws: AnyWorkspace, consultation_id: int) -> str | None:
    """The authority of a consultation added by hand, or None for one read from a page."""
    with session.reading(ws) as conn:
        return catalogue.authority_of(conn, consultation_id)


def entry_for(ws: AnyWorkspace, consultation_id: int) -> ManualEntry | None:
    """A hand-added consultation as the dialog edits it (None for one read from a page)."""
    with session.reading(ws) as conn:
        authority = catalogue.authority_of(conn, consultation_id)
        stored = catalogue.get_consultation_by_id(conn, consultation_id)
    if authority is None or stored is None:
        return None
    c = stored.consultation
    from secresponder.domain.deadline import LONDON

    local = c.closes_at.astimezone(LONDON)
    return ManualEntry(
        reference=c.reference or "", title=c.title, closes=f"{local:%Y-%m-%d %H:%M}",
        respond_to=c.respond_to, authority=authority, subject=c.subject or "",
        url=next((d.url for d in c.documents if d.url), "") or "", audience=c.audience,
    )


def keys_added_by_hand(ws: AnyWorkspace) -> set[str]:
    """The keys of the consultations added by hand: a refresh never unlists them."""
    with session.reading(ws) as conn:
        return catalogue.keys_by_hand(conn)
