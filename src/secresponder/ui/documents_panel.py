"""The documents pane of one consultation: attach (browse, drop, download), list and open.

Attaching runs off the UI thread (``ui.jobs``) with progress and a Cancel
button: each job asks the window's workspace session for its thread's workspace,
reads and checks the file (size, format, text) and stores it. Labels are plain
text, never HTML.

Compose it with ``DocumentsPanel(session, clock=...)`` (or a workspace folder or
URL) and call
``set_consultation(key)`` whenever the selected consultation changes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secresponder.documents.formats import DESCRIPTIONS
from secresponder.domain.clock import Clock, system_clock
from secresponder.errors import SecResponderError
from secresponder.fileio import MB
from secresponder.services.catalogue_reads import attachments
from secresponder.services.lookup import find_consultation
from secresponder.services.session import WorkspaceSession
from secresponder.services.types import Attachment
from secresponder.ui import dialog_folders, outlook_drop
from secresponder.ui.jobs import Job, JobRunner, Where, session_for

if TYPE_CHECKING:
    from secresponder.services.documents import AttachResult
    from secresponder.services.session import AnyWorkspace

FILE_FILTER = (
    "Documents (*.pdf *.docx *.xlsx *.html *.htm *.txt);;PDF (*.pdf);;Word (*.docx);;"
    "Excel (*.xlsx);;Web pages (*.html *.htm);;Text (*.txt);;All files (*)"
)
COLUMNS = ("Document", "Kind", "Size", "Search")


@dataclass(frozen=True)
class AttachSource:
    """A local file path or a web address to attach, with the name to show while working."""

    location: str
    label: str | None = None

    @property
    def is_url(self) -> bool:
        return self.location.lower().startswith(("http://", "https://"))


@dataclass
class AttachOutcome:
    attached: list[AttachResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one sentence per refused source


class AttachJob(Job):
    """Attach several sources to one consultation; a refused one does not stop the rest."""

    title = "Attaching documents"

    def __init__(
        self, session: WorkspaceSession, key: str, sources: Sequence[AttachSource], clock: Clock
    ) -> None:
        super().__init__()
        self.session = session
        self.key = key
        self.sources = list(sources)
        self.clock = clock

    def work(self) -> AttachOutcome:
        # Imported here: text extraction pulls in the office and PDF readers.
        from secresponder.services import documents as documents_service

        outcome = AttachOutcome()
        total = len(self.sources)
        with self.session.for_job() as ws:
            consultation_id = find_consultation(ws, self.key).id
            for done, source in enumerate(self.sources):
                self.check_cancelled()
                shown = source.label or Path(source.location).name or source.location
                try:
                    if source.is_url:
                        self.report(done, total, f"Downloading {shown}")
                        result = documents_service.attach_url(
                            ws, consultation_id, source.location, clock=self.clock,
                            label=source.label,
                            progress=lambda got, size, s=shown: self._bytes(got, size, s),
                            cancelled=lambda: self.cancelled,
                        )
                    else:
                        self.report(done, total, f"Reading {shown}")
                        result = documents_service.attach_file(
                            ws, consultation_id, source.location, clock=self.clock,
                            label=source.label,
                        )
                except SecResponderError as exc:
                    outcome.problems.append(str(exc))
                    continue
                outcome.attached.append(result)
                if result.warning:
                    outcome.problems.append(result.warning)
        self.report(total, total, "Done")
        return outcome

    def _bytes(self, got: int, size: int | None, shown: str) -> None:
        if size:
            self.report(got, size, f"Downloading {shown} ({got / MB:.1f} of {size / MB:.1f} MB)")
        else:
            self.report(0, 0, f"Downloading {shown} ({got / MB:.1f} MB)")


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{max(1, round(size / 1024))} KB"


class DocumentsPanel(QWidget):
    """Lists one consultation's attached documents and attaches more in the background."""

    documentsChanged = Signal()
    messageShown = Signal(str)  # a warning or problem, one sentence
    jobFinished = Signal()  # an attach job ended (either way)

    def __init__(
        self,
        where: Where,
        *,
        clock: Clock = system_clock,
        runner: JobRunner | None = None,
        open_file: Callable[[Path], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session_for(where)
        # The folder (or a team database's local folder) it works in.
        self.workspace_root = self.session.address.local_folder
        self.clock = clock
        self.runner = runner or JobRunner(self)
        self._open_file = open_file or (
            lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        )
        self.key: str | None = None
        self.attachments: list[Attachment] = []
        self._links: list[tuple[str, str]] = []
        self.job: AttachJob | None = None
        self.setAcceptDrops(True)
        self._build()
        self._update_buttons()

    @contextlib.contextmanager
    def _opened(self) -> Iterator[AnyWorkspace]:
        """The window's workspace, for a quick read or write on the UI thread (left open)."""
        yield self.session.open()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("Documents for offline reading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Attached documents")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add files…")
        self.add_button.clicked.connect(self.browse)
        self.download_button = QPushButton("Download linked documents")
        self.download_button.clicked.connect(self.download_links)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected document")
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button = QPushButton("Undo remove")
        self.undo_button.clicked.connect(self.undo_remove)
        self.undo_button.hide()
        self._removed: Attachment | None = None
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        for button in (self.add_button, self.download_button, self.open_button,
                       self.remove_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel("Drop PDF, Word, Excel, web page or text files here to attach them.")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    # --- state --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.job is not None

    def set_consultation(self, key: str | None) -> None:
        """Show the documents of the consultation with this key (None: nothing selected)."""
        self.key = key
        self._removed = None  # Undo is for the consultation shown
        self.undo_button.hide()
        self.refresh()

    def refresh(self) -> None:
        self.attachments, self._links, name = [], [], None
        if self.key:
            try:
                with self._opened() as ws:
                    stored = find_consultation(ws, self.key)
                    self.attachments = attachments(ws, stored.id)
                name = stored.consultation.reference or stored.consultation.title
                self._links = [
                    (doc.label, doc.url) for doc in stored.consultation.documents if doc.url
                ]
            except SecResponderError as exc:
                self._show(str(exc))
        self.heading.setText(f"Documents for {name}" if name else "Documents for offline reading")
        self._fill_table()
        self._update_buttons()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.attachments))
        for row, attachment in enumerate(self.attachments):
            doc = attachment.document
            pages = f", {doc.pages} p." if doc.pages else ""
            cells = (
                attachment.label,
                DESCRIPTIONS.get(doc.format, doc.format) + pages,
                size_text(doc.size),
                "searchable" if doc.searchable else "no text",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(attachment.source if column == 0 else text)
                self.table.setItem(row, column, item)

    def _update_buttons(self) -> None:
        has_key = self.key is not None
        self.add_button.setEnabled(has_key and not self.busy)
        self.download_button.setEnabled(has_key and bool(self._links) and not self.busy)
        self.open_button.setEnabled(self.selected() is not None)
        self.remove_button.setEnabled(self.selected() is not None and not self.busy)
        self.cancel_button.setVisible(self.busy)

    def remove_selected(self) -> None:
        """Take the selected document off this consultation (Undo puts it back)."""
        from secresponder.services.attachment_removal import remove_attachment

        attachment = self.selected()
        if attachment is None:
            return
        try:
            with self._opened() as ws:
                self._removed = remove_attachment(ws, attachment.id)
        except SecResponderError as exc:
            self._show(str(exc))
            return
        self.refresh()
        self.undo_button.show()
        self._show(f"Removed {attachment.label}; Undo remove puts it back.")
        self.documentsChanged.emit()

    def undo_remove(self) -> None:
        from secresponder.services.attachment_removal import undo_remove

        if self._removed is None:
            return
        removed, self._removed = self._removed, None
        try:
            with self._opened() as ws:
                undo_remove(ws, removed)
        except SecResponderError as exc:
            self._show(str(exc))
            return
        self.undo_button.hide()
        self.refresh()
        self._show(f"{removed.label} is attached again.")
        self.documentsChanged.emit()

    def selected(self) -> Attachment | None:
        rows = self.table.selectionModel().selectedRows()
        return self.attachments[rows[0].row()] if rows else None

    def _show(self, message: str) -> None:
        self.status.setText(message)
        self.messageShown.emit(message)

    # --- actions ------------------------------------------------------------------------

    def browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Attach documents", dialog_folders.start_folder(), FILE_FILTER
        )
        if paths:
            dialog_folders.remember(paths[0])
            self.attach([AttachSource(p) for p in paths])

    def download_links(self) -> None:
        """Download every linked document of the consultation that is not attached yet."""
        have = {a.source for a in self.attachments}
        wanted = [AttachSource(url) for _label, url in self._links if url not in have]
        if not wanted:
            self._show("Every linked document is already attached.")
            return
        self.attach(wanted)

    def attach(self, sources: Sequence[AttachSource]) -> AttachJob | None:
        """Start attaching ``sources`` in the background; None if busy or nothing selected."""
        if self.key is None or self.busy or not sources:
            return None
        job = AttachJob(self.session, self.key, sources, self.clock)
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self.job = job
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._update_buttons()
        self.runner.start(job)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText("Cancelling…")

    def open_selected(self) -> None:
        attachment = self.selected()
        if attachment is None:
            return
        from secresponder.services import documents as documents_service

        try:
            with self._opened() as ws:
                path = documents_service.document_file(ws, attachment)
        except SecResponderError as exc:
            self._show(str(exc))
            return
        self._open_file(path)

    # --- job signals --------------------------------------------------------------------

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))
        self.status.setText(message)

    def _end_job(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.refresh()
        self.jobFinished.emit()

    def _on_finished(self, outcome: AttachOutcome) -> None:
        self._end_job()
        attached = sum(1 for r in outcome.attached if r.created)
        summary = f"Attached {attached} document{'s' if attached != 1 else ''}."
        self._show(" ".join([summary, *outcome.problems]) if outcome.problems else summary)
        if outcome.attached:
            self.documentsChanged.emit()

    def _on_failed(self, message: str) -> None:
        self._end_job()
        self._show(message)

    # --- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.key and not self.busy and (
            _dropped_sources(mime.urls()) or outlook_drop.offered(mime)
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = _dropped_sources(event.mimeData().urls())
        if not sources and self.key and not self.busy and outlook_drop.offered(event.mimeData()):
            # An attachment dragged straight out of Outlook arrives as bytes, not a file.
            dropped = outlook_drop.save_dropped(event.mimeData())
            sources = [AttachSource(str(path)) for path in dropped.paths]
            if dropped.problem:
                self._show(dropped.problem)
        if sources and self.attach(sources):
            event.acceptProposedAction()
        else:
            event.ignore()


def _dropped_sources(urls: Sequence[QUrl]) -> list[AttachSource]:
    sources = []
    for url in urls:
        if url.isLocalFile():
            sources.append(AttachSource(url.toLocalFile()))
        elif url.scheme() in ("http", "https"):
            sources.append(AttachSource(url.toString()))
    return sources
