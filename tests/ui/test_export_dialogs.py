"""The export result names each file with Open and Show in folder, says why an open failed;
a pack takes only drafted consultations unless blank forms are asked for."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from secresponder.ui.export_dialogs import ExportedDialog, PackChoiceDialog
from tests.ui.test_drafting import start_draft


def test_each_file_is_named_and_a_failed_open_says_why(qtbot, tmp_path, monkeypatch):
    files = []
    for name in ("MP231 response.docx", "MP231 response.eml", "MP231 reminder.ics"):
        (tmp_path / name).write_bytes(b"x")
        files.append(tmp_path / name)
    dialog = ExportedDialog(tmp_path, files)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(type(dialog.problem)))
    assert f"3 files written to {tmp_path}:" in text
    assert "MP231 response.eml (email draft)" in text
    assert "MP231 reminder.ics (calendar reminder)" in text
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or False)
    dialog.open_buttons[files[1]].click()
    assert opened == [str(files[1])]
    assert dialog.problem.text() == (
        "No program on this computer is set to open a .eml file, so MP231 response.eml could "
        f"not be opened; it is in {tmp_path}.")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    dialog.show_folder.click()
    assert dialog.problem.text() == "" and not dialog.problem.isVisibleTo(dialog)
    files[2].unlink()
    dialog.open_buttons[files[2]].click()
    assert dialog.problem.text() == f"MP231 reminder.ics is no longer there ({tmp_path})."


def test_a_pack_leaves_out_undrafted_consultations_unless_asked(window, qtbot, monkeypatch,
                                                                tmp_path: Path):
    from tests.ui.test_window_paths import select_references

    start_draft(window, qtbot, "MP231")
    window.drafting.editors[0].rationale.setPlainText("We support it.")
    window.drafting.save_now()
    target = tmp_path / "pack.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(PackChoiceDialog, "exec", lambda d: 1)  # not ticked
    summaries: list[str] = []
    monkeypatch.setattr(ExportedDialog, "exec", lambda d: summaries.append(" ".join(
        label.text() for label in d.findChildren(type(d.problem)))) or 0)
    select_references(window, ["MP231", "MP116"])
    window.pack_action.trigger()
    qtbot.waitUntil(lambda: window.drafting.last_export.result is not None, timeout=30_000)
    with zipfile.ZipFile(target) as pack:
        folders = {n.split("/")[0].split(" ")[0] for n in pack.namelist() if "/" in n}
    assert folders == {"MP231"}
    assert len(summaries) == 1 and "Left out, with no draft: MP116." in summaries[0]
