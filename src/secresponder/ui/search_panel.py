"""The search box and its results: full-text search across everything in the workspace.

Results show a snippet with the matched words marked. The snippet is document
text, so it is never treated as HTML: every piece is escaped first and only then
are the matched pieces wrapped in bold. Activating a result asks the window to
open its consultation (or document, or release) through signals.

Compose it with ``SearchPanel(session)`` (or a workspace folder or URL) and connect
``consultationActivated(key)``, ``documentActivated(key, attachment_id)`` and
``releaseActivated(version)``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secresponder.errors import SecResponderError
from secresponder.services.search import DEFAULT_LIMIT, SearchHit, Snippet, search
from secresponder.services.session import WorkspaceSession
from secresponder.ui.jobs import Where, session_for

if TYPE_CHECKING:
    from secresponder.services.session import AnyWorkspace

TYPING_PAUSE_MS = 250
KIND_NAMES = {
    "consultation": "Consultation",
    "release": "SEC release",
    "document": "Document",
    "note": "Note",
    "draft": "Draft",
}
HIT_ROLE = Qt.ItemDataRole.UserRole


def snippet_html(snippet: Snippet) -> str:
    """Escape every piece of the snippet, then mark the matched ones."""
    parts = []
    for text, matched in snippet:
        escaped = html.escape(text, quote=True).replace("\n", " ")
        parts.append(f"<b><u>{escaped}</u></b>" if matched else escaped)
    return "".join(parts)


def hit_html(hit: SearchHit) -> str:
    where = hit.target.reference or hit.target.release_version or ""
    kind = KIND_NAMES.get(hit.kind, hit.kind)
    heading = html.escape(f"{kind} · {where}" if where else kind)
    return (
        f"<b>{html.escape(hit.title)}</b> <span style='color: gray'>{heading}</span><br>"
        f"{snippet_html(hit.snippet)}"
    )


class SearchPanel(QWidget):
    """A search box over the whole workspace with a list of marked-up results."""

    consultationActivated = Signal(str)  # consultation key
    documentActivated = Signal(str, int)  # consultation key, attachment id
    releaseActivated = Signal(str)  # release version

    def __init__(
        self, where: Where, *, limit: int = DEFAULT_LIMIT, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # The window's session (its workspace is shared, not closed here), or one of its own.
        self._own_session = not isinstance(where, WorkspaceSession)
        self.session = session_for(where)
        self.limit = limit
        self.hits: list[SearchHit] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QLineEdit()
        self.box.setPlaceholderText('Search everything: words, "a phrase", prefix*')
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Search")
        layout.addWidget(self.box)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        layout.addWidget(self.results, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda _text: self.timer.start())
        self.box.returnPressed.connect(self.run_search)
        self.results.itemActivated.connect(self._activate)

    def set_query(self, text: str) -> None:
        """Put ``text`` in the box and search now."""
        self.box.setText(text)
        self.run_search()

    def run_search(self) -> None:
        self.timer.stop()
        query = self.box.text()
        self.results.clear()
        self.hits = []
        if not query.strip():
            self.status.setText("")
            return
        try:
            self.hits = search(self._workspace(), query, limit=self.limit)
        except SecResponderError as exc:
            self.status.setText(str(exc))
            return
        for hit in self.hits:
            self._add_row(hit)
        count = len(self.hits)
        self.status.setText(
            f"No matches for {query.strip()}." if not count
            else f"{count} match{'es' if count != 1 else ''}"
            + (" (the best shown)" if count >= self.limit else "") + "."
        )

    def _add_row(self, hit: SearchHit) -> None:
        item = QListWidgetItem()
        item.setData(HIT_ROLE, hit)
        item.setToolTip(hit.title)
        label = QLabel(hit_html(hit))
        label.setTextFormat(Qt.TextFormat.RichText)  # built from escaped text only
        label.setWordWrap(True)
        label.setOpenExternalLinks(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setContentsMargins(4, 4, 4, 4)
        item.setSizeHint(label.sizeHint())
        self.results.addItem(item)
        self.results.setItemWidget(item, label)

    def row_label(self, row: int) -> QLabel:
        return self.results.itemWidget(self.results.item(row))

    def activate_row(self, row: int) -> None:
        self._activate(self.results.item(row))

    def _activate(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        target = hit.target
        if target.attachment_id is not None and target.consultation_key:
            self.documentActivated.emit(target.consultation_key, target.attachment_id)
        elif target.consultation_key:
            self.consultationActivated.emit(target.consultation_key)
        elif target.release_version:
            self.releaseActivated.emit(target.release_version)

    def _workspace(self) -> AnyWorkspace:
        return self.session.open()

    def close_workspace(self) -> None:
        """Close the workspace this panel opened itself (the window closes its own)."""
        if self._own_session:
            self.session.close()

    def closeEvent(self, event) -> None:
        self.close_workspace()
        super().closeEvent(event)
