"""The answer library in the window: save a rationale under a name; search and insert one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from secresponder.services.snippets import save_snippet as keep_snippet
from secresponder.services.snippets import search_snippets
from secresponder.services.types import Workspace


def save_snippet(workspace: Workspace, editor, parent: QWidget) -> str | None:
    """Ask for a name and keep the editor's rationale under it; returns the name."""
    text = editor.rationale.toPlainText().strip()
    if not text:
        editor.setToolTip("Write a rationale first, then save it as a snippet.")
        return None
    name, ok = QInputDialog.getText(parent, "Save as snippet", "Name for this snippet:")
    name = name.strip()
    if not ok or not name:
        return None
    keep_snippet(workspace, name, text)
    return name


class SnippetPicker(QDialog):
    """Search the library as you type; the chosen snippet's text is in ``chosen``."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insert snippet")
        self.workspace = workspace
        self.chosen: str | None = None
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search snippets")
        self.search.setAccessibleName("Search snippets")
        self.search.textChanged.connect(self.refill)
        self.list = QListWidget()
        self.list.setAccessibleName("Snippets")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Snippet text")
        self.list.currentItemChanged.connect(self._preview)
        self.list.itemActivated.connect(lambda _item: self._accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = buttons.addButton("Insert", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        for widget in (self.search, self.list, self.preview, buttons):
            layout.addWidget(widget)
        self.resize(520, 420)
        self.refill("")

    def refill(self, query: str) -> None:
        self.list.clear()
        for snippet in search_snippets(self.workspace, query):
            item = QListWidgetItem(snippet.name)
            item.setData(Qt.ItemDataRole.UserRole, snippet.text)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.preview.setPlainText("")

    def _preview(self, item: QListWidgetItem | None, _old=None) -> None:
        self.preview.setPlainText(item.data(Qt.ItemDataRole.UserRole) if item else "")

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = item.data(Qt.ItemDataRole.UserRole)
            self.accept()


def choose_snippet(workspace: Workspace, parent: QWidget) -> str | None:
    picker = SnippetPicker(workspace, parent)
    return picker.chosen if picker.exec() else None
