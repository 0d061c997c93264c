"""Stored drafts and their versions (tables ``drafts`` and ``draft_versions``).

Functions take an open connection; writers must run inside
``Workspace.transaction()`` so that a save, its version row and the draft's
current state land together or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from secresponder.domain.draft import Draft, describe_changes, from_snapshot, to_snapshot
from secresponder.errors import NotFoundError


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a draft's history."""

    number: int
    saved_at: datetime
    summary: str


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
    conn: sqlite3.Connection, consultation_id: int, draft: Draft, saved_at: datetime
) -> int:
    """Store ``draft`` as a new version unless it equals the latest; returns the version number.

    Call inside a write transaction.
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
        number = 1
    else:
        if row["snapshot"] == snapshot:
            return int(row["current_version"])
        draft_id = row["id"]
        previous = _row_to_draft(row)
        number = int(row["current_version"]) + 1
    summary = describe_changes(previous, draft) or "saved"
    conn.execute(
        "INSERT INTO draft_versions (draft_id, number, saved_at, summary, snapshot) "
        "VALUES (?, ?, ?, ?, ?)",
        (draft_id, number, stamp, summary, snapshot),
    )
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


def draft_id(conn: sqlite3.Connection, consultation_id: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM drafts WHERE consultation_id = ?", (consultation_id,)
    ).fetchone()
    return int(row["id"]) if row else None


def list_versions(conn: sqlite3.Connection, consultation_id: int) -> list[VersionInfo]:
    """The draft's saved versions, oldest first (empty when it was never saved)."""
    rows = conn.execute(
        "SELECT v.number, v.saved_at, v.summary FROM draft_versions v "
        "JOIN drafts d ON d.id = v.draft_id WHERE d.consultation_id = ? ORDER BY v.number",
        (consultation_id,),
    )
    return [
        VersionInfo(int(r["number"]), datetime.fromisoformat(r["saved_at"]), r["summary"])
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
