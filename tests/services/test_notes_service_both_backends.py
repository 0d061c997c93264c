"""The notes service on both kinds of workspace: the same rules, the same results."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from secresponder.errors import InputError, NotFoundError
from secresponder.services import notes as notes_service
from secresponder.store.sql import session, tables
from secresponder.store.sql.search import search


@pytest.fixture
def consultation(any_workspace, now):
    with session.transaction(any_workspace) as conn:
        return conn.execute(insert(tables.consultations).values(
            key="mp231-consultation", reference="MP231", title="Firmware upgrade pathways",
            closes_at=now, respond_to="sec.change@gemserv.com", first_seen=now, last_seen=now,
        ).returning(tables.consultations.c.id)).scalar_one()


def test_notes_are_kept_signed_edited_searched_and_deleted(any_workspace, consultation, clock):
    ws = any_workspace
    note = notes_service.add_note(ws, consultation, "  Ask the DCC about\r\nrollback.  ",
                                  clock=clock, author="Sam Patel <sam@bright.example>")
    assert (note.body, note.author) == ("Ask the DCC about\nrollback.",
                                        "Sam Patel <sam@bright.example>")
    edited = notes_service.edit_note(ws, note.id, "Ask the DCC about pathways", clock=clock)
    assert notes_service.notes_for(ws, consultation) == [edited]
    assert notes_service.note_json(edited) == {
        "id": note.id, "text": "Ask the DCC about pathways",
        "created_at": "2023-05-01T09:00:00+01:00", "updated_at": "2023-05-01T09:00:00+01:00",
        "author": "Sam Patel <sam@bright.example>",
    }
    assert sorted(hit.kind for hit, _ in search(ws, "pathways")) == ["consultation", "note"]
    notes_service.delete_note(ws, note.id)
    assert notes_service.notes_for(ws, consultation) == []


def test_the_same_refusals_on_both(any_workspace, consultation, clock):
    ws = any_workspace
    with pytest.raises(InputError, match="The note is empty"):
        notes_service.add_note(ws, consultation, " \r\n ", clock=clock)
    with pytest.raises(InputError, match="over the 100,000 character limit"):
        notes_service.add_note(ws, consultation, "x" * 100_001, clock=clock)
    with pytest.raises(NotFoundError, match=r"Note #99 is not in the workspace\."):
        notes_service.edit_note(ws, 99, "text", clock=clock)
    with pytest.raises(NotFoundError, match=r"Note #99 is not in the workspace\."):
        notes_service.delete_note(ws, 99)
    assert notes_service.notes_for(ws, consultation) == []
