"""Exporting from the window: warnings first, then the files, then "Open folder" /
"Open email draft". The work runs in background jobs, each with the workspace the
session gives its thread (a folder's own connection, a team database's shared pool)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from secresponder.domain.clock import Clock
from secresponder.errors import OutputExistsError
from secresponder.services import exporting
from secresponder.services.session import on_job_thread
from secresponder.services.types import StoredConsultation
from secresponder.ui import dialog_folders
from secresponder.ui.jobs import CallJob, JobRunner

if TYPE_CHECKING:
    from secresponder.services.session import AnyWorkspace


class Keyed(Protocol):
    """Anything naming a stored consultation by its key (a store entry or a list row)."""

    @property
    def key(self) -> str: ...


def confirm_warnings(parent: QWidget, label: str, warnings: list[str]) -> bool:
    """Show what is missing; True when the user chose Export anyway (or nothing is missing)."""
    if not warnings:
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Before exporting")
    box.setText(f"{label}: some things are missing.")
    box.setInformativeText("\n".join(f"• {w}" for w in warnings))
    anyway = box.addButton("Export anyway", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is anyway


def ask_replace(parent: QWidget, message: str) -> bool:
    answer = QMessageBox.question(
        parent, "Replace files?", f"{message}\n\nReplace the existing files?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_exported(parent: QWidget, folder: Path, files: Sequence[Path], summary: str = "") -> None:
    """One dialog: each file written with Open, Show in folder, and what was left out."""
    from secresponder.ui.export_dialogs import ExportedDialog

    dialog = ExportedDialog(folder, files, summary, parent)
    dialog.exec()
    dialog.deleteLater()


class ExportFlow:
    """One export from plan to files; each step's slow part is a job."""

    def __init__(self, parent: QWidget, runner: JobRunner, workspace: AnyWorkspace,
                 clock: Clock, reminder_days: int, message: Callable[[str], None]) -> None:
        self.parent = parent
        self.runner = runner
        self.workspace = workspace  # the window's; each job asks for its thread's own
        self.clock = clock
        self.reminder_days = reminder_days
        self.message = message
        self.result: Any = None
        # Told of each response written (the window remembers the deadline it was for).
        self.on_written: Callable[[StoredConsultation], None] | None = None

    def _job(self, title: str, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        job = CallJob(title, fn)
        job.signals.finished.connect(done)
        job.signals.failed.connect(self._failed)
        self.runner.start(job)

    def _failed(self, message: str) -> None:
        self.message(message)
        QMessageBox.warning(self.parent, "Export", message)

    # -- one response ----------------------------------------------------------------

    def export_response(self, stored: StoredConsultation) -> None:
        workspace, clock, key = self.workspace, self.clock, stored.key

        def plan() -> exporting.ExportPlan:
            with on_job_thread(workspace) as ws:
                return exporting.plan_export(ws, key, clock=clock, check_places=True)

        self._job("Preparing the export", plan, lambda p: self._planned(stored, p))

    def _planned(self, stored: StoredConsultation, plan: exporting.ExportPlan) -> None:
        if not confirm_warnings(self.parent, plan.label, list(plan.warnings)):
            self.message("Export cancelled.")
            return
        folder = QFileDialog.getExistingDirectory(self.parent, "Export the response into",
                                                  dialog_folders.start_folder())
        if not folder:
            return
        dialog_folders.remember(folder)
        self._write(stored, Path(folder), force=False)

    def _write(self, stored: StoredConsultation, folder: Path, *, force: bool) -> None:
        workspace, clock, key, days = self.workspace, self.clock, stored.key, self.reminder_days

        def write() -> exporting.ExportResult | OutputExistsError:
            with on_job_thread(workspace) as ws:
                try:
                    return exporting.export_response(  # unplaced answers were shown first
                        ws, key, folder, force=force, reminder_days=days, clock=clock,
                        allow_unplaced=True,
                    )
                except OutputExistsError as exc:
                    return exc

        self._job("Exporting the response", write, lambda r: self._written(stored, folder, r))

    def _written(self, stored: StoredConsultation, folder: Path, result: Any) -> None:
        if isinstance(result, OutputExistsError):
            if ask_replace(self.parent, str(result).split(";")[0] + "."):
                self._write(stored, folder, force=True)
            return
        self.result = result
        if self.on_written is not None:
            self.on_written(stored)
        self.message(f"Exported {len(result.files)} files to {folder}.")
        show_exported(self.parent, folder, result.files, "\n".join(result.warnings))

    # -- packs --------------------------------------------------------------------------

    def export_pack(self, consultations: Sequence[Keyed]) -> None:
        """Only consultations with a draft go in, unless the user asks for blank forms too."""
        from secresponder.services.drafting import open_draft
        from secresponder.ui.export_dialogs import PackChoiceDialog

        drafted = [c for c in consultations if open_draft(self.workspace, c.key).id is not None]
        blank = [c for c in consultations if c not in drafted]
        chosen = list(drafted)
        left_out = [_label(c) for c in blank]
        if blank:
            dialog = PackChoiceDialog([_label(c) for c in drafted], left_out, self.parent)
            if not dialog.exec():
                self.message("Pack cancelled.")
                return
            if dialog.include_blank.isChecked():
                chosen, left_out = list(consultations), []
        if not chosen:
            self.message("None of the selected consultations has a draft; tick \u201cInclude "
                         "blank forms\u201d to make a pack of blank forms.")
            return
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save the response pack", "responses.zip", "Zip files (*.zip)"
        )
        if not name:
            return
        target = Path(name)
        workspace, clock, keys = self.workspace, self.clock, [s.key for s in chosen]

        def write() -> exporting.PackResult:
            with on_job_thread(workspace) as ws:
                return exporting.export_pack(ws, keys, target, force=target.exists(),
                                             clock=clock)

        self._job("Exporting the pack", write, lambda r: self._packed(r, left_out))

    def _packed(self, result: exporting.PackResult, left_out: list[str]) -> None:
        from secresponder.ui.export_dialogs import pack_summary

        self.result = result
        self.message(f"Pack written to {result.path} ({len(result.names)} files).")
        show_exported(self.parent, result.path.parent, [result.path],
                      pack_summary(result.names, result.warnings, left_out))


def _label(consultation: Keyed) -> str:
    reference = getattr(consultation, "reference", None)
    return reference or getattr(consultation, "title", None) or consultation.key


def export_response(panel, workspace: AnyWorkspace, stored: StoredConsultation) -> ExportFlow:
    flow = ExportFlow(panel, panel.runner, workspace, panel.clock, panel.reminder_days,
                      panel.message.emit)
    flow.on_written = getattr(panel, "response_exported", None)
    flow.export_response(stored)
    return flow


def export_pack(panel, workspace: AnyWorkspace, consultations: Sequence[Keyed]
                ) -> ExportFlow:
    flow = ExportFlow(panel, panel.runner, workspace, panel.clock, panel.reminder_days,
                      panel.message.emit)
    flow.export_pack(consultations)
    return flow
