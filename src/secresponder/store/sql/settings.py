"""Settings (small JSON values by key) for either workspace kind.

The same functions and stored shapes as ``store.settings_repo``, written with SQLAlchemy
Core, so Preferences read and write alike on a folder and a team database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from secresponder.store.sql.tables import settings
from secresponder.store.sql.upsert import upsert


def get_setting(conn: Connection, key: str, default: Any = None) -> Any:
    row = conn.execute(select(settings.c.value).where(settings.c.key == key)).first()
    return default if row is None else row.value


def set_setting(conn: Connection, key: str, value: Any) -> None:
    upsert(conn, settings, {"key": key, "value": value}, key=("key",), update=("value",))
