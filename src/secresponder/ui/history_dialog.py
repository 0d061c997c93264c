"""The draft's version history: who saved each version and when, what changed word by word
(against the previous version or any other), and Restore."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.deadline import LONDON
from secresponder.services.types import VersionInfo
from secresponder.services.version_compare import ADDED, REMOVED, PartChange

PREVIOUS = -1  # "compare with the previous version"
Compare = Callable[[int, int], list[PartChange]]


def version_text(info: VersionInfo) -> str:
    saved = info.saved_at.astimezone(LONDON)
    who = f" — {info.author}" if info.author else ""
    kept = " (kept after a clash)" if info.conflict else ""
    return f"Version {info.number} — {saved:%d %b %Y %H:%M}{who} — {info.summary}{kept}"


def changes_html(changes: list[PartChange]) -> str:
    """The changes as escaped HTML: removed words struck through in red, added ones
    underlined in green (colour is not the only cue)."""
    if not changes:
        return "<p>No differences.</p>"
    out = []
    for change in changes:
        pieces = []
        for kind, text in change.pieces:
            safe = html.escape(text).replace("\n", "<br>")
            if kind == ADDED:
                pieces.append(f'<span style="color:#1a7f37;text-decoration:underline">{safe}'
                              "</span>")
            elif kind == REMOVED:
                pieces.append(f'<span style="color:#cf222e;text-decoration:line-through">'
                              f"{safe}</span>")
            else:
                pieces.append(safe)
        out.append(f"<h4>{html.escape(change.name)}</h4><p>{''.join(pieces) or '(empty)'}</p>")
    return "".join(out)


class HistoryDialog(QDialog):
    """Lists versions newest first; ``chosen`` is the version to restore, if any."""

    def __init__(self, versions: list[VersionInfo], compare: Compare | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Version history")
        self.chosen: int | None = None
        self._compare = compare
        self._numbers = [info.number for info in versions]
        layout = QVBoxLayout(self)
        if not versions:
            layout.addWidget(QLabel("This draft has not been saved yet."))
        self.list = QListWidget()
        self.list.setAccessibleName("Saved versions")
        self.list.setWordWrap(True)
        for info in reversed(versions):
            item = QListWidgetItem(version_text(info))
            item.setData(Qt.ItemDataRole.UserRole, info.number)
            self.list.addItem(item)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        against = QHBoxLayout()
        against.addWidget(QLabel("Compare with:"))
        self.against = QComboBox()
        self.against.setAccessibleName("Compare with")
        self.against.addItem("the previous version", PREVIOUS)
        for number in reversed(self._numbers):
            self.against.addItem(f"version {number}", number)
        against.addWidget(self.against, 1)
        right_layout.addLayout(against)
        self.changes = QTextBrowser()
        self.changes.setAccessibleName("Changes in this version")
        self.changes.setOpenLinks(False)
        right_layout.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([300, 460])
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore this version",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.list.currentItemChanged.connect(lambda _item, _old: self._selected())
        self.against.currentIndexChanged.connect(lambda _i: self._selected())
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 440)
        if versions:
            self.list.setCurrentRow(0)

    def select_version(self, number: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == number:
                self.list.setCurrentRow(i)

    def compare_with(self, number: int) -> None:
        """Compare the selected version with ``number`` (PREVIOUS: the one before it)."""
        self.against.setCurrentIndex(max(0, self.against.findData(number)))

    def _selected(self) -> None:
        item = self.list.currentItem()
        self.restore_button.setEnabled(item is not None)
        if item is None or self._compare is None:
            self.changes.clear()
            return
        number = int(item.data(Qt.ItemDataRole.UserRole))
        other = self.against.currentData()
        if other == PREVIOUS:
            earlier = [n for n in self._numbers if n < number]
            other = earlier[-1] if earlier else 0
        old, new = (other, number) if other <= number else (number, other)
        heading = (f"Version {new} compared with version {old}" if old
                   else f"Version {new}, the first")
        self.changes.setHtml(f"<h3>{html.escape(heading)}</h3>"
                             + changes_html(self._compare(old, new)))

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
