"""The real window on a team database: listing, drafting and saving, and choosing it in
Preferences ("This computer" or "Team server"), which reopens the window on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from secresponder.forms.builtin import builtin_forms
from secresponder.services import draft_reads
from secresponder.services.lookup import find_consultation
from secresponder.services.session import open_workspace, parse_address
from secresponder.ui.main_window import MainWindow, create_main_window
from secresponder.ui.preferences_dialog import PreferencesDialog
from secresponder.ui.workspace_choice import load_choice, stored_address
from tests.ui.conftest import select
from tests.ui.test_drafting import start_draft

SAM = "Sam Patel <sam@bright.example>"


@pytest.fixture
def open_team_window(make_window, pg_workspace_url, monkeypatch):
    """Builds the real window on the team database, shown and loaded ($SECRESPONDER_HOME,
    under which its local folder goes, is a temporary folder)."""
    monkeypatch.setenv("SECRESPONDER_USER", SAM)
    return lambda: make_window(where=pg_workspace_url)


def test_the_window_lists_drafts_and_saves_on_a_team_database(
        open_team_window, qtbot, pg_workspace_url, workspace_root, tmp_path: Path):
    window = open_team_window()
    server = parse_address(pg_workspace_url).display
    assert server.startswith("Team server: 127.0.0.1:") and server.endswith("/shared_workspace")
    assert window.windowTitle() == f"secresponder \u2014 {server}"
    assert window.workspace_label.text() == server
    # The first window on an empty team database lists the bundled consultations.
    references = {row.consultation.reference for row in window.model.rows()}
    assert {"MP231", "MP216"} <= references

    panel = start_draft(window, qtbot)
    editor = panel.editors[0]
    qtbot.keyClicks(editor.rationale, "Our meters need the upgrade order.")
    editor.position.setCurrentIndex(editor.position.findData("Yes"))
    window.save_action.trigger()
    qtbot.waitUntil(lambda: not panel.autosave.pending, timeout=5_000)
    window.grab().save(str(tmp_path / "team-window.png"))

    with open_workspace(pg_workspace_url) as ws:  # as another window would read it
        stored = find_consultation(ws, "MP231")
        draft = draft_reads.stored_draft(ws, stored.id)
    assert draft is not None
    answer = draft.answers["1"]
    assert (answer.response, answer.rationale) == ("Yes", "Our meters need the upgrade order.")
    # Nothing was written to a folder workspace.
    assert not (workspace_root / "workspace.sqlite3").exists()

    window.close()
    again = open_team_window()
    select(again, "MP231")
    assert again.drafting.editors[0].rationale.toPlainText() == (
        "Our meters need the upgrade order.")


def _save_preferences(dialog: PreferencesDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_preferences_choose_the_team_server_and_the_window_reopens_on_it(
        window, qtbot, monkeypatch, pg_workspace_url, qsettings_path, tmp_path: Path):
    said: list[str] = []

    def with_password(dialog: PreferencesDialog) -> int:
        assert dialog.this_computer.isChecked()  # the usual folder, until chosen otherwise
        dialog.team_server.setChecked(True)
        dialog.server.setText(pg_workspace_url.replace("pgadmin@", "pgadmin:hunter2@"))
        _save_preferences(dialog)
        said.append(dialog.error.text())
        dialog.grab().save(str(tmp_path / "preferences-workspace-refused.png"))
        dialog.server.setText(pg_workspace_url)
        _save_preferences(dialog)
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", with_password)
    reopened: list = []
    window.reopen = reopened.append
    window.preferences_action.trigger()

    [refusal] = said
    assert "password file" in refusal and "hunter2" not in refusal and "\n" not in refusal
    qtbot.waitUntil(lambda: reopened != [], timeout=2_000)
    assert reopened[0].given == pg_workspace_url
    stored = QSettings(str(qsettings_path), QSettings.Format.IniFormat)
    assert load_choice(stored).team and load_choice(stored).server == pg_workspace_url
    assert stored_address(stored) == (parse_address(pg_workspace_url), None)
    assert "hunter2" not in qsettings_path.read_text()


def test_without_a_way_to_reopen_the_choice_waits_for_the_next_start(
        window, monkeypatch, pg_workspace_url):
    def choose(dialog: PreferencesDialog) -> int:
        dialog.team_server.setChecked(True)
        dialog.server.setText(pg_workspace_url)
        _save_preferences(dialog)
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", choose)
    window.preferences_action.trigger()
    server = parse_address(pg_workspace_url).display
    assert window.statusBar().currentMessage() == (
        f"Preferences saved; secresponder opens on {server} at the next start.")


def test_the_launcher_reopens_the_window_on_the_chosen_team_database(
        qtbot, pg_workspace_url, workspace_root, clock, monkeypatch, qsettings_path):
    import shiboken6

    from secresponder.ui import launcher

    monkeypatch.setenv("SECRESPONDER_USER", SAM)
    monkeypatch.setattr(launcher, "_open_windows", [])
    monkeypatch.setattr("secresponder.ui.main_window.default_settings",
                        lambda: QSettings(str(qsettings_path), QSettings.Format.IniFormat))
    old = launcher.open_window(parse_address(workspace_root), clock=clock)
    qtbot.waitUntil(lambda: old.loaded, timeout=20_000)
    old_session = old.session
    new = launcher.open_window(parse_address(pg_workspace_url), clock=clock, replacing=old)
    try:
        qtbot.waitUntil(lambda: new.loaded, timeout=20_000)
        qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=2_000)  # closed, deleted
        assert old_session.workspace is None
        assert launcher._open_windows == [new]
        assert new.session.is_team and new.workspace is not None
        assert any(row.consultation.reference == "MP231" for row in new.model.rows())
    finally:
        new.error_boundary.uninstall()
        new.close()
        new.deleteLater()


def test_documents_search_and_export_from_the_window_on_a_team_database(
        open_team_window, qtbot, monkeypatch, pg_workspace_url, tmp_path: Path):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from secresponder.ui.documents_panel import AttachSource
    from tests.documents.document_builders import pdf_bytes

    window = open_team_window()
    select(window, "MP231")
    documents = window.documents
    opened: list[Path] = []
    documents._open_file = opened.append
    paper = tmp_path / "MP231 consultation.pdf"
    paper.write_bytes(pdf_bytes([["Firmware sequencing for prepayment meters"]] * 2))
    with qtbot.waitSignal(documents.documentsChanged, timeout=20_000):
        documents.attach([AttachSource(str(paper))])
    assert [a.label for a in documents.attachments] == ["MP231 consultation.pdf"]
    documents.table.selectRow(0)
    documents.open_selected()
    # Opened from a local copy of the database's file, in the database's local folder.
    (path,) = opened
    assert path.read_bytes() == paper.read_bytes()
    assert path.is_relative_to(window.session.address.local_folder)

    window.search.set_query("prepayment")
    assert window.search.hits, window.search.status.text()

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: next(
        b for b in box.buttons() if b.text() == "Export anyway").click() or 0)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    window.drafting.choose_builtin(next(
        f for f in builtin_forms() if f.key == "modification-report-consultation"))
    qtbot.waitUntil(lambda: window.drafting.editors != [], timeout=20_000)
    window.export_action.trigger()
    panel = window.drafting
    qtbot.waitUntil(lambda: panel.last_export is not None
                    and panel.last_export.result is not None, timeout=20_000)
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".eml", ".ics"]


def test_a_team_server_that_cannot_be_reached_is_one_sentence_and_can_be_changed(
        qtbot, qsettings_path, clock, monkeypatch, workspace_root):
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(
        text))
    unreachable = "postgresql://sam@127.0.0.1:1/secresponder"
    settings = QSettings(str(qsettings_path), QSettings.Format.IniFormat)
    window = create_main_window(unreachable, clock=clock, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.job_failed, timeout=20_000) as failed:
        window.show()
    [sentence] = failed.args
    assert sentence.startswith(f"{unreachable}: could not connect to the database (")
    assert "\n" not in sentence and warned == [sentence]
    assert window.workspace is None

    offered: list[tuple[bool, bool]] = []

    def back_to_this_computer(dialog: PreferencesDialog) -> int:
        offered.append((dialog.workspace_box.isEnabled(), dialog.organisation.isEnabled()))
        dialog.this_computer.setChecked(True)
        _save_preferences(dialog)
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", back_to_this_computer)
    window.preferences_action.trigger()
    assert offered == [(True, False)]  # only the workspace, as nothing else can be read
    assert window.statusBar().currentMessage() == (
        f"Preferences saved; secresponder opens on {workspace_root} at the next start.")
    window.close()


@pytest.mark.parametrize("given", [False, True])
def test_the_window_opens_the_stored_choice_unless_workspace_is_given(
        qtbot, qapp, monkeypatch, qsettings_path, pg_workspace_url, workspace_root, given):
    from secresponder.cli.main import main
    from secresponder.ui import launcher
    from secresponder.ui.workspace_choice import WorkspaceChoice, save_choice

    settings = QSettings(str(qsettings_path), QSettings.Format.IniFormat)
    save_choice(settings, WorkspaceChoice(team=True, server=pg_workspace_url))
    monkeypatch.setattr("secresponder.ui.main_window.default_settings",
                        lambda: QSettings(str(qsettings_path), QSettings.Format.IniFormat))
    monkeypatch.setattr(launcher, "_open_windows", [])
    monkeypatch.setattr(type(qapp), "exec", lambda _app: 0)  # the test drives the events
    refreshed: list[bool] = []
    monkeypatch.setattr(MainWindow, "refresh", lambda _w, quiet=False: refreshed.append(quiet))
    monkeypatch.setenv("SECRESPONDER_USER", SAM)
    argv = ["--workspace", str(workspace_root)] if given else []
    assert main(argv) == 0
    [window] = launcher._open_windows
    try:
        qtbot.waitUntil(lambda: window.loaded, timeout=20_000)
        expected = parse_address(workspace_root if given else pg_workspace_url)
        assert window.session.address == expected
        assert window.workspace_label.text() == expected.display
        assert refreshed == [True]  # the app's quiet refresh at start (not run here)
    finally:
        window.error_boundary.uninstall()
        window.close()
        window.deleteLater()


def test_preferences_keep_your_name_in_your_own_settings_and_sign_your_saves(
        make_window, qtbot, monkeypatch, tmp_path: Path):
    from secresponder.services import identity

    monkeypatch.delenv("SECRESPONDER_USER", raising=False)
    monkeypatch.setattr(identity, "settings_path", lambda: tmp_path / "own" / "user.json")
    window = make_window()
    said: list[str] = []

    def rename(dialog: PreferencesDialog) -> int:
        assert dialog.you.text() == identity.login_name()  # nothing saved yet
        dialog.you.setText("Asha Khan <asha@bright")  # an unfinished address
        _save_preferences(dialog)
        said.append(dialog.error.text())
        dialog.you.setText("Asha Khan <asha@bright.example>")
        _save_preferences(dialog)
        dialog.grab().save(str(tmp_path / "preferences-you.png"))
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", rename)
    window.preferences_action.trigger()
    assert said == ['Your name: "Asha Khan <asha@bright" is not a name with an email; write it '
                    'as "Sam Patel <sam@example.com>".']
    assert identity.saved_user() == identity.Person("Asha Khan", "asha@bright.example")

    panel = start_draft(window, qtbot)
    qtbot.keyClicks(panel.editors[0].rationale, "Signed by the name in Preferences.")
    window.save_action.trigger()
    qtbot.waitUntil(lambda: not panel.autosave.pending, timeout=5_000)
    latest = draft_reads.versions(window.workspace, panel.stored.id)[-1]
    assert latest.author == "Asha Khan <asha@bright.example>"


def test_preferences_keep_the_team_servers_password_in_the_keyring_once_it_is_accepted(
        make_window, qtbot, monkeypatch, password_role, memory_keyring, tmp_path: Path):
    from PySide6.QtWidgets import QInputDialog

    answers = iter(["wrong", "tr0ub4dor&3"])
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *args, **kwargs: (next(answers), True)))
    window = make_window()
    said: list[str] = []

    def keep(dialog: PreferencesDialog) -> int:
        dialog.team_server.setChecked(True)
        dialog.server.setText(password_role)
        dialog.keep_password.click()
        said.append(dialog.error.text())
        dialog.keep_password.click()
        said.append(dialog.error.text())
        dialog.grab().save(str(tmp_path / "preferences-password.png"))
        return 0

    monkeypatch.setattr(PreferencesDialog, "exec", keep)
    window.preferences_action.trigger()
    assert said[0].startswith(f"{password_role}: could not connect to the database (")
    assert said[0].endswith("; the password was not kept.")
    assert said[1].startswith(f"{password_role}: the password is kept in the system keyring as ")
    assert list(memory_keyring.entries.values()) == ["tr0ub4dor&3"]
    # Nothing of it went into the app's settings.
    assert "tr0ub4dor" not in window.state.settings.fileName() and all(
        "tr0ub4dor" not in str(window.state.settings.value(key))
        for key in window.state.settings.allKeys())
