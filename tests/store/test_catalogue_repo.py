"""The catalogue repository on both workspace kinds: consultations, deadline changes,
releases, the import log and consultations added by hand."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.parties import PartyCategory
from secresponder.domain.release import AffectedDocument, ModificationRef, Release
from secresponder.errors import NotFoundError
from secresponder.services.lookup import find_consultation
from secresponder.store.instants import instant_to_db
from secresponder.store.records import DeadlineChange
from secresponder.store.sql import catalogue as repo
from secresponder.store.sql import imports_log, releases, session, tables
from secresponder.store.workspace import Workspace

SEEN = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
LATER = datetime(2023, 5, 3, 14, 30, tzinfo=LONDON)


def mp231(**changes) -> Consultation:
    fields = dict(
        reference="MP231",
        title="Firmware upgrade pathways",
        kind=None,
        closes_at=closing_instant(date(2023, 5, 12)),
        summary="Certain Device models need a firmware upgrade applied in a specific order.",
        audience=("Suppliers", "The DCC", "Other SEC Parties (MAPs and Device Manufacturers)"),
        party_categories=(
            PartyCategory.LARGE_SUPPLIER,
            PartyCategory.SMALL_SUPPLIER,
            PartyCategory.OTHER,
            PartyCategory.DCC,
        ),
        documents=(Document("consultation document", None, False),),
        respond_to="sec.change@gemserv.com",
        subject=None,
        source="open-consultations.txt",
    )
    fields.update(changes)
    return Consultation(**fields)


def mp092(kind: str, day: date) -> Consultation:
    return Consultation(
        reference="MP092",
        title="New Planned Maintenance methodology",
        kind=kind,
        closes_at=closing_instant(day),
        audience=("Stakeholders",),
        party_categories=tuple(PartyCategory),
        documents=(Document("consultation document", "https://example.org/mp092.pdf", True),),
        respond_to="SECAS@gemserv.com",
        respond_to_assumed=False,
        subject="MP092 response",
        questions_contact="joey.manners@gemserv.com",
    )


@pytest.fixture
def ws(any_workspace):
    return any_workspace


def reading(ws):
    return session.reading(ws)


def write(ws, fn, *args, **kwargs):
    with session.transaction(ws) as conn:
        return fn(conn, *args, **kwargs)


def read(ws, fn, *args, **kwargs):
    with session.reading(ws) as conn:
        return fn(conn, *args, **kwargs)


def test_consultation_round_trips_every_field(ws):
    original = mp092("Refinement Consultation", date(2020, 8, 7))
    write(ws, repo.insert_consultations, [original], seen_at=SEEN)
    stored = read(ws, repo.get_consultation, original.key)
    assert stored is not None
    assert stored.consultation == original
    assert stored.consultation.closes_at.tzinfo == LONDON
    assert stored.consultation.closes_at.isoformat() == "2020-08-07T17:00:00+01:00"
    assert stored.listed is True
    assert stored.first_seen == SEEN and stored.last_seen == SEEN
    assert stored.deadline_changes == ()
    assert read(ws, repo.consultation_id, original.key) == stored.id
    assert read(ws, repo.get_consultation_by_id, stored.id) == stored
    assert read(ws, repo.consultation_id, "mp999-consultation") is None
    assert read(ws, repo.get_consultation, "mp999-consultation") is None
    assert read(ws, repo.get_consultation_by_id, stored.id + 1) is None


def test_a_folder_stores_the_rows_it_always_did(workspace_root):
    """Existing workspaces on laptops read these columns as text: they must not change."""
    original = mp092("Refinement Consultation", date(2020, 8, 7))
    with Workspace.open(workspace_root) as ws:
        write(ws, repo.insert_consultations, [original], seen_at=SEEN)
        cid = read(ws, repo.consultation_id, original.key)
        write(ws, repo.record_deadline_changes, [(cid, original.closes_at, LATER)], seen_at=SEEN)
        write(ws, repo.mark_by_hand, cid, authority="Ofgem", added_by="Sam", added_at=SEEN)
        write(ws, imports_log.log_import, source="a.txt", page_kind="consultations",
              page_format="text", imported_at=SEEN, summary={"consultations": 1, "é": "£"})
        write(ws, releases.save_release, V57, seen_at=SEEN)
        raw = ws.connection.execute(
            "SELECT key, reference, title, kind, closes_at, summary, audience, "
            "party_categories, documents, respond_to, respond_to_assumed, subject, "
            "questions_contact, source, listed, first_seen, last_seen FROM consultations"
        ).fetchone()
        assert tuple(raw) == (
            original.key, "MP092", "New Planned Maintenance methodology",
            "Refinement Consultation", "2020-08-07T16:00:00+00:00", "", '["Stakeholders"]',
            '["Large Supplier", "Small Supplier", "Electricity Network Party", '
            '"Gas Network Party", "Other SEC Party", "DCC"]',
            '[{"label": "consultation document", "url": "https://example.org/mp092.pdf", '
            '"login_required": true}]',
            "SECAS@gemserv.com", 0, "MP092 response", "joey.manners@gemserv.com", None, 1,
            "2023-05-01T08:00:00+00:00", "2023-05-01T08:00:00+00:00",
        )
        assert tuple(ws.connection.execute(
            "SELECT old_closes_at, new_closes_at, seen_at FROM deadline_changes").fetchone()) == (
            "2020-08-07T16:00:00+00:00", "2023-05-03T13:30:00+00:00",
            "2023-05-01T08:00:00+00:00")
        assert tuple(ws.connection.execute(
            "SELECT authority, added_by, added_at FROM manual_consultations").fetchone()) == (
            "Ofgem", "Sam", "2023-05-01T08:00:00+00:00")
        assert tuple(ws.connection.execute(
            "SELECT imported_at, summary FROM imports").fetchone()) == (
            "2023-05-01T08:00:00+00:00", '{"consultations": 1, "é": "£"}')
        assert tuple(ws.connection.execute(
            "SELECT version, effective, first_seen FROM releases").fetchone()) == (
            "v57.0", "2022-02-24", "2023-05-01T08:00:00+00:00")


def test_list_orders_by_closing_instant_and_filters(ws):
    report = mp092("Modification Report Consultation", date(2020, 10, 1))
    refinement = mp092("Refinement Consultation", date(2020, 8, 7))
    with session.transaction(ws) as conn:
        repo.insert_consultations(conn, [mp231(), report, refinement], seen_at=SEEN)
        repo.set_listed(conn, [mp231().key], False)
    with reading(ws) as conn:
        keys = [s.key for s in repo.list_consultations(conn)]
        assert keys == [refinement.key, report.key, mp231().key]
        by_ref = repo.list_consultations(conn, reference="mp 092")
        assert [s.key for s in by_ref] == [refinement.key, report.key]
        listed = repo.list_consultations(conn, listed_only=True)
        assert mp231().key not in [s.key for s in listed]
        assert repo.get_consultation(conn, mp231().key).listed is False
        assert repo.consultation_keys(conn)[mp231().key][1] is False


def test_update_and_deadline_changes(ws):
    write(ws, repo.insert_consultations, [mp231()], seen_at=SEEN)
    extended = mp231(closes_at=closing_instant(date(2023, 5, 26)), subject="MP231 response")
    old_id = read(ws, repo.consultation_id, extended.key)
    with session.transaction(ws) as conn:
        repo.update_consultations(conn, [extended], seen_at=LATER)
        repo.record_deadline_changes(
            conn, [(old_id, mp231().closes_at, extended.closes_at)], seen_at=LATER
        )
    stored = read(ws, repo.get_consultation, extended.key)
    assert stored.id == old_id
    assert stored.consultation == extended
    assert stored.first_seen == SEEN and stored.last_seen == LATER
    assert stored.deadline_changes == (
        DeadlineChange(mp231().closes_at, extended.closes_at, LATER),
    )
    old, new, seen_at = stored.deadline_changes[0]
    assert (old.date(), new.date(), seen_at) == (date(2023, 5, 12), date(2023, 5, 26), LATER)
    assert read(ws, repo.deadline_changes_of, old_id) == list(stored.deadline_changes)
    # list_consultations carries the same history without a query per row.
    assert read(ws, repo.list_consultations)[0].deadline_changes == stored.deadline_changes


def test_marking_seen_and_the_stored_values_an_import_compares(ws):
    write(ws, repo.insert_consultations, [mp231()], seen_at=SEEN)
    write(ws, repo.mark_seen, [mp231().key], seen_at=LATER)
    stored = read(ws, repo.get_consultation, mp231().key)
    assert (stored.first_seen, stored.last_seen) == (SEEN, LATER)
    assert read(ws, repo.latest_closing_seen_at, LATER) == mp231().closes_at
    assert read(ws, repo.latest_closing_seen_at, SEEN) is None
    row = read(ws, repo.consultation_rows)[mp231().key]
    assert (row.id, row.listed) == (stored.id, True)
    assert row.values == repo.consultation_values(mp231())
    assert row.consultation() == mp231() and row.consultation().source == mp231().source
    assert row.values != repo.consultation_values(mp231(summary="Changed."))


def test_consultations_added_by_hand(ws):
    write(ws, repo.insert_consultations, [mp231(), mp092("RFI", date(2023, 6, 1))], seen_at=SEEN)
    cid = read(ws, repo.consultation_id, mp231().key)
    assert read(ws, repo.authority_of, cid) is None
    assert read(ws, repo.keys_by_hand) == set()
    write(ws, repo.mark_by_hand, cid, authority="Ofgem", added_by="Sam", added_at=SEEN)
    write(ws, repo.mark_by_hand, cid, authority="The DCC", added_by="", added_at=LATER)
    assert read(ws, repo.authority_of, cid) == "The DCC"
    assert read(ws, repo.keys_by_hand) == {mp231().key}


def test_instants_must_be_timezone_aware(ws):
    with pytest.raises(ValueError):
        instant_to_db(datetime(2023, 5, 12, 17, 0))
    assert instant_to_db(datetime(2023, 1, 1, 12, tzinfo=UTC)) == "2023-01-01T12:00:00+00:00"
    with pytest.raises(Exception, match="timezone-aware"):
        write(ws, repo.insert_consultations,
              [mp231(closes_at=datetime(2023, 5, 12, 17, 0))], seen_at=SEEN)


V57 = Release(
    version="v57.0",
    effective=date(2022, 2, 24),
    title="SEC v57.0 published for the February 2022 SEC Release",
    modifications=(
        ModificationRef("MP116", "Service Request Forecasting"),
        ModificationRef("MP171"),
    ),
    affected=(AffectedDocument("Section H", "DCC Services"), AffectedDocument("Appendix AB")),
    summary="SEC version 57.0 came into effect on 24 February 2022.",
)
V61 = Release(
    version="v61.0",
    effective=date(2022, 6, 30),
    title="SEC v61.0",
    modifications=(ModificationRef("MP104", "Security Improvements"),),
)


def test_release_save_reports_added_unchanged_updated(ws):
    with session.transaction(ws) as conn:
        assert releases.save_release(conn, V57, seen_at=SEEN) == "added"
        assert releases.save_release(conn, V61, seen_at=SEEN) == "added"
        assert releases.save_release(conn, V57, seen_at=LATER) is None
    assert read(ws, releases.get_release, "v57.0") == V57
    assert [r.version for r in read(ws, releases.list_releases)] == ["v61.0", "v57.0"]
    changed = Release(
        version="v57.0",
        effective=V57.effective,
        title=V57.title,
        modifications=(ModificationRef("MP116", "Service Request Forecasting"),),
    )
    with session.transaction(ws) as conn:
        assert releases.save_release(conn, changed, seen_at=LATER) == "updated"
    assert read(ws, releases.get_release, "v57.0") == changed
    with reading(ws) as conn:
        count = conn.execute(select(func.count()).select_from(
            tables.release_modifications)).scalar_one()
    assert count == 2  # MP116 for v57.0 and MP104 for v61.0; the old MP171 row went
    assert read(ws, releases.get_release, "v99.0") is None


def test_releases_implementing_a_reference(ws):
    with session.transaction(ws) as conn:
        releases.save_release(conn, V61, seen_at=SEEN)
        releases.save_release(conn, V57, seen_at=SEEN)
    with reading(ws) as conn:
        assert [r.version for r in releases.releases_implementing(conn, "mp116")] == ["v57.0"]
        assert [r.version for r in releases.releases_implementing(conn, "MP104")] == ["v61.0"]
        assert releases.releases_implementing(conn, "MP999") == []


def test_import_log(ws):
    assert read(ws, imports_log.import_count) == 0
    assert read(ws, imports_log.latest_list_import) is None
    with session.transaction(ws) as conn:
        imports_log.log_import(conn, source="a.txt", page_kind="consultations",
                               page_format="text", imported_at=SEEN,
                               summary={"consultations": 10})
        imports_log.log_import(conn, source="b.html", page_kind="releases", page_format="html",
                               imported_at=LATER, summary={"releases": 3})
    log = read(ws, imports_log.list_imports)
    assert [(e.source, e.page_kind, e.page_format) for e in log] == [
        ("b.html", "releases", "html"),
        ("a.txt", "consultations", "text"),
    ]
    assert log[1].summary == {"consultations": 10}
    assert log[0].imported_at == LATER
    assert read(ws, imports_log.import_count) == 2
    assert read(ws, imports_log.latest_list_import) == ("a.txt", SEEN)


def test_find_consultation_by_key_or_reference(ws):
    refinement = mp092("Refinement Consultation", date(2020, 8, 7))
    report = mp092("Modification Report Consultation", date(2020, 10, 1))
    write(ws, repo.insert_consultations, [refinement, mp231(), report], seen_at=SEEN)
    assert find_consultation(ws, "mp231").consultation == mp231()
    # Several on one reference: the one closing latest.
    assert find_consultation(ws, " MP092 ").consultation == report
    assert find_consultation(ws, refinement.key).consultation == refinement
    with pytest.raises(NotFoundError) as caught:
        find_consultation(ws, "MP999")
    assert str(caught.value) == (
        "No consultation MP999 in the workspace; `secresponder list` shows them."
    )


def test_custom_closing_time_survives(ws):
    noon = mp231(closes_at=closing_instant(date(2023, 1, 9), time(12, 0)))
    write(ws, repo.insert_consultations, [noon], seen_at=SEEN)
    stored = read(ws, repo.get_consultation, noon.key).consultation
    assert stored.closes_at.isoformat() == "2023-01-09T12:00:00+00:00"
