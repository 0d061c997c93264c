"""Two people on one draft in the window: others' changes merge in, a clash shows in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from secresponder.services import drafting
from secresponder.store.workspace import Workspace
from secresponder.ui.autosave import SAVED
from secresponder.ui.conflict_view import ConflictView
from tests.ui.test_drafting import start_draft

SAM = "Sam Patel <sam@bright.example>"


def _someone_else_saves(workspace_root, clock, base, number: str, text: str) -> None:
    """Another person (another process, in real life) saves from the version they opened."""
    with Workspace.open(workspace_root) as other:
        drafting.save(other, base.with_answer(number, rationale=text), author=SAM, clock=clock)


def test_others_changes_merge_into_the_editors(make_window, workspace_root, clock, qtbot,
                                               monkeypatch):
    monkeypatch.setenv("SECRESPONDER_USER", "Asha Khan <asha@bright.example>")
    window = make_window()
    panel = start_draft(window, qtbot)
    opened = panel.draft
    _someone_else_saves(workspace_root, clock, opened, "2", "Sam's view on two.")
    qtbot.keyClicks(panel.editors[0].rationale, "Asha's answer.")
    panel.flush()
    assert panel.indicator.text() == SAVED
    assert panel.editors[0].rationale.toPlainText() == "Asha's answer."
    assert panel.editors[1].rationale.toPlainText() == "Sam's view on two."
    assert panel.findChild(ConflictView) is None
    history = drafting.history(window.workspace, "MP231")
    assert history[-1].author == "Asha Khan <asha@bright.example>"
    assert "merged with version" in history[-1].summary


def test_a_clash_shows_yours_and_theirs_in_place_and_use_mine_restores_it(
        make_window, workspace_root, clock, qtbot, tmp_path):
    window = make_window()
    window.resize(1200, 900)
    panel = start_draft(window, qtbot)
    opened = panel.draft
    _someone_else_saves(workspace_root, clock, opened, "1", "Sam's wording.")
    qtbot.keyClicks(panel.editors[0].rationale, "Asha's wording.")
    panel.flush()
    view = panel.findChild(ConflictView)
    assert view is not None and view.isVisible()
    assert view.sentence.text().startswith("Question 1 was changed by Sam Patel at 09:00 since "
                                           "you opened the draft; your text was kept as version")
    boxes = {box.accessibleName(): box.toPlainText()
             for box in view.findChildren(QPlainTextEdit)}
    assert boxes == {"Question 1: yours": "Asha's wording.",
                     "Question 1: saved": "Sam's wording."}
    # Until a choice is made the saved text stands, in the store and in the editor.
    assert panel.editors[0].rationale.toPlainText() == "Sam's wording."
    qtbot.wait(50)  # let the re-created editors show before the screenshot
    window.grab().save(str(tmp_path / "conflict.png"))
    mine = view.findChild(QPushButton, "useMine:answer:1")
    qtbot.mouseClick(mine, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.findChild(ConflictView) is None or not view.isVisible())
    assert panel.editors[0].rationale.toPlainText() == "Asha's wording."
    stored = drafting.open_draft(window.workspace, "MP231")
    assert stored.answers["1"].rationale == "Asha's wording."
    assert [h.conflict for h in drafting.history(window.workspace, "MP231")].count(True) == 1


def test_keep_saved_closes_the_view_and_changes_nothing(make_window, workspace_root, clock,
                                                         qtbot):
    window = make_window()
    panel = start_draft(window, qtbot)
    _someone_else_saves(workspace_root, clock, panel.draft, "1", "Sam's wording.")
    qtbot.keyClicks(panel.editors[0].rationale, "Asha's wording.")
    panel.flush()
    view = panel.findChild(ConflictView)
    versions = len(drafting.history(window.workspace, "MP231"))
    qtbot.mouseClick(view.findChild(QPushButton, "keepSaved:answer:1"),
                     Qt.MouseButton.LeftButton)
    assert not view.isVisible()
    assert len(drafting.history(window.workspace, "MP231")) == versions
    assert drafting.open_draft(window.workspace, "MP231").answers["1"].rationale == (
        "Sam's wording.")


def test_a_clash_stays_with_its_own_draft_when_another_consultation_is_shown(
        make_window, workspace_root, clock, qtbot):
    from tests.ui.conftest import select

    window = make_window()
    panel = start_draft(window, qtbot)
    _someone_else_saves(workspace_root, clock, panel.draft, "1", "Sam's wording.")
    qtbot.keyClicks(panel.editors[0].rationale, "Asha's wording.")
    panel.flush()
    view = panel.findChild(ConflictView)
    assert view is not None and view.isVisible()
    select(window, "MP216")
    assert panel.stored.consultation.reference == "MP216" and not view.isVisible()
    select(window, "MP231")
    qtbot.waitUntil(view.isVisible)
    qtbot.mouseClick(view.findChild(QPushButton, "useMine:answer:1"), Qt.MouseButton.LeftButton)
    assert panel.editors[0].rationale.toPlainText() == "Asha's wording."
    assert drafting.open_draft(window.workspace, "MP231").answers["1"].rationale == (
        "Asha's wording.")
