"""Drafting in the window: choosing a form, autosave, closing and reopening, history,
snippets, and export with its dialogs."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from secresponder.forms.builtin import builtin_forms
from secresponder.ui.autosave import PENDING, SAVED
from tests.ui.conftest import select


def start_draft(window, qtbot, reference: str = "MP231"):
    select(window, reference)
    window.tabs.setCurrentWidget(window.drafting)
    panel = window.drafting
    form = next(f for f in builtin_forms() if f.key == "modification-report-consultation")
    with qtbot.waitSignal(panel.form_loaded, timeout=20_000):
        panel.choose_builtin(form)
    assert panel.editors, panel.form_note.text()
    return panel


def test_typing_is_autosaved_and_survives_closing(make_window, qtbot):
    window = make_window()
    panel = start_draft(window, qtbot)
    editor = panel.editors[0]
    qtbot.keyClicks(editor.rationale, "We support this change.")
    assert panel.indicator.text() == PENDING
    assert editor.words.text() == "4 words"
    qtbot.waitUntil(lambda: panel.indicator.text() == SAVED, timeout=5_000)
    editor.position.setCurrentIndex(editor.position.findData("Yes"))
    qtbot.keyClicks(panel.editors[1].rationale, "Typed just before closing")
    assert panel.autosave.pending
    window.close()  # flushes what the timer had not saved yet

    again = make_window()
    select(again, "MP231")
    panel = again.drafting
    assert panel.editors[0].rationale.toPlainText() == "We support this change."
    assert panel.editors[0].answer().response == "Yes"
    assert panel.editors[1].rationale.toPlainText() == "Typed just before closing"
    assert panel.form_label.text() == (
        "Form: Modification Report Consultation response form (built-in)")


def test_respondent_details_come_from_the_profile(make_window, workspace_root, clock, qtbot):
    from secresponder.domain.parties import PartyCategory
    from secresponder.services.bootstrap import open_seeded_workspace
    from secresponder.services.profile import update_profile

    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        update_profile(ws, organisation="Bright Energy", name="Sam Patel",
                       email="sam@bright.example", party_category=PartyCategory.SMALL_SUPPLIER)
    window = make_window()
    panel = start_draft(window, qtbot)
    assert panel.respondent_edits["organisation"].text() == "Bright Energy"
    assert panel.respondent_edits["party_category"].text() == "Small Supplier"
    panel.respondent_edits["name"].clear()
    qtbot.keyClicks(panel.respondent_edits["name"], "Alex Jones")
    panel.flush()
    assert panel.draft.respondent_overrides == {"name": "Alex Jones"}


def test_status_moves_follow_the_workflow(window, qtbot):
    panel = start_draft(window, qtbot)
    messages = []
    panel.message.connect(messages.append)
    panel.status.setCurrentIndex(panel.status.findText("Approved"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert panel.status.currentText() == "Drafting"  # not allowed straight from Drafting
    assert messages and "cannot go from Drafting to Approved" in messages[-1]
    panel.status.setCurrentIndex(panel.status.findText("In review"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert panel.draft.status.value == "In review"
    row = window.model.find(window.list.current_id())
    assert window.model.index(row, 5).data() == "In review"


def test_version_history_restore(window, qtbot):
    panel = start_draft(window, qtbot)
    editor = panel.editors[0]
    qtbot.keyClicks(editor.rationale, "First thoughts")
    panel.save_now()
    first = panel.draft.version
    editor.rationale.selectAll()
    qtbot.keyClicks(editor.rationale, "Second thoughts")
    panel.save_now()
    assert panel.draft.version == first + 1
    panel.restore_version(first)
    assert panel.editors[0].rationale.toPlainText() == "First thoughts"
    assert panel.draft.version == first + 2


def test_a_form_without_questions_says_why(window, qtbot, tmp_path: Path):
    path = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Dear SECAS, thank you for the update. Kind regards.")
    document.save(path)
    select(window, "MP231")
    panel = window.drafting
    with qtbot.waitSignal(panel.message, timeout=20_000):
        panel.choose_form_file(path)
    assert not panel.editors
    note = panel.form_note.text()
    assert "letter.docx" in note and note.endswith(".")


def test_dropping_a_form_on_the_window_chooses_it(window, qtbot, tmp_path: Path):
    form = next(f for f in builtin_forms() if f.key == "refinement-consultation")
    copy = tmp_path / "MP231 response form.docx"
    copy.write_bytes(form.path.read_bytes())
    select(window, "MP231")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(copy))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.drafting.form_loaded, timeout=20_000):
        window.dropEvent(event)
    assert window.tabs.currentWidget() is window.drafting
    assert window.drafting.form_label.text() == "Form: MP231 response form.docx"
    assert window.drafting.editors


def test_snippets_save_and_insert(window, qtbot, monkeypatch):
    panel = start_draft(window, qtbot)
    first, second = panel.editors[0], panel.editors[1]
    qtbot.keyClicks(first.rationale, "We agree with the proposed legal text.")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Agree legal text", True))
    first.save_snippet.click()

    from secresponder.ui import snippets_dialog

    def pick(workspace, parent):
        picker = snippets_dialog.SnippetPicker(workspace, parent)
        picker.search.setText("legal")
        assert picker.list.count() == 1
        picker._accept()
        return picker.chosen

    monkeypatch.setattr(snippets_dialog, "choose_snippet", pick)
    second.insert_snippet.click()
    assert second.rationale.toPlainText() == "We agree with the proposed legal text."


def test_export_shows_warnings_then_writes_and_offers_to_open(window, qtbot, monkeypatch,
                                                             tmp_path: Path):
    panel = start_draft(window, qtbot)
    qtbot.keyClicks(panel.editors[0].rationale, "We support MP231.")
    out = tmp_path / "out"
    out.mkdir()
    seen: dict[str, list] = {"warnings": [], "opened": []}

    def exec_box(box):
        seen["warnings"].append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "Export anyway").click()
        return 0

    def open_email(dialog) -> int:
        eml = next(p for p in dialog.open_buttons if p.suffix == ".eml")
        dialog.open_buttons[eml].click()
        return 0

    from secresponder.ui.export_dialogs import ExportedDialog

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(ExportedDialog, "exec", open_email)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: seen["warnings"].append(a[2]))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: seen["opened"].append(url.toLocalFile()) or True)
    window.export_action.trigger()
    qtbot.waitUntil(
        lambda: panel.last_export is not None and panel.last_export.result is not None,
        timeout=20_000,
    )
    assert "not answered" in seen["warnings"][0]  # shown before anything was written
    names = sorted(p.suffix for p in out.iterdir())
    assert names == [".docx", ".eml", ".ics"]
    assert seen["opened"] and seen["opened"][0].endswith(".eml")


def test_export_cancelled_at_the_warnings_writes_nothing(window, qtbot, monkeypatch,
                                                        tmp_path: Path):
    panel = start_draft(window, qtbot)
    asked = []

    def cancel(box):
        asked.append(box.windowTitle())
        next(b for b in box.buttons() if b.text() != "Export anyway").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("not asked")))
    messages = []
    panel.message.connect(messages.append)
    panel.export_response()
    qtbot.waitUntil(lambda: "Export cancelled." in messages, timeout=20_000)
    assert panel.last_export.result is None
    assert asked == ["Before exporting"]


def test_window_remembers_geometry_and_toggles(make_window, qsettings_path):
    window = make_window()
    window.resize(760, 560)
    window.splitter.setSizes([300, 400])
    width, sizes = window.width(), window.splitter.sizes()
    window.list.open_only.setChecked(False)
    window.close()
    again = make_window()
    assert not again.list.open_only.isChecked()
    assert again.width() == width
    restored = again.splitter.sizes()
    assert abs(restored[0] - sizes[0]) <= 12, (restored, sizes)
    assert qsettings_path.exists()


def test_a_new_draft_shows_in_the_list_once_saved(window, qtbot):
    from secresponder.ui.catalogue_model import Column

    start_draft(window, qtbot)
    row = window.model.find(window.list.current_id())
    assert window.model.index(row, Column.DRAFT).data() == "Drafting"
