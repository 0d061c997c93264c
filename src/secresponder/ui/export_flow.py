"""Exporting from the window: warnings first, then the files, then "Open folder" /
"Open email draft". The work runs in background jobs with their own connections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from secresponder.domain.clock import Clock
from secresponder.errors import OutputExistsError
from secresponder.services import exporting
from secresponder.store.catalogue_repo import StoredConsultation
from secresponder.store.workspace import Workspace
from secresponder.ui import dialog_folders
from secresponder.ui.jobs import CallJob, JobRunner


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


def offer_open(parent: QWidget, folder: Path, eml: Path | None) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Exported")
    box.setText(f"The response was written to {folder}.")
    open_folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    open_email = None
    if eml is not None:
        open_email = box.addButton("Open email draft", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    elif open_email is not None and clicked is open_email and eml is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(eml)))


class ExportFlow:
    """One export from plan to files; each step's slow part is a job."""

    def __init__(self, parent: QWidget, runner: JobRunner, workspace_root: Path, clock: Clock,
                 reminder_days: int, message: Callable[[str], None]) -> None:
        self.parent = parent
        self.runner = runner
        self.root = workspace_root
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
        root, clock, key = self.root, self.clock, stored.key

        def plan() -> exporting.ExportPlan:
            with Workspace.open(root) as ws:
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
        root, clock, key, days = self.root, self.clock, stored.key, self.reminder_days

        def write() -> exporting.ExportResult | OutputExistsError:
            with Workspace.open(root) as ws:
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
        eml = next((p for p in result.files if p.suffix == ".eml"), None)
        offer_open(self.parent, folder, eml)

    # -- packs --------------------------------------------------------------------------

    def export_pack(self, consultations: Sequence[Keyed]) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save the response pack", dialog_folders.start_path("responses.zip"),
            "Zip files (*.zip)",
        )
        if not name:
            return
        dialog_folders.remember(name)
        target = Path(name)
        root, clock, keys = self.root, self.clock, [s.key for s in consultations]

        def write() -> exporting.PackResult:
            with Workspace.open(root) as ws:
                return exporting.export_pack(ws, keys, target, force=target.exists(),
                                             clock=clock)

        self._job("Exporting the pack", write, self._packed)

    def _packed(self, result: exporting.PackResult) -> None:
        self.result = result
        self.message(f"Pack written to {result.path} ({len(result.names)} files).")
        if result.warnings:
            lines = [f"{label}: {'; '.join(w)}" for label, w in result.warnings.items()]
            QMessageBox.information(self.parent, "Pack written with gaps", "\n".join(lines))
        offer_open(self.parent, result.path.parent, None)


def export_response(panel, workspace: Workspace, stored: StoredConsultation) -> ExportFlow:
    flow = ExportFlow(panel, panel.runner, workspace.root, panel.clock, panel.reminder_days,
                      panel.message.emit)
    flow.on_written = getattr(panel, "response_exported", None)
    flow.export_response(stored)
    return flow


def export_pack(panel, workspace: Workspace, consultations: Sequence[Keyed]) -> ExportFlow:
    flow = ExportFlow(panel, panel.runner, workspace.root, panel.clock, panel.reminder_days,
                      panel.message.emit)
    flow.export_pack(consultations)
    return flow
