"""Hearing others' changes on a team database off the UI thread, as Qt signals.

``TeamWatch`` runs the team activity service's ``poll`` on a thread of its own and
re-emits what it hears as signals; a signal emitted there reaches slots on the UI
thread through Qt's queued connection. The same thread repeats this window's
presence (the draft open now, or none) every ``PRESENCE_EVERY_S`` seconds, as the
feed's connection must stay on one thread. ``stop`` ends the thread within about
one poll (a quarter of a second) and closes the watcher.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from secresponder.services.team_activity import (
    CONNECTION,
    DRAFT,
    LIST,
    MISSED,
    NOTE,
    PRESENCE_EVERY_S,
    TeamChange,
    TeamWatcher,
)

# Each poll waits at most this long, so a change of draft or a stop is taken up quickly;
# a notice ends the wait as soon as it arrives.
POLL_S = 0.25
# After an unexpected failure, wait this long before listening again.
PAUSE_AFTER_FAILURE_S = 2.0


class TeamWatch(QObject):
    """Others' changes to a team workspace, as signals on the UI thread."""

    draft_changed = Signal(int, str)  # consultation id, who saved it ("" unknown)
    notes_changed = Signal(int)  # consultation id
    list_changed = Signal()
    presence_changed = Signal(object, list)  # consultation id (None: no draft open), names
    status = Signal(str)  # one sentence for the status bar

    def __init__(self, watcher: TeamWatcher, parent: QObject | None = None, *,
                 presence_every: float = PRESENCE_EVERY_S, poll_s: float = POLL_S) -> None:
        super().__init__(parent)
        self.watcher = watcher
        self.presence_every = presence_every
        self.poll_s = poll_s
        self._open: int | None = None  # written by the UI thread, read by the watching one
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- from the UI thread ------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="team-watch", daemon=True)
            self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def open_draft(self) -> int | None:
        return self._open

    def show_draft(self, consultation_id: int | None) -> None:
        """The draft this window has open now (None: none); told to the others shortly."""
        self._open = consultation_id

    def stop(self, timeout: float = 2.0) -> None:
        """End the thread (telling the others no draft is open here) and close the watcher.

        Waits at most ``timeout`` seconds: a thread still waiting on a server that does not
        answer (reconnecting) closes the watcher itself when it returns, and emits nothing.
        """
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        if thread is None or not thread.is_alive():
            self.watcher.close()

    # -- on the watching thread ----------------------------------------------------------

    def _run(self) -> None:
        announced: object = object()  # nothing announced yet
        announced_at = 0.0
        shown: tuple[int | None, list[str]] | None = None
        try:
            while not self._stop.is_set():
                try:
                    current = self._open
                    now = time.monotonic()
                    if current != announced or now - announced_at >= self.presence_every:
                        self.watcher.announce(current)
                        announced, announced_at = current, now
                    for change in self.watcher.poll(self.poll_s):
                        if self._stop.is_set():
                            break
                        self._tell(change)
                    others = (current, self.watcher.others_on(current))
                    if others != shown and not self._stop.is_set():
                        shown = others
                        self.presence_changed.emit(*others)
                except Exception as exc:  # the thread must keep listening
                    if self._stop.is_set():
                        break
                    self.status.emit(
                        f"Others' changes could not be read ({type(exc).__name__}: "
                        f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}); "
                        "listening again shortly.")
                    self._stop.wait(PAUSE_AFTER_FAILURE_S)
        finally:
            self.watcher.close()

    def _tell(self, change: TeamChange) -> None:
        if change.kind == DRAFT and change.consultation_id is not None:
            self.draft_changed.emit(change.consultation_id, change.author)
        elif change.kind == NOTE and change.consultation_id is not None:
            self.notes_changed.emit(change.consultation_id)
        elif change.kind == LIST:
            self.list_changed.emit()
        elif change.kind == CONNECTION:
            self.status.emit(change.message)
        elif change.kind == MISSED:
            # Back after a drop: whatever was missed is read again.
            self.list_changed.emit()
            current = self._open
            if current is not None:
                self.draft_changed.emit(current, "")
