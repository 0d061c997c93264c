"""SEC releases and what each implemented, written once with SQLAlchemy Core for both
workspace kinds; a release is stored by version and replaced whole when it changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from secresponder.domain.consultation import normalise_reference
from secresponder.domain.release import AffectedDocument, ModificationRef, Release
from secresponder.store.sql.tables import release_affected, release_modifications, releases

_r = releases.c
_COLUMNS = (_r.id, _r.version, _r.effective, _r.title, _r.summary, _r.source)


def _releases(conn: Connection, rows: Sequence[Row]) -> list[Release]:
    if not rows:
        return []
    ids = [row.id for row in rows]
    m, a = release_modifications.c, release_affected.c
    mods: dict[int, list[ModificationRef]] = {}
    for release_id, reference, title in conn.execute(
        select(m.release_id, m.reference, m.title).where(m.release_id.in_(ids))
        .order_by(m.release_id, m.position)
    ):
        mods.setdefault(release_id, []).append(ModificationRef(reference, title))
    affected: dict[int, list[AffectedDocument]] = {}
    for release_id, document, name in conn.execute(
        select(a.release_id, a.document, a.name).where(a.release_id.in_(ids))
        .order_by(a.release_id, a.position)
    ):
        affected.setdefault(release_id, []).append(AffectedDocument(document, name))
    return [
        Release(
            version=row.version, effective=row.effective, title=row.title,
            modifications=tuple(mods.get(row.id, ())), affected=tuple(affected.get(row.id, ())),
            summary=row.summary, source=row.source,
        )
        for row in rows
    ]


def list_releases(conn: Connection) -> list[Release]:
    """All releases, newest first."""
    rows = conn.execute(select(*_COLUMNS).order_by(_r.effective.desc(), _r.version.desc()))
    return _releases(conn, rows.all())


def get_release(conn: Connection, version: str) -> Release | None:
    found = _releases(conn, conn.execute(select(*_COLUMNS).where(_r.version == version)).all())
    return found[0] if found else None


def releases_implementing(conn: Connection, reference: str) -> list[Release]:
    """Releases that implemented ``reference``, oldest first."""
    m = release_modifications.c
    implementing = select(m.release_id).where(
        func.upper(m.reference) == normalise_reference(reference))
    rows = conn.execute(select(*_COLUMNS).where(_r.id.in_(implementing))
                        .order_by(_r.effective, _r.version))
    return _releases(conn, rows.all())


def save_release(conn: Connection, release: Release, *, seen_at: datetime) -> str | None:
    """Insert or replace a release by version; returns "added", "updated" or None (unchanged)."""
    existing = get_release(conn, release.version)
    if existing == release:
        conn.execute(update(releases).where(_r.version == release.version)
                     .values(last_seen=seen_at))
        return None
    described = {"effective": release.effective, "title": release.title,
                 "summary": release.summary, "source": release.source}
    if existing is None:
        release_id = conn.execute(
            insert(releases).values(version=release.version, **described, first_seen=seen_at,
                                    last_seen=seen_at).returning(_r.id)
        ).scalar_one()
        outcome = "added"
    else:
        release_id = conn.execute(
            update(releases).where(_r.version == release.version)
            .values(**described, last_seen=seen_at).returning(_r.id)
        ).scalar_one()
        m, a = release_modifications.c, release_affected.c
        conn.execute(delete(release_modifications).where(m.release_id == release_id))
        conn.execute(delete(release_affected).where(a.release_id == release_id))
        outcome = "updated"
    if release.modifications:
        conn.execute(insert(release_modifications), [
            {"release_id": release_id, "position": i, "reference": mod.reference,
             "title": mod.title}
            for i, mod in enumerate(release.modifications)
        ])
    if release.affected:
        conn.execute(insert(release_affected), [
            {"release_id": release_id, "position": i, "document": doc.document,
             "name": doc.name}
            for i, doc in enumerate(release.affected)
        ])
    return outcome
