"""Where the consultation list comes from, how old it is, and what may be claimed of it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from secresponder.domain.deadline import LONDON
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.freshness import (
    Freshness,
    describe_origin,
    nothing_open_text,
    read_freshness,
    record_refresh,
    refresh_at_start,
    set_refresh_at_start,
    status_text,
)
from secresponder.services.importing import import_sources

READ = datetime(2026, 12, 1, 9, 12, tzinfo=LONDON)


@pytest.fixture(params=["folder", "team"])
def where(request, workspace_root) -> str:
    """A folder path or a team database's URL: freshness reads the same from either."""
    if request.param == "folder":
        return str(workspace_root)
    return request.getfixturevalue("pg_workspace_url")


def test_a_first_run_list_is_the_bundled_copy_dated_by_its_latest_deadline(where, clock,
                                                                           now):
    with open_seeded_workspace(where, clock=clock) as ws:
        freshness = read_freshness(ws)
    assert freshness.origin == "snapshot"
    assert describe_origin(freshness) == "from the bundled copy of May 2023"
    assert status_text(freshness, now) == (
        "List from the bundled copy of May 2023: Refresh to update")
    assert not freshness.current(now)


def test_the_sec_website_and_its_age():
    website = Freshness("website", READ, "smartenergycodecompany.co.uk")
    assert status_text(website, READ + timedelta(hours=3)) == (
        "List from the SEC website, 1 Dec 2026 09:12")
    assert website.current(READ + timedelta(days=6))
    old = READ + timedelta(days=8)
    assert status_text(website, old) == (
        "List from the SEC website, 1 Dec 2026 09:12, over a week ago: Refresh to update")
    assert "No consultations are open right now" not in nothing_open_text(website, old)
    assert nothing_open_text(website, READ) == (
        "No consultations are open right now (list from the SEC website, 1 Dec 2026 09:12).")
    other = Freshness("website", READ, "example.org")
    assert describe_origin(other) == "from example.org, 1 Dec 2026 09:12"


def test_a_saved_copy_is_named(where, clock, consultations_txt, now):
    with open_seeded_workspace(where, clock=clock) as ws:
        import_sources(ws, [str(consultations_txt)], clock=clock)
        freshness = read_freshness(ws)
    assert freshness.origin == "file"
    assert describe_origin(freshness) == (
        f"from a saved copy ({consultations_txt.name}), read 1 May 2023 09:00")
    assert freshness.current(now)


def test_a_failed_refresh_is_remembered_until_one_succeeds(where, clock, now,
                                                          consultations_txt):
    with open_seeded_workspace(where, clock=clock) as ws:
        record_refresh(ws, at=now + timedelta(minutes=5),
                       failure="smartenergycodecompany.co.uk could not be reached.")
        failed = read_freshness(ws)
    assert failed.failed_at is not None
    assert "the last refresh failed" in status_text(failed, now)
    text = nothing_open_text(failed, now)
    assert text.startswith("The refresh failed: smartenergycodecompany.co.uk could not be "
                           "reached. So the list may be out of date")
    assert "No consultations are open right now" not in text
    # A later successful read of a list page supersedes the failure.
    later = now + timedelta(hours=1)
    with open_seeded_workspace(where, clock=clock) as ws:
        import_sources(ws, [str(consultations_txt)], clock=lambda: later)
        assert read_freshness(ws).failed_at is None


def test_a_fresh_workspace_with_a_failed_refresh_even_fresh_says_so(where, clock, now,
                                                                    consultations_txt):
    with open_seeded_workspace(where, clock=clock) as ws:
        import_sources(ws, [str(consultations_txt)], clock=clock)
        record_refresh(ws, at=now + timedelta(minutes=1), failure="Timed out.")
        freshness = read_freshness(ws)
    assert not freshness.current(now)
    with open_seeded_workspace(where, clock=clock) as ws:
        record_refresh(ws, at=now + timedelta(minutes=2), failure=None)
        assert read_freshness(ws).current(now)


def test_refresh_at_start_is_on_unless_turned_off(where, clock):
    with open_seeded_workspace(where, clock=clock) as ws:
        assert refresh_at_start(ws)
        set_refresh_at_start(ws, False)
        assert not refresh_at_start(ws)
