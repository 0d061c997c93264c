"""Drafts and their versions, written once with SQLAlchemy Core for a folder and a team database.

Every reader and writer of the ``drafts`` and ``draft_versions`` tables, taking a connection
from ``store.sql.session``. Writers run inside ``session.transaction``; a save first calls
``lock_for_save`` so that, on a team database, two saves of one draft queue up and the
second reads what the first stored (a folder's write transaction already serialises them).
Snapshots are stored with sorted keys, exactly as the folder workspace always wrote them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, any_, bindparam, func, insert, literal_column, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql.elements import ColumnElement

from secresponder.domain.consultation import normalise_reference
from secresponder.domain.draft import Draft, describe_changes, from_snapshot, to_snapshot
from secresponder.errors import NotFoundError
from secresponder.store.records import VersionInfo
from secresponder.store.sql.tables import consultations, draft_versions, drafts


def _snapshot(draft: Draft) -> dict[str, Any]:
    # Round-tripped through sorted JSON: plain lists and dicts, every level in key order.
    return json.loads(json.dumps(to_snapshot(draft), ensure_ascii=False, sort_keys=True))


def _draft(row: Row) -> Draft:
    return from_snapshot(row.snapshot, id=row.id, version=int(row.current_version))


def consultation_id(conn: Connection, key: str) -> int | None:
    """The stored id of the consultation with ``key``, or None."""
    found = conn.execute(select(consultations.c.id).where(consultations.c.key == key)).first()
    return None if found is None else int(found.id)


def find_consultation(conn: Connection, ref: str) -> tuple[int, str] | None:
    """(id, key) of the consultation ``ref`` names: a key exactly, or a reference (case and
    spaces ignored; several on one reference -> the one closing latest); None if none."""
    text = ref.strip()
    columns = (consultations.c.id, consultations.c.key)
    row = conn.execute(select(*columns).where(consultations.c.key == text)).first()
    if row is None and text:
        row = conn.execute(
            select(*columns)
            .where(func.upper(consultations.c.reference) == normalise_reference(text))
            .order_by(consultations.c.closes_at.desc(), consultations.c.id.desc())
            .limit(1)
        ).first()
    return None if row is None else (int(row.id), row.key)


def lock_for_save(conn: Connection, consultation_id: int) -> None:
    """Hold the consultation's row until the transaction ends, so saves of its draft queue.

    The consultation row always exists (unlike the draft's before its first save), and
    ``FOR NO KEY UPDATE`` leaves notes and documents free to reference it meanwhile.
    SQLite renders no lock clause: its write transaction is already exclusive.
    """
    conn.execute(
        select(consultations.c.id).where(consultations.c.id == consultation_id)
        .with_for_update(key_share=True)
    )


_DRAFT_COLUMNS = (drafts.c.id, drafts.c.consultation_id, drafts.c.current_version,
                  drafts.c.snapshot)


def load_draft(conn: Connection, consultation_id: int) -> Draft | None:
    """The latest saved draft for a consultation, or None if none was ever saved."""
    row = conn.execute(
        select(*_DRAFT_COLUMNS).where(drafts.c.consultation_id == consultation_id)
    ).first()
    return _draft(row) if row else None


def load_drafts(conn: Connection, consultation_ids: list[int]) -> dict[int, Draft]:
    """Latest drafts for several consultations at once, keyed by consultation id."""
    if not consultation_ids:
        return {}
    rows = conn.execute(
        select(*_DRAFT_COLUMNS).where(_among(conn, drafts.c.consultation_id, consultation_ids))
    )
    return {int(row.consultation_id): _draft(row) for row in rows}


def _among(conn: Connection, column: ColumnElement[int], ids: list[int]) -> ColumnElement[bool]:
    """``column IN ids`` with the ids as one bound value: the window asks for 10,000 at once,
    and an IN list of that many costs SQLAlchemy more to build than the database to run."""
    numbers = [int(i) for i in ids]
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam("ids", numbers, type_=ARRAY(BigInteger)))
    listed = select(literal_column("value")).select_from(
        func.json_each(bindparam("ids", json.dumps(numbers))))
    return column.in_(listed)


def _state(draft: Draft, snapshot: dict[str, Any], saved_at: datetime) -> dict[str, Any]:
    return {
        "status": draft.status.value, "sent_on": draft.sent_on, "owner": draft.owner,
        "reviewer": draft.reviewer, "snapshot": snapshot, "updated_at": saved_at,
    }


def save_draft(
    conn: Connection,
    consultation_id: int,
    draft: Draft,
    saved_at: datetime,
    *,
    author: str = "",
    base_version: int | None = None,
    summary: str | None = None,
) -> int:
    """Store ``draft`` as the new current version unless it equals the latest; returns the
    version number.

    Call inside a write transaction, after ``lock_for_save``. ``summary`` replaces the
    computed one; the caller has merged with the stored draft (see services.drafting).
    """
    snapshot = _snapshot(draft)
    row = conn.execute(
        select(*_DRAFT_COLUMNS).where(drafts.c.consultation_id == consultation_id)
    ).first()
    previous: Draft | None = None
    if row is None:
        draft_id = conn.execute(
            insert(drafts).values(consultation_id=consultation_id, current_version=0,
                                  **_state(draft, snapshot, saved_at))
            .returning(drafts.c.id)
        ).scalar_one()
    else:
        if row.snapshot == snapshot:
            return int(row.current_version)
        draft_id = row.id
        previous = _draft(row)
    number = _next_number(conn, draft_id)
    text = summary or describe_changes(previous, draft) or "saved"
    _insert_version(conn, draft_id, number, saved_at, text, snapshot, author, base_version,
                    conflict=False)
    conn.execute(
        update(drafts).where(drafts.c.id == draft_id)
        .values(current_version=number, **_state(draft, snapshot, saved_at))
    )
    return number


def keep_conflict(
    conn: Connection,
    consultation_id: int,
    draft: Draft,
    saved_at: datetime,
    *,
    author: str,
    base_version: int,
    summary: str,
) -> int:
    """Keep a refused save as a version marked as a conflict (not current); returns its number.

    Call inside a write transaction, for a consultation whose draft exists.
    """
    found = draft_id(conn, consultation_id)
    if found is None:
        raise NotFoundError("This consultation has no saved draft to keep a conflict beside.")
    number = _next_number(conn, found)
    _insert_version(conn, found, number, saved_at, summary, _snapshot(draft), author,
                    base_version, conflict=True)
    return number


def _next_number(conn: Connection, draft_id: int) -> int:
    # Conflict versions take numbers too, so the next one follows the highest, not the current.
    highest = conn.execute(
        select(func.coalesce(func.max(draft_versions.c.number), 0))
        .where(draft_versions.c.draft_id == draft_id)
    ).scalar_one()
    return int(highest) + 1


def _insert_version(
    conn: Connection, draft_id: int, number: int, saved_at: datetime, summary: str,
    snapshot: dict[str, Any], author: str, base_version: int | None, *, conflict: bool,
) -> None:
    conn.execute(insert(draft_versions).values(
        draft_id=draft_id, number=number, saved_at=saved_at, summary=summary,
        snapshot=snapshot, author=author, base_version=base_version, conflict=conflict,
    ))


def draft_id(conn: Connection, consultation_id: int) -> int | None:
    """The stored draft's own id for a consultation, or None if none was ever saved."""
    found = conn.execute(
        select(drafts.c.id).where(drafts.c.consultation_id == consultation_id)
    ).first()
    return int(found.id) if found else None


_VERSION_COLUMNS = (draft_versions.c.number, draft_versions.c.saved_at,
                    draft_versions.c.summary, draft_versions.c.author,
                    draft_versions.c.conflict)
_JOINED = draft_versions.join(drafts, drafts.c.id == draft_versions.c.draft_id)


def _version_info(row: Row) -> VersionInfo:
    return VersionInfo(int(row.number), row.saved_at, row.summary, row.author,
                       bool(row.conflict))


def list_versions(conn: Connection, consultation_id: int) -> list[VersionInfo]:
    """The draft's saved versions, oldest first (empty when it was never saved)."""
    rows = conn.execute(
        select(*_VERSION_COLUMNS).select_from(_JOINED)
        .where(drafts.c.consultation_id == consultation_id)
        .order_by(draft_versions.c.number)
    )
    return [_version_info(row) for row in rows]


def versions_after(
    conn: Connection, consultation_id: int, number: int
) -> list[tuple[VersionInfo, Draft]]:
    """The current-line versions (not conflicts) saved after version ``number``, oldest first,
    each with its draft."""
    rows = conn.execute(
        select(*_VERSION_COLUMNS, draft_versions.c.snapshot, drafts.c.id)
        .select_from(_JOINED)
        .where(drafts.c.consultation_id == consultation_id,
               draft_versions.c.number > number, draft_versions.c.conflict.is_(False))
        .order_by(draft_versions.c.number)
    )
    return [
        (_version_info(row), from_snapshot(row.snapshot, id=row.id, version=int(row.number)))
        for row in rows
    ]


def version_numbers(conn: Connection, consultation_id: int) -> set[int]:
    """Every version number the consultation's draft has (conflict versions too)."""
    rows = conn.execute(
        select(draft_versions.c.number).select_from(_JOINED)
        .where(drafts.c.consultation_id == consultation_id)
    )
    return {int(row.number) for row in rows}


def load_version(conn: Connection, consultation_id: int, number: int) -> Draft:
    """The draft exactly as version ``number`` saved it; NotFoundError if there is none."""
    row = conn.execute(
        select(drafts.c.id, draft_versions.c.number, draft_versions.c.snapshot)
        .select_from(_JOINED)
        .where(drafts.c.consultation_id == consultation_id, draft_versions.c.number == number)
    ).first()
    if row is None:
        latest = conn.execute(
            select(drafts.c.current_version).where(drafts.c.consultation_id == consultation_id)
        ).first()
        if latest is None:
            raise NotFoundError("This consultation has no saved draft, so no version to restore.")
        raise NotFoundError(
            f"The draft has no version {number} (versions 1 to {latest.current_version} exist)."
        )
    return from_snapshot(row.snapshot, id=row.id, version=int(row.number))
