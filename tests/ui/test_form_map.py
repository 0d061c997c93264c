"""The form map in the Draft tab: what the reader found, the unsure places in bold, and
corrections that the draft follows at once."""

from __future__ import annotations

from pathlib import Path

from secresponder.services import drafting
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.ui.form_map import SURE, UNSURE
from tests.services.test_form_corrections import QUESTIONS, unnumbered_sheet
from tests.ui.conftest import select


def _question_rows(dialog):
    tree = dialog.tree
    return [tree.topLevelItem(i) for i in range(1, tree.topLevelItemCount())]


def test_form_map_shows_unsure_places_and_takes_corrections(
    make_window, qtbot, workspace_root, clock, tmp_path: Path
):
    form = unnumbered_sheet(tmp_path / "MP231 response form.xlsx")
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        drafting.choose_form(ws, "MP231", form, clock=clock)
    window = make_window()
    select(window, "MP231")
    window.tabs.setCurrentWidget(window.drafting)
    panel = window.drafting
    qtbot.waitUntil(lambda: len(panel.editors) == 4, timeout=20_000)
    assert panel.form_map_button.isEnabled()
    panel.form_map_button.click()
    dialog = panel.form_map_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert "unsure of 8 places" in dialog.summary.text()
    rows = _question_rows(dialog)
    assert [r.text(0) for r in rows] == [f"{n}. {q}" for n, q in enumerate(QUESTIONS, 1)]
    first_place = rows[0].child(0)
    assert first_place.text(2) == UNSURE and first_place.font(0).bold()
    assert "cell B5" in first_place.text(1)
    dialog.grab().save(str(tmp_path / "form-map.png"))

    dialog.tree.setCurrentItem(rows[1])  # "Please note that the legal text is in Annex A."
    assert dialog.unmark_button.isEnabled() and not dialog.confirm_button.isEnabled()
    dialog.unmark_button.click()
    rows = _question_rows(dialog)
    assert [r.text(0).split(".")[0] for r in rows] == ["1", "3", "4"]
    dialog.tree.setCurrentItem(rows[1])
    dialog.join_button.click()
    rows = _question_rows(dialog)
    assert [r.text(0).split(".")[0] for r in rows] == ["1", "3"]
    dialog.tree.setCurrentItem(rows[0].child(0))
    assert dialog.confirm_button.isEnabled()
    dialog.confirm_button.click()
    assert _question_rows(dialog)[0].child(0).text(2) == SURE
    assert dialog.corrections.count() == 3
    assert "unsure of 3 places" in dialog.summary.text()  # 2 questions x 2, one confirmed
    dialog.grab().save(str(tmp_path / "form-map-corrected.png"))

    dialog.corrections.setCurrentRow(0)  # undo "question 2 is not a question"
    dialog.undo_button.click()
    assert [r.text(0).split(".")[0] for r in _question_rows(dialog)] == ["1", "2", "3"]
    dialog.close()
    qtbot.waitUntil(lambda: len(panel.editors) == 3, timeout=5_000)
    assert [e.question.number for e in panel.editors] == ["1", "2", "3"]


def test_form_map_without_a_form_says_why(window, qtbot):
    select(window, "MP231")
    panel = window.drafting
    messages: list[str] = []
    panel.message.connect(messages.append)
    panel.form_map_button.click()
    assert messages and messages[-1].startswith("Choose the response form first")


def test_marking_a_missed_question_and_its_place_in_the_form_text(
    make_window, qtbot, monkeypatch, workspace_root, clock, tmp_path: Path
):
    from PySide6.QtWidgets import QInputDialog

    from tests.services.test_form_corrections import word_form_with_a_missed_question

    form = word_form_with_a_missed_question(tmp_path / "MP231 form.docx")
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        drafting.choose_form(ws, "MP231", form, clock=clock)
    window = make_window()
    select(window, "MP231")
    window.tabs.setCurrentWidget(window.drafting)
    panel = window.drafting
    qtbot.waitUntil(lambda: len(panel.editors) == 3, timeout=20_000)
    panel.form_map_button.click()
    dialog = panel.form_map_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    texts = [dialog.blocks.item(i).text() for i in range(dialog.blocks.count())]
    at = texts.index("paragraph 6: Any other views on the modification")
    assert texts[at + 1] == "paragraph 7: (empty)"

    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (asked.append(a[2]) or ("4", True)))
    dialog.blocks.setCurrentRow(at)
    dialog.mark_question_button.click()
    assert asked == ["paragraph 6 is question number:"]
    assert [r.text(0) for r in _question_rows(dialog)][-1] == (
        "4. Any other views on the modification")

    offered: list[list[str]] = []

    def get_item(*args, **kwargs):
        offered.append(list(args[3]))
        return "answer 4 rationale", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    dialog.blocks.setCurrentRow(at + 1)
    dialog.mark_place_button.click()
    assert "answer 4 rationale" in offered[0] and "respondent email" in offered[0]
    last = _question_rows(dialog)[-1]
    assert last.childCount() == 1 and last.child(0).text(0) == "Rationale"
    assert last.child(0).text(1) == "paragraph after question 4"
    assert last.child(0).text(2) == SURE
    dialog.grab().save(str(tmp_path / "form-map-marked.png"))
    dialog.close()
    qtbot.waitUntil(lambda: len(panel.editors) == 4, timeout=5_000)
    assert panel.editors[3].question.text == "Any other views on the modification"
