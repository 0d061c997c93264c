"""Form corrections (a person's decisions about a form, kept by the form's checksum) for
either workspace kind, written with SQLAlchemy Core.

A folder keeps the same rows as before (instants as ISO text in UTC).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.engine import Connection

from secresponder.domain.form_corrections import CorrectionKind, FormCorrection
from secresponder.store.sql.tables import form_corrections
from secresponder.store.sql.upsert import insert_new

_KEY = ("form_sha256", "kind", "target", "value")


def add(conn: Connection, sha256: str, correction: FormCorrection, *, author: str,
        now: datetime) -> bool:
    """Keep ``correction`` for the form; False when it was kept already."""
    return insert_new(conn, form_corrections, {
        "form_sha256": sha256, "kind": correction.kind.value, "target": correction.target,
        "value": correction.value, "author": author, "created_at": now,
    }, key=_KEY)


def remove(conn: Connection, sha256: str, correction: FormCorrection) -> bool:
    """Drop ``correction`` from the form; False when it was not kept."""
    t = form_corrections.c
    statement = delete(form_corrections).where(
        t.form_sha256 == sha256, t.kind == correction.kind.value,
        t.target == correction.target, t.value == correction.value,
    ).returning(t.id)
    # RETURNING rather than rowcount, which psycopg through SQLAlchemy may leave at -1.
    return conn.execute(statement).first() is not None


_FOR_FORM = (select(form_corrections.c.kind, form_corrections.c.target, form_corrections.c.value)
             .where(form_corrections.c.form_sha256 == bindparam("sha256"))
             .order_by(form_corrections.c.id))


def for_form(conn: Connection, sha256: str) -> tuple[FormCorrection, ...]:
    """The form's corrections in the order they were made (read whenever a form is)."""
    rows = conn.execute(_FOR_FORM, {"sha256": sha256})
    return tuple(FormCorrection(CorrectionKind(kind), target, value)
                 for kind, target, value in rows)
