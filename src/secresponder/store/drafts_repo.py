"""Stored drafts and their versions (tables ``drafts`` and ``draft_versions``).

Functions take an open connection; writers must run inside
``Workspace.transaction()`` so that a save, its version row and the draft's
current state land together or not at all.

The drafting service saves through ``store.sql.drafts`` (the same tables and rows,
written with SQLAlchemy Core for both workspace kinds); this plain-SQL module stays
for the folder-only readers not yet moved onto it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from secresponder.domain.draft import Draft, describe_changes, from_snapshot, to_snapshot
from secresponder.errors import NotFoundError
from secresponder.store.records import VersionInfo


def _dumps(draft: Draft) -> str:
    return json.dumps(to_snapshot(draft), ensure_ascii=False, sort_keys=True)


def _row_to_draft(row: sqlite3.Row) -> Draft:
    return from_snapshot(json.loads(row["snapshot"]), id=row["id"], version=row["current_version"])


def load_draft(conn: sqlite3.Connection, consultation_id: int) -> Draft | None:
    """The latest saved draft for a consultation, or None if none was ever saved."""
    row = conn.execute(
        "SELECT id, current_version, snapshot FROM drafts WHERE consultation_id = ?",
        (consultation_id,),
    ).fetchone()
    return _row_to_draft(row) if row else None


def load_drafts(conn: sqlite3.Connection, consultation_ids: list[int]) -> dict[int, Draft]:
    """Latest drafts for several consultations at once, keyed by consultation id."""
    found: dict[int, Draft] = {}
    for start in range(0, len(consultation_ids), 500):
        chunk = consultation_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT id, consultation_id, current_version, snapshot FROM drafts "
            f"WHERE consultation_id IN ({marks})",
            chunk,
        )
        for row in rows:
            found[row["consultation_id"]] = _row_to_draft(row)
    return found


def save_draft(
    conn: sqlite3.Connection,
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

    Call inside a write transaction. ``summary`` replaces the computed one; the
    caller is responsible for having merged with the stored draft (see
    services.drafting).
    """
    snapshot = _dumps(draft)
    row = conn.execute(
        "SELECT id, current_version, snapshot FROM drafts WHERE consultation_id = ?",
        (consultation_id,),
    ).fetchone()
    stamp = saved_at.isoformat()
    if row is None:
        draft_id = conn.execute(
            "INSERT INTO drafts (consultation_id, status, sent_on, owner, reviewer, "
            "current_version, snapshot, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
            (
                consultation_id,
                draft.status.value,
                draft.sent_on.isoformat() if draft.sent_on else None,
                draft.owner,
                draft.reviewer,
                snapshot,
                stamp,
            ),
        ).lastrowid
        previous: Draft | None = None
    else:
        if row["snapshot"] == snapshot:
            return int(row["current_version"])
        draft_id = row["id"]
        previous = _row_to_draft(row)
    number = _next_number(conn, draft_id)
    text = summary or describe_changes(previous, draft) or "saved"
    _insert_version(conn, draft_id, number, stamp, text, snapshot, author, base_version, False)
    conn.execute(
        "UPDATE drafts SET status = ?, sent_on = ?, owner = ?, reviewer = ?, "
        "current_version = ?, snapshot = ?, updated_at = ? WHERE id = ?",
        (
            draft.status.value,
            draft.sent_on.isoformat() if draft.sent_on else None,
            draft.owner,
            draft.reviewer,
            number,
            snapshot,
            stamp,
            draft_id,
        ),
    )
    return number


def keep_conflict(
    conn: sqlite3.Connection,
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
    found = conn.execute(
        "SELECT id FROM drafts WHERE consultation_id = ?", (consultation_id,)
    ).fetchone()
    if found is None:
        raise NotFoundError("This consultation has no saved draft to keep a conflict beside.")
    number = _next_number(conn, found["id"])
    _insert_version(conn, found["id"], number, saved_at.isoformat(), summary, _dumps(draft),
                    author, base_version, True)
    return number


def _next_number(conn: sqlite3.Connection, draft_id: int) -> int:
    # Conflict versions take numbers too, so the next one follows the highest, not the current.
    row = conn.execute(
        "SELECT COALESCE(MAX(number), 0) FROM draft_versions WHERE draft_id = ?", (draft_id,)
    ).fetchone()
    return int(row[0]) + 1


def _insert_version(
    conn: sqlite3.Connection, draft_id: int, number: int, stamp: str, summary: str,
    snapshot: str, author: str, base_version: int | None, conflict: bool,
) -> None:
    conn.execute(
        "INSERT INTO draft_versions (draft_id, number, saved_at, summary, snapshot, author, "
        "base_version, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (draft_id, number, stamp, summary, snapshot, author, base_version, int(conflict)),
    )


def draft_id(conn: sqlite3.Connection, consultation_id: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM drafts WHERE consultation_id = ?", (consultation_id,)
    ).fetchone()
    return int(row["id"]) if row else None


_VERSION_COLUMNS = "v.number, v.saved_at, v.summary, v.author, v.conflict"


def _version_info(row: sqlite3.Row) -> VersionInfo:
    return VersionInfo(
        int(row["number"]), datetime.fromisoformat(row["saved_at"]), row["summary"],
        row["author"], bool(row["conflict"]),
    )


def list_versions(conn: sqlite3.Connection, consultation_id: int) -> list[VersionInfo]:
    """The draft's saved versions, oldest first (empty when it was never saved)."""
    rows = conn.execute(
        f"SELECT {_VERSION_COLUMNS} FROM draft_versions v "
        "JOIN drafts d ON d.id = v.draft_id WHERE d.consultation_id = ? ORDER BY v.number",
        (consultation_id,),
    )
    return [_version_info(r) for r in rows]


def versions_after(
    conn: sqlite3.Connection, consultation_id: int, number: int
) -> list[tuple[VersionInfo, Draft]]:
    """The current-line versions (not conflicts) saved after version ``number``, oldest first,
    each with its draft."""
    rows = conn.execute(
        f"SELECT {_VERSION_COLUMNS}, v.snapshot, d.id FROM draft_versions v "
        "JOIN drafts d ON d.id = v.draft_id "
        "WHERE d.consultation_id = ? AND v.number > ? AND v.conflict = 0 ORDER BY v.number",
        (consultation_id, number),
    )
    return [
        (_version_info(r),
         from_snapshot(json.loads(r["snapshot"]), id=r["id"], version=int(r["number"])))
        for r in rows
    ]


def version_numbers(conn: sqlite3.Connection, consultation_id: int) -> set[int]:
    rows = conn.execute(
        "SELECT v.number FROM draft_versions v JOIN drafts d ON d.id = v.draft_id "
        "WHERE d.consultation_id = ?",
        (consultation_id,),
    )
    return {int(r[0]) for r in rows}


def load_version(conn: sqlite3.Connection, consultation_id: int, number: int) -> Draft:
    """The draft exactly as version ``number`` saved it; NotFoundError if there is none."""
    row = conn.execute(
        "SELECT d.id, v.number, v.snapshot FROM draft_versions v "
        "JOIN drafts d ON d.id = v.draft_id WHERE d.consultation_id = ? AND v.number = ?",
        (consultation_id, number),
    ).fetchone()
    if row is None:
        latest = conn.execute(
            "SELECT current_version FROM drafts WHERE consultation_id = ?", (consultation_id,)
        ).fetchone()
        if latest is None:
            raise NotFoundError("This consultation has no saved draft, so no version to restore.")
        raise NotFoundError(
            f"The draft has no version {number} (versions 1 to {latest[0]} exist)."
        )
    return from_snapshot(json.loads(row["snapshot"]), id=row["id"], version=row["number"])
