"""Preferences, the Party profile, the list's view, change labels, exported reminders and the
answer library through their services, the same on a folder and a team database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secresponder.domain.deadline import LONDON
from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.errors import InputError
from secresponder.network.proxies import ProxySettingError
from secresponder.services import alerts, preferences, profile, snippets, view_state
from secresponder.services.preferences import DEFAULT_PAGE_URLS, Preferences
from secresponder.store.sql import session, settings

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def test_preferences_are_kept_checked_and_read_back(any_workspace):
    ws = any_workspace
    assert preferences.load_preferences(ws) == Preferences()
    chosen = Preferences(page_urls=("https://sec.example/list/", "https://sec.example/rel/"),
                         reminder_days=7, proxy=" http://proxy.corp.example:8080 ")
    preferences.save_preferences(ws, chosen)
    read = preferences.load_preferences(ws)
    assert read.page_urls == chosen.page_urls and read.reminder_days == 7
    assert read.proxy == preferences.proxy_setting(ws) == "http://proxy.corp.example:8080"
    with pytest.raises(ProxySettingError):
        preferences.save_preferences(ws, Preferences(reminder_days=3, proxy="gopher://old"))
    assert preferences.workspace_preferences(ws) == read  # a refusal saved nothing
    with session.transaction(ws) as conn:  # malformed values fall back to the defaults
        settings.set_setting(conn, preferences.PAGE_URLS_KEY, "not a list")
        settings.set_setting(conn, preferences.REMINDER_DAYS_KEY, 99)
    assert preferences.load_preferences(ws).page_urls == DEFAULT_PAGE_URLS
    assert preferences.load_preferences(ws).reminder_days == preferences.DEFAULT_REMINDER_DAYS


def test_the_party_profile_is_checked_then_saved(any_workspace):
    ws = any_workspace
    assert profile.load_profile(ws) == PartyProfile()
    category = PartyCategory.parse("gas networks")
    saved = profile.update_profile(ws, organisation="Bright Energy Ltd", party_category=category,
                                   email=" sam@bright.example ")
    assert saved.email == "sam@bright.example"
    with pytest.raises(InputError, match="is not an email address"):
        profile.update_profile(ws, organisation="Changed Ltd", email="sam@bright")
    assert profile.load_profile(ws) == saved == PartyProfile(
        organisation="Bright Energy Ltd", email="sam@bright.example", party_category=category)


def test_list_view_and_change_labels_survive_reopening(any_workspace):
    ws = any_workspace
    assert view_state.load_list_view(ws) == view_state.ListView()
    assert view_state.load_change_labels(ws) == {}
    view = view_state.ListView(sort_column="closes", descending=True, open_only=False,
                               relevant=True)
    view_state.save_list_view(ws, view)
    view_state.save_change_labels(ws, {"mp231-consultation": "new", "mp232": "changed"})
    assert view_state.load_list_view(ws) == view
    assert view_state.load_change_labels(ws) == {"mp231-consultation": "new",
                                                 "mp232": "changed"}
    with pytest.raises(ValueError):
        view_state.save_list_view(ws, view_state.ListView(sort_column="colour"))
    with session.transaction(ws) as conn:
        settings.set_setting(conn, view_state.LIST_VIEW_KEY, {"sort_column": "colour",
                                                               "descending": "yes"})
    assert view_state.load_list_view(ws) == view_state.ListView()


def test_exported_reminders_remember_their_deadline(any_workspace):
    ws = any_workspace
    assert alerts.exported_deadlines(ws) == {}
    alerts.record_export(ws, "mp231-consultation", NOW)
    alerts.record_export(ws, "mp232-consultation", NOW.astimezone(UTC))
    alerts.record_export(ws, "mp231-consultation", datetime(2023, 5, 3, 17, tzinfo=LONDON))
    found = alerts.load_exports(ws)
    assert found == {"mp231-consultation": datetime(2023, 5, 3, 17, tzinfo=LONDON),
                     "mp232-consultation": NOW}


def test_the_answer_library_through_its_service(any_workspace):
    ws = any_workspace
    first = snippets.save_snippet(ws, "Cost recovery", "Costs should fall on the DCC.",
                                  clock=lambda: NOW)
    snippets.save_snippet(ws, "agree", "We agree with the legal text.", clock=lambda: NOW)
    again = snippets.save_snippet(ws, "Cost recovery", "Costs fall on the DCC, not suppliers.",
                                  clock=lambda: NOW)
    assert again == first
    assert [s.name for s in snippets.search_snippets(ws)] == ["agree", "Cost recovery"]
    assert [s.text for s in snippets.search_snippets(ws, "dcc SUPPLIERS")] == [
        "Costs fall on the DCC, not suppliers."]


def test_people_changing_shared_settings_at_once_all_keep_their_change(pg_workspace_url):
    import threading

    from secresponder.services.session import open_workspace

    people = 8
    start = threading.Barrier(people)
    failures: list[BaseException] = []

    def work(n: int) -> None:
        try:
            with open_workspace(pg_workspace_url) as ws:  # each their own connection pool
                start.wait()
                alerts.record_export(ws, f"mp{n}", NOW)
                field = ("organisation", "name", "email", "phone")[n % 4]
                if n < 4:
                    value = "sam@bright.example" if field == "email" else f"{field} {n}"
                    profile.update_profile(ws, **{field: value})
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with open_workspace(pg_workspace_url) as ws:
        assert sorted(alerts.exported_deadlines(ws)) == sorted(f"mp{n}" for n in range(people))
        assert profile.load_profile(ws) == PartyProfile(
            organisation="organisation 0", name="name 1", email="sam@bright.example",
            phone="phone 3")
