"""The notes of the last refresh or import, in a window that stays open beside the list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ImportNotesDialog(QDialog):
    """Non-modal: the notes name consultations the user may want to look up in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notes from the import")
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        layout.addWidget(self.heading)
        # Plain text by construction: the notes quote headings read from the pages.
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName("Import notes")
        layout.addWidget(self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 280)

    def show_notes(self, notes: Sequence[str]) -> None:
        """Replace the notes shown with ``notes`` and bring the window up."""
        self.heading.setText("1 note from this import:" if len(notes) == 1
                             else f"{len(notes)} notes from this import:")
        self.notes.setPlainText("\n".join(notes))
        self.show()
        self.raise_()
