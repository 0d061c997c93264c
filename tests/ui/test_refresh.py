"""Refresh from the SEC website against a local HTTP server, and importing a page file."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.preferences import Preferences, save_preferences
from secresponder.ui.catalogue_model import Highlight
from secresponder.ui.jobs import ImportJob
from tests.ui.conftest import select

NEW_ENTRY = (
    "MP250 ‘Smart meter display refresh’ (Closing Date: 9 June 2023)\n\n"
    "MP250 ‘Smart meter display refresh’\n\n"
    "This modification changes how In-Home Displays refresh their tariff information.\n\n"
    "Who should respond?\n\n  • Large Suppliers.\n\nRelated Documents\n\n"
    "Please find the consultation document here.\n\nHow to respond\n\n"
    "Please use the response template and contact sec.change@gemserv.com by 5pm on "
    "9 June 2023.\n\n"
)


@pytest.fixture
def site(tmp_path: Path, consultations_txt: Path, releases_txt: Path) -> Iterator[str]:
    """A local web server with a newer consultations page: MP231 extended, MP250 new."""
    root = tmp_path / "site"
    root.mkdir()
    text = consultations_txt.read_text(encoding="utf-8")
    heading = "Open Industry Consultations – SEC » FAQ Categories »\n\n"
    assert text.startswith(heading)
    text = heading + NEW_ENTRY + text[len(heading):].replace("12 May 2023", "19 May 2023")
    (root / "consultations.txt").write_text(text, encoding="utf-8")
    (root / "releases.txt").write_bytes(releases_txt.read_bytes())

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_refresh_reads_the_pages_and_highlights_what_changed(
    site, workspace_root, make_window, clock, qtbot
):
    urls = (f"{site}/consultations.txt", f"{site}/releases.txt")
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        save_preferences(ws, Preferences(page_urls=urls))
    window = make_window()
    before = window.model.rowCount()
    with qtbot.waitSignal(window.import_done, timeout=30_000) as done:
        window.refresh_action.trigger()
        assert window.cancel_button.isVisible()
    report = done.args[0]
    assert report.ok
    assert not window.cancel_button.isVisible()
    assert window.model.rowCount() == before + 1
    marks = {r.consultation.reference: r.highlight for r in window.model.rows() if r.highlight}
    assert marks == {"MP250": Highlight.NEW, "MP231": Highlight.DEADLINE_CHANGED}
    assert "new" in window.statusBar().currentMessage()
    select(window, "MP231")
    assert window.detail.changes_box.isVisibleTo(window.detail)
    assert window.detail.changes.text().startswith(
        "Extended from 5pm, Friday 12 May 2023 to 5pm, Friday 19 May 2023"
    )


def test_a_page_that_cannot_be_fetched_is_reported(site, window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    with qtbot.waitSignal(window.import_done, timeout=30_000):
        window.start_import([f"{site}/missing.html"], "Refreshing")
    assert shown and "missing.html" in shown[0]
    assert window.model.rowCount() >= 10  # nothing was lost


def test_a_cancelled_import_changes_nothing(workspace_root, clock, site, qtbot):
    job = ImportJob(workspace_root, [f"{site}/consultations.txt"], clock)
    job.cancel()
    with qtbot.waitSignal(job.signals.failed) as failed:
        job.run()
    assert "cancelled" in failed.args[0]
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        keys = {r[0] for r in ws.connection.execute("SELECT reference FROM consultations")}
    assert "MP250" not in keys


BROKEN_ENTRY = (
    "MP242 ‘Closing date not yet set’ (Closing Date: TBC)\n\n"
    "MP242 ‘Closing date not yet set’\n\nThe closing date will be confirmed.\n\n"
)


def test_the_import_notes_are_shown_beside_the_list(window, qtbot, tmp_path: Path,
                                                    releases_txt: Path):
    with qtbot.waitSignal(window.import_done, timeout=30_000):
        window.start_import([str(releases_txt)], "Importing pages")
    assert window.import_notes is None  # a page read cleanly leaves no notes

    page = tmp_path / "consultations <saved>.txt"
    page.write_text("Open Industry Consultations – SEC » FAQ Categories »\n\n"
                    + NEW_ENTRY + NEW_ENTRY + BROKEN_ENTRY, encoding="utf-8")
    with qtbot.waitSignal(window.import_done, timeout=30_000):
        window.start_import([str(page)], "Importing pages")

    notes = window.import_notes
    assert notes is not None and notes.isVisible() and not notes.isModal()
    assert window.isEnabled()  # the list stays usable while the notes are up
    lines = notes.notes.toPlainText().splitlines()
    assert lines == [
        f"{page}: MP250: listed twice on the page with the same closing date "
        "(5pm, Friday 9 June 2023); read once.",
        f"{page}: 10 stored consultations not on this page were left listed, because one of "
        "its entries could not be read.",
        f"{page}: the entry “MP242 ‘Closing date not yet set’ (Closing Date: TBC)” could not "
        "be read: no closing date could be read (the title gives 'TBC').",
    ]
    assert notes.heading.text() == "3 notes from this import:"
    assert window.statusBar().currentMessage() == (
        "Read 1 of 1 pages, 1 new, 0 changed. 3 notes: see Notes from the import.")
    assert window.model.rowCount() == 11  # the stored ones were kept, MP250 added once
    notes.grab().save(str(tmp_path / "import_notes.png"))
