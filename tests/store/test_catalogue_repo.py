from datetime import UTC, date, datetime, time

import pytest

from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.domain.release import AffectedDocument, ModificationRef, Release
from secresponder.errors import NotFoundError
from secresponder.services.lookup import find_consultation
from secresponder.store import catalogue_repo as repo
from secresponder.store import settings_repo
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
def ws(workspace_root):
    with Workspace.open(workspace_root) as workspace:
        yield workspace


def test_consultation_round_trips_every_field(ws):
    original = mp092("Refinement Consultation", date(2020, 8, 7))
    with ws.transaction() as conn:
        repo.insert_consultations(conn, [original], seen_at=SEEN)
    stored = repo.get_consultation(ws.connection, original.key)
    assert stored is not None
    assert stored.consultation == original
    assert stored.consultation.closes_at.tzinfo == LONDON
    assert stored.consultation.closes_at.isoformat() == "2020-08-07T17:00:00+01:00"
    assert stored.listed is True
    assert stored.first_seen == SEEN and stored.last_seen == SEEN
    assert stored.deadline_changes == ()
    assert repo.consultation_id(ws.connection, original.key) == stored.id
    assert repo.consultation_id(ws.connection, "mp999-consultation") is None
    assert repo.get_consultation(ws.connection, "mp999-consultation") is None
    # Instants are kept as UTC text so that SQL ordering by closing instant is right.
    raw = ws.connection.execute("SELECT closes_at, audience FROM consultations").fetchone()
    assert raw[0] == "2020-08-07T16:00:00+00:00"
    assert raw[1] == '["Stakeholders"]'


def test_list_orders_by_closing_instant_and_filters(ws):
    report = mp092("Modification Report Consultation", date(2020, 10, 1))
    refinement = mp092("Refinement Consultation", date(2020, 8, 7))
    with ws.transaction() as conn:
        repo.insert_consultations(conn, [mp231(), report, refinement], seen_at=SEEN)
        repo.set_listed(conn, [mp231().key], False)
    keys = [s.key for s in repo.list_consultations(ws.connection)]
    assert keys == [refinement.key, report.key, mp231().key]
    by_ref = repo.list_consultations(ws.connection, reference="mp 092")
    assert [s.key for s in by_ref] == [refinement.key, report.key]
    listed = repo.list_consultations(ws.connection, listed_only=True)
    assert mp231().key not in [s.key for s in listed]
    assert repo.get_consultation(ws.connection, mp231().key).listed is False


def test_update_and_deadline_changes(ws):
    with ws.transaction() as conn:
        repo.insert_consultations(conn, [mp231()], seen_at=SEEN)
    extended = mp231(closes_at=closing_instant(date(2023, 5, 26)), subject="MP231 response")
    old_id = repo.consultation_id(ws.connection, extended.key)
    with ws.transaction() as conn:
        repo.update_consultations(conn, [extended], seen_at=LATER)
        repo.record_deadline_changes(
            conn, [(old_id, mp231().closes_at, extended.closes_at)], seen_at=LATER
        )
    stored = repo.get_consultation(ws.connection, extended.key)
    assert stored.id == old_id
    assert stored.consultation == extended
    assert stored.first_seen == SEEN and stored.last_seen == LATER
    assert stored.deadline_changes == (
        repo.DeadlineChange(mp231().closes_at, extended.closes_at, LATER),
    )
    old, new, seen_at = stored.deadline_changes[0]
    assert (old.date(), new.date(), seen_at) == (date(2023, 5, 12), date(2023, 5, 26), LATER)
    # list_consultations carries the same history without a query per row.
    assert repo.list_consultations(ws.connection)[0].deadline_changes == stored.deadline_changes


def test_instants_must_be_timezone_aware():
    with pytest.raises(ValueError):
        repo.instant_to_db(datetime(2023, 5, 12, 17, 0))
    assert repo.instant_to_db(datetime(2023, 1, 1, 12, tzinfo=UTC)) == "2023-01-01T12:00:00+00:00"


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
    with ws.transaction() as conn:
        assert repo.save_release(conn, V57, seen_at=SEEN) == "added"
        assert repo.save_release(conn, V61, seen_at=SEEN) == "added"
        assert repo.save_release(conn, V57, seen_at=LATER) is None
    assert repo.get_release(ws.connection, "v57.0") == V57
    assert [r.version for r in repo.list_releases(ws.connection)] == ["v61.0", "v57.0"]
    changed = Release(
        version="v57.0",
        effective=V57.effective,
        title=V57.title,
        modifications=(ModificationRef("MP116", "Service Request Forecasting"),),
    )
    with ws.transaction() as conn:
        assert repo.save_release(conn, changed, seen_at=LATER) == "updated"
    assert repo.get_release(ws.connection, "v57.0") == changed
    count = ws.connection.execute("SELECT count(*) FROM release_modifications").fetchone()[0]
    assert count == 2  # MP116 for v57.0 and MP104 for v61.0; the old MP171 row went
    assert repo.get_release(ws.connection, "v99.0") is None


def test_releases_implementing_a_reference(ws):
    with ws.transaction() as conn:
        repo.save_release(conn, V61, seen_at=SEEN)
        repo.save_release(conn, V57, seen_at=SEEN)
    assert [r.version for r in repo.releases_implementing(ws.connection, "mp116")] == ["v57.0"]
    assert [r.version for r in repo.releases_implementing(ws.connection, "MP104")] == ["v61.0"]
    assert repo.releases_implementing(ws.connection, "MP999") == []


def test_profile_round_trip_and_default(ws):
    assert settings_repo.load_profile(ws.connection) == PartyProfile()
    profile = PartyProfile(
        organisation="Northern Power Ltd",
        name="Asha Patel",
        email="asha.patel@example.co.uk",
        phone="0161 496 0000",
        party_category=PartyCategory.ELECTRICITY_NETWORK,
    )
    with ws.transaction() as conn:
        settings_repo.save_profile(conn, profile)
    assert settings_repo.load_profile(ws.connection) == profile
    with ws.transaction() as conn:
        settings_repo.save_profile(conn, PartyProfile(organisation="Other Co"))
    assert settings_repo.load_profile(ws.connection) == PartyProfile(organisation="Other Co")
    assert settings_repo.get_setting(ws.connection, "missing", 7) == 7


def test_import_log(ws):
    assert repo.import_count(ws.connection) == 0
    with ws.transaction() as conn:
        repo.log_import(conn, source="a.txt", page_kind="consultations", page_format="text",
                        imported_at=SEEN, summary={"consultations": 10})
        repo.log_import(conn, source="b.html", page_kind="releases", page_format="html",
                        imported_at=LATER, summary={"releases": 3})
    log = repo.list_imports(ws.connection)
    assert [(e.source, e.page_kind, e.page_format) for e in log] == [
        ("b.html", "releases", "html"),
        ("a.txt", "consultations", "text"),
    ]
    assert log[1].summary == {"consultations": 10}
    assert log[0].imported_at == LATER
    assert repo.import_count(ws.connection) == 2


def test_find_consultation_by_key_or_reference(ws):
    refinement = mp092("Refinement Consultation", date(2020, 8, 7))
    report = mp092("Modification Report Consultation", date(2020, 10, 1))
    with ws.transaction() as conn:
        repo.insert_consultations(conn, [refinement, mp231(), report], seen_at=SEEN)
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
    with ws.transaction() as conn:
        repo.insert_consultations(conn, [noon], seen_at=SEEN)
    stored = repo.get_consultation(ws.connection, noon.key).consultation
    assert stored.closes_at.isoformat() == "2023-01-09T12:00:00+00:00"
