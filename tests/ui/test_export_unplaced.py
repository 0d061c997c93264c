"""The window names answers with no place in the form before exporting, and lets the
user go on without them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from secresponder.services import drafting
from secresponder.services.bootstrap import open_seeded_workspace
from tests.forms import builders as b
from tests.forms.docx.docx_compare import cells_text, document
from tests.ui.conftest import select


def test_unplaced_answer_is_shown_before_export_and_left_out(
    make_window, qtbot, monkeypatch, workspace_root, clock, tmp_path: Path
):
    form = b.build_table_full(tmp_path / "MP231 Consultation Response Form.docx")
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        drafting.choose_form(ws, "MP231", form, clock=clock)
        draft = drafting.open_draft(ws, "MP231")
        draft = draft.with_answer("1", "Yes", "We support MP231.")
        draft = draft.with_answer("7", "No", "An answer kept from another form.")
        drafting.save_draft(ws, draft, clock=clock)

    window = make_window()
    select(window, "MP231")
    window.tabs.setCurrentWidget(window.drafting)
    panel = window.drafting
    qtbot.waitUntil(lambda: bool(panel.editors), timeout=20_000)
    out = tmp_path / "out"
    out.mkdir()
    shown: list[str] = []

    def exec_box(box):
        if box.windowTitle() == "Before exporting":
            shown.append(box.informativeText())
            box.grab().save(str(tmp_path / "before-exporting.png"))
            chosen = "Export anyway"
        else:
            chosen = "Close"
        next(b for b in box.buttons() if b.text() == chosen).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    window.export_action.trigger()
    qtbot.waitUntil(
        lambda: panel.last_export is not None and panel.last_export.result is not None,
        timeout=20_000,
    )
    assert shown, "no warning was shown before exporting"
    lines = shown[0].splitlines()
    assert [line for line in lines if line.startswith("• Not placed in the form: answer 7")]
    written = next(p for p in out.iterdir() if p.suffix == ".docx")
    rows = [" ".join(row) for row in cells_text(document(written.read_bytes()))]
    assert any("We support MP231." in row for row in rows)
    assert not any("another form" in row for row in rows)
    assert [w for w in panel.last_export.result.warnings if "answer 7" in w]
