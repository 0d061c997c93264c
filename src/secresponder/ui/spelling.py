"""Spell checking in the window's text boxes: red wavy underlines, and on right-click the
suggestions and "Add to dictionary".

One checker serves every box; its dictionary is read once, off the UI thread, and the
boxes are re-checked when it is ready. Only the paragraph being typed in is re-checked
on a keystroke (Qt re-highlights the changed block), and every word is looked up once.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from secresponder.spelling.checker import SpellChecker, words


class SpellingService(QObject):
    """The shared checker, loaded in the background; ``ready`` once it can check."""

    ready = Signal()
    _instance: SpellingService | None = None

    def __init__(self, checker: SpellChecker | None = None) -> None:
        super().__init__()
        self.checker = checker or SpellChecker()
        self._started = False

    @classmethod
    def shared(cls) -> SpellingService:
        if cls._instance is None:
            cls._instance = SpellingService()
        return cls._instance

    def start(self) -> None:
        """Read the dictionary on a background thread (once)."""
        if self._started:
            return
        self._started = True

        def load() -> None:
            if self.checker.load():
                self.ready.emit()

        threading.Thread(target=load, name="spelling dictionary", daemon=True).start()

    def wait_ready(self, seconds: float = 30.0) -> bool:
        """For tests and benchmarks: load now, on this thread, if not yet loaded."""
        if not self.checker.ready:
            self._started = True
            if self.checker.load():
                self.ready.emit()
        return self.checker.ready


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the words of a document that the checker does not know."""

    def __init__(self, document: QTextDocument, service: SpellingService | None = None) -> None:
        super().__init__(document)
        self.service = service or SpellingService.shared()
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.format.setUnderlineColor(QColor("#d0312d"))
        self.service.ready.connect(self.rehighlight)
        self.service.start()

    def highlightBlock(self, text: str) -> None:
        checker = self.service.checker
        if not checker.ready:
            return
        for start, length, _word in checker.misspelt(text):
            self.setFormat(start, length, self.format)


def word_at(text: str, position: int) -> tuple[int, int, str] | None:
    """The checkable word of ``text`` at ``position`` (a cursor's place in its paragraph)."""
    for start, length, word in words(text):
        if start <= position <= start + length:
            return start, length, word
    return None


def add_spelling_to_menu(edit: QPlainTextEdit, menu: QMenu, cursor: QTextCursor,
                         service: SpellingService) -> None:
    """Put the suggestions for a misspelt word under ``cursor``, and "Add to dictionary",
    at the top of ``menu``."""
    checker = service.checker
    block = cursor.block()
    found = word_at(block.text(), cursor.positionInBlock())
    if found is None or not checker.ready or checker.is_correct(found[2]):
        return
    start, length, word = found
    first = menu.actions()[0] if menu.actions() else None
    suggestions = checker.suggest(word)
    if not suggestions:
        none = QAction("(no suggestions)", menu)
        none.setEnabled(False)
        menu.insertAction(first, none)
    for suggestion in suggestions:
        action = QAction(suggestion, menu)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(
            lambda _checked=False, s=suggestion: replace_word(
                edit, block.position() + start, length, s))
        menu.insertAction(first, action)
    add = QAction(f"Add “{word}” to dictionary", menu)
    add.triggered.connect(lambda _checked=False: _add_word(edit, service, word))
    menu.insertAction(first, add)
    menu.insertSeparator(first)


def replace_word(edit: QPlainTextEdit, position: int, length: int, text: str) -> None:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(position)
    cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(text)
    cursor.endEditBlock()


def _add_word(edit: QPlainTextEdit, service: SpellingService, word: str) -> None:
    service.checker.add_word(word)
    service.ready.emit()  # every box re-checks: the word is known everywhere now


__all__ = ["SpellHighlighter", "SpellingService", "add_spelling_to_menu", "word_at"]
