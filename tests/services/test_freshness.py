"""Where the consultation list comes from, how old it is, and what may be claimed of it."""

from __future__ import annotations

from datetime import datetime, timedelta

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


def test_a_first_run_list_is_the_bundled_copy_dated_by_its_latest_deadline(workspace_root, clock,
                                                                           now):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        freshness = read_freshness(ws.connection)
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


def test_a_saved_copy_is_named(workspace_root, clock, consultations_txt, now):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        import_sources(ws, [str(consultations_txt)], clock=clock)
        freshness = read_freshness(ws.connection)
    assert freshness.origin == "file"
    assert describe_origin(freshness) == (
        f"from a saved copy ({consultations_txt.name}), read 1 May 2023 09:00")
    assert freshness.current(now)


def test_a_failed_refresh_is_remembered_until_one_succeeds(workspace_root, clock, now,
                                                          consultations_txt):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        with ws.transaction() as conn:
            record_refresh(conn, at=now + timedelta(minutes=5),
                           failure="smartenergycodecompany.co.uk could not be reached.")
        failed = read_freshness(ws.connection)
    assert failed.failed_at is not None
    assert "the last refresh failed" in status_text(failed, now)
    text = nothing_open_text(failed, now)
    assert text.startswith("The refresh failed: smartenergycodecompany.co.uk could not be "
                           "reached. So the list may be out of date")
    assert "No consultations are open right now" not in text
    # A later successful read of a list page supersedes the failure.
    later = now + timedelta(hours=1)
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        import_sources(ws, [str(consultations_txt)], clock=lambda: later)
        assert read_freshness(ws.connection).failed_at is None


def test_a_fresh_workspace_with_a_failed_refresh_even_fresh_says_so(workspace_root, clock, now,
                                                                    consultations_txt):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        import_sources(ws, [str(consultations_txt)], clock=clock)
        with ws.transaction() as conn:
            record_refresh(conn, at=now + timedelta(minutes=1), failure="Timed out.")
        freshness = read_freshness(ws.connection)
    assert not freshness.current(now)
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        with ws.transaction() as conn:
            record_refresh(conn, at=now + timedelta(minutes=2), failure=None)
        assert read_freshness(ws.connection).current(now)


def test_refresh_at_start_is_on_unless_turned_off(workspace_root, clock):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        assert refresh_at_start(ws.connection)
        with ws.transaction() as conn:
            set_refresh_at_start(conn, False)
        assert not refresh_at_start(ws.connection)
