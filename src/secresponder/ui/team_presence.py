"""What the window does with others' work on a team database.

``start_team_live`` (called by the main window once its workspace is open) listens
through a ``TeamWatch`` and reacts:

- another person's draft save updates the list's draft status; when it is the draft
  open in the Draft tab, the draft is read again if nothing typed here is unsaved
  ("Updated with Asha Khan's changes at 09:01"), and otherwise what was typed stays
  and the tab says the save will merge with theirs (the merging save, and its
  conflict view in place, are the drafting pane's own);
- consultations added or changed elsewhere (an import) read the list again, once
  for a burst;
- "Also open: Asha Khan" under the Draft tab's heading while others have the same
  draft open;
- a dropped or restored link to the database is told in the status bar.

Names come from other people's settings: they are shown only as plain text. A folder
workspace has no one else to hear, and nothing here is made for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from secresponder.domain.deadline import LONDON
from secresponder.errors import SecResponderError
from secresponder.services.team_activity import person_name
from secresponder.ui.detail_panel import plain_label
from secresponder.ui.team_watch import TeamWatch

if TYPE_CHECKING:
    from secresponder.ui.drafting_panel import DraftingPanel
    from secresponder.ui.jobs import CatalogueSnapshot, LoadCatalogueJob
    from secresponder.ui.main_window import MainWindow

# A burst of list changes (a colleague's import) reads the list once, this long after.
LIST_RELOAD_DELAY_MS = 150


class TeamLines(QWidget):
    """Two plain-text lines at the top of the Draft tab: who else is here, what they did."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamLines")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.presence = plain_label(name="Others with this draft open")
        self.activity = plain_label(name="Others' changes to this draft")
        for label in (self.presence, self.activity):
            label.hide()
            layout.addWidget(label)

    def show_presence(self, names: list[str]) -> None:
        self.presence.setText("Also open: " + ", ".join(names) if names else "")
        self.presence.setVisible(bool(names))

    def show_activity(self, text: str) -> None:
        self.activity.setText(text)
        self.activity.setVisible(bool(text))


class TeamLive(QObject):
    """Connects a TeamWatch to the window's list, Draft tab and status bar."""

    def __init__(self, window: MainWindow, watch: TeamWatch) -> None:
        super().__init__(window)
        self.window = window
        self.watch = watch
        self.panel: DraftingPanel = window.drafting
        self.lines = TeamLines()
        layout = self.panel.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.lines)  # under the heading and status
        self._merge_with: str | None = None  # whose changes the next save merges
        self._me = person_name(watch.watcher.me)
        self._shown_for: int | None = None  # the draft the activity line speaks of
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(LIST_RELOAD_DELAY_MS)
        self._reload.timeout.connect(self._reload_list)
        self._alerts = QTimer(self)
        self._alerts.setSingleShot(True)
        self._alerts.setInterval(50)  # after the list has painted the new status
        self._alerts.timeout.connect(window.update_alerts)
        self._reading: LoadCatalogueJob | None = None
        self._read_again = False

        watch.draft_changed.connect(self._draft_changed)
        watch.notes_changed.connect(self._notes_changed)
        watch.list_changed.connect(self._reload.start)
        watch.presence_changed.connect(self._presence_changed)
        watch.status.connect(window.statusBar().showMessage)
        window.tabs.currentChanged.connect(lambda _index: self._tell_open())
        window.list.current_changed.connect(lambda _id: self._tell_open())
        self.panel.draft_saved.connect(self._saved)
        self._tell_open()
        watch.start()

    # -- which draft is open -------------------------------------------------------------

    def open_draft(self) -> int | None:
        """The consultation whose draft the Draft tab shows (None: another tab, or none)."""
        stored = self.panel.stored
        if stored is None or self.window.tabs.currentWidget() is not self.panel:
            return None
        return stored.id

    def _tell_open(self) -> None:
        current = self.open_draft()
        if current != self.watch.open_draft:
            self.lines.show_presence([])
        stored = self.panel.stored
        if stored is None or stored.id != self._shown_for:
            self.lines.show_activity("")
            self._shown_for = None
            self._merge_with = None
        self.watch.show_draft(current)

    def _presence_changed(self, consultation_id: int | None, names: list[str]) -> None:
        shown = consultation_id is not None and consultation_id == self.open_draft()
        self.lines.show_presence(names if shown else [])

    # -- others' changes -----------------------------------------------------------------

    def _draft_changed(self, consultation_id: int, author: str) -> None:
        from secresponder.services.draft_reads import stored_draft

        workspace = self.window.workspace
        if workspace is None:
            return
        try:
            stored = stored_draft(workspace, consultation_id)
        except SecResponderError as exc:
            self.window.statusBar().showMessage(str(exc))
            return
        model, status = self.window.model, stored.status.value if stored is not None else ""
        at = model.find(consultation_id)
        if at >= 0 and model.row_at(at).draft_status != status:
            model.set_draft_status(consultation_id, status)
            # Only a status moves the closing alerts: a pass over the whole list, left until
            # the list has shown the new status (several changes at once: one pass).
            self._alerts.start()
        panel = self.panel
        if panel.stored is None or panel.stored.id != consultation_id or panel.draft is None:
            return
        if stored is None or stored.version == panel.draft.version:
            return  # already showing it (say, a save here merged it in first)
        self._shown_for = consultation_id
        # Signed with this window's own name: the same person, saving in another window.
        yours = bool(author) and author == self._me
        if _typed_unsaved(panel):
            # What was typed here stays; the merging save takes theirs in.
            self._merge_with = author
            self.lines.show_activity(
                "You saved changes to this draft in another window; saving here will merge "
                "them." if yours else f"{author or 'Another person'} saved changes to this "
                "draft; saving will merge them with yours.")
            return
        self._reload_draft()
        self.lines.show_activity(
            f"Updated with your changes from another window at {self._time()}." if yours
            else f"Updated with {_whose(author)} changes at {self._time()}.")

    def _reload_draft(self) -> None:
        """Read the open draft again, keeping the cursor and scroll where they were."""
        from secresponder.ui.draft_place import keeping_place

        with keeping_place(self.panel):
            self.panel.show_consultation(self.panel.stored)

    def _saved(self, _version: int) -> None:
        if self._merge_with is None:
            return
        from secresponder.ui.conflict_view import ConflictView

        clashed = any(not view.isHidden() for view in self.panel.findChildren(ConflictView))
        author, self._merge_with = self._merge_with, None
        if author and author == self._me:
            author = "your other window"
        self.lines.show_activity(
            f"Saved at {self._time()}: where you and {_who(author)} changed the same answer, "
            "both texts are shown below to choose from." if clashed
            else f"Saved, merged with {_whose(author)} changes at {self._time()}.")

    def _notes_changed(self, _consultation_id: int) -> None:
        # No pane lists a consultation's notes yet; the Draft tab's notes box belongs to
        # the draft and is read again with it.
        return

    def _reload_list(self) -> None:
        """Read the list again off the UI thread (once more after, if more changes came)."""
        from secresponder.ui.jobs import LoadCatalogueJob

        if self._reading is not None:
            self._read_again = True
            return
        window = self.window
        job = LoadCatalogueJob(window.session, window.clock)
        job.signals.finished.connect(self._list_read)
        job.signals.failed.connect(self._list_failed)
        self._reading, self._read_again = job, False
        window.runner.start(job)

    def _list_read(self, snapshot: CatalogueSnapshot) -> None:
        # As the window applies a list it read again after a change of its own, without
        # its "Loading..." sentences: the status bar keeps what it was saying.
        self._reading = None
        window = self.window
        if window.workspace is None:
            return  # closing
        window._apply_snapshot(snapshot, window._labels(snapshot, stored_labels=True))
        window.catalogue_loaded.emit()
        if self._read_again:
            self._reload.start()

    def _list_failed(self, message: str) -> None:
        self._reading = None
        self.window.statusBar().showMessage(message)

    def _time(self) -> str:
        return self.panel.clock().astimezone(LONDON).strftime("%H:%M")

    # -- closing -------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop listening (before the workspace closes); the thread is gone on return."""
        self._reload.stop()
        self._alerts.stop()
        self.watch.stop()


def _who(author: str) -> str:
    return author or "another person"


def _whose(author: str) -> str:
    return f"{_who(author)}'s"


def _typed_unsaved(panel: DraftingPanel) -> bool:
    """Whether the Draft tab holds typing not yet saved.

    Autosave's pending flag alone is not enough: re-highlighting the notes box once the
    spelling checker has loaded also counts as a change to it.
    """
    return panel.autosave.pending and panel.current_draft() != panel.draft


def start_team_live(window: MainWindow) -> TeamLive | None:
    """Show others' work in ``window`` when its workspace is a team database; else None."""
    from secresponder.services.identity import current_user
    from secresponder.services.team_activity import open_watcher

    if window.workspace is None:
        return None
    try:
        watcher = open_watcher(window.workspace, current_user())
    except SecResponderError as exc:
        window.statusBar().showMessage(f"Others' changes will not be shown: {exc}")
        return None
    if watcher is None:
        return None
    return TeamLive(window, TeamWatch(watcher, window))


def stop_team_live(window: MainWindow) -> None:
    """Stop listening for ``window`` (when it closes, before its workspace does)."""
    for live in window.findChildren(TeamLive):
        live.stop()
