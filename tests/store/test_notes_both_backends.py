"""Notes written once with SQLAlchemy Core, on a folder and on a team database alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from secresponder.domain.deadline import LONDON
from secresponder.store.sql import notes, session, tables

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def _consultation(ws, key: str = "mp231") -> int:
    with session.transaction(ws) as conn:
        return conn.execute(insert(tables.consultations).values(
            key=key, reference=key.upper(), title="Smart meter faults", closes_at=NOW,
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ).returning(tables.consultations.c.id)).scalar_one()


def test_notes_are_added_listed_oldest_first_edited_and_deleted(any_workspace):
    ws = any_workspace
    cid = _consultation(ws)
    with session.transaction(ws) as conn:
        later = notes.add_note(conn, cid, "Second thought", now=NOW + timedelta(hours=1),
                               author="Ali Khan <ali@bright.example>")
        first = notes.add_note(conn, cid, "First thought", now=NOW,
                               author="Sam Patel <sam@bright.example>")
    assert first.created_at == NOW and first.created_at.tzinfo is not None
    with session.reading(ws) as conn:
        listed = notes.notes_for(conn, cid)
    assert [(n.body, n.author) for n in listed] == [
        ("First thought", "Sam Patel <sam@bright.example>"),
        ("Second thought", "Ali Khan <ali@bright.example>"),
    ]
    with session.transaction(ws) as conn:
        edited = notes.update_note(conn, later.id, "Revised", now=NOW + timedelta(days=1))
    assert edited is not None
    assert (edited.body, edited.created_at, edited.updated_at) == (
        "Revised", NOW + timedelta(hours=1), NOW + timedelta(days=1))
    assert edited.updated_at.utcoffset() == timedelta(hours=1)  # shown in London time
    with session.transaction(ws) as conn:
        assert notes.delete_note(conn, first.id)
        assert not notes.delete_note(conn, first.id)
        assert notes.update_note(conn, first.id, "gone", now=NOW) is None
    with session.reading(ws) as conn:
        assert [n.body for n in notes.notes_for(conn, cid)] == ["Revised"]
        assert notes.get_note(conn, later.id) == edited


def test_a_failed_transaction_keeps_nothing(any_workspace):
    ws = any_workspace
    cid = _consultation(ws)
    with pytest.raises(RuntimeError), session.transaction(ws) as conn:
        notes.add_note(conn, cid, "Half done", now=NOW)
        raise RuntimeError("interrupted")
    with session.reading(ws) as conn:
        assert notes.notes_for(conn, cid) == []


def test_deleting_a_consultation_deletes_its_notes(any_workspace):
    ws = any_workspace
    cid = _consultation(ws)
    with session.transaction(ws) as conn:
        notes.add_note(conn, cid, "Belongs to MP231", now=NOW)
        conn.execute(tables.consultations.delete().where(tables.consultations.c.id == cid))
    with session.reading(ws) as conn:
        assert conn.execute(select(tables.notes)).all() == []


def test_a_folder_keeps_its_own_connection_settings_and_sees_the_same_rows(tmp_path):
    import sqlite3

    from secresponder.store.workspace import Workspace

    with Workspace.open(tmp_path / "ws") as ws:
        cid = _consultation(ws)
        with session.transaction(ws) as conn:
            notes.add_note(conn, cid, "Written with Core", now=NOW)
        assert ws.connection.isolation_level is None
        assert ws.connection.row_factory is sqlite3.Row
        assert not ws.connection.in_transaction
        # Stored as a folder always stored notes: the instant as ISO text in UTC.
        body, created_at = ws.connection.execute(
            "SELECT body, created_at FROM notes WHERE consultation_id = ?", (cid,)).fetchone()
        assert body == "Written with Core"
        assert created_at == NOW.astimezone(UTC).isoformat()
