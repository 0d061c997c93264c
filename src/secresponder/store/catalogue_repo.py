"""SQL for the catalogue: consultations, their deadline changes, releases and the import log.

Instants are stored as ISO 8601 text in UTC (so they sort as text) and come back
as Europe/London times; lists are stored as JSON columns. Functions take an open
``sqlite3.Connection``; callers group writes with ``Workspace.transaction()``.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from secresponder.domain.consultation import Consultation, Document, normalise_reference
from secresponder.domain.parties import PartyCategory
from secresponder.domain.release import AffectedDocument, ModificationRef, Release
from secresponder.store.instants import instant_from_db, instant_to_db
from secresponder.store.records import (
    DeadlineChange,
    ImportLogEntry,
    ListedConsultation,
    StoredConsultation,
)

# --- consultations ----------------------------------------------------------

_CONSULTATION_COLUMNS = (
    "key, reference, title, kind, closes_at, summary, audience, party_categories, documents, "
    "respond_to, respond_to_assumed, subject, questions_contact, source"
)
_SELECT_CONSULTATION = (
    f"SELECT id, {_CONSULTATION_COLUMNS}, listed, first_seen, last_seen FROM consultations"
)


def _consultation_values(c: Consultation, key: str | None = None) -> tuple[Any, ...]:
    return (
        key or c.key,
        c.reference,
        c.title,
        c.kind,
        instant_to_db(c.closes_at),
        c.summary,
        json.dumps(list(c.audience), ensure_ascii=False),
        json.dumps([p.value for p in c.party_categories]),
        json.dumps(
            [{"label": d.label, "url": d.url, "login_required": d.login_required}
             for d in c.documents],
            ensure_ascii=False,
        ),
        c.respond_to,
        int(c.respond_to_assumed),
        c.subject,
        c.questions_contact,
        c.source,
    )


_CATEGORY_BY_VALUE = {c.value: c for c in PartyCategory}


# Audiences, categories and document lists repeat across consultations; decoding
# each distinct JSON text once keeps listing thousands of rows cheap.
@functools.lru_cache(maxsize=4096)
def _decode_audience(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


@functools.lru_cache(maxsize=256)
def _decode_categories(text: str) -> tuple[PartyCategory, ...]:
    return tuple(_CATEGORY_BY_VALUE[v] for v in json.loads(text))


@functools.lru_cache(maxsize=4096)
def _decode_documents(text: str) -> tuple[Document, ...]:
    return tuple(
        Document(d["label"], d.get("url"), bool(d.get("login_required", False)))
        for d in json.loads(text)
    )


def _consultation_from_row(row: sqlite3.Row) -> Consultation:
    return Consultation(
        reference=row["reference"],
        title=row["title"],
        kind=row["kind"],
        closes_at=instant_from_db(row["closes_at"]),
        summary=row["summary"],
        audience=_decode_audience(row["audience"]),
        party_categories=_decode_categories(row["party_categories"]),
        documents=_decode_documents(row["documents"]),
        respond_to=row["respond_to"],
        respond_to_assumed=bool(row["respond_to_assumed"]),
        subject=row["subject"],
        questions_contact=row["questions_contact"],
        source=row["source"],
    )


def _stored(row: sqlite3.Row, changes: Sequence[DeadlineChange]) -> StoredConsultation:
    return StoredConsultation(
        id=row["id"],
        consultation=_consultation_from_row(row),
        listed=bool(row["listed"]),
        first_seen=instant_from_db(row["first_seen"]),
        last_seen=instant_from_db(row["last_seen"]),
        deadline_changes=tuple(changes),
        stored_key=row["key"],
    )


def consultation_id(conn: sqlite3.Connection, key: str) -> int | None:
    row = conn.execute("SELECT id FROM consultations WHERE key = ?", (key,)).fetchone()
    return None if row is None else int(row[0])


def get_consultation(conn: sqlite3.Connection, key: str) -> StoredConsultation | None:
    row = conn.execute(f"{_SELECT_CONSULTATION} WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    return _stored(row, deadline_changes(conn, row["id"]))


def get_consultation_by_id(conn: sqlite3.Connection, id_: int) -> StoredConsultation | None:
    row = conn.execute(f"{_SELECT_CONSULTATION} WHERE id = ?", (id_,)).fetchone()
    if row is None:
        return None
    return _stored(row, deadline_changes(conn, row["id"]))


def _where(reference: str | None, listed_only: bool) -> tuple[str, list[Any]]:
    where, params = [], []
    if reference is not None:
        where.append("upper(reference) = ?")
        params.append(normalise_reference(reference))
    if listed_only:
        where.append("listed = 1")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def list_consultations(
    conn: sqlite3.Connection,
    *,
    reference: str | None = None,
    listed_only: bool = False,
) -> list[StoredConsultation]:
    """Consultations ordered by closing instant (earliest first), optionally filtered."""
    where, params = _where(reference, listed_only)
    rows = conn.execute(
        f"{_SELECT_CONSULTATION}{where} ORDER BY closes_at, key", params
    ).fetchall()
    changes = _deadline_changes_for(conn, [row["id"] for row in rows], all_rows=not where)
    return [_stored(row, changes.get(row["id"], ())) for row in rows]


def list_consultation_rows(
    conn: sqlite3.Connection,
    *,
    reference: str | None = None,
    listed_only: bool = False,
) -> list[ListedConsultation]:
    """The same consultations, in the same order, as ``list_consultations``, as plain rows.

    One query for the consultations and one for all their deadline changes; repeated
    JSON list columns and instants are decoded once each.
    """
    where, params = _where(reference, listed_only)
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: no per-row name lookups
    try:
        rows = cursor.execute(
            f"SELECT id, {_CONSULTATION_COLUMNS}, listed FROM consultations{where} "
            "ORDER BY closes_at, key",
            params,
        ).fetchall()
    finally:
        cursor.close()
    changes = _deadline_changes_for(conn, [row[0] for row in rows], all_rows=not where)
    instant, audience, categories, documents = (
        instant_from_db, _decode_audience, _decode_categories, _decode_documents
    )
    no_changes: tuple[DeadlineChange, ...] = ()
    return [
        ListedConsultation(
            id_, key, ref, title, kind, instant(closes), summary, audience(aud),
            categories(cats), documents(docs), respond_to, bool(assumed), subject, contact,
            source, bool(listed), tuple(changes[id_]) if id_ in changes else no_changes,
        )
        for (id_, key, ref, title, kind, closes, summary, aud, cats, docs, respond_to, assumed,
             subject, contact, source, listed) in rows
    ]


@dataclass(frozen=True)
class ConsultationRow:
    """A stored consultation as its column values, for cheap change detection on import."""

    id: int
    listed: bool
    values: tuple[Any, ...]  # as ``consultation_values`` gives them, without the source

    def consultation(self, conn: sqlite3.Connection) -> Consultation:
        row = conn.execute(f"{_SELECT_CONSULTATION} WHERE id = ?", (self.id,)).fetchone()
        return _consultation_from_row(row)


def consultation_values(c: Consultation, key: str | None = None) -> tuple[Any, ...]:
    """The stored column values that describe ``c`` (key first, source left out)."""
    return _consultation_values(c, key)[:-1]


def consultation_rows(conn: sqlite3.Connection) -> dict[str, ConsultationRow]:
    """Every stored consultation by key, as raw column values."""
    columns = _CONSULTATION_COLUMNS.removesuffix(", source")
    return {
        row[2]: ConsultationRow(int(row[0]), bool(row[1]), tuple(row[2:]))
        for row in conn.execute(f"SELECT id, listed, {columns} FROM consultations")
    }


def consultation_keys(conn: sqlite3.Connection) -> dict[str, tuple[int, bool]]:
    """Every stored key with its row id and listed flag (cheap, for bulk comparisons)."""
    return {
        row[0]: (int(row[1]), bool(row[2]))
        for row in conn.execute("SELECT key, id, listed FROM consultations")
    }


def insert_consultations(
    conn: sqlite3.Connection,
    consultations: Iterable[Consultation],
    *,
    seen_at: datetime,
    keys: Sequence[str] | None = None,
) -> None:
    """Store new consultations; ``keys``, when given, are stored instead of their own keys
    (an entry listed twice with two closing dates is kept under a second key)."""
    seen = instant_to_db(seen_at)
    items = list(consultations)
    chosen = list(keys) if keys is not None else [c.key for c in items]
    conn.executemany(
        f"INSERT INTO consultations ({_CONSULTATION_COLUMNS}, listed, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        [(*_consultation_values(c, k), seen, seen) for c, k in zip(items, chosen, strict=True)],
    )


def update_consultations(
    conn: sqlite3.Connection,
    consultations: Iterable[Consultation],
    *,
    seen_at: datetime,
    keys: Sequence[str] | None = None,
) -> None:
    """Overwrite the stored fields of existing consultations (matched by key, or ``keys``)."""
    seen = instant_to_db(seen_at)
    items = list(consultations)
    chosen = list(keys) if keys is not None else [c.key for c in items]
    conn.executemany(
        "UPDATE consultations SET reference = ?, title = ?, kind = ?, closes_at = ?, "
        "summary = ?, audience = ?, party_categories = ?, documents = ?, respond_to = ?, "
        "respond_to_assumed = ?, subject = ?, questions_contact = ?, source = ?, "
        "last_seen = ? WHERE key = ?",
        [(*_consultation_values(c)[1:], seen, k) for c, k in zip(items, chosen, strict=True)],
    )


def mark_seen(conn: sqlite3.Connection, keys: Iterable[str], *, seen_at: datetime) -> None:
    seen = instant_to_db(seen_at)
    conn.executemany(
        "UPDATE consultations SET last_seen = ? WHERE key = ?", [(seen, k) for k in keys]
    )


def set_listed(conn: sqlite3.Connection, keys: Iterable[str], listed: bool) -> None:
    conn.executemany(
        "UPDATE consultations SET listed = ? WHERE key = ?", [(int(listed), k) for k in keys]
    )


def record_deadline_changes(
    conn: sqlite3.Connection,
    changes: Iterable[tuple[int, datetime, datetime]],
    *,
    seen_at: datetime,
) -> None:
    """Record ``(consultation_id, old, new)`` closing-instant moves."""
    seen = instant_to_db(seen_at)
    conn.executemany(
        "INSERT INTO deadline_changes (consultation_id, old_closes_at, new_closes_at, seen_at) "
        "VALUES (?, ?, ?, ?)",
        [(cid, instant_to_db(old), instant_to_db(new), seen) for cid, old, new in changes],
    )


def deadline_changes(conn: sqlite3.Connection, consultation_id: int) -> list[DeadlineChange]:
    rows = conn.execute(
        "SELECT old_closes_at, new_closes_at, seen_at FROM deadline_changes "
        "WHERE consultation_id = ? ORDER BY id",
        (consultation_id,),
    )
    return [DeadlineChange(*(instant_from_db(v) for v in row)) for row in rows]


def _deadline_changes_for(
    conn: sqlite3.Connection, ids: Sequence[int], *, all_rows: bool
) -> dict[int, list[DeadlineChange]]:
    """Deadline changes by consultation id, oldest first: of every consultation when
    ``all_rows``, else of ``ids`` only (one query either way, never one per consultation)."""
    if not all_rows and not ids:
        return {}
    sql = "SELECT consultation_id, old_closes_at, new_closes_at, seen_at FROM deadline_changes"
    params: Sequence[int] = ()
    if not all_rows:
        # A JSON array parameter keeps the statement one size however many ids there are.
        sql += " WHERE consultation_id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(list(ids)),)
    found: dict[int, list[DeadlineChange]] = {}
    for cid, old, new, seen in conn.execute(sql + " ORDER BY id", params):
        found.setdefault(cid, []).append(
            DeadlineChange(instant_from_db(old), instant_from_db(new), instant_from_db(seen))
        )
    return found


# --- releases ---------------------------------------------------------------


def _releases_from_rows(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[Release]:
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    marks = ",".join("?" * len(ids))
    mods: dict[int, list[ModificationRef]] = {}
    for m in conn.execute(
        f"SELECT release_id, reference, title FROM release_modifications "
        f"WHERE release_id IN ({marks}) ORDER BY release_id, position",
        ids,
    ):
        mods.setdefault(m[0], []).append(ModificationRef(m[1], m[2]))
    affected: dict[int, list[AffectedDocument]] = {}
    for a in conn.execute(
        f"SELECT release_id, document, name FROM release_affected "
        f"WHERE release_id IN ({marks}) ORDER BY release_id, position",
        ids,
    ):
        affected.setdefault(a[0], []).append(AffectedDocument(a[1], a[2]))
    return [
        Release(
            version=row["version"],
            effective=date.fromisoformat(row["effective"]),
            title=row["title"],
            modifications=tuple(mods.get(row["id"], ())),
            affected=tuple(affected.get(row["id"], ())),
            summary=row["summary"],
            source=row["source"],
        )
        for row in rows
    ]


_SELECT_RELEASE = "SELECT id, version, effective, title, summary, source FROM releases"


def list_releases(conn: sqlite3.Connection) -> list[Release]:
    """All releases, newest first."""
    rows = conn.execute(f"{_SELECT_RELEASE} ORDER BY effective DESC, version DESC").fetchall()
    return _releases_from_rows(conn, rows)


def get_release(conn: sqlite3.Connection, version: str) -> Release | None:
    rows = conn.execute(f"{_SELECT_RELEASE} WHERE version = ?", (version,)).fetchall()
    found = _releases_from_rows(conn, rows)
    return found[0] if found else None


def releases_implementing(conn: sqlite3.Connection, reference: str) -> list[Release]:
    """Releases that implemented ``reference``, oldest first."""
    rows = conn.execute(
        f"{_SELECT_RELEASE} WHERE id IN (SELECT release_id FROM release_modifications "
        "WHERE upper(reference) = ?) ORDER BY effective, version",
        (normalise_reference(reference),),
    ).fetchall()
    return _releases_from_rows(conn, rows)


def save_release(conn: sqlite3.Connection, release: Release, *, seen_at: datetime) -> str | None:
    """Insert or replace a release by version; returns "added", "updated" or None (unchanged)."""
    seen = instant_to_db(seen_at)
    existing = get_release(conn, release.version)
    if existing == release:
        conn.execute("UPDATE releases SET last_seen = ? WHERE version = ?", (seen, release.version))
        return None
    if existing is None:
        cursor = conn.execute(
            "INSERT INTO releases (version, effective, title, summary, source, first_seen, "
            "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (release.version, release.effective.isoformat(), release.title, release.summary,
             release.source, seen, seen),
        )
        release_id = int(cursor.lastrowid or 0)
        outcome = "added"
    else:
        release_id = int(conn.execute(
            "SELECT id FROM releases WHERE version = ?", (release.version,)
        ).fetchone()[0])
        conn.execute(
            "UPDATE releases SET effective = ?, title = ?, summary = ?, source = ?, "
            "last_seen = ? WHERE id = ?",
            (release.effective.isoformat(), release.title, release.summary, release.source,
             seen, release_id),
        )
        conn.execute("DELETE FROM release_modifications WHERE release_id = ?", (release_id,))
        conn.execute("DELETE FROM release_affected WHERE release_id = ?", (release_id,))
        outcome = "updated"
    conn.executemany(
        "INSERT INTO release_modifications (release_id, position, reference, title) "
        "VALUES (?, ?, ?, ?)",
        [(release_id, i, m.reference, m.title) for i, m in enumerate(release.modifications)],
    )
    conn.executemany(
        "INSERT INTO release_affected (release_id, position, document, name) VALUES (?, ?, ?, ?)",
        [(release_id, i, a.document, a.name) for i, a in enumerate(release.affected)],
    )
    return outcome


# --- import log -------------------------------------------------------------


def log_import(
    conn: sqlite3.Connection,
    *,
    source: str,
    page_kind: str,
    page_format: str,
    imported_at: datetime,
    summary: dict[str, Any],
) -> int:
    cursor = conn.execute(
        "INSERT INTO imports (source, page_kind, page_format, imported_at, summary) "
        "VALUES (?, ?, ?, ?, ?)",
        (source, page_kind, page_format, instant_to_db(imported_at),
         json.dumps(summary, ensure_ascii=False)),
    )
    return int(cursor.lastrowid or 0)


def import_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM imports").fetchone()[0])


def list_imports(conn: sqlite3.Connection) -> list[ImportLogEntry]:
    """The import log, most recent first."""
    return [
        ImportLogEntry(
            id=row["id"],
            source=row["source"],
            page_kind=row["page_kind"],
            page_format=row["page_format"],
            imported_at=instant_from_db(row["imported_at"]),
            summary=json.loads(row["summary"]),
        )
        for row in conn.execute("SELECT * FROM imports ORDER BY id DESC")
    ]
