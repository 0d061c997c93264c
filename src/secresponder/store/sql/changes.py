"""Changes other people commit to a team workspace, as PostgreSQL announces them (LISTEN/NOTIFY).

Triggers (pg_migrations 0005) announce each committed change to a draft, a draft
version or a note, and each statement that changes consultations, on the channel
``secresponder.<schema>``: one team hears only its own schema. A window keeps one
``ChangeFeed`` open on its own connection and polls it off the UI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql as pgsql

from secresponder.errors import WorkspaceError
from secresponder.store.location import DatabaseLocation
from secresponder.store.sql import credentials
from secresponder.store.sql.database import describe_failure

PRESENCE = "presence"  # a window saying who has which consultation's draft open
# A window repeats its presence this often; others forget it after PRESENCE_TTL_S.
PRESENCE_EVERY_S = 10.0
PRESENCE_TTL_S = 3 * PRESENCE_EVERY_S


def channel(schema: str) -> str:
    return f"secresponder.{schema}"


@dataclass(frozen=True)
class Change:
    table: str  # consultations | drafts | draft_versions | notes
    op: str | None = None  # insert | update | delete (None: a whole statement on the table)
    id: int | None = None
    consultation_id: int | None = None
    draft_id: int | None = None
    number: int | None = None
    author: str | None = None
    backend_pid: int = 0  # the server process that made it: the reader's own, or another's

    @classmethod
    def from_payload(cls, payload: str, pid: int) -> Change | None:
        try:
            data: dict[str, Any] = json.loads(payload)
        except ValueError:
            return None  # someone else's NOTIFY on our channel: not ours to read
        if isinstance(data, dict) and isinstance(data.get("presence"), str):
            where = data.get("consultation_id")
            return cls(table=PRESENCE, author=data["presence"], backend_pid=pid,
                       consultation_id=where if isinstance(where, int) else None)
        if not isinstance(data, dict) or not isinstance(data.get("table"), str):
            return None
        fields = {key: data.get(key) for key in
                  ("op", "id", "consultation_id", "draft_id", "number", "author")}
        return cls(table=data["table"], backend_pid=pid, **fields)


class ChangeFeed:
    """A dedicated connection listening for a team schema's changes."""

    def __init__(self, location: DatabaseLocation, connection: psycopg.Connection) -> None:
        self.location = location
        self._connection = connection

    @classmethod
    def open(cls, location: DatabaseLocation) -> ChangeFeed:
        url = location.url
        params = {key: value for key, value in url.query.items() if isinstance(value, str)}
        if (password := credentials.stored_password(location)) is not None:
            params["password"] = password
        try:
            connection = psycopg.connect(
                host=url.host, port=url.port, user=url.username, dbname=url.database,
                autocommit=True, **params,
            )
            connection.execute(
                pgsql.SQL("LISTEN {}").format(pgsql.Identifier(channel(location.schema))))
        except psycopg.Error as exc:
            raise WorkspaceError(describe_failure(location, exc)) from None
        return cls(location, connection)

    @property
    def own_pid(self) -> int:
        return self._connection.info.backend_pid

    def poll(self, timeout: float) -> list[Change]:
        """Changes announced since the last poll, waiting up to ``timeout`` seconds for one."""
        try:
            notices = list(self._connection.notifies(timeout=timeout, stop_after=1))
            if notices:  # whatever else is arriving comes with it
                notices += list(self._connection.notifies(timeout=0.005))
        except psycopg.Error as exc:
            raise WorkspaceError(describe_failure(self.location, exc)) from None
        changes = (Change.from_payload(notice.payload, notice.pid) for notice in notices)
        return [change for change in changes if change is not None]

    def announce_presence(self, user: str, consultation_id: int | None) -> None:
        """Tell the team's other windows that ``user`` has this consultation's draft open
        (None: none open). Not stored anywhere: it lives only as long as it is repeated."""
        payload = json.dumps({"presence": user, "consultation_id": consultation_id})
        try:
            self._connection.execute("SELECT pg_notify(%s, %s)",
                                     (channel(self.location.schema), payload))
        except psycopg.Error as exc:
            raise WorkspaceError(describe_failure(self.location, exc)) from None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PresenceBoard:
    """Who else has which draft open, from the presence notices heard (times in seconds)."""

    def __init__(self, me: str, ttl: float = PRESENCE_TTL_S) -> None:
        self.me = me
        self.ttl = ttl
        self._last: dict[str, tuple[int | None, float]] = {}

    def hear(self, change: Change, at: float) -> None:
        if change.table == PRESENCE and change.author and change.author != self.me:
            self._last[change.author] = (change.consultation_id, at)

    def others_on(self, consultation_id: int, at: float) -> list[str]:
        """Everyone else whose window said, within the last ``ttl``, it has this draft open."""
        return sorted(user for user, (where, when) in self._last.items()
                      if where == consultation_id and at - when <= self.ttl)
