"""SQL for form corrections: a person's decisions about a form, kept by the form's checksum."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from secresponder.domain.form_corrections import CorrectionKind, FormCorrection
from secresponder.store.instants import instant_to_db


def add(
    conn: sqlite3.Connection, sha256: str, correction: FormCorrection, *, author: str,
    now: datetime,
) -> bool:
    """Keep ``correction`` for the form; False when it was kept already."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO form_corrections (form_sha256, kind, target, value, author, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (sha256, correction.kind.value, correction.target, correction.value, author,
         instant_to_db(now)),
    )
    return cursor.rowcount == 1


def remove(conn: sqlite3.Connection, sha256: str, correction: FormCorrection) -> bool:
    cursor = conn.execute(
        "DELETE FROM form_corrections WHERE form_sha256 = ? AND kind = ? AND target = ? "
        "AND value = ?",
        (sha256, correction.kind.value, correction.target, correction.value),
    )
    return cursor.rowcount == 1


def for_form(conn: sqlite3.Connection, sha256: str) -> tuple[FormCorrection, ...]:
    """The form's corrections in the order they were made."""
    rows = conn.execute(
        "SELECT kind, target, value FROM form_corrections WHERE form_sha256 = ? ORDER BY id",
        (sha256,),
    ).fetchall()
    return tuple(FormCorrection(CorrectionKind(r[0]), r[1], r[2]) for r in rows)
