"""The fast listing read path agrees with the full one, filters and all, on both workspace
kinds."""

from datetime import date, datetime

import pytest

from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.parties import PartyCategory
from secresponder.store.records import ListedConsultation, StoredConsultation
from secresponder.store.sql import catalogue as repo
from secresponder.store.sql import session

SEEN = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
LATER = datetime(2023, 5, 3, 14, 30, tzinfo=LONDON)


def consultation(ref: str | None, kind: str | None, day: date, **extra) -> Consultation:
    fields = dict(
        reference=ref,
        title=f"Title of {ref or 'an unreferenced consultation'}",
        kind=kind,
        closes_at=closing_instant(day),
        summary="Résumé — with “curly” quotes and a pound sign: £5.",
        audience=("Suppliers", "The DCC"),
        party_categories=(PartyCategory.LARGE_SUPPLIER, PartyCategory.DCC),
        documents=(
            Document("consultation document", "https://example.org/a.pdf", True),
            Document("response template"),
        ),
        subject=f"{ref} response" if ref else None,
        source="page.html",
    )
    fields.update(extra)
    return Consultation(**fields)


@pytest.fixture
def ws(any_workspace):
    return any_workspace


def read(ws, fn, **filters):
    with session.reading(ws) as conn:
        return fn(conn, **filters)


@pytest.fixture
def filled(ws):
    items = [
        consultation("MP231", None, date(2023, 5, 12)),
        consultation("MP092", "Refinement Consultation", date(2020, 8, 7)),
        consultation("MP092", "Modification Report Consultation", date(2021, 3, 5),
                     party_categories=tuple(PartyCategory), audience=("Stakeholders",)),
        consultation(None, None, date(2022, 10, 14), documents=()),
        consultation("MP116", None, date(2022, 1, 7), respond_to="SECAS@gemserv.com",
                     respond_to_assumed=True, questions_contact="someone@example.org"),
    ]
    with session.transaction(ws) as conn:
        repo.insert_consultations(conn, items, seen_at=SEEN)
        ids = {key: id_ for key, (id_, _) in repo.consultation_keys(conn).items()}
        mp231 = items[0]
        moved = closing_instant(date(2023, 5, 26))
        repo.record_deadline_changes(conn, [(ids[mp231.key], mp231.closes_at, moved)],
                                     seen_at=LATER)
        repo.record_deadline_changes(conn, [(ids[mp231.key], moved, mp231.closes_at)],
                                     seen_at=LATER)
        repo.set_listed(conn, [items[3].key], False)
    return items


def as_listed(stored: StoredConsultation) -> ListedConsultation:
    c = stored.consultation
    return ListedConsultation(
        stored.id, stored.key, c.reference, c.title, c.kind, c.closes_at, c.summary, c.audience,
        c.party_categories, c.documents, c.respond_to, c.respond_to_assumed, c.subject,
        c.questions_contact, c.source, stored.listed, stored.deadline_changes,
    )


@pytest.mark.parametrize(
    ("filters", "count"),
    [({}, 5), ({"reference": "mp 092"}, 2), ({"reference": "MP231"}, 1),
     ({"listed_only": True}, 4), ({"reference": "MP999"}, 0)],
)
def test_rows_match_list_consultations(ws, filled, filters, count):
    full = read(ws, repo.list_consultations, **filters)
    rows = read(ws, repo.list_consultation_rows, **filters)
    assert len(rows) == count
    assert rows == [as_listed(s) for s in full]


def test_rows_carry_decoded_values_and_only_their_own_deadline_changes(ws, filled):
    rows = read(ws, repo.list_consultation_rows)
    assert [r.reference for r in rows] == ["MP092", "MP092", "MP116", None, "MP231"]
    mp231 = rows[-1]
    assert mp231.closes_at == closing_instant(date(2023, 5, 12))
    assert mp231.closes_at.tzinfo is LONDON and mp231.closes_at.utcoffset().seconds == 3600
    assert [(c.old.date(), c.new.date(), c.seen_at) for c in mp231.deadline_changes] == [
        (date(2023, 5, 12), date(2023, 5, 26), LATER),
        (date(2023, 5, 26), date(2023, 5, 12), LATER),
    ]
    assert all(r.deadline_changes == () for r in rows[:-1])
    assert rows[0].party_categories == (PartyCategory.LARGE_SUPPLIER, PartyCategory.DCC)
    assert rows[1].party_categories == tuple(PartyCategory)
    assert rows[2].respond_to_assumed is True and rows[2].questions_contact == "someone@example.org"
    assert rows[3].listed is False and rows[3].documents == ()
    assert rows[0].summary == "Résumé — with “curly” quotes and a pound sign: £5."
    only_mp231 = read(ws, repo.list_consultation_rows, reference="mp231")
    assert only_mp231 == [mp231]
    # The filtered full read also fetches only the matching consultations' changes.
    assert read(ws, repo.list_consultations, reference="MP092")[0].deadline_changes == ()


def test_rows_of_an_empty_workspace(ws):
    assert read(ws, repo.list_consultation_rows) == []
    assert read(ws, repo.list_consultation_rows, reference="MP1") == []


def test_equal_closing_instants_are_ordered_by_key_in_byte_order(ws):
    day = date(2023, 5, 12)
    items = [consultation("MP2", None, day), consultation("MP10", None, day),
             consultation("MP1", "Refinement Consultation", day),
             consultation("MP1", None, day)]
    with session.transaction(ws) as conn:
        repo.insert_consultations(conn, items, seen_at=SEEN)
    keys = [r.key for r in read(ws, repo.list_consultation_rows)]
    assert keys == sorted(c.key for c in items)
    assert [s.key for s in read(ws, repo.list_consultations)] == keys
