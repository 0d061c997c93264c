"""The window's remaining paths: a response pack of the selected consultations, Cancel while
a refresh waits on a slow server, and Preferences saved through the dialog."""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.parties import PartyCategory
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.preferences import (
    DEFAULT_REMINDER_DAYS,
    Preferences,
    load_preferences,
    save_preferences,
)
from secresponder.services.profile import load_profile
from secresponder.store.workspace import Workspace
from secresponder.ui.catalogue_model import Column
from secresponder.ui.preferences_dialog import PreferencesDialog
from tests.ui.test_refresh import NEW_ENTRY

DISPLAY = Qt.ItemDataRole.DisplayRole
DECORATION = Qt.ItemDataRole.DecorationRole


def stored_references(root: Path) -> set[str]:
    with Workspace.open(root) as ws:
        return {r[0] for r in ws.connection.execute("SELECT reference FROM consultations")}


# -- response pack ------------------------------------------------------------------------


def select_references(window, references: list[str]) -> None:
    window.list.open_only.setChecked(False)
    selection = window.list.table.selectionModel()
    selection.clearSelection()
    for reference in references:
        row = next(r for r in window.model.rows() if r.consultation.reference == reference)
        index = window.list.proxy.mapFromSource(window.model.index(window.model.find(row.id), 0))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_a_pack_of_the_selected_consultations(window, qtbot, monkeypatch, tmp_path: Path):
    target = tmp_path / "out" / "responses.zip"
    target.parent.mkdir()
    asked: list[str] = []
    gaps: list[str] = []
    boxes: list[str] = []

    def save_as(_parent, caption, *_args, **_kwargs):
        asked.append(caption)
        return str(target), "Zip files (*.zip)"

    from secresponder.ui.export_dialogs import ExportedDialog, PackChoiceDialog

    def include_blank(dialog) -> int:
        boxes.append(dialog.findChildren(type(dialog.include_blank))[0].text())
        dialog.include_blank.setChecked(True)
        return 1

    summaries: list[str] = []

    def summary(dialog) -> int:
        summaries.append(" ".join(label.text() for label in dialog.findChildren(
            type(dialog.problem))))
        return 0

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(PackChoiceDialog, "exec", include_blank)
    monkeypatch.setattr(ExportedDialog, "exec", summary)
    select_references(window, ["MP231", "MP116"])
    assert [r.consultation.reference for r in window.list.selected_rows()] == ["MP231", "MP116"]

    window.pack_action.trigger()
    qtbot.waitUntil(lambda: window.drafting.last_export is not None
                    and window.drafting.last_export.result is not None, timeout=30_000)

    assert asked == ["Save the response pack"]
    # Nothing was drafted: asked first whether to include blank forms (ticked here).
    assert boxes == ["Include blank forms for the 2 without a draft: MP231, MP116"]
    with zipfile.ZipFile(target) as pack:
        names = pack.namelist()
        tracker = openpyxl.load_workbook(io.BytesIO(pack.read("tracker.xlsx")))
    folders = sorted({name.split("/")[0] for name in names if "/" in name})
    assert [f.split(" ")[0] for f in folders] == ["MP116", "MP231"]
    for folder in folders:
        suffixes = sorted(Path(n).suffix for n in names if n.startswith(folder + "/"))
        assert suffixes == [".docx", ".eml"]
    assert "tracker.xlsx" in names
    cells = {str(c.value) for row in tracker.active.iter_rows() for c in row if c.value}
    assert any("MP231" in c for c in cells) and any("MP116" in c for c in cells)
    # One dialog names the pack and says what is missing.
    assert len(summaries) == 1
    assert "responses.zip (response pack)" in summaries[0] and "MP231" in summaries[0]
    assert gaps == []
    assert str(target) in window.statusBar().currentMessage()


def test_a_pack_with_nothing_selected_asks_for_a_selection(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("not asked")))
    window.list.open_only.setChecked(False)
    window.list.table.selectionModel().clearSelection()
    window.pack_action.trigger()
    assert window.statusBar().currentMessage() == (
        "Select the consultations to put in the pack first.")


# -- Cancel while a refresh waits -----------------------------------------------------------


@dataclass
class SlowSite:
    url: str
    asked: threading.Event  # the server has a request waiting
    release: threading.Event  # let it answer


@pytest.fixture
def slow_site(consultations_txt: Path) -> Iterator[SlowSite]:
    """A local server whose consultations page (with a new MP250) answers only when released."""
    heading = "Open Industry Consultations – SEC » FAQ Categories »\n\n"
    text = consultations_txt.read_text(encoding="utf-8")
    body = (heading + NEW_ENTRY + text[len(heading):]).encode("utf-8")
    asked, release = threading.Event(), threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.set()
            release.wait(30)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site = SlowSite(f"http://127.0.0.1:{server.server_address[1]}/consultations.txt",
                    asked, release)
    try:
        yield site
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def test_cancel_while_a_refresh_waits_on_a_slow_server(
    slow_site, workspace_root, make_window, clock, qtbot, monkeypatch
):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        save_preferences(ws, Preferences(page_urls=(slow_site.url,)))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window = make_window()
    before = window.model.rowCount()
    reports = []
    window.import_done.connect(reports.append)

    window.refresh_action.trigger()
    assert slow_site.asked.wait(20)
    assert window.cancel_button.isVisible() and not window.refresh_action.isEnabled()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)

    # The window is free at once, though the server has not answered yet.
    assert not slow_site.release.is_set()
    assert not window.cancel_button.isVisible() and not window.progress.isVisible()
    assert window.refresh_action.isEnabled() and window.import_action.isEnabled()
    assert window.statusBar().currentMessage() == (
        "Refreshing from the SEC website cancelled; nothing was changed.")

    # The page arrives after the cancel: the job ends without storing it.
    slow_site.release.set()
    qtbot.waitUntil(lambda: not window.runner.running, timeout=20_000)
    assert "MP250" not in stored_references(workspace_root)
    assert window.model.rowCount() == before
    assert reports == [] and warnings == []

    # And the next refresh runs through to the end.
    with qtbot.waitSignal(window.import_done, timeout=30_000):
        window.refresh_action.trigger()
    assert "MP250" in stored_references(workspace_root)
    assert window.model.rowCount() == before + 1


# -- Preferences ----------------------------------------------------------------------------


def test_preferences_saved_through_the_dialog_persist_and_enable_relevant(
    window, workspace_root, qtbot, monkeypatch
):
    assert not window.list.relevant.isEnabled()  # no Party Category yet
    shown: list[PreferencesDialog] = []

    def fill_and_save(dialog: PreferencesDialog) -> int:
        shown.append(dialog)
        dialog.organisation.setText("Bright Energy Ltd")
        dialog.name.setText("Sam Patel")
        dialog.email.setText("regulation@bright.example")
        dialog.category.setCurrentIndex(dialog.category.findData(PartyCategory.GAS_NETWORK))
        dialog.urls.setPlainText("https://example.org/consultations/\n\n"
                                 "https://example.org/releases/\n")
        dialog.reminder.setValue(5)
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", fill_and_save)
    window.preferences_action.trigger()

    assert shown
    assert window.statusBar().currentMessage() == "Preferences saved."
    assert window.list.relevant.isEnabled()
    assert PartyCategory.GAS_NETWORK.value in window.list.relevant.toolTip()
    assert window.drafting.reminder_days == 5
    with Workspace.open(workspace_root) as ws:
        profile = load_profile(ws)
        preferences = load_preferences(ws)
    assert (profile.organisation, profile.name, profile.email, profile.party_category) == (
        "Bright Energy Ltd", "Sam Patel", "regulation@bright.example",
        PartyCategory.GAS_NETWORK)
    assert preferences == Preferences(
        ("https://example.org/consultations/", "https://example.org/releases/"), 5)

    # The toggle now narrows the list to what a Gas Network Party is asked about.
    window.list.open_only.setChecked(False)
    everything = window.list.proxy.rowCount()
    window.list.relevant.setChecked(True)
    assert 0 < window.list.proxy.rowCount() < everything
    shown = [window.model.row_at(window.list.proxy.mapToSource(window.list.proxy.index(r, 0)).row())
             for r in range(window.list.proxy.rowCount())]
    assert all(PartyCategory.GAS_NETWORK in r.consultation.party_categories for r in shown)


def test_cancelling_the_preferences_dialog_keeps_the_old_ones(window, workspace_root,
                                                              monkeypatch):
    def change_then_cancel(dialog: PreferencesDialog) -> int:
        dialog.reminder.setValue(9)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", change_then_cancel)
    window.preferences_action.trigger()
    with Workspace.open(workspace_root) as ws:
        assert load_preferences(ws).reminder_days == DEFAULT_REMINDER_DAYS == 2
    assert window.drafting.reminder_days == 2


# -- column widths ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1360, 840), (1024, 700)])
def test_list_columns_fit_their_text(make_window, qtbot, size):
    # 8 May 2023: MP231 closes on the 12th, so its countdown carries "Closing soon" and an icon.
    window = make_window(clock_=fixed_clock(datetime(2023, 5, 8, 9, 0, tzinfo=LONDON)))
    window.resize(*size)
    qtbot.waitUntil(lambda: window.list.table.viewport().width() > 0)
    window.list.open_only.setChecked(False)
    header = window.list.table.horizontalHeader()
    metrics = window.list.table.fontMetrics()
    for column in (Column.REFERENCE, Column.CLOSES, Column.TIME_LEFT, Column.DRAFT):
        widest = max(metrics.horizontalAdvance(window.model.value(r, column, DISPLAY))
                     + (16 if window.model.value(r, column, DECORATION) is not None else 0)
                     for r in range(window.model.rowCount()))
        assert header.sectionSize(column) > widest, column.header
    assert any(window.model.value(r, Column.TIME_LEFT, DISPLAY).startswith("Closing soon: 4 days")
               for r in range(window.model.rowCount()))
    kinds = {window.model.value(r, Column.KIND, DISPLAY) for r in range(window.model.rowCount())}
    assert "—" in kinds  # a page that gives no kind
    # Every column that matters shows without sideways scrolling: Title gives way first.
    shown = sum(header.sectionSize(c) for c in Column if not header.isSectionHidden(c))
    assert shown <= window.list.table.viewport().width()
    assert not window.list.table.horizontalScrollBar().isVisible()
    assert header.sectionSize(Column.TITLE) >= metrics.horizontalAdvance("Firmware up")
    if size[0] >= 1360:
        # With room, Title has the most of it, and Kind shows.
        assert header.sectionSize(Column.TITLE) >= metrics.horizontalAdvance(
            "Firmware upgrade pathways")
        assert header.sectionSize(Column.TITLE) == max(header.sectionSize(c) for c in Column)
        assert not header.isSectionHidden(Column.KIND)
    assert header.sectionResizeMode(Column.KIND) == header.ResizeMode.Interactive


def test_an_invalid_email_in_preferences_is_refused_in_the_dialog_and_nothing_is_saved(
    window, workspace_root, qtbot, monkeypatch, tmp_path: Path
):
    outcome: list[tuple[int, str, bool]] = []

    def fill_and_save(dialog: PreferencesDialog) -> int:
        dialog.organisation.setText("Bright Energy Ltd")
        dialog.email.setText("<b>regulation at bright</b>")
        dialog.reminder.setValue(7)
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Save).click()
        dialog.grab().save(str(tmp_path / "preferences_refused.png"))
        outcome.append((dialog.result(), dialog.error.text(), dialog.isVisible()))
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", fill_and_save)
    window.preferences_action.trigger()

    [(result, said, _visible)] = outcome
    assert result == 0  # the dialog stays open for a correction
    assert said.startswith("‘<b>regulation at bright</b>’ is not an email address (")
    assert said.count(".") >= 1 and "\n" not in said
    assert window.statusBar().currentMessage() != "Preferences saved."
    with Workspace.open(workspace_root) as ws:
        profile = load_profile(ws)
        assert load_preferences(ws).reminder_days == DEFAULT_REMINDER_DAYS
    assert (profile.organisation, profile.email) == ("", "")
    assert window.drafting.reminder_days == DEFAULT_REMINDER_DAYS
