"""Consultations added by hand, on both workspace kinds: added, refused twice, edited (a moved
closing date is a deadline change), read back for the dialog, and found by reference."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.errors import InputError
from secresponder.services.history import consultation_history, deadline_change_lines
from secresponder.services.importing import import_sources
from secresponder.services.listing import list_consultations
from secresponder.services.lookup import find_consultation
from secresponder.services.manual_consultations import (
    ManualEntry,
    add_consultation,
    authority_of,
    edit_consultation,
    entry_for,
    keys_added_by_hand,
)

LATER = fixed_clock(datetime(2023, 5, 2, 10, 0, tzinfo=LONDON))
ENTRY = ManualEntry(reference="dcc-2027-01", title="  DCC  charging   statement ",
                    closes="2023-06-02", respond_to="consult@dcc.example",
                    authority="The DCC", url="https://dcc.example/consult",
                    audience=("Suppliers",))


def test_added_by_hand_then_edited(any_workspace, clock, now):
    ws = any_workspace
    added = add_consultation(ws, ENTRY, clock=clock, author="Sam Patel")
    c = added.consultation
    assert (c.reference, c.title, c.source) == ("DCC-2027-01", "DCC charging statement",
                                                "added by hand")
    assert c.closes_at == closing_instant(date(2023, 6, 2))
    assert added.listed and added.first_seen == now
    assert authority_of(ws, added.id) == "The DCC"
    assert keys_added_by_hand(ws) == {added.key}
    assert entry_for(ws, added.id) == ManualEntry(
        reference="DCC-2027-01", title="DCC charging statement", closes="2023-06-02 17:00",
        respond_to="consult@dcc.example", authority="The DCC",
        url="https://dcc.example/consult", audience=("Suppliers",))
    with pytest.raises(InputError, match="already in the workspace"):
        add_consultation(ws, ENTRY, clock=clock)

    moved = edit_consultation(ws, added.id, ManualEntry(
        reference="ignored", title="ignored", closes="2023-06-09 12:00",
        respond_to="other@dcc.example", authority="DCC"), clock=LATER)
    assert (moved.id, moved.key, moved.consultation.title) == (
        added.id, added.key, "DCC charging statement")
    assert moved.consultation.respond_to == "other@dcc.example"
    assert moved.last_seen == LATER()
    (change,) = moved.deadline_changes
    assert (change.old, change.new, change.seen_at) == (
        closing_instant(date(2023, 6, 2)), datetime(2023, 6, 9, 12, 0, tzinfo=LONDON), LATER())
    assert authority_of(ws, added.id) == "DCC"
    history = consultation_history(ws, find_consultation(ws, "DCC-2027-01"))
    assert deadline_change_lines(history.deadline_changes)[0].startswith("Extended from 5pm")
    assert [r.key for r in list_consultations(ws, now).rows] == [added.key]


def test_only_one_added_by_hand_can_be_edited(any_workspace, clock, consultations_txt):
    ws = any_workspace
    import_sources(ws, [str(consultations_txt)], clock=clock)
    from_page = find_consultation(ws, "MP231")
    assert authority_of(ws, from_page.id) is None and entry_for(ws, from_page.id) is None
    with pytest.raises(InputError, match="Only a consultation added by hand"):
        edit_consultation(ws, from_page.id, ENTRY, clock=clock)
    with pytest.raises(InputError, match="Only a consultation added by hand"):
        edit_consultation(ws, from_page.id + 1000, ENTRY, clock=clock)
