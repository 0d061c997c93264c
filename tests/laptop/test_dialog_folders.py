"""File dialogs start in Documents, then wherever the user last chose a file, never the cwd."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog

from secresponder.ui import dialog_folders
from tests.ui.conftest import select


def test_dialogs_start_in_documents_then_the_last_folder(make_window, tmp_path, monkeypatch,
                                                         qtbot):
    notes = tmp_path / "Consultation notes"
    notes.mkdir()
    (notes / "MP231 notes.txt").write_text("Firmware upgrade pathways: our view.",
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # as a shortcut's "Start in" folder: never where to look
    asked: list[str] = []
    chosen: list[list[str]] = [[str(notes / "MP231 notes.txt")]]

    def open_files(_parent, _caption, folder, *_args, **_kwargs):
        asked.append(folder)
        return (chosen.pop() if chosen else []), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_files)
    window = make_window()
    documents = dialog_folders.documents_folder()
    assert documents.is_dir() and str(documents) != os.getcwd()
    select(window, "MP231")
    with qtbot.waitSignal(window.documents.documentsChanged, timeout=20_000):
        window.documents.browse()  # attaches the notes
    assert asked == [str(documents)]

    window.import_file()  # nothing chosen this time
    assert asked[-1] == str(notes)
    window.close()

    again = make_window()  # remembered with the window's own settings
    again.import_file()
    assert asked[-1] == str(notes)


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(make_window, tmp_path):
    make_window()
    gone = tmp_path / "USB stick"
    gone.mkdir()
    dialog_folders.remember(gone)
    assert dialog_folders.start_folder() == str(gone)
    gone.rmdir()
    assert dialog_folders.start_folder() == str(dialog_folders.documents_folder())
    assert dialog_folders.start_path("responses.zip").endswith("responses.zip")
