"""The Edit menu's Undo, Redo, Cut, Copy and Paste, acting on whichever text box has the focus.

Text boxes handle the usual shortcuts themselves; the menu entries make the same
commands visible and reachable by mouse, and are enabled only where they apply.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit

COMMANDS = (
    ("undo", "&Undo", QKeySequence.StandardKey.Undo),
    ("redo", "&Redo", QKeySequence.StandardKey.Redo),
    ("cut", "Cu&t", QKeySequence.StandardKey.Cut),
    ("copy", "&Copy", QKeySequence.StandardKey.Copy),
    ("paste", "&Paste", QKeySequence.StandardKey.Paste),
)
_TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)


def focused_text_box() -> QLineEdit | QPlainTextEdit | QTextEdit | None:
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, _TEXT_BOXES) else None


def _available(box: QLineEdit | QPlainTextEdit | QTextEdit, command: str) -> bool:
    read_only = box.isReadOnly()
    if isinstance(box, QLineEdit):
        selected = box.hasSelectedText()
        undo, redo = box.isUndoAvailable(), box.isRedoAvailable()
    else:
        selected = box.textCursor().hasSelection()
        document = box.document()
        undo, redo = document.isUndoAvailable(), document.isRedoAvailable()
    return {
        "undo": undo and not read_only,
        "redo": redo and not read_only,
        "cut": selected and not read_only,
        "copy": selected,
        "paste": not read_only and box.canPaste() if not isinstance(box, QLineEdit)
        else not read_only,
    }[command]


def add_edit_actions(menu: QMenu) -> dict[str, QAction]:
    """One action per command in ``menu``, enabled as they apply each time the menu opens."""
    actions: dict[str, QAction] = {}
    for command, text, keys in COMMANDS:
        action = QAction(text, menu)
        action.setShortcut(QKeySequence(keys))

        def run(_checked: bool = False, command: str = command) -> None:
            box = focused_text_box()
            if box is not None:
                getattr(box, command)()

        action.triggered.connect(run)
        menu.addAction(action)
        actions[command] = action

    def update() -> None:
        box = focused_text_box()
        for command, action in actions.items():
            action.setEnabled(box is not None and _available(box, command))

    def enable_all() -> None:
        # Closed, every entry stays enabled so that its shortcut still reaches a text box
        # that does not handle it itself.
        for action in actions.values():
            action.setEnabled(True)

    menu.aboutToShow.connect(update)
    menu.aboutToHide.connect(enable_all)
    return actions
