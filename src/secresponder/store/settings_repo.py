"""SQL for settings: small JSON values by key, including the Party profile."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from secresponder.domain.parties import PartyCategory, PartyProfile

PROFILE_KEY = "profile"


def get_setting(conn: sqlite3.Connection, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False)),
    )


def load_profile(conn: sqlite3.Connection) -> PartyProfile:
    """The saved Party profile, or an empty one."""
    data = get_setting(conn, PROFILE_KEY) or {}
    category = data.get("party_category")
    try:
        party_category = PartyCategory(category) if category else None
    except ValueError:
        party_category = None
    return PartyProfile(
        organisation=str(data.get("organisation", "")),
        name=str(data.get("name", "")),
        email=str(data.get("email", "")),
        phone=str(data.get("phone", "")),
        party_category=party_category,
    )


def save_profile(conn: sqlite3.Connection, profile: PartyProfile) -> None:
    set_setting(
        conn,
        PROFILE_KEY,
        {
            "organisation": profile.organisation,
            "name": profile.name,
            "email": profile.email,
            "phone": profile.phone,
            "party_category": profile.party_category.value if profile.party_category else None,
        },
    )
