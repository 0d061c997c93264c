"""Keeping the user's place in the Draft tab while the draft is shown again.

Reading the draft again (another person saved it, or a save merged their changes)
rebuilds the answer boxes; ``keeping_place`` puts the cursor back in the box it was
in, at the same point, and the tab's scroll where it was, so someone typing or
reading is not thrown to the top.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

if TYPE_CHECKING:
    from secresponder.ui.drafting_panel import DraftingPanel


def _box_in(panel: DraftingPanel, focused: QWidget | None) -> tuple[int, str] | None:
    """(editor index or -1 for the notes, which box) holding the keyboard focus, if any."""
    if focused is None:
        return None
    if focused is panel.notes:
        return -1, "notes"
    for at, editor in enumerate(panel.editors):
        if focused is editor.rationale or editor.rationale.isAncestorOf(focused):
            return at, "rationale"
        if focused is editor.position or editor.position.isAncestorOf(focused):
            return at, "position"
    return None


@contextlib.contextmanager
def keeping_place(panel: DraftingPanel) -> Iterator[None]:
    """Put the focus, cursor and scroll back as they were once the block has run."""
    place = _box_in(panel, QApplication.focusWidget())
    cursor_at = 0
    if place is not None:
        box = panel.notes if place[0] < 0 else (
            panel.editors[place[0]].rationale if place[1] == "rationale" else None)
        if isinstance(box, QPlainTextEdit):
            cursor_at = box.textCursor().position()
    bar = panel.scroll.verticalScrollBar()
    scrolled = bar.value()
    yield
    # The rebuilt boxes are laid out on the next turn of the event loop.
    QTimer.singleShot(0, lambda: bar.setValue(min(scrolled, bar.maximum())))
    if place is None:
        return
    at, which = place
    if at >= len(panel.editors):
        return
    if which == "position":
        panel.editors[at].position.setFocus()
        return
    box = panel.notes if at < 0 else panel.editors[at].rationale
    box.setFocus()
    cursor = box.textCursor()
    cursor.setPosition(min(cursor_at, len(box.toPlainText())))
    box.setTextCursor(cursor)
