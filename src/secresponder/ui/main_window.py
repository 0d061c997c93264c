"""The main window: composes the list, the detail pane and the drafting pane, and connects them.

It holds no parsing, storing or exporting of its own: reads and writes go through
services, and anything slow runs as a background job. The window works on one
workspace session (a folder, or a team database), which it hands to its panels and
jobs; the title and the status bar name it. The window is painted first; the
catalogue is then read in a job while the Draft, Documents and Search tabs are built.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from secresponder import __version__
from secresponder.domain.clock import Clock, system_clock
from secresponder.errors import SecResponderError
from secresponder.services.freshness import (
    Freshness,
    note_refresh_outcome,
    nothing_open_text,
    status_text,
    workspace_freshness,
)
from secresponder.services.preferences import Preferences
from secresponder.services.session import WorkspaceAddress, WorkspaceSession
from secresponder.services.view_state import save_change_labels, save_list_view
from secresponder.ui import dialog_folders
from secresponder.ui.alert_banner import AlertBanner
from secresponder.ui.catalogue_model import ConsultationTableModel, Highlight
from secresponder.ui.consultation_list import ConsultationList
from secresponder.ui.detail_panel import DetailPanel
from secresponder.ui.edit_actions import add_edit_actions
from secresponder.ui.jobs import (
    CallJob,
    CatalogueSnapshot,
    ImportJob,
    ImportOutcome,
    Job,
    JobRunner,
    LoadCatalogueJob,
)
from secresponder.ui.window_state import WindowState, fit_to_screen

if TYPE_CHECKING:
    from secresponder.services.importing import Fetcher, ImportReport
    from secresponder.services.session import AnyWorkspace
    from secresponder.ui.documents_panel import DocumentsPanel
    from secresponder.ui.drafting_panel import DraftingPanel
    from secresponder.ui.import_notes_dialog import ImportNotesDialog
    from secresponder.ui.search_panel import SearchPanel

# The tabs after "Details", built once the window is on screen.
LATER_TABS = ("Draft", "Documents", "Search everything")
# Build them anyway this long after showing if no paint came (a hidden or minimised window).
START_FALLBACK_MS = 300
# How often a window left open looks whether the daily backup is due.
UPKEEP_INTERVAL_MS = 60 * 60 * 1000
UPKEEP_TITLE = "The daily backup"
# The tabs' share of a first-run window: this wide at most, and at least this on a small one.
DETAIL_PANE_WIDTH = 520
DETAIL_PANE_MINIMUM = 370
# The least the list and the tabs may be squeezed to, in pixels rather than from the fonts, so
# that the window's minimum width (about 700) does not grow with the installed fonts or text
# scaling and a 1024-pixel screen always has room; below their natural width they clip.
LIST_MINIMUM_WIDTH = 360
TABS_MINIMUM_WIDTH = 330

HELP_TEXT = (
    "Consultations: search with Ctrl+F, tick \"Open only\" or \"Relevant to my Party "
    "Category\" to narrow the list, and click a column heading to sort.\n\n"
    "Drafting: open the Draft tab, drop the authority's .docx or .xlsx response form onto "
    "the window (or browse for it, or take a built-in form), then answer each question. "
    "Everything is saved as you type; Ctrl+S saves at once.\n\n"
    "Export (Ctrl+E) writes the filled form, an email draft and a calendar reminder. "
    "Refresh (Ctrl+R) reads the SEC website pages set in Preferences."
)


def default_settings() -> QSettings:
    return QSettings("secresponder", "secresponder")


class MainWindow(QMainWindow):
    catalogue_loaded = Signal()
    import_done = Signal(object)  # ImportReport
    job_failed = Signal(str)

    def __init__(
        self,
        where: WorkspaceAddress | str | os.PathLike[str] | None,
        *,
        clock: Clock = system_clock,
        settings: QSettings | None = None,
        fetch: Fetcher | None = None,
        start_refresh: bool = False,
    ) -> None:
        super().__init__()
        # Where the window works (a folder, or a team database); None: the default folder.
        self.session = WorkspaceSession(where)
        # Set by the launcher: opens a new window on another workspace chosen in Preferences.
        self.reopen: Callable[[WorkspaceAddress], None] | None = None
        self.clock = clock
        self.fetch = fetch
        # Honour the workspace's "refresh at start" preference (the app does; tests opt in).
        self.start_refresh = start_refresh
        self.freshness: Freshness | None = None
        self.state = WindowState(settings or default_settings())
        dialog_folders.use_settings(self.state.settings)
        self.workspace: AnyWorkspace | None = None
        self.preferences = Preferences()
        self.runner = JobRunner(self)
        self._busy_job: Job | None = None
        self.import_notes: ImportNotesDialog | None = None  # made on the first notes
        self.setWindowTitle(f"secresponder \u2014 {self.session.display}")
        self.setAcceptDrops(True)

        self.model = ConsultationTableModel(clock(), self)
        self.list = ConsultationList(self.model)
        self.detail = DetailPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Consultation tabs")
        self.tabs.addTab(self.detail, "Details")
        # The other tabs' panels (and the modules behind them) are made after the first
        # paint; until then each tab holds an empty page under its own label.
        self._drafting: DraftingPanel | None = None
        self._documents: DocumentsPanel | None = None
        self._search: SearchPanel | None = None
        for label in LATER_TABS:
            self.tabs.addTab(QWidget(), label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.tabs)
        self.list.setMinimumWidth(LIST_MINIMUM_WIDTH)
        self.tabs.setMinimumWidth(TABS_MINIMUM_WIDTH)
        # A smaller window takes most of its width from the list, keeping the pane readable.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.alert_banner = AlertBanner()
        self.alert_banner.show_requested.connect(
            lambda key: self.show_consultation_key(key, self.drafting))
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.alert_banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_menus()
        self.list.current_changed.connect(self._show_consultation)
        self.list.refresh_requested.connect(self.refresh)
        self.list.open_requested.connect(self.open_draft)
        self.detail.open_link.connect(self.open_url)

        # With nothing saved, the split is set on first show, from the width shown.
        self._default_split = not self.state.restore(self, [self.splitter])
        if self._default_split:
            fit_to_screen(self, 1360, 840)
        self._countdown = QTimer(self)
        self._countdown.setInterval(60_000)
        self._countdown.timeout.connect(self._tick)
        self._countdown.start()
        # A window left open for days still takes its daily backup.
        self._upkeep = QTimer(self)
        self._upkeep.setInterval(UPKEEP_INTERVAL_MS)
        self._upkeep.timeout.connect(self.run_upkeep)
        self._upkeep.start()
        self.loaded = False
        self._started = False

    # -- starting once on screen -------------------------------------------------------

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._started:
            # Read the workspace and build the other tabs once the window is on screen.
            QTimer.singleShot(0, self._start)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._default_split:
            self._default_split = False
            width = self.splitter.width()
            pane = min(DETAIL_PANE_WIDTH, max(DETAIL_PANE_MINIMUM, width * 38 // 100))
            self.splitter.setSizes([width - pane, pane])
        if not self._started:
            QTimer.singleShot(START_FALLBACK_MS, self._start)

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        self._load()
        self._build_panels()

    def _build_panels(self) -> None:
        """Make the Draft, Documents and Search tabs (on first need or after the first paint)."""
        if self._drafting is not None:
            return
        from secresponder.ui.documents_panel import DocumentsPanel
        from secresponder.ui.drafting_panel import DraftingPanel
        from secresponder.ui.search_panel import SearchPanel

        self._drafting = DraftingPanel(self.runner, self.clock)
        self._documents = DocumentsPanel(self.session, clock=self.clock, runner=self.runner)
        self._search = SearchPanel(self.session)
        current = self.tabs.currentIndex()
        for offset, (panel, label) in enumerate(
            zip((self._drafting, self._documents, self._search), LATER_TABS, strict=True)
        ):
            at = 1 + offset
            placeholder = self.tabs.widget(at)
            self.tabs.removeTab(at)
            self.tabs.insertTab(at, panel, label)
            placeholder.deleteLater()
        self.tabs.setCurrentIndex(current)
        self._drafting.status_changed.connect(self.model.set_draft_status)
        self._drafting.status_changed.connect(lambda _id, _status: self.update_alerts())
        self._drafting.exported.connect(
            lambda cid: self.model.clear_highlight(cid, Highlight.REMINDER_STALE))
        self._drafting.message.connect(self.statusBar().showMessage)
        self._documents.messageShown.connect(self.statusBar().showMessage)
        # Attaching or removing a document changes what Details lists.
        self._documents.documentsChanged.connect(self._refresh_details)
        self._search.consultationActivated.connect(self.show_consultation_key)
        self._search.documentActivated.connect(
            lambda key, _id: self.show_consultation_key(key, self.documents)
        )
        # Built before the catalogue arrives: ``_loaded`` gives them the workspace.

    @property
    def workspace_root(self) -> Path:
        """The workspace folder, or a team database's local folder (its log, local copies)."""
        return self.session.address.local_folder

    @property
    def drafting(self) -> DraftingPanel:
        self._build_panels()
        assert self._drafting is not None
        return self._drafting

    @property
    def documents(self) -> DocumentsPanel:
        self._build_panels()
        assert self._documents is not None
        return self._documents

    @property
    def search(self) -> SearchPanel:
        self._build_panels()
        assert self._search is not None
        return self._search

    # -- building ----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # Which workspace this is: its folder, or the team server and database.
        self.workspace_label = QLabel(self.session.display)
        self.workspace_label.setTextFormat(Qt.TextFormat.PlainText)
        self.workspace_label.setAccessibleName("Workspace")
        self.workspace_label.setToolTip(f"Workspace: {self.session.display}")
        self.workspace_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                           QSizePolicy.Policy.Preferred)
        self.workspace_label.setMinimumWidth(80)
        # A gap after a long status message, which is cut off where this label begins.
        self.workspace_label.setContentsMargins(16, 0, 0, 0)
        bar.addPermanentWidget(self.workspace_label)
        self.freshness_label = QLabel()
        self.freshness_label.setTextFormat(Qt.TextFormat.PlainText)
        self.freshness_label.setAccessibleName("Where the list comes from")
        # Long text gives way to the window's width rather than widening it (the tooltip
        # holds the whole sentence).
        self.freshness_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                           QSizePolicy.Policy.Preferred)
        self.freshness_label.setMinimumWidth(120)
        bar.addPermanentWidget(self.freshness_label)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.cancel_job)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.refresh_action = self._action(
            "&Refresh from the SEC website", self.refresh, QKeySequence("Ctrl+R"),
            "Read the consultation and release pages set in Preferences",
        )
        self.import_action = self._action(
            "&Import page from a file…", self.import_file, None,
            "Read a saved copy of a SEC page (HTML or text)",
        )
        self.export_action = self._action(
            "&Export response…", lambda: self.drafting.export_response(),
            QKeySequence("Ctrl+E"),
            "Write the filled form, an email draft and a calendar reminder",
        )
        self.pack_action = self._action(
            "Export response &pack…", self.export_pack, None,
            "A zip of the selected consultations' responses with a tracker",
        )
        self.save_action = self._action(
            "&Save draft now", lambda: self.drafting.save_now(), QKeySequence.StandardKey.Save,
            "Save the draft at once (it is also saved as you type)",
        )
        self.new_consultation_action = self._action(
            "&New consultation…", self.new_consultation, QKeySequence.StandardKey.New,
            "Add a consultation that is not on the SEC page (the DCC's, Ofgem's, ...)")
        self.edit_consultation_action = self._action(
            "E&dit consultation added by hand…", self.edit_consultation, None,
            "Change a consultation that was added by hand")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        for action in (self.refresh_action, self.import_action, None,
                       self.new_consultation_action, self.edit_consultation_action, None,
                       self.save_action,
                       self.export_action, self.pack_action, None, quit_action):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        edit_menu = bar.addMenu("&Edit")
        self.edit_menu = edit_menu
        self.edit_actions = add_edit_actions(edit_menu)
        edit_menu.addSeparator()
        self.find_action = self._action("&Find…", self.focus_search, QKeySequence.StandardKey.Find)
        self.preferences_action = self._action(
            "&Preferences…", self.edit_preferences, QKeySequence.StandardKey.Preferences
        )
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.preferences_action)
        self.next_pane_action = self._action("Next pane", lambda: self.move_between_panes(1),
                                             QKeySequence(Qt.Key.Key_F6))
        self.previous_pane_action = self._action(
            "Previous pane", lambda: self.move_between_panes(-1), QKeySequence("Shift+F6"))
        # Window-wide keys without a menu entry of their own.
        self.addAction(self.next_pane_action)
        self.addAction(self.previous_pane_action)
        self._build_draft_menu()
        help_menu = bar.addMenu("&Help")
        self.help_action = self._action("secresponder &Help", self.show_help,
                                        QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action("&About secresponder", self.show_about)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    def _build_draft_menu(self) -> None:
        """The review moves, reachable from the keyboard wherever the focus is."""
        from secresponder.domain.draft import DraftStatus

        menu = self.menuBar().addMenu("&Draft")
        self.draft_actions = {
            "open": self._action("&Open the draft", self._open_current_draft,
                                 QKeySequence("Ctrl+D"), "Show the selected consultation's draft"),
            "review": self._action("Send for re&view",
                                   lambda: self.drafting.change_status(DraftStatus.IN_REVIEW),
                                   QKeySequence("Ctrl+Shift+R")),
            "approve": self._action("&Approve…",
                                    lambda: self.drafting.change_status(DraftStatus.APPROVED),
                                    QKeySequence("Ctrl+Shift+A")),
            "submitted": self._action("Mark as s&ubmitted…",
                                      lambda: self.drafting.change_status(DraftStatus.SUBMITTED),
                                      QKeySequence("Ctrl+Shift+U")),
            "reopen": self._action("&Reopen", lambda: self.drafting.reopen(),
                                   QKeySequence("Ctrl+Shift+O")),
            "history": self._action("Version &history…", lambda: self.drafting.show_history(),
                                    QKeySequence("Ctrl+Shift+H")),
        }
        for action in self.draft_actions.values():
            menu.addAction(action)

    def _open_current_draft(self) -> None:
        current = self.list.current_id()
        if current >= 0:
            self.open_draft(current)

    # -- loading -----------------------------------------------------------------------

    def _load(self) -> None:
        self.statusBar().showMessage("Loading the consultations…")
        job = LoadCatalogueJob(self.session, self.clock)
        job.signals.finished.connect(self._loaded)
        job.signals.failed.connect(self._failed)
        self.runner.start(job)

    def _loaded(self, snapshot: CatalogueSnapshot) -> None:
        first = self.workspace is None
        if self.workspace is None:
            try:
                self.workspace = self.session.open()
            except SecResponderError as exc:
                self._failed(str(exc))
                return
            self.drafting.set_workspace(self.workspace)
            self._workspace_opened()
        if first and snapshot.view is not None:
            # The order and filters this workspace was left with.
            self.list.apply_view(snapshot.view)
        self._apply_snapshot(snapshot, self._labels(snapshot, stored_labels=True))
        self.loaded = True
        self.statusBar().showMessage(f"{len(snapshot.entries)} consultations in the workspace.")
        self.catalogue_loaded.emit()
        if first and self.start_refresh:
            _freshness, wanted = workspace_freshness(self.workspace)
            if wanted:
                self.refresh(quiet=True)

    def _workspace_opened(self) -> None:
        """Called once, when the window's workspace is open and its panels have it.

        What follows the workspace while the window is open (a team database's changes
        by others, who else is working) starts here.
        """
        if self.session.is_team:  # others' changes and presence, live (ui/team_presence.py)
            from secresponder.ui.team_presence import start_team_live

            start_team_live(self)

    def _apply_snapshot(self, snapshot: CatalogueSnapshot, highlights: dict) -> None:
        keep = self.list.current_id()
        self.preferences = snapshot.preferences or Preferences()
        self.drafting.set_profile(snapshot.profile)
        self.drafting.set_reminder_days(self.preferences.reminder_days)
        self.list.set_party_category(snapshot.profile.party_category)
        if snapshot.now is not None and len(snapshot.rows) == len(snapshot.entries):
            self.model.set_rows(snapshot.rows, snapshot.now, highlights)
        else:
            self.model.set_entries(snapshot.entries, self.clock(), snapshot.draft_statuses,
                                   highlights)
        if keep < 0 or not self.list.select_id(keep):
            self._show_consultation(-1)
        if snapshot.freshness is not None:
            self.show_freshness(snapshot.freshness)
        self.update_alerts()

    def _labels(self, snapshot: CatalogueSnapshot, *, stored_labels: bool,
                fresh: dict[int, Highlight] | None = None) -> dict[int, Highlight]:
        """The change labels to show: this import's (or those kept from the last one with
        changes), and "Export the reminder again" where a deadline moved after an export."""
        ids = {e.key: e.id for e in snapshot.entries}
        labels: dict[int, Highlight] = dict(fresh or {})
        if stored_labels:
            for key, name in snapshot.change_labels.items():
                if key in ids and name in Highlight.__members__:
                    labels[ids[key]] = Highlight[name]
        for entry in snapshot.entries:
            exported = snapshot.exported.get(entry.key)
            if exported is not None and exported != entry.closes_at:
                labels[entry.id] = Highlight.REMINDER_STALE
        return labels

    def update_alerts(self) -> None:
        """Consultations relevant to the user closing within the reminder lead time and not
        submitted: the banner, and a desktop notification the first time."""
        from secresponder.services.alerts import Candidate, closing_alerts

        rows = self.model.rows()
        candidates = [
            Candidate(r.entry.key,
                      " ".join(p for p in (r.consultation.reference, r.consultation.title) if p),
                      r.consultation.closes_at, r.categories)
            for r in rows if r.is_open
        ]
        statuses = {r.entry.key: r.draft_status for r in rows}
        self.alert_banner.set_alerts(closing_alerts(
            candidates, statuses, self.list.party_category(), self.clock(),
            self.preferences.reminder_days))

    def show_freshness(self, freshness: Freshness) -> None:
        """Say in the status bar and the empty state where the list comes from and when."""
        self.freshness = freshness
        now = self.clock()
        self.freshness_label.setText(status_text(freshness, now))
        self.freshness_label.setToolTip(status_text(freshness, now))
        font = self.freshness_label.font()
        font.setBold(not freshness.current(now))
        self.freshness_label.setFont(font)
        self.list.empty.set_message(nothing_open_text(freshness, now))

    def _failed(self, message: str) -> None:
        job = self._busy_job
        self._end_busy()
        self.statusBar().showMessage(message)
        self.job_failed.emit(message)
        if isinstance(job, ImportJob) and job.refreshing and self.workspace is not None:
            self.show_freshness(note_refresh_outcome(self.workspace, at=self.clock(),
                                                     failure=message))
        if not (isinstance(job, ImportJob) and job.quiet):
            QMessageBox.warning(self, "secresponder", message)

    # -- selection ---------------------------------------------------------------------

    def _show_consultation(self, consultation_id: int) -> None:
        from secresponder.ui.catalogue_access import read_detail

        detail = None
        if consultation_id >= 0 and self.workspace is not None:
            detail = read_detail(self.workspace, consultation_id)
        if detail is None:
            self.detail.show_nothing()
            self.drafting.show_consultation(None)
            self.documents.set_consultation(None)
            return
        self.detail.show_detail(detail, self.clock())
        self.drafting.show_consultation(detail.stored)
        self.documents.set_consultation(detail.stored.key)

    def _refresh_details(self) -> None:
        """Show the current consultation's details again (its attached documents changed)."""
        from secresponder.ui.catalogue_access import read_detail

        current = self.list.current_id()
        if current >= 0 and self.workspace is not None:
            detail = read_detail(self.workspace, current)
            if detail is not None:
                self.detail.show_detail(detail, self.clock())

    def show_consultation_key(self, key: str, tab: QWidget | None = None) -> None:
        """Select the consultation with this key (from search results) and show a tab."""
        row = next((r for r in self.model.rows() if r.entry.key == key), None)
        if row is None:
            return
        if not self.list.select_id(row.id):
            self.list.search.clear()
            self.list.open_only.setChecked(False)
            self.list.relevant.setChecked(False)
            self.list.select_id(row.id)
        self.tabs.setCurrentWidget(tab or self.detail)

    def _tick(self) -> None:
        self.detail.update_countdown(self.clock())
        self.update_alerts()

    def run_upkeep(self, now: datetime | None = None) -> CallJob | None:
        """Back the workspace up off the UI thread when a daily backup is due.

        Backups are stamped with the real time (as when the workspace is opened), not
        the window's clock, which may be pinned for deadlines.
        """
        from secresponder.services.maintenance import daily_upkeep

        root = self.session.address.folder  # a team database is backed up by its server
        if root is None or not self.loaded or any(
                job.title == UPKEEP_TITLE for job in self.runner.running):
            return None
        now = now or datetime.now(UTC)
        job = CallJob(UPKEEP_TITLE, lambda: daily_upkeep(root, now))
        job.signals.finished.connect(self._upkept)
        job.signals.failed.connect(self.statusBar().showMessage)
        return self.runner.start(job)

    def _upkept(self, notices: list[str]) -> None:
        if notices:
            self.statusBar().showMessage(" ".join(notices))

    def open_url(self, url: QUrl) -> None:
        if not QDesktopServices.openUrl(url):
            self.statusBar().showMessage(f"No browser could open {url.toString()}.")

    def export_pack(self) -> None:
        chosen = [row.entry for row in self.list.selected_rows()]
        if not chosen:
            self.statusBar().showMessage("Select the consultations to put in the pack first.")
            return
        self.drafting.export_pack(chosen)

    def new_consultation(self) -> None:
        """File > New consultation: add one by hand, then show it."""
        from secresponder.services.identity import current_user
        from secresponder.services.manual_consultations import add_consultation
        from secresponder.ui.consultation_dialog import ConsultationDialog

        if self.workspace is None:
            return
        workspace = self.workspace
        dialog = ConsultationDialog(lambda entry: add_consultation(
            workspace, entry, clock=self.clock, author=str(current_user())), parent=self)
        if dialog.exec() and dialog.result_value is not None:
            self._reload_and_show(dialog.result_value.key, "added")

    def edit_consultation(self) -> None:
        from secresponder.services.manual_consultations import edit_consultation, entry_for
        from secresponder.ui.consultation_dialog import ConsultationDialog

        current = self.list.current_id()
        if self.workspace is None or current < 0:
            return
        entry = entry_for(self.workspace, current)
        if entry is None:
            self.statusBar().showMessage(
                "Only a consultation added by hand can be edited; the others come from the "
                "SEC page.")
            return
        workspace = self.workspace
        dialog = ConsultationDialog(lambda changed: edit_consultation(
            workspace, current, changed, clock=self.clock), entry, self)
        if dialog.exec() and dialog.result_value is not None:
            self._reload_and_show(dialog.result_value.key, "changed")

    def _reload_and_show(self, key: str, what: str) -> None:
        """Re-read the list after a change made here, then select ``key``."""
        job = LoadCatalogueJob(self.session, self.clock)

        def loaded(snapshot: CatalogueSnapshot) -> None:
            self._apply_snapshot(snapshot, self._labels(snapshot, stored_labels=True))
            self.show_consultation_key(key)
            self.statusBar().showMessage(f"Consultation {what}.")
            self.catalogue_loaded.emit()

        job.signals.finished.connect(loaded)
        job.signals.failed.connect(self._failed)
        self.runner.start(job)

    def open_draft(self, consultation_id: int) -> None:
        """Show this consultation's Draft tab with the cursor in its first answer box."""
        if self.list.current_id() != consultation_id:
            self.list.select_id(consultation_id)
        self.tabs.setCurrentWidget(self.drafting)
        self.drafting.focus_first_answer()

    def panes(self) -> list[QWidget]:
        """What F6 moves between: the list, the details, the draft."""
        return [self.list, self.detail, self.drafting]

    def move_between_panes(self, step: int) -> None:
        panes = self.panes()
        focused = QApplication.focusWidget()
        at = next((i for i, pane in enumerate(panes)
                   if focused is not None and (focused is pane or pane.isAncestorOf(focused))),
                  -1)
        target = panes[(at + step) % len(panes)] if at >= 0 else panes[0]
        if target is self.list:
            target = self.list.table if self.list.showing_table() else self.list.search
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.tabs.setCurrentWidget(target)
        if target is self.drafting:
            self.drafting.focus_first_answer()
        else:
            self.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.list.search.setFocus()
        self.list.search.selectAll()

    # -- refresh and import ------------------------------------------------------------

    def refresh(self, quiet: bool = False) -> None:
        """Read the pages set in Preferences; ``quiet`` (at start) reports failure in the status
        bar only, as a laptop offline is no reason for a dialog."""
        job = self.start_import(list(self.preferences.page_urls),
                                "Refreshing from the SEC website")
        if isinstance(job, ImportJob):
            job.refreshing = True
            job.quiet = quiet

    def import_file(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import a saved SEC page", dialog_folders.start_folder(),
            "SEC pages (*.html *.htm *.txt);;All files (*)",
        )
        if paths:
            dialog_folders.remember(paths[0])
            self.start_import(paths, "Importing pages")

    def start_import(self, sources: list[str], title: str) -> Job | None:
        if self._busy_job is not None:
            self.statusBar().showMessage("Wait for the current task to finish, or cancel it.")
            return None
        from secresponder.services.importing import page_fetcher

        fetch = self.fetch or page_fetcher(self.preferences.proxy)
        job = ImportJob(self.session, sources, self.clock, fetch=fetch)
        job.title = title
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(self._imported)
        job.signals.failed.connect(self._failed)
        self._begin_busy(job, title)
        self.runner.start(job)
        return job

    def _begin_busy(self, job: Job, title: str) -> None:
        self._busy_job = job
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.refresh_action.setEnabled(False)
        self.import_action.setEnabled(False)
        self.statusBar().showMessage(f"{title}…")

    def _end_busy(self) -> None:
        self._busy_job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.refresh_action.setEnabled(True)
        self.import_action.setEnabled(True)

    def cancel_job(self) -> None:
        job = self._busy_job
        if job is None:
            return
        job.cancel()
        if not job.cancelled:  # already storing what it read: let it finish
            self.statusBar().showMessage(f"{job.title} is storing what it read; almost done.")
            return
        # The job may be waiting on a slow server; it stores nothing once cancelled, so the
        # window stops listening to it and is free for the next task at once.
        job.signals.progress.disconnect(self._progress)
        job.signals.finished.disconnect(self._imported)
        job.signals.failed.disconnect(self._failed)
        self._end_busy()
        self.statusBar().showMessage(f"{job.title} cancelled; nothing was changed.")

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.statusBar().showMessage(message)

    def _imported(self, outcome: ImportOutcome) -> None:
        job = self._busy_job
        self._end_busy()
        report = outcome.report
        ids = {e.key: e.id for e in outcome.snapshot.entries}
        highlights: dict[int, Highlight] = {}
        for change in report.changes:
            if change.key not in ids:
                continue
            if change.what == "added":
                highlights[ids[change.key]] = Highlight.NEW
            elif change.what == "deadline":
                highlights.setdefault(ids[change.key], Highlight.DEADLINE_CHANGED)
        if highlights and self.workspace is not None:
            by_id = {e.id: e.key for e in outcome.snapshot.entries}
            save_change_labels(self.workspace,
                               {by_id[i]: mark.name for i, mark in highlights.items()})
        self._apply_snapshot(outcome.snapshot,
                             self._labels(outcome.snapshot, stored_labels=not highlights,
                                          fresh=highlights))
        self.statusBar().showMessage(import_summary(report))
        self._show_import_notes(report)
        refreshing = isinstance(job, ImportJob) and job.refreshing
        if refreshing and self.workspace is not None:
            failure = next((s.error for s in report.failed if s.error), None)
            self.show_freshness(note_refresh_outcome(self.workspace, at=self.clock(),
                                                     failure=failure))
        if report.failed and refreshing and job.quiet:
            self.statusBar().showMessage(
                f"Could not refresh: {report.failed[0].error.rstrip('.')}; the list is "
                f"{self.freshness_label.text().removeprefix('List ')}."
            )
        elif report.failed:
            QMessageBox.warning(
                self, "Some pages could not be read",
                "\n".join(s.error or "" for s in report.failed),
            )
        self.import_done.emit(report)

    def _show_import_notes(self, report: ImportReport) -> None:
        """The notes the command line prints after an import: in the status bar and a
        window that stays open beside the list."""
        from secresponder.services.import_notes import import_notes
        from secresponder.ui.import_notes_dialog import ImportNotesDialog

        notes = import_notes(report)
        if not notes:
            return
        said = "1 note" if len(notes) == 1 else f"{len(notes)} notes"
        self.statusBar().showMessage(f"{import_summary(report)} {said}: see Notes from the import.")
        if self.import_notes is None:
            self.import_notes = ImportNotesDialog(self)
        self.import_notes.show_notes(notes)

    # -- preferences, help -------------------------------------------------------------

    def edit_preferences(self) -> None:
        from secresponder.ui.preferences_dialog import PreferencesDialog

        if self.workspace is None and not self._started:
            return
        # Without an open workspace (it could not be opened) only the workspace is offered.
        dialog = PreferencesDialog(self.workspace, self, settings=self.state.settings,
                                   current=self.session.address)
        if not dialog.exec():
            return
        if dialog.saved is not None:
            profile, preferences = dialog.saved
            self.preferences = preferences
            self.drafting.set_profile(profile)
            self.drafting.set_reminder_days(preferences.reminder_days)
            self.list.set_party_category(profile.party_category)
            self.statusBar().showMessage("Preferences saved.")
        if dialog.workspace_changed is not None:
            self.change_workspace(dialog.workspace_changed)

    def change_workspace(self, address: WorkspaceAddress) -> None:
        """Reopen the window on another workspace, or say it opens there at the next start."""
        if self.reopen is not None:
            self.statusBar().showMessage(f"Opening {address.display}…")
            reopen = self.reopen
            QTimer.singleShot(0, lambda: reopen(address))
            return
        self.statusBar().showMessage(
            f"Preferences saved; secresponder opens on {address.display} at the next start.")

    def _keep_list_view(self) -> None:
        try:
            save_list_view(self.workspace, self.list.view())
        except SecResponderError as exc:  # a busy workspace: the view is not worth a wait
            self.statusBar().showMessage(str(exc))

    def show_help(self) -> None:
        QMessageBox.information(self, "secresponder help", HELP_TEXT)

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About secresponder",
            f"secresponder {__version__}\n\nTracks Smart Energy Code consultations, drafts "
            "answers in the authority's own response form, and exports them ready to send.",
        )

    # -- drag and drop of response forms -------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if self.drafting.accepts_drop(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = self.drafting.dropped_form(event.mimeData())
        if path is not None:
            self.tabs.setCurrentWidget(self.drafting)
            self.drafting.choose_form_file(path)
            event.acceptProposedAction()

    # -- closing -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drafting.flush()
        self.state.save(self, [self.splitter])
        self.runner.cancel_all()
        self.runner.wait(5000)
        if self.session.is_team:  # the listening thread ends before the workspace closes
            from secresponder.ui.team_presence import stop_team_live

            stop_team_live(self)
        self.search.close_workspace()
        if self.workspace is not None:
            self._keep_list_view()
        self.workspace = None
        self.session.close()
        super().closeEvent(event)


def import_summary(report: ImportReport) -> str:
    read = len(report.sources) - len(report.failed)
    parts = [f"Read {read} of {len(report.sources)} pages"]
    parts.append(f"{report.added} new")
    parts.append(f"{report.changed} changed")
    return ", ".join(parts) + "."


def create_main_window(
    where: WorkspaceAddress | str | os.PathLike[str] | None,
    *,
    clock: Clock = system_clock,
    settings: QSettings | None = None,
    fetch: Fetcher | None = None,
    start_refresh: bool = False,
) -> MainWindow:
    """The window the application shows on ``where`` (a folder, a team database's URL, or
    None for the default folder); tests build it the same way."""
    from PySide6.QtWidgets import QApplication

    from secresponder.ui.focus_style import use_visible_focus

    app = QApplication.instance()
    if isinstance(app, QApplication):
        use_visible_focus(app)
    return MainWindow(where, clock=clock, settings=settings, fetch=fetch,
                      start_refresh=start_refresh)


__all__ = ["MainWindow", "create_main_window"]
