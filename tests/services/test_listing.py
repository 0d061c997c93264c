"""The consultation list the command line shows: order, the open and relevant filters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from secresponder.domain.consultation import normalise_reference
from secresponder.domain.parties import PartyCategory
from secresponder.errors import InputError
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.listing import (
    NO_CATEGORY,
    list_consultations,
    list_releases,
    relevant_to,
)
from secresponder.services.profile import update_profile


@pytest.fixture(params=["folder", "team"])
def where(request, workspace_root) -> str:
    """A folder path or a team database's URL: the list reads the same from either."""
    if request.param == "folder":
        return str(workspace_root)
    return request.getfixturevalue("pg_workspace_url")


def test_everything_is_listed_open_first_soonest_closing_first(where, clock, now):
    with open_seeded_workspace(where, clock=clock) as ws:
        listing = list_consultations(ws, now)
        open_only = list_consultations(ws, now, open_only=True)
    rows = listing.rows
    assert len(rows) > 5 and listing.releases == {}
    still_open = [r for r in rows if r.closes_at > now]
    closed = [r for r in rows if r.closes_at <= now]
    assert rows == still_open + closed
    assert [r.closes_at for r in still_open] == sorted(r.closes_at for r in still_open)
    assert [r.closes_at for r in closed] == sorted((r.closes_at for r in closed), reverse=True)
    assert open_only.rows == still_open


def test_nothing_is_open_a_year_on(where, clock, now):
    with open_seeded_workspace(where, clock=clock) as ws:
        assert list_consultations(ws, now + timedelta(days=365), open_only=True).rows == []


def test_relevant_needs_a_party_category_and_changes_nothing(where, clock, now):
    with open_seeded_workspace(where, clock=clock) as ws:
        with pytest.raises(InputError) as raised:
            list_consultations(ws, now, relevant=True)
        assert str(raised.value) == NO_CATEGORY
        assert len(list_consultations(ws, now).rows) > 5


def test_relevant_keeps_those_naming_the_profile_category(where, clock, now):
    with open_seeded_workspace(where, clock=clock) as ws:
        update_profile(ws, party_category=PartyCategory.parse("gas networks"))
        everything = list_consultations(ws, now).rows
        relevant = list_consultations(ws, now, relevant=True).rows
    gas = PartyCategory.parse("Gas Network Party")
    assert [r.reference for r in relevant] == ["MP116", "MP104", "MP133", "MP092", "SECMP0067"]
    assert relevant == [r for r in everything if gas in r.party_categories]
    assert relevant_to(everything, gas) == relevant
    assert len(relevant) < len(everything)


def test_the_release_index_comes_only_when_asked(where, clock, now):
    with open_seeded_workspace(where, clock=clock) as ws:
        releases = list_releases(ws)
        listing = list_consultations(ws, now, with_releases=True)
    assert releases, "the seeded workspace holds the bundled releases"
    implemented = {normalise_reference(m.reference) for r in releases for m in r.modifications}
    assert set(listing.releases) == implemented
    for reference, release in listing.releases.items():
        implementing = [r for r in releases
                        if reference in {normalise_reference(m.reference) for m in r.modifications}]
        assert release == min(implementing, key=lambda r: (r.effective, r.version))
