"""Others' work on a team database as it happens: what changed, by whom, and who else is here.

The window keeps one ``TeamWatcher`` open for a team workspace and calls ``poll``
from one background thread (the feed's connection is not shared between threads).
``poll`` hands out plain ``TeamChange`` records, already stripped of the window's
own changes: those made on the window's own connections (their server process ids
are noted as the workspace hands them out; the window's jobs share them). A save
signed with the window's own name on another connection is the same person in
another window, and is reported (``TeamChange.yours``). A dropped connection is
reopened by ``poll`` itself, with one sentence for the status bar each time the
state changes; what was missed meanwhile is reported as ``MISSED``, so the window
reads the list and the open draft again.

A folder workspace has no one else to hear: ``open_watcher`` returns None for it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from secresponder.errors import InputError, WorkspaceError
from secresponder.services.identity import Person, parse_person
from secresponder.store.sql.changes import (
    PRESENCE,
    PRESENCE_EVERY_S,
    PRESENCE_TTL_S,
    Change,
    ChangeFeed,
    PresenceBoard,
)
from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.sql.session import AnyWorkspace

__all__ = [
    "CONNECTION", "DRAFT", "LIST", "MISSED", "NOTE", "PRESENCE_EVERY_S", "TeamChange",
    "TeamWatcher", "open_watcher", "person_name",
]

# What a TeamChange is about.
DRAFT = "draft saved"  # a consultation's current draft changed
NOTE = "note"  # a note on a consultation was added, edited or removed
LIST = "list changed"  # consultations were added or changed (an import, a refresh)
PRESENCE_KIND = "presence"  # someone opened or left a draft
CONNECTION = "connection"  # the link to the database dropped or came back (``message``)
MISSED = "missed"  # back after a drop: anything may have changed meanwhile

_NOWHERE = -1  # not heard of yet (consultation ids start at 1)
# After a drop, wait this long before trying again, doubling up to the most.
RETRY_FIRST_S = 1.0
RETRY_MOST_S = 30.0
MAX_SHOWN_NAME = 80


@dataclass(frozen=True)
class TeamChange:
    """One thing another person did, as the window shows it.

    ``author`` is a name for a sentence ("Asha Khan"), empty when unknown; it comes
    from another person's settings, so it is shown only as plain text.
    """

    kind: str
    consultation_id: int | None = None
    author: str = ""
    message: str = ""  # CONNECTION only: one sentence for the status bar
    yours: bool = False  # signed with this window's own name, in another window


def person_name(signed: str | None) -> str:
    """The name alone from how a version is signed ("Asha Khan <asha@x>" -> "Asha Khan")."""
    if not signed:
        return ""
    try:
        return parse_person(signed, source="author").short
    except InputError:
        # Not a name this app would write: show what can be shown safely.
        printable = "".join(ch for ch in signed if ch.isprintable()).strip()
        return printable[:MAX_SHOWN_NAME]


Opener = Callable[[], ChangeFeed]


class TeamWatcher:
    """Listens to one team workspace for others' changes and presence (one thread only)."""

    def __init__(self, ws: DatabaseWorkspace, me: Person | str, *,
                 presence_ttl: float = PRESENCE_TTL_S,
                 opener: Opener | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ws = ws
        self.me = str(me)
        self._opener: Opener = opener or (lambda: ChangeFeed.open(ws.location))
        self._now = monotonic
        self.board = PresenceBoard(self.me, ttl=presence_ttl)
        # Server process ids of the window's own connections: their notices are echoes.
        self._own_pids: set[int] = set()
        self._draft_consultation: dict[int, int] = {}  # draft id -> consultation id
        self._draft_author: dict[int, str] = {}  # draft id -> who saved its latest version
        # Where each other person was last heard to be, and where this window said it is:
        # someone new, or moved, is answered at once, so a window opened later learns who
        # is here without waiting for the next repeat.
        self._heard_at: dict[str, int | None] = {}
        self._said: tuple[int | None] | None = None
        self._retry_at = 0.0
        self._retry_wait = RETRY_FIRST_S
        self._closed = False
        event.listen(ws.engine, "checkout", self._note_own_connection)
        try:
            self._feed: ChangeFeed | None = self._opener()
        except WorkspaceError:
            event.remove(ws.engine, "checkout", self._note_own_connection)
            raise

    # -- own changes -----------------------------------------------------------------

    def _note_own_connection(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        if isinstance(pid, int):
            self._own_pids.add(pid)

    def _own(self, change: Change) -> bool:
        if change.backend_pid in self._own_pids:
            return True
        return self._feed is not None and change.backend_pid == self._feed.own_pid

    # -- hearing -----------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._feed is not None

    def poll(self, timeout: float) -> list[TeamChange]:
        """Others' changes since the last poll, waiting up to ``timeout`` seconds for one.

        Never raises for a dropped connection: it is reopened here, and the state told
        as a CONNECTION change with one sentence.
        """
        if self._closed:
            return []
        if self._feed is None:
            return self._reconnect(timeout)
        try:
            heard = self._feed.poll(timeout)
        except WorkspaceError as exc:
            return self._dropped(str(exc))
        return self._read(heard)

    def _read(self, heard: list[Change]) -> list[TeamChange]:
        at = self._now()
        # A save's notices come together: take who signed its version before its draft's
        # notice, which (on a first save) is heard before the version's.
        for change in heard:
            if change.table == "draft_versions" and change.draft_id is not None:
                self._draft_author[change.draft_id] = change.author or ""
        found: list[TeamChange] = []
        answer = False
        for change in heard:
            if change.table == PRESENCE:
                self.board.hear(change, at)
                if change.author and change.author != self.me and not self._own(change):
                    found.append(TeamChange(PRESENCE_KIND, change.consultation_id,
                                            person_name(change.author)))
                    known = self._heard_at.get(change.author, _NOWHERE)
                    answer = answer or known != change.consultation_id
                    self._heard_at[change.author] = change.consultation_id
                continue
            if change.table == "draft_versions":
                continue  # its draft's notice tells the change (a conflict version makes none)
            if self._own(change):
                continue
            if change.table == "drafts":
                found += self._draft_change(change)
            elif change.table == "notes" and change.consultation_id is not None:
                found.append(TeamChange(NOTE, change.consultation_id))
            elif change.table == "consultations":
                found.append(TeamChange(LIST))
        if answer and self._said is not None:
            self.announce(self._said[0])
        return _once(found)

    def _draft_change(self, change: Change) -> list[TeamChange]:
        if change.id is None:
            return []
        cid = change.consultation_id
        if cid is None:
            cid = self._draft_consultation.get(change.id)
        else:
            self._draft_consultation[change.id] = cid
        if cid is None:
            return []
        signed = self._draft_author.get(change.id, "")
        return [TeamChange(DRAFT, cid, person_name(signed), yours=bool(signed) and
                           signed == self.me)]

    # -- a dropped connection --------------------------------------------------------------

    def _dropped(self, reason: str) -> list[TeamChange]:
        self._close_feed()
        self._retry_wait = RETRY_FIRST_S
        self._retry_at = self._now() + self._retry_wait
        return [TeamChange(CONNECTION, message=(
            f"Lost the link to the team database, so others' changes are not shown; "
            f"trying again ({reason.rstrip('.')})."))]

    def _reconnect(self, timeout: float) -> list[TeamChange]:
        wait = self._retry_at - self._now()
        if wait > 0:
            time.sleep(min(wait, max(timeout, 0.0)))
            if self._now() < self._retry_at:
                return []
        try:
            self._feed = self._opener()
        except WorkspaceError:
            self._retry_wait = min(self._retry_wait * 2, RETRY_MOST_S)
            self._retry_at = self._now() + self._retry_wait
            return []
        self._retry_wait = RETRY_FIRST_S
        if self._said is not None:
            self.announce(self._said[0])  # the others may have forgotten this window meanwhile
        return [TeamChange(CONNECTION, message=(
            "Connected to the team database again; the list and the open draft were read "
            "again.")), TeamChange(MISSED)]

    # -- presence ---------------------------------------------------------------------------

    def announce(self, consultation_id: int | None) -> None:
        """Tell the others this window has that consultation's draft open (None: none)."""
        self._said = (consultation_id,)
        if self._feed is None:
            return
        # A failure here is a drop: the next poll finds it and says so.
        with contextlib.suppress(WorkspaceError):
            self._feed.announce_presence(self.me, consultation_id)

    def others_on(self, consultation_id: int | None) -> list[str]:
        """The names of everyone else who has this consultation's draft open now."""
        if consultation_id is None:
            return []
        names = (person_name(signed) for signed in
                 self.board.others_on(consultation_id, self._now()))
        return sorted({name for name in names if name})

    # -- closing ------------------------------------------------------------------------

    def _close_feed(self) -> None:
        feed, self._feed = self._feed, None
        if feed is not None:
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                feed.close()

    def close(self) -> None:
        """Stop listening; says to the others this window has no draft open."""
        if self._closed:
            return
        self.announce(None)
        self._closed = True
        self._close_feed()
        if event.contains(self.ws.engine, "checkout", self._note_own_connection):
            event.remove(self.ws.engine, "checkout", self._note_own_connection)

    def __enter__(self) -> TeamWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _once(changes: list[TeamChange]) -> list[TeamChange]:
    """Each change once, in the order first heard (a save is several notices)."""
    seen: set[TeamChange] = set()
    unique = []
    for change in changes:
        if change not in seen:
            seen.add(change)
            unique.append(change)
    return unique


def open_watcher(ws: AnyWorkspace, me: Person | str, *,
                 presence_ttl: float = PRESENCE_TTL_S) -> TeamWatcher | None:
    """Start listening to a team workspace for others' changes; None for a folder.

    Raises WorkspaceError (one sentence) when the database cannot be reached.
    """
    if not isinstance(ws, DatabaseWorkspace):
        return None
    return TeamWatcher(ws, me, presence_ttl=presence_ttl)
