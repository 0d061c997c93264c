"""Saving from the window through the merging save, and showing a clash in place.

``save_in_panel`` is what the drafting pane calls to save: others' changes saved
meanwhile are merged and shown, and when the same answer was changed by someone
else a ``ConflictView`` appears above the questions: for each clash, your text
and the saved text side by side, with "Use mine" and "Keep saved". Your text is
already kept as a conflict version, so neither choice loses anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.draft import Draft
from secresponder.domain.merge import Conflict

if TYPE_CHECKING:
    from secresponder.domain.clock import Clock
    from secresponder.services.drafting import SaveResult
    from secresponder.services.types import Workspace

# Resolves one clash in favour of the kept text; returns the draft as stored afterwards.
UseMine = Callable[[Conflict], Draft]


def _text_box(text: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlainText(text)  # untrusted text: shown as plain text, never as markup
    box.setReadOnly(True)
    box.setAccessibleName(name)
    box.setMaximumHeight(110)
    return box


CONFLICT_VIEW_NAME = "conflictView"


class ConflictView(QFrame):
    """The clashes of one save: yours beside the saved text, and a choice for each."""

    resolved = Signal(object)  # the stored Draft after "Use mine"
    finished = Signal()  # every clash decided

    def __init__(self, result: SaveResult, use_mine: UseMine,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(CONFLICT_VIEW_NAME)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Conflicting changes")
        self._use_mine = use_mine
        self.rows: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        self.sentence = QLabel(result.message)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setWordWrap(True)
        layout.addWidget(self.sentence)
        for conflict in result.conflicts:
            row = self._row(conflict)
            self.rows[conflict.key] = row
            layout.addWidget(row)

    def _row(self, conflict: Conflict) -> QWidget:
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 4, 0, 4)
        title = QLabel(conflict.label)
        title.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(QLabel("Yours"), 1, 0)
        grid.addWidget(QLabel("Saved by someone else"), 1, 1)
        grid.addWidget(_text_box(conflict.yours_text, f"{conflict.label}: yours"), 2, 0)
        grid.addWidget(_text_box(conflict.theirs_text, f"{conflict.label}: saved"), 2, 1)
        buttons = QHBoxLayout()
        mine = QPushButton("Use mine")
        mine.setObjectName(f"useMine:{conflict.key}")
        keep = QPushButton("Keep saved")
        keep.setObjectName(f"keepSaved:{conflict.key}")
        mine.clicked.connect(lambda: self.choose(conflict, use_mine=True))
        keep.clicked.connect(lambda: self.choose(conflict, use_mine=False))
        buttons.addStretch(1)
        buttons.addWidget(keep)
        buttons.addWidget(mine)
        grid.addLayout(buttons, 3, 0, 1, 2)
        return row

    def choose(self, conflict: Conflict, *, use_mine: bool) -> None:
        """Decide one clash; the view closes itself once every clash is decided."""
        if use_mine:
            self.resolved.emit(self._use_mine(conflict))
        row = self.rows.pop(conflict.key, None)
        if row is not None:
            row.hide()
            row.deleteLater()
        if not self.rows:
            self.hide()
            self.finished.emit()
            self.deleteLater()


def save_in_panel(
    workspace: Workspace, draft: Draft, clock: Clock, *,
    show_merged: Callable[[Draft], None], place_view: Callable[[ConflictView], None],
    parent: QWidget | None = None,
) -> SaveResult:
    """Save ``draft`` from the window, merging; reload the editors when others' changes came
    in (``show_merged``) and put a ConflictView where the caller wants it on a clash."""
    from secresponder.services import drafting
    from secresponder.services.identity import current_user

    author = current_user()
    result = drafting.save(workspace, draft, author=author, clock=clock)
    if result.merged:
        show_merged(result.draft)
    if result.conflicts and result.conflict_version is not None:
        kept = result.conflict_version
        key = result.draft.consultation_key

        def use_mine(conflict: Conflict) -> Draft:
            return drafting.use_kept(workspace, key, kept, {conflict.key}, clock=clock,
                                     author=author).draft

        # The view shows only while its own draft is on screen (the panel hides it while
        # another consultation is shown), so a choice reloads the draft it belongs to.
        view = ConflictView(result, use_mine, parent)
        view.resolved.connect(show_merged)
        place_view(view)
        view.show()
    return result
