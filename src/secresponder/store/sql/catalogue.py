"""The catalogue's consultations, their deadline changes and the marks of those added by hand,
written once with SQLAlchemy Core for a folder and a team database.

Functions take a connection from ``store.sql.session``; writers run inside
``session.transaction``, and an import first calls ``lock_for_import`` so that two
imports into one team database queue up (a folder's write transaction already
serialises them). A folder stores exactly what it always did: instants as UTC ISO
text, lists as JSON text.

Consultation rows are decoded by hand from plain column values rather than through the
column types: listing 10,000 of them is the window's and ``list``'s hot path, and the
same few JSON lists and closing instants repeat, so each distinct value is decoded once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Integer,
    Text,
    bindparam,
    cast,
    func,
    insert,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnElement

from secresponder.domain.consultation import Consultation, Document, normalise_reference
from secresponder.domain.deadline import LONDON
from secresponder.domain.parties import PartyCategory
from secresponder.store.instants import instant_from_db
from secresponder.store.records import DeadlineChange, ListedConsultation, StoredConsultation
from secresponder.store.sql.tables import consultations, deadline_changes, manual_consultations
from secresponder.store.sql.types import Instant, Json
from secresponder.store.sql.upsert import upsert

# Any constant will do: it only has to differ from the other advisory locks the app takes.
_IMPORT_LOCK = 0x5EC_CA7A

_c = consultations.c

# --- decoding by hand -----------------------------------------------------------------------

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


@functools.lru_cache(maxsize=16384)
def _local_instant(value: datetime) -> datetime:
    """A ``timestamptz`` value from PostgreSQL, in UK local time (as a folder reads it)."""
    return value.astimezone(LONDON)


def _is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _plain(column: Any, conn: Connection) -> ColumnElement[Any]:
    """``column`` as the driver gives it, without the column type's per-value conversion:
    JSON as text on both backends, instants as text (SQLite) or datetimes (PostgreSQL)."""
    if isinstance(column.type, Json):
        # jsonb's own text form differs from what a folder stores, but decodes the same.
        return cast(column, Text) if _is_postgres(conn) else type_coerce(column, Text)
    if isinstance(column.type, Instant):
        return type_coerce(column, TIMESTAMP(timezone=True) if _is_postgres(conn) else Text)
    if isinstance(column.type, Boolean) and not _is_postgres(conn):
        return type_coerce(column, Integer)
    return column


def _plain_rows(conn: Connection, statement) -> list[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    """The rows ``statement`` selects as the driver's own plain tuples.

    Run on the driver's connection (the same one, in the same transaction), because a
    folder's connection makes ``sqlite3.Row`` objects and SQLAlchemy wraps every row
    again: for 10,000 consultations that alone costs more than decoding them.
    """
    compiled = statement.compile(dialect=conn.dialect)
    params: Any = compiled.params
    if compiled.positiontup is not None:
        params = tuple(params[name] for name in compiled.positiontup)
    driver = conn.connection.driver_connection
    cursor = driver.cursor()
    try:
        if not _is_postgres(conn):
            cursor.row_factory = None
        cursor.execute(str(compiled), params)
        return cursor.fetchall()
    except conn.dialect.loaded_dbapi.Error as exc:
        if not _is_postgres(conn):
            raise  # a folder's sqlite3 errors are worded where they are caught, as always
        # As SQLAlchemy would raise it, so the team workspace words it in one sentence.
        raise DBAPIError.instance(str(compiled), params, exc,
                                  conn.dialect.loaded_dbapi.Error) from None
    finally:
        cursor.close()


def _instant_decoder(conn: Connection) -> Callable[[Any], datetime]:
    return _local_instant if _is_postgres(conn) else instant_from_db


# The consultation columns, in the order the row decoders below unpack them.
_DESCRIBING = (_c.key, _c.reference, _c.title, _c.kind, _c.closes_at, _c.summary, _c.audience,
               _c.party_categories, _c.documents, _c.respond_to, _c.respond_to_assumed,
               _c.subject, _c.questions_contact)


def _select(conn: Connection, *columns: Any):  # type: ignore[no-untyped-def]
    return select(*(_plain(column, conn) for column in columns))


def _by_key(conn: Connection) -> ColumnElement[Any]:
    # Byte order on both backends, whatever the team database's collation.
    return _c.key.collate("C") if _is_postgres(conn) else _c.key


def _where(statement, reference: str | None, listed_only: bool):  # type: ignore[no-untyped-def]
    if reference is not None:
        statement = statement.where(func.upper(_c.reference) == normalise_reference(reference))
    if listed_only:
        statement = statement.where(_c.listed.is_(True))
    return statement


def _consultation(values: Sequence[Any], source: str | None,
                  instant: Callable[[Any], datetime]) -> Consultation:
    (_key, reference, title, kind, closes, summary, audience, categories, documents,
     respond_to, assumed, subject, contact) = values
    return Consultation(
        reference=reference, title=title, kind=kind, closes_at=instant(closes), summary=summary,
        audience=_decode_audience(audience), party_categories=_decode_categories(categories),
        documents=_decode_documents(documents), respond_to=respond_to,
        respond_to_assumed=bool(assumed), subject=subject, questions_contact=contact,
        source=source,
    )


# --- reading consultations --------------------------------------------------------------------


def consultation_id(conn: Connection, key: str) -> int | None:
    """The stored id of the consultation with ``key``, or None."""
    found = conn.execute(select(_c.id).where(_c.key == key)).first()
    return None if found is None else int(found.id)


def _stored(conn: Connection, statement, *,  # type: ignore[no-untyped-def]
            everything: bool = False) -> list[StoredConsultation]:
    """The consultations ``statement`` (from ``_full``) selects, with their deadline changes."""
    rows = conn.execute(statement).all()
    if not rows:
        return []
    instant = _instant_decoder(conn)
    if len(rows) == 1:
        changes = _changes_for(conn, [rows[0][0]], None)
    else:
        changes = _changes_for(conn, None, None if everything else statement)
    return [
        StoredConsultation(
            id=id_,
            consultation=_consultation(values, source, instant),
            listed=bool(listed),
            first_seen=instant(first),
            last_seen=instant(last),
            deadline_changes=tuple(changes.get(id_, ())),
            stored_key=values[0],
        )
        for id_, *values, source, listed, first, last in rows
    ]


def _full(conn: Connection):  # type: ignore[no-untyped-def]
    return _select(conn, _c.id, *_DESCRIBING, _c.source, _c.listed, _c.first_seen,
                   _c.last_seen)


def get_consultation(conn: Connection, key: str) -> StoredConsultation | None:
    found = _stored(conn, _full(conn).where(_c.key == key))
    return found[0] if found else None


def get_consultation_by_id(conn: Connection, id_: int) -> StoredConsultation | None:
    found = _stored(conn, _full(conn).where(_c.id == id_))
    return found[0] if found else None


def list_consultations(
    conn: Connection, *, reference: str | None = None, listed_only: bool = False,
) -> list[StoredConsultation]:
    """Consultations ordered by closing instant (earliest first), optionally filtered."""
    statement = _where(_full(conn), reference, listed_only)
    return _stored(conn, statement.order_by(_c.closes_at, _by_key(conn)),
                   everything=reference is None and not listed_only)


def list_consultation_rows(
    conn: Connection, *, reference: str | None = None, listed_only: bool = False,
) -> list[ListedConsultation]:
    """The same consultations, in the same order, as ``list_consultations``, as plain rows.

    One query for the consultations and one for their deadline changes; repeated JSON
    list columns and instants are decoded once each.
    """
    statement = _where(
        _select(conn, _c.id, *_DESCRIBING, _c.source, _c.listed), reference, listed_only
    ).order_by(_c.closes_at, _by_key(conn))
    rows = _plain_rows(conn, statement)
    if not rows:
        return []
    filtered = reference is not None or listed_only
    changes = _changes_for(conn, None, statement if filtered else None)
    instant, audience, categories, documents = (
        _instant_decoder(conn), _decode_audience, _decode_categories, _decode_documents
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


def latest_closing_seen_at(conn: Connection, seen_at: datetime) -> datetime | None:
    """The latest closing instant among the consultations last seen at ``seen_at``."""
    return conn.execute(
        select(func.max(_c.closes_at)).where(_c.last_seen == seen_at)
    ).scalar()


# --- comparing on import ----------------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationRow:
    """A stored consultation as its decoded column values, for cheap change detection."""

    id: int
    listed: bool
    values: tuple[Any, ...]  # as ``consultation_values`` gives them
    source: str | None = None

    def consultation(self) -> Consultation:
        """The stored consultation these values describe."""
        _key, reference, title, kind, closes, summary, *rest = self.values
        audience, categories, documents, respond_to, assumed, subject, contact = rest
        return Consultation(
            reference=reference, title=title, kind=kind, closes_at=closes, summary=summary,
            audience=audience, party_categories=categories, documents=documents,
            respond_to=respond_to, respond_to_assumed=assumed, subject=subject,
            questions_contact=contact, source=self.source,
        )


def consultation_values(c: Consultation, key: str | None = None) -> tuple[Any, ...]:
    """The stored values that describe ``c`` (key first, source left out), decoded."""
    return (key or c.key, c.reference, c.title, c.kind, c.closes_at, c.summary,
            tuple(c.audience), tuple(c.party_categories), tuple(c.documents), c.respond_to,
            bool(c.respond_to_assumed), c.subject, c.questions_contact)


def consultation_rows(conn: Connection) -> dict[str, ConsultationRow]:
    """Every stored consultation by key, as decoded column values."""
    instant = _instant_decoder(conn)
    rows = conn.execute(_select(conn, _c.id, _c.listed, *_DESCRIBING, _c.source)).all()
    return {
        key: ConsultationRow(
            int(id_), bool(listed),
            (key, ref, title, kind, instant(closes), summary, _decode_audience(aud),
             _decode_categories(cats), _decode_documents(docs), respond_to, bool(assumed),
             subject, contact),
            source,
        )
        for (id_, listed, key, ref, title, kind, closes, summary, aud, cats, docs, respond_to,
             assumed, subject, contact, source) in rows
    }


def consultation_keys(conn: Connection) -> dict[str, tuple[int, bool]]:
    """Every stored key with its row id and listed flag (cheap, for bulk comparisons)."""
    rows = conn.execute(_select(conn, _c.key, _c.id, _c.listed))
    return {key: (int(id_), bool(listed)) for key, id_, listed in rows}


# --- writing consultations --------------------------------------------------------------------


def lock_for_import(conn: Connection) -> None:
    """Hold the catalogue until the transaction ends, so imports (and additions by hand)
    into one team database queue up and each compares against what the last one stored.

    A folder's write transaction (BEGIN IMMEDIATE) already serialises them.
    """
    if _is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})


def _describing(c: Consultation) -> dict[str, Any]:
    return {
        "reference": c.reference, "title": c.title, "kind": c.kind, "closes_at": c.closes_at,
        "summary": c.summary, "audience": list(c.audience),
        "party_categories": [p.value for p in c.party_categories],
        "documents": [{"label": d.label, "url": d.url, "login_required": d.login_required}
                      for d in c.documents],
        "respond_to": c.respond_to, "respond_to_assumed": bool(c.respond_to_assumed),
        "subject": c.subject, "questions_contact": c.questions_contact, "source": c.source,
    }


def insert_consultations(
    conn: Connection, items: Iterable[Consultation], *, seen_at: datetime,
    keys: Sequence[str] | None = None,
) -> None:
    """Store new consultations; ``keys``, when given, are stored instead of their own keys
    (an entry listed twice with two closing dates is kept under a second key)."""
    items = list(items)
    chosen = list(keys) if keys is not None else [c.key for c in items]
    if not items:
        return
    conn.execute(insert(consultations), [
        {"key": k, **_describing(c), "listed": True, "first_seen": seen_at, "last_seen": seen_at}
        for c, k in zip(items, chosen, strict=True)
    ])


def update_consultations(
    conn: Connection, items: Iterable[Consultation], *, seen_at: datetime,
    keys: Sequence[str] | None = None,
) -> None:
    """Overwrite the stored fields of existing consultations (matched by key, or ``keys``)."""
    items = list(items)
    chosen = list(keys) if keys is not None else [c.key for c in items]
    if not items:
        return
    names = list(_describing(items[0]))
    statement = update(consultations).where(_c.key == bindparam("k")).values(
        {name: bindparam(f"v_{name}") for name in names} | {"last_seen": bindparam("seen")}
    )
    conn.execute(statement, [
        {"k": k, "seen": seen_at, **{f"v_{n}": v for n, v in _describing(c).items()}}
        for c, k in zip(items, chosen, strict=True)
    ])


def mark_seen(conn: Connection, keys: Iterable[str], *, seen_at: datetime) -> None:
    params = [{"k": k, "seen": seen_at} for k in keys]
    if params:
        conn.execute(update(consultations).where(_c.key == bindparam("k"))
                     .values(last_seen=bindparam("seen")), params)


def set_listed(conn: Connection, keys: Iterable[str], listed: bool) -> None:
    params = [{"k": k} for k in keys]
    if params:
        conn.execute(update(consultations).where(_c.key == bindparam("k"))
                     .values(listed=bool(listed)), params)


# --- deadline changes -------------------------------------------------------------------------


def record_deadline_changes(
    conn: Connection, changes: Iterable[tuple[int, datetime, datetime]], *, seen_at: datetime,
) -> None:
    """Record ``(consultation_id, old, new)`` closing-instant moves."""
    rows = [{"consultation_id": cid, "old_closes_at": old, "new_closes_at": new,
             "seen_at": seen_at} for cid, old, new in changes]
    if rows:
        conn.execute(insert(deadline_changes), rows)


def deadline_changes_of(conn: Connection, consultation_id: int) -> list[DeadlineChange]:
    """A consultation's closing-instant moves, oldest first."""
    return _changes_for(conn, [consultation_id], None).get(consultation_id, [])


def _changes_for(conn: Connection, ids: Sequence[int] | None,
                 statement) -> dict[int, list[DeadlineChange]]:  # type: ignore[no-untyped-def]
    """Deadline changes by consultation id, oldest first: of ``ids``; else of the
    consultations ``statement`` selects (its first column is their id); else of every
    consultation. One query either way, never one per consultation."""
    d = deadline_changes.c
    query = select(d.consultation_id, d.old_closes_at, d.new_closes_at, d.seen_at)
    if ids is not None:
        query = query.where(d.consultation_id.in_(ids))
    elif statement is not None:
        query = query.where(d.consultation_id.in_(
            statement.with_only_columns(_c.id).order_by(None)))
    found: dict[int, list[DeadlineChange]] = {}
    for cid, old, new, seen in conn.execute(query.order_by(d.id)):
        found.setdefault(cid, []).append(DeadlineChange(old, new, seen))
    return found


# --- consultations added by hand --------------------------------------------------------------


def mark_by_hand(conn: Connection, consultation_id: int, *, authority: str, added_by: str,
                 added_at: datetime) -> None:
    """Mark a consultation as added by hand; marked again, only its authority changes."""
    upsert(conn, manual_consultations, {
        "consultation_id": consultation_id, "authority": authority, "added_by": added_by,
        "added_at": added_at,
    }, key=("consultation_id",), update=("authority",))


def keys_by_hand(conn: Connection) -> set[str]:
    """The keys of every consultation added by hand."""
    m = manual_consultations.c
    rows = conn.execute(select(_c.key).join_from(manual_consultations, consultations,
                                                 _c.id == m.consultation_id))
    return {str(key) for key, in rows}


def authority_of(conn: Connection, consultation_id: int) -> str | None:
    """The authority of a consultation added by hand; None for one read from a page."""
    m = manual_consultations.c
    found = conn.execute(select(m.authority).where(m.consultation_id == consultation_id)).first()
    return None if found is None else str(found.authority)
