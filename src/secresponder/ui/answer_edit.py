"""A plain-text editor for answers and notes: Tab moves on, Undo takes back one word at a time,
and British English spelling is checked (underlines; suggestions on right-click).

Qt merges every run of typing into one undo step, so one Ctrl+Z would remove a
whole paragraph. Here each typed character goes in through an edit block: the
first letter of a word opens a new block and everything typed after it (the rest
of the word, then spaces and punctuation) joins that block, so one undo step is
one word with what follows it. Anything else (a paste, a deletion, a moved cursor)
starts a fresh step.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

_TYPING_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier,
                     Qt.KeyboardModifier.KeypadModifier)


def is_word_character(char: str) -> bool:
    return char.isalnum() or char in "'’-_"


class AnswerEdit(QPlainTextEdit):
    """Tab and Shift+Tab leave the box (they never type a tab); undo goes word by word."""

    # The text itself changed. ``textChanged`` also fires when the spelling underlines are
    # redrawn (when the checker finishes loading, say), which is no edit to save.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._seen_text = ""
        self.textChanged.connect(self._text_changed)
        self.setTabChangesFocus(True)
        # Where the last character typed through ``_type`` ended, and the undo depth then:
        # typing joins that step only while both still hold.
        self._typed_end = -1
        self._typed_steps = -1
        from secresponder.ui.spelling import SpellHighlighter  # the checker loads on first use

        self.spelling = SpellHighlighter(self.document())

    def _text_changed(self) -> None:
        text = self.toPlainText()
        if text != self._seen_text:
            self._seen_text = text
            self.edited.emit()

    def spelling_menu(self, position: QPoint) -> QMenu:
        """The right-click menu at ``position``: spelling first, then the usual commands."""
        from secresponder.ui.spelling import add_spelling_to_menu

        menu = self.createStandardContextMenu(position)
        add_spelling_to_menu(self, menu, self.cursorForPosition(position), self.spelling.service)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.spelling_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.ignore()  # never a tab character in an answer, even with nowhere to go
            return
        text = event.text()
        if (len(text) == 1 and text.isprintable() and not self.isReadOnly()
                and event.modifiers() in _TYPING_MODIFIERS):
            self._type(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def _type(self, text: str) -> None:
        cursor = self.textCursor()
        document = self.document()
        position = cursor.position()
        previous = document.characterAt(position - 1) if position > 0 else ""
        continues = (
            not cursor.hasSelection()
            and position == self._typed_end
            and document.availableUndoSteps() == self._typed_steps
            and not (is_word_character(text) and not is_word_character(previous))
        )
        if continues:
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._typed_end = cursor.position()
        self._typed_steps = document.availableUndoSteps()
