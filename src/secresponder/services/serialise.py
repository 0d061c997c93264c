"""The JSON shapes the command line prints (a stable contract; keys are only ever added)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from secresponder.domain.deadline import LONDON, describe_time_left, status
from secresponder.domain.parties import PartyProfile
from secresponder.domain.release import Release
from secresponder.services.history import ModificationHistory
from secresponder.services.importing import ImportReport
from secresponder.store.catalogue_repo import StoredConsultation


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
        "party_categories": [p.value for p in c.party_categories],
        "respond_to": c.respond_to,
        "respond_to_assumed": c.respond_to_assumed,
        "subject": c.subject,
        "questions_contact": c.questions_contact,
        "documents": [
            {"label": d.label, "url": d.url, "login_required": d.login_required}
            for d in c.documents
        ],
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


def profile_json(profile: PartyProfile) -> dict[str, Any]:
    return {
        "organisation": profile.organisation,
        "name": profile.name,
        "email": profile.email,
        "phone": profile.phone,
        "party_category": profile.party_category.value if profile.party_category else None,
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
