"""Review in the Draft tab, on the drafting service's rules: approval needs every question
answered or the gaps accepted, records who and when, and locks; Reopen unlocks (recorded);
Submitted records the date sent; owner and reviewer are kept with the draft."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from secresponder.domain.draft import DraftStatus
from secresponder.services import drafting
from secresponder.ui.review_bar import SentOnDialog
from tests.ui.conftest import select
from tests.ui.test_drafting import start_draft


@pytest.fixture(autouse=True)
def reviewer_name(monkeypatch):
    monkeypatch.setenv("SECRESPONDER_USER", "Sam Patel <sam@bright.example>")


def answer_all(panel, skip: tuple[int, ...] = ()) -> None:
    for i, editor in enumerate(panel.editors):
        if i not in skip:
            editor.rationale.setPlainText(f"Our answer to question {editor.question.number}.")
    panel.save_now()


def click_in_box(monkeypatch, wanted: str, seen: list[str]) -> None:
    def exec_(box) -> int:
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_approving_a_complete_draft_records_who_and_locks_it(window, qtbot):
    panel = start_draft(window, qtbot)
    answer_all(panel)
    qtbot.mouseClick(panel.review.review_button, Qt.MouseButton.LeftButton)
    assert panel.draft.status is DraftStatus.IN_REVIEW
    qtbot.mouseClick(panel.review.approve_button, Qt.MouseButton.LeftButton)
    assert panel.draft.status is DraftStatus.APPROVED
    assert panel.draft.approved_by.startswith("Sam Patel")
    state = panel.review.state.text()
    assert state.startswith("Approved by Sam Patel")
    assert " on 1 May 2023 at 09:00" in state
    assert "locked" in state
    editor = panel.editors[0]
    assert editor.rationale.isReadOnly() and not editor.position.isEnabled()
    assert not panel.browse_button.isEnabled()
    assert panel.review.reopen_button.isEnabled()
    assert not panel.review.approve_button.isEnabled()
    before = editor.rationale.toPlainText()
    qtbot.keyClicks(editor.rationale, " more")
    assert editor.rationale.toPlainText() == before
    # Notes stay open on a locked draft.
    assert not panel.notes.isReadOnly()
    row = window.model.find(window.list.current_id())
    assert window.model.rows()[row].draft_status == "Approved"


def test_approving_with_gaps_names_them_and_records_them(window, qtbot, monkeypatch):
    panel = start_draft(window, qtbot)
    answer_all(panel, skip=(1, 2))
    numbers = [panel.editors[i].question.number for i in (1, 2)]
    panel.change_status(DraftStatus.IN_REVIEW)
    seen: list[str] = []
    click_in_box(monkeypatch, "Cancel", seen)
    panel.change_status(DraftStatus.APPROVED)
    assert panel.draft.status is DraftStatus.IN_REVIEW
    assert seen and seen[0].startswith(f"Questions {numbers[0]}, {numbers[1]} are not answered")
    click_in_box(monkeypatch, "Approve with gaps", seen)
    panel.change_status(DraftStatus.APPROVED)
    assert panel.draft.status is DraftStatus.APPROVED
    assert list(panel.draft.approved_gaps) == numbers
    assert f"approved with questions {numbers[0]}, {numbers[1]} unanswered" in (
        panel.review.state.text())


def test_reopen_unlocks_and_is_recorded(window, qtbot):
    panel = start_draft(window, qtbot)
    answer_all(panel)
    panel.change_status(DraftStatus.IN_REVIEW)
    panel.change_status(DraftStatus.APPROVED)
    versions = len(drafting.history(window.workspace, "MP231"))
    qtbot.mouseClick(panel.review.reopen_button, Qt.MouseButton.LeftButton)
    assert panel.draft.status is DraftStatus.DRAFTING
    assert not panel.editors[0].rationale.isReadOnly()
    assert panel.review.state.text() == "Drafting."
    assert len(drafting.history(window.workspace, "MP231")) == versions + 1


def test_submitted_records_the_date_sent_and_locks(window, qtbot, monkeypatch):
    panel = start_draft(window, qtbot)
    answer_all(panel)
    panel.change_status(DraftStatus.IN_REVIEW)
    panel.change_status(DraftStatus.APPROVED)

    def exec_(dialog) -> int:
        dialog.sent_on.setDate(dialog.sent_on.date().addDays(-1))
        return 1

    monkeypatch.setattr(SentOnDialog, "exec", exec_)
    qtbot.mouseClick(panel.review.submit_button, Qt.MouseButton.LeftButton)
    assert panel.draft.status is DraftStatus.SUBMITTED
    assert panel.draft.sent_on == date(2023, 4, 30)
    assert "submitted on 30 April 2023" in panel.review.state.text()
    assert panel.editors[0].rationale.isReadOnly()


def test_owner_and_reviewer_are_kept_with_the_draft(make_window, qtbot):
    window = make_window()
    panel = start_draft(window, qtbot)
    qtbot.keyClicks(panel.review.owner, "Alex Jones")
    qtbot.keyClicks(panel.review.reviewer, "Sam Patel")
    panel.save_now()
    window.close()
    again = make_window()
    select(again, "MP231")
    draft = again.drafting.draft
    assert (draft.owner, draft.reviewer) == ("Alex Jones", "Sam Patel")
    assert again.drafting.review.people() == ("Alex Jones", "Sam Patel")


def test_the_history_shows_who_when_and_the_words_changed(window, qtbot, monkeypatch):
    from secresponder.ui.history_dialog import HistoryDialog

    panel = start_draft(window, qtbot)
    box = panel.editors[0].rationale
    box.setPlainText("We support this change.")
    panel.save_now()
    box.setPlainText("We strongly support this change.")
    panel.save_now()
    seen: list[HistoryDialog] = []

    def exec_(dialog) -> int:
        seen.append(dialog)
        return 0

    monkeypatch.setattr(HistoryDialog, "exec", exec_)
    panel.history_button.click()
    dialog = seen[0]
    newest = dialog.list.item(0).text()
    assert "Sam Patel" in newest and "01 May 2023 09:00" in newest
    shown = dialog.changes.toPlainText()
    assert "Question 1: rationale" in shown
    html = dialog.changes.toHtml()
    assert "strongly" in html and "underline" in html
    # Against the first version ever saved, the whole answer is new.
    first = min(dialog._numbers)
    dialog.compare_with(first)
    assert f"compared with version {first}" in dialog.changes.toPlainText()
    dialog.select_version(first)
    assert "Version" in dialog.changes.toPlainText()
