"""Settings (small JSON values by key), the Party profile among them, for either workspace kind.

Written with SQLAlchemy Core, so Preferences read and write alike on a folder and a team
database; a folder keeps the same JSON text it always held.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.store.sql.tables import settings
from secresponder.store.sql.upsert import upsert


def get_setting(conn: Connection, key: str, default: Any = None) -> Any:
    """The value kept under ``key``, or ``default`` when there is none."""
    row = conn.execute(select(settings.c.value).where(settings.c.key == key)).first()
    return default if row is None else row.value


def set_setting(conn: Connection, key: str, value: Any) -> None:
    """Keep ``value`` (anything JSON holds) under ``key``, replacing what was there."""
    upsert(conn, settings, {"key": key, "value": value}, key=("key",), update=("value",))


# --- the Party profile -----------------------------------------------------------------------

PROFILE_KEY = "profile"


def load_profile(conn: Connection) -> PartyProfile:
    """The saved Party profile, or an empty one."""
    data = get_setting(conn, PROFILE_KEY) or {}
    if not isinstance(data, dict):
        data = {}
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


def save_profile(conn: Connection, profile: PartyProfile) -> None:
    """Keep the Party profile, in the same shape a folder has always held."""
    set_setting(conn, PROFILE_KEY, {
        "organisation": profile.organisation,
        "name": profile.name,
        "email": profile.email,
        "phone": profile.phone,
        "party_category": profile.party_category.value if profile.party_category else None,
    })
