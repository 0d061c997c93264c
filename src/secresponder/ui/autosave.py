"""Autosave: save a short moment after typing stops, and whenever asked to flush.

Every edit restarts a single-shot timer; when it fires, the ``save`` callback
runs. ``flush`` saves at once if anything is pending (closing the window,
switching consultation, Ctrl+S). The ``state_changed`` text drives the visible
"Saving…" / "Saved" indicator.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

AUTOSAVE_DELAY_MS = 700

SAVED = "Saved"
PENDING = "Saving…"
FAILED = "Not saved"


class Autosave(QObject):
    state_changed = Signal(str)
    saved = Signal()

    def __init__(self, save: Callable[[], None], parent: QObject | None = None,
                 delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._pending = False
        self._suspended = 0
        self.state = SAVED

    @property
    def pending(self) -> bool:
        return self._pending

    def touch(self) -> None:
        """Something changed: (re)start the countdown to saving."""
        if self._suspended:
            return
        self._pending = True
        self._set_state(PENDING)
        self._timer.start()

    def flush(self) -> bool:
        """Save now if anything is pending; returns False if the save failed."""
        self._timer.stop()
        if not self._pending:
            return True
        try:
            self._save()
        except Exception:
            self._set_state(FAILED)
            raise
        self._pending = False
        self._set_state(SAVED)
        self.saved.emit()
        return True

    def discard(self) -> None:
        """Forget pending changes (after loading a different draft into the editors)."""
        self._timer.stop()
        self._pending = False
        self._set_state(SAVED)

    def suspend(self) -> None:
        """Ignore edits made by code (filling editors) until ``resume``."""
        self._suspended += 1

    def resume(self) -> None:
        self._suspended -= 1

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
