"""Long work off the UI thread: job objects run on a QThreadPool and report through signals.

A job asks the window's workspace session for its workspace (a folder's own
SQLite connection, as those never cross threads; a team database's shared pool),
checks its cancel flag between steps, and ends with exactly one of
``finished(result)`` or ``failed(sentence)``. The window keeps each job until it
ends and never touches the job's connection.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from secresponder.domain.clock import Clock
from secresponder.domain.parties import PartyProfile
from secresponder.errors import SecResponderError
from secresponder.services.session import WorkspaceAddress, WorkspaceSession

if TYPE_CHECKING:
    from secresponder.services.importing import Fetcher, ImportReport
    from secresponder.services.types import ListedConsultation
    from secresponder.ui.catalogue_rows import Row


class JobSignals(QObject):
    progress = Signal(int, int, str)  # steps done, steps in all, what is happening
    finished = Signal(object)
    failed = Signal(str)


class Cancelled(Exception):
    """Raised inside a job's work when its cancel flag was set."""


class Job(QRunnable):
    """One piece of background work; subclasses implement ``work``."""

    title = "Working"

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check_cancelled(self) -> None:
        if self._cancelled:
            raise Cancelled

    def report(self, done: int, total: int, message: str) -> None:
        self.signals.progress.emit(done, total, message)

    def work(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self) -> None:
        try:
            result = self.work()
            self.check_cancelled()
        except Cancelled:
            self.signals.failed.emit(f"{self.title} was cancelled; nothing was changed.")
        except SecResponderError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a fault or a bug: one sentence, the traceback to the log
            from secresponder.ui.error_boundary import sentence_for_job

            self.signals.failed.emit(sentence_for_job(self.title, exc))
        else:
            self.signals.finished.emit(result)


class JobRunner(QObject):
    """Starts jobs on a thread pool and keeps them alive until they end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: list[Job] = []

    def start(self, job: Job) -> Job:
        self._running.append(job)
        job.signals.finished.connect(lambda _result, j=job: self._forget(j))
        job.signals.failed.connect(lambda _message, j=job: self._forget(j))
        self.pool.start(job)
        return job

    def _forget(self, job: Job) -> None:
        if job in self._running:
            self._running.remove(job)

    @property
    def running(self) -> list[Job]:
        return list(self._running)

    def cancel_all(self) -> None:
        for job in self._running:
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)


# --- the jobs ---------------------------------------------------------------------------


@dataclass
class CatalogueSnapshot:
    """Everything the list needs, read and prepared in one go off the UI thread.

    ``rows`` are the list's rows built from ``entries`` (search text included) at
    ``now``, so the window only hands them to its model.
    """

    entries: list[ListedConsultation]
    draft_statuses: dict[int, str]
    profile: PartyProfile
    preferences: Any = None
    seeded: bool = False
    rows: list[Row] = field(default_factory=list)
    now: datetime | None = None
    freshness: Any = None  # services.freshness.Freshness
    view: Any = None  # services.view_state.ListView
    change_labels: dict[str, str] = field(default_factory=dict)  # key -> Highlight name
    exported: dict[str, datetime] = field(default_factory=dict)  # key -> deadline exported for


Where = WorkspaceSession | WorkspaceAddress | str | os.PathLike[str]


def session_for(where: Where) -> WorkspaceSession:
    """The window's session as it is, or one for a workspace named on its own (tests)."""
    return where if isinstance(where, WorkspaceSession) else WorkspaceSession(where)


class LoadCatalogueJob(Job):
    """Open (and on first run seed) the workspace, then read the consultations and drafts."""

    title = "Loading the consultations"

    def __init__(self, where: Where, clock: Clock) -> None:
        super().__init__()
        self.session = session_for(where)
        self.clock = clock

    def work(self) -> CatalogueSnapshot:
        from secresponder.ui.catalogue_access import read_snapshot

        return read_snapshot(self.session, self.clock)


@dataclass
class ImportOutcome:
    report: ImportReport
    snapshot: CatalogueSnapshot
    sources: list[str] = field(default_factory=list)


class ImportJob(Job):
    """Import pages (URLs or files) one at a time with progress, then re-read the catalogue."""

    title = "Importing pages"
    # A refresh from the pages set in Preferences (its outcome is remembered), and whether
    # its failure is told in the status bar only (the refresh at start).
    refreshing = False
    quiet = False

    def __init__(
        self,
        where: Where,
        sources: Sequence[str],
        clock: Clock,
        fetch: Fetcher | None = None,
    ) -> None:
        super().__init__()
        self.session = session_for(where)
        self.sources = list(sources)
        self.clock = clock
        self.fetch = fetch
        self._storing = False

    def cancel(self) -> None:
        # Once the pages are being stored, the import finishes: "nothing was changed"
        # would no longer be true.
        if not self._storing:
            super().cancel()

    def work(self) -> ImportOutcome:
        from secresponder.services.importing import (
            ImportReport,
            SourceReport,
            read_source,
            store_pages,
        )
        from secresponder.ui.catalogue_access import read_snapshot

        combined = ImportReport()
        total = len(self.sources)
        readings = []
        # Every page is read before anything is stored, so a cancel while a slow page is
        # being fetched leaves the workspace as it was.
        for done, source in enumerate(self.sources):
            self.check_cancelled()
            self.report(done, total, f"Reading {source}")
            entry = SourceReport(source=source)
            combined.sources.append(entry)
            try:
                readings.append((entry, read_source(source, fetch=self.fetch)))
            except SecResponderError as exc:
                entry.error = str(exc)
        self.check_cancelled()
        self._storing = True
        self.report(total, total, "Storing what the pages hold")
        with self.session.for_job(seed_clock=self.clock) as ws:
            store_pages(ws, readings, clock=self.clock)
        self.report(total, total, "Reading the updated list")
        return ImportOutcome(combined, read_snapshot(self.session, self.clock), self.sources)


class CallJob(Job):
    """Run one function off the UI thread (form inspection, exports)."""

    def __init__(self, title: str, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.title = title
        self.fn = fn

    def work(self) -> Any:
        return self.fn()
