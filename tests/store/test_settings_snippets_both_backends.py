"""Settings and the answer library written once with SQLAlchemy Core, on both workspace kinds."""

from __future__ import annotations

from datetime import datetime

from secresponder.domain.deadline import LONDON
from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.store.sql import session
from secresponder.store.sql import settings as settings_store
from secresponder.store.sql import snippets as snippets_store
from secresponder.store.workspace import Workspace

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


def test_settings_hold_json_values_and_are_replaced_by_key(any_workspace):
    ws = any_workspace
    with session.reading(ws) as conn:
        assert settings_store.get_setting(conn, "page_urls", ["default"]) == ["default"]
    with session.transaction(ws) as conn:
        settings_store.set_setting(conn, "page_urls", ["https://example.org/é"])
        settings_store.set_setting(conn, "reminder_lead_days", 3)
        settings_store.set_setting(conn, "reminder_lead_days", 5)
        settings_store.set_setting(conn, "view", {"sort": "closes", "open_only": True})
    with session.reading(ws) as conn:
        assert settings_store.get_setting(conn, "page_urls") == ["https://example.org/é"]
        assert settings_store.get_setting(conn, "reminder_lead_days") == 5
        assert settings_store.get_setting(conn, "view") == {"sort": "closes", "open_only": True}


def test_snippets_are_saved_replaced_found_and_deleted(any_workspace):
    ws = any_workspace
    with session.transaction(ws) as conn:
        agree = snippets_store.save_snippet(conn, "agree", "We support this.", saved_at=NOW)
        snippets_store.save_snippet(conn, "Costs", "Costs fall on Suppliers.", saved_at=NOW)
        snippets_store.save_snippet(conn, "Ändern", "Wir stimmen zu.", saved_at=NOW)
        again = snippets_store.save_snippet(conn, "agree", "We support this in full.",
                                            saved_at=NOW)
    assert again == agree
    with session.reading(ws) as conn:
        assert [s.name for s in snippets_store.search_snippets(conn)] == [
            "agree", "Costs", "Ändern"]
        (found,) = snippets_store.search_snippets(conn, "SUPPORT full")
        assert (found.id, found.text) == (agree, "We support this in full.")
        assert [s.name for s in snippets_store.search_snippets(conn, "ändern")] == ["Ändern"]
    with session.transaction(ws) as conn:
        snippets_store.delete_snippet(conn, agree)
    with session.reading(ws) as conn:
        assert [s.name for s in snippets_store.search_snippets(conn, "support")] == []


def test_the_party_profile_is_kept_whole_and_read_back(any_workspace):
    ws = any_workspace
    with session.reading(ws) as conn:
        assert settings_store.load_profile(conn) == PartyProfile()
    profile = PartyProfile(organisation="Bright Energy Ltd", name="Sam Patel",
                           email="sam@bright.example", phone="01234 567890",
                           party_category=PartyCategory.parse("gas networks"))
    with session.transaction(ws) as conn:
        settings_store.save_profile(conn, profile)
    with session.reading(ws) as conn:
        assert settings_store.load_profile(conn) == profile
    with session.transaction(ws) as conn:
        settings_store.set_setting(conn, settings_store.PROFILE_KEY,
                                   {"organisation": "Other Co", "party_category": "no such"})
    with session.reading(ws) as conn:
        assert settings_store.load_profile(conn) == PartyProfile(organisation="Other Co")


def test_a_folder_keeps_the_same_rows_as_before(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        with session.transaction(ws) as conn:
            settings_store.set_setting(conn, "reminder_lead_days", 4)
            settings_store.set_setting(conn, "page_urls", ["https://example.org/é"])
            snippets_store.save_snippet(conn, "agree", "We support this.", saved_at=NOW)
            settings_store.save_profile(conn, PartyProfile(organisation="Bright Energy Ltd"))
        stored = dict(ws.connection.execute("SELECT key, value FROM settings").fetchall())
        assert stored["reminder_lead_days"] == "4"  # JSON text, as always
        assert stored["page_urls"] == '["https://example.org/é"]'
        assert stored["profile"] == (
            '{"organisation": "Bright Energy Ltd", "name": "", "email": "", "phone": "", '
            '"party_category": null}')
        row = ws.connection.execute("SELECT name, text, created_at FROM snippets").fetchone()
        assert tuple(row) == ("agree", "We support this.", NOW.isoformat())
