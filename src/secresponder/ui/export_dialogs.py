"""What an export wrote, file by file, with Open and Show in folder; and the pack's choices
and summary, each in one dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secresponder.ui.detail_panel import plain_label

KINDS = {".docx": "filled form", ".xlsx": "filled form", ".eml": "email draft",
         ".ics": "calendar reminder", ".zip": "response pack"}


def open_path(path: Path) -> str:
    """Open a file or folder in its usual program; the sentence to show when that failed."""
    if not path.exists():
        return f"{path.name} is no longer there ({path.parent})."
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return ""
    what = "folder" if path.is_dir() else f"{path.suffix or 'such'} file"
    return (f"No program on this computer is set to open a {what}, so {path.name} could not "
            f"be opened; it is in {path.parent if path.is_file() else path}.")


class ExportedDialog(QDialog):
    """Names each file written, with Open beside it, and Show in folder."""

    def __init__(self, folder: Path, files: Sequence[Path], summary: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Exported")
        self.folder = folder
        layout = QVBoxLayout(self)
        count = len(files)
        layout.addWidget(plain_label(
            f"{count} file{'s' if count != 1 else ''} written to {folder}:",
            name="Where the files were written"))
        grid = QGridLayout()
        self.open_buttons: dict[Path, QPushButton] = {}
        for row, path in enumerate(files):
            kind = KINDS.get(path.suffix.lower(), "file")
            grid.addWidget(plain_label(f"{path.name} ({kind})"), row, 0)
            button = QPushButton("Open")
            button.setAccessibleName(f"Open {path.name}")
            button.clicked.connect(lambda _checked=False, p=path: self._open(p))
            grid.addWidget(button, row, 1)
            self.open_buttons[path] = button
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        if summary:
            layout.addWidget(plain_label(summary, name="What was left out"))
        self.problem = plain_label(name="Could not open")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_folder = buttons.addButton("Show in folder",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder.clicked.connect(lambda: self._open(folder))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _open(self, path: Path) -> None:
        problem = open_path(path)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))


class PackChoiceDialog(QDialog):
    """Before a pack: which selected consultations have a draft, and whether to add blank
    forms for the others."""

    def __init__(self, with_draft: Sequence[str], without: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Response pack")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(
            f"{len(with_draft)} of the {len(with_draft) + len(without)} selected consultations "
            "have a draft and go in the pack."))
        self.include_blank = QCheckBox(
            f"Include blank forms for the {len(without)} without a draft: "
            + ", ".join(without))
        layout.addWidget(self.include_blank)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save the pack…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def pack_summary(names: Sequence[str], warnings: dict[str, list[str]],
                 left_out: Sequence[str]) -> str:
    """One paragraph: what went in with gaps, and what was left out for having no draft."""
    parts = []
    for label, missing in warnings.items():
        parts.append(f"{label}: {'; '.join(missing)}.")
    if left_out:
        parts.append("Left out, with no draft: " + ", ".join(left_out) + ".")
    return "\n".join(parts)
