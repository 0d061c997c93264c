"""Reads the command line makes from an open workspace: preferences and a modification's history."""

from __future__ import annotations

from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.history import consultation_history, modification_history
from secresponder.services.listing import list_consultations, list_releases
from secresponder.services.lookup import find_consultation
from secresponder.services.preferences import (
    DEFAULT_REMINDER_DAYS,
    Preferences,
    save_preferences,
    workspace_preferences,
)


def test_preferences_default_then_as_saved(workspace_root, clock):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        assert workspace_preferences(ws).reminder_days == DEFAULT_REMINDER_DAYS
        save_preferences(ws, Preferences(reminder_days=7, proxy="direct"))
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        preferences = workspace_preferences(ws)
    assert (preferences.reminder_days, preferences.proxy) == (7, "direct")


def test_history_names_the_release_that_implemented_the_modification(workspace_root, clock, now):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        listing = list_consultations(ws, now, with_releases=True)
        releases = list_releases(ws)
        reference, release = next(iter(listing.releases.items()))
        row = next(r for r in listing.rows if r.reference and r.reference.upper() == reference)
        stored = find_consultation(ws, row.key)
        history = consultation_history(ws, stored)
        assert history == modification_history(ws, stored)
    assert release in releases
    assert history.consultation == stored
    assert history.implemented_in == release
