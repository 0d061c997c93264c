"""The draft's version history, with Restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.deadline import LONDON
from secresponder.store.drafts_repo import VersionInfo


def version_text(info: VersionInfo) -> str:
    saved = info.saved_at.astimezone(LONDON)
    return f"Version {info.number} — {saved:%d %b %Y %H:%M} — {info.summary}"


class HistoryDialog(QDialog):
    """Lists versions newest first; ``chosen`` is the version to restore, if any."""

    def __init__(self, versions: list[VersionInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Version history")
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        if not versions:
            layout.addWidget(QLabel("This draft has not been saved yet."))
        self.list = QListWidget()
        self.list.setAccessibleName("Saved versions")
        for info in reversed(versions):
            item = QListWidgetItem(version_text(info))
            item.setData(Qt.ItemDataRole.UserRole, info.number)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.restore_button.setEnabled(item is not None)
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def select_version(self, number: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == number:
                self.list.setCurrentRow(i)

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
