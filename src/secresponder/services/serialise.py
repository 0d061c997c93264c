"""The JSON shapes the command line prints (a stable contract; keys are only ever added)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from secresponder.domain.deadline import LONDON, describe_time_left, status

if TYPE_CHECKING:  # only for hints: importing pulls in the page readers and HTTP client
    from secresponder.domain.consultation import Document
    from secresponder.domain.parties import PartyCategory
    from secresponder.domain.release import Release
    from secresponder.services.history import ModificationHistory
    from secresponder.services.importing import ImportReport
    from secresponder.store.records import ListedConsultation, StoredConsultation


def instant_json(value: datetime) -> str:
    """ISO 8601 in UK local time with its offset: "2023-05-12T17:00:00+01:00"."""
    return value.astimezone(LONDON).isoformat()


def release_ref_json(release: Release | None) -> dict[str, str] | None:
    if release is None:
        return None
    return {"version": release.version, "effective": release.effective.isoformat()}


def consultation_json(
    stored: StoredConsultation, now: datetime, *, release: Release | None = None
) -> dict[str, Any]:
    """One consultation; ``release`` is the release that implemented its reference, if any."""
    c = stored.consultation
    return {
        "key": stored.key,
        "reference": c.reference,
        "title": c.title,
        "kind": c.kind,
        "closes_at": instant_json(c.closes_at),
        "status": status(c.closes_at, now),
        "time_left": describe_time_left(c.closes_at, now),
        "audience": list(c.audience),
        "party_categories": _category_values(c.party_categories),
        "respond_to": c.respond_to,
        "respond_to_assumed": c.respond_to_assumed,
        "subject": c.subject,
        "questions_contact": c.questions_contact,
        "documents": _documents_json(c.documents),
        "summary": c.summary,
        "release": release_ref_json(release),
        "listed": stored.listed,
        "deadline_changes": [
            {
                "old": instant_json(change.old),
                "new": instant_json(change.new),
                "seen_at": instant_json(change.seen_at),
            }
            for change in stored.deadline_changes
        ],
        "source": c.source,
    }


def listed_consultations_json(
    rows: Iterable[ListedConsultation],
    now: datetime,
    *,
    releases: Mapping[str, Release] | None = None,
) -> list[dict[str, Any]]:
    """Many consultations in the ``consultation_json`` shape, built for speed.

    ``releases`` maps an upper-case reference to the release that implemented it.
    Values that repeat across rows (closing instants and what they say about time
    left, category and document lists) are worked out once per distinct value, so
    rows may share those nested lists: treat the result as read-only (it is meant
    for encoding).
    """
    releases = releases or {}
    # Keyed by id(): the store hands out one shared object per distinct value. Each
    # entry also holds its object, so no id can be reused while these dicts live.
    instants: dict[int, tuple[datetime, str, str, str]] = {}
    categories: dict[int, tuple[object, list[str]]] = {}
    documents: dict[int, tuple[object, list[dict[str, Any]]]] = {}
    release_refs: dict[str, dict[str, str] | None] = {}
    out = []
    for row in rows:
        closes = row.closes_at
        timing = instants.get(id(closes))
        if timing is None:
            timing = instants[id(closes)] = (
                closes, instant_json(closes), status(closes, now), describe_time_left(closes, now)
            )
        cats_seen = categories.get(id(row.party_categories))
        if cats_seen is None:
            cats_seen = categories[id(row.party_categories)] = (
                row.party_categories, _category_values(row.party_categories)
            )
        docs_seen = documents.get(id(row.documents))
        if docs_seen is None:
            docs_seen = documents[id(row.documents)] = (
                row.documents, _documents_json(row.documents)
            )
        ref = (row.reference or "").upper()
        if ref in release_refs:
            release = release_refs[ref]
        else:
            release = release_refs[ref] = release_ref_json(releases.get(ref))
        out.append({
            "key": row.key,
            "reference": row.reference,
            "title": row.title,
            "kind": row.kind,
            "closes_at": timing[1],
            "status": timing[2],
            "time_left": timing[3],
            "audience": list(row.audience),
            "party_categories": cats_seen[1],
            "respond_to": row.respond_to,
            "respond_to_assumed": row.respond_to_assumed,
            "subject": row.subject,
            "questions_contact": row.questions_contact,
            "documents": docs_seen[1],
            "summary": row.summary,
            "release": release,
            "listed": row.listed,
            "deadline_changes": [
                {
                    "old": instant_json(change.old),
                    "new": instant_json(change.new),
                    "seen_at": instant_json(change.seen_at),
                }
                for change in row.deadline_changes
            ],
            "source": row.source,
        })
    return out


def _category_values(categories: Iterable[PartyCategory]) -> list[str]:
    return [p.value for p in categories]


def _documents_json(documents: Iterable[Document]) -> list[dict[str, Any]]:
    return [
        {"label": d.label, "url": d.url, "login_required": d.login_required} for d in documents
    ]


def history_json(history: ModificationHistory, now: datetime) -> dict[str, Any]:
    """The ``history`` object ``show --json`` adds to a consultation."""
    return {
        "releases": [
            {"version": r.version, "effective": r.effective.isoformat(), "title": r.title}
            for r in history.releases
        ],
        "related": [
            {
                "key": other.key,
                "reference": other.consultation.reference,
                "kind": other.consultation.kind,
                "title": other.consultation.title,
                "closes_at": instant_json(other.consultation.closes_at),
                "status": status(other.consultation.closes_at, now),
            }
            for other in history.related
        ],
    }


def release_json(release: Release) -> dict[str, Any]:
    return {
        "version": release.version,
        "effective": release.effective.isoformat(),
        "title": release.title,
        "summary": release.summary,
        "modifications": [
            {"reference": m.reference, "title": m.title} for m in release.modifications
        ],
        "affected": [{"document": a.document, "name": a.name} for a in release.affected],
    }


def import_report_json(report: ImportReport) -> dict[str, Any]:
    """What ``import --json`` prints: per source, what was found and what changed."""
    return {
        "ok": report.ok,
        "added": report.added,
        "changed": report.changed,
        "sources": [
            {
                "source": s.source,
                "kind": s.kind,
                "format": s.format,
                "error": s.error,
                "found": {"consultations": s.consultations_found, "releases": s.releases_found},
                "changes": [
                    {
                        "change": c.what,
                        "key": c.key,
                        "label": c.label,
                        "message": c.message,
                        "old": instant_json(c.old) if c.old else None,
                        "new": instant_json(c.new) if c.new else None,
                    }
                    for c in s.changes
                ],
                "skipped": [{"heading": h, "reason": r} for h, r in s.skipped],
            }
            for s in report.sources
        ],
    }
