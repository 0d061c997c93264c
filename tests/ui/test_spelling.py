"""Spelling in the answer and note boxes: underlines, suggestions and Add to dictionary."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat

from secresponder.ui.spelling import SpellingService
from tests.ui.test_drafting import start_draft


@pytest.fixture
def spelling(tmp_path):
    service = SpellingService.shared()
    assert service.wait_ready()
    service.checker.personal_path = tmp_path / "words.txt"
    return service


def underlined(edit) -> list[str]:
    block = edit.document().firstBlock()
    found = []
    while block.isValid():
        for fmt_range in block.layout().formats():
            if fmt_range.format.underlineStyle() == (
                    QTextCharFormat.UnderlineStyle.SpellCheckUnderline):
                found.append(block.text()[fmt_range.start:fmt_range.start + fmt_range.length])
        block = block.next()
    return found


def test_answers_and_notes_are_checked(window, qtbot, spelling):
    panel = start_draft(window, qtbot)
    box = panel.editors[0].rationale
    qtbot.keyClicks(box, "We supprot the DCC's Communications Hub plans.")
    qtbot.waitUntil(lambda: underlined(box) == ["supprot"])
    qtbot.keyClicks(panel.notes, "Chek with the Supplier team")
    qtbot.waitUntil(lambda: underlined(panel.notes) == ["Chek"])


def test_right_click_offers_suggestions_and_add_to_dictionary(window, qtbot, spelling):
    panel = start_draft(window, qtbot)
    box = panel.editors[0].rationale
    box.setPlainText("We supprot it. Bloggsware too.")
    rect = box.cursorRect(box.document().find("supprot"))
    menu = box.spelling_menu(rect.center())
    texts = [a.text() for a in menu.actions()]
    assert "support" in texts[:6]
    assert "Add “supprot” to dictionary" in texts
    next(a for a in menu.actions() if a.text() == "support").trigger()
    assert box.toPlainText() == "We support it. Bloggsware too."
    rect = box.cursorRect(box.document().find("Bloggsware"))
    menu = box.spelling_menu(rect.center())
    next(a for a in menu.actions() if a.text().startswith("Add “Bloggsware”")).trigger()
    qtbot.waitUntil(lambda: underlined(box) == [])
    assert "bloggsware" in spelling.checker.personal_path.read_text(encoding="utf-8")
    # A correct word gets only the usual commands.
    rect = box.cursorRect(box.document().find("support"))
    assert not any("dictionary" in a.text() for a in box.spelling_menu(rect.center()).actions())


def test_redrawing_the_underlines_is_not_an_edit_to_save(window, qtbot, spelling):
    panel = start_draft(window, qtbot)
    box = panel.editors[0].rationale
    qtbot.keyClicks(box, "We supprot it.")
    qtbot.keyClicks(panel.notes, "Chek this")
    assert panel.autosave.pending
    assert panel.autosave.flush()
    assert not panel.autosave.pending
    # What the checker does when it finishes loading, or a word is added to the dictionary.
    box.spelling.rehighlight()
    panel.notes.spelling.rehighlight()
    assert not panel.autosave.pending
    qtbot.keyClicks(panel.notes, "!")
    assert panel.autosave.pending
