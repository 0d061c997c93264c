"""Settings (small JSON values by key), the Party profile among them, for either workspace kind.

Written with SQLAlchemy Core, so Preferences read and write alike on a folder and a team
database; a folder keeps the same JSON text it always held.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from secresponder.domain.parties import PartyProfile
from secresponder.store.sql.tables import settings
from secresponder.store.sql.upsert import insert_new, upsert

# Built once: SQLAlchemy then compiles it once, however often a setting is read.
_GET = select(settings.c.value).where(settings.c.key == bindparam("key"))
_GET_LOCKED = _GET.with_for_update()


def get_setting(conn: Connection, key: str, default: Any = None) -> Any:
    """The value kept under ``key``, or ``default`` when there is none."""
    row = conn.execute(_GET, {"key": key}).first()
    return default if row is None else row.value


def set_setting(conn: Connection, key: str, value: Any) -> None:
    """Keep ``value`` (anything JSON holds) under ``key``, replacing what was there."""
    upsert(conn, settings, {"key": key, "value": value}, key=("key",), update=("value",))


def change_setting(conn: Connection, key: str, change: Callable[[Any], Any],
                   default: Any = None) -> Any:
    """Read the value under ``key`` (``default`` when unset), keep ``change(value)`` instead,
    and return it; call inside a write transaction.

    On a team database the row is locked from the read to the write, so two people
    changing the same setting at once (each adding an exported reminder, say) both keep
    their change; a folder's write transaction already keeps everyone else out.
    """
    if default is not None:
        insert_new(conn, settings, {"key": key, "value": default}, key=("key",))
    row = conn.execute(_GET_LOCKED, {"key": key}).first()
    value = change(default if row is None else row.value)
    set_setting(conn, key, value)
    return value


# --- the Party profile -----------------------------------------------------------------------

PROFILE_KEY = "profile"


def load_profile(conn: Connection) -> PartyProfile:
    """The saved Party profile, or an empty one."""
    return PartyProfile.from_dict(get_setting(conn, PROFILE_KEY))


def save_profile(conn: Connection, profile: PartyProfile) -> None:
    """Keep the Party profile, replacing the one kept before."""
    set_setting(conn, PROFILE_KEY, profile.to_dict())
