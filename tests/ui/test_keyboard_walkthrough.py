"""A whole response with the keyboard alone: find a consultation, open its draft, take the
built-in form, answer every question, send for review, approve and export. No mouse event
is sent; the file dialog and the result box are answered at their edge."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from secresponder.domain.draft import DraftStatus

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_open_draft_approve_and_export_with_the_keyboard_only(window, qtbot, monkeypatch,
                                                              tmp_path: Path):
    monkeypatch.setenv("SECRESPONDER_USER", "Sam Patel <sam@bright.example>")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    boxes: list[str] = []

    def answer_by_keyboard(box) -> int:
        """The box's buttons pressed with the space bar: Export anyway, or Close."""
        boxes.append(box.windowTitle())
        wanted = "Export anyway" if box.windowTitle() == "Before exporting" else "Close"
        button = next(b for b in box.buttons() if b.text() == wanted)
        qtbot.keyClick(button, Qt.Key.Key_Space)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_by_keyboard)
    from secresponder.ui.export_dialogs import ExportedDialog

    def close_by_keyboard(dialog) -> int:
        boxes.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return 0

    monkeypatch.setattr(ExportedDialog, "exec", close_by_keyboard)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    panel = window.drafting

    # Find it and open its draft.
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(QApplication.focusWidget(), "firmware upgrade")
    press(qtbot, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is panel
    assert panel.heading.text().startswith("MP231")
    assert QApplication.focusWidget() is panel.browse_button

    # Take the suggested built-in form from its menu.
    def choose_first() -> None:
        menu = QApplication.activePopupWidget()
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, choose_first)
    with qtbot.waitSignal(panel.form_loaded, timeout=20_000):
        press(qtbot, Qt.Key.Key_I, ALT)
    assert panel.editors

    # Answer every question, moving with Ctrl+Down.
    press(qtbot, Qt.Key.Key_Down, CTRL)
    for editor in panel.editors:
        assert QApplication.focusWidget() is editor.rationale
        qtbot.keyClicks(editor.rationale, f"Our answer to question {editor.question.number}.")
        press(qtbot, Qt.Key.Key_Down, CTRL)
    assert all(e.rationale.toPlainText() for e in panel.editors)

    # Review and approve.
    shift = CTRL | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, Qt.Key.Key_R, shift)
    assert panel.draft.status is DraftStatus.IN_REVIEW
    press(qtbot, Qt.Key.Key_A, shift)
    assert panel.draft.status is DraftStatus.APPROVED
    assert panel.draft.approved_by.startswith("Sam Patel")

    # Export.
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: any(out.iterdir()) and "Exported" in boxes, timeout=20_000)
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".eml", ".ics"]
