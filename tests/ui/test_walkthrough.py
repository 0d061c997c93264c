"""A user's walk through every consultation: select it, open Draft, take the built-in form the
window suggests for its kind, type an answer, see it saved, and export it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from secresponder.forms.builtin import builtin_form_for_kind
from secresponder.ui.autosave import SAVED
from tests.ui.conftest import select


def test_every_consultation_can_be_drafted_and_exported(window, qtbot, monkeypatch,
                                                        tmp_path: Path):
    out = tmp_path / "exports"
    folders: list[Path] = []
    boxes: list[str] = []
    problems: list[str] = []

    def choose_folder(*_args, **_kwargs) -> str:
        folders.append(out / f"{len(folders)}")
        folders[-1].mkdir(parents=True)
        return str(folders[-1])

    def answer_box(box) -> int:
        boxes.append(box.windowTitle())
        wanted = "Export anyway" if box.windowTitle() == "Before exporting" else "Close"
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose_folder)
    monkeypatch.setattr(QMessageBox, "exec", answer_box)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: problems.append(a[2]))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    from secresponder.ui.export_dialogs import ExportedDialog

    monkeypatch.setattr(ExportedDialog, "exec", lambda d: boxes.append(d.windowTitle()) or 0)
    panel = window.drafting
    references = sorted(r.consultation.reference for r in window.model.rows()
                        if r.consultation.reference)
    assert len(references) >= 9

    for reference in references:
        select(window, reference)
        window.tabs.setCurrentWidget(panel)
        row = next(r for r in window.model.rows() if r.consultation.reference == reference)
        kind = row.consultation.kind
        suggested = builtin_form_for_kind(kind)
        assert panel.form_label.text() == "No response form chosen yet."
        assert f"suggested: {suggested.title} response form" in panel.form_note.text()
        first = panel.builtin_menu.actions()[0]
        assert first.data() == suggested.key and first.text().endswith("(suggested)")
        assert panel.builtin_menu.defaultAction() is first

        with qtbot.waitSignal(panel.form_loaded, timeout=20_000):
            first.trigger()
        assert panel.form_label.text() == (
            f"Form: {suggested.title} response form (built-in)"), reference
        assert panel.editors, panel.form_note.text()
        assert panel.form_note.text() == f"{len(panel.editors)} questions found."
        editor = panel.editors[0]
        editor.position.setCurrentIndex(1)
        qtbot.keyClicks(editor.rationale, f"Our view on {reference}.")
        qtbot.waitUntil(lambda: panel.indicator.text() == SAVED, timeout=5_000)
        list_row = window.list.proxy.mapFromSource(
            window.model.index(window.model.find(row.id), 5))
        assert list_row.data(Qt.ItemDataRole.DisplayRole) == "Drafting"

        before = len(folders)
        panel.export_button.click()
        qtbot.waitUntil(lambda b=before: len(folders) > b and panel.last_export.result
                        is not None, timeout=20_000)
        written = sorted(p.suffix for p in folders[-1].iterdir())
        assert written == [".docx", ".eml", ".ics"], reference
        assert problems == []
    assert boxes.count("Exported") == len(references)
