"""Render screenshots of the real window offscreen into docs/screenshots/.

Run: .venv/bin/python scripts/screenshots.py
Uses a temporary workspace seeded from the bundled snapshot, a fixed clock and
temporary window settings, so it never touches the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from secresponder.domain.clock import fixed_clock  # noqa: E402
from secresponder.domain.deadline import LONDON  # noqa: E402
from secresponder.domain.parties import PartyCategory  # noqa: E402
from secresponder.forms.builtin import builtin_forms  # noqa: E402
from secresponder.services.bootstrap import open_seeded_workspace  # noqa: E402
from secresponder.services.profile import update_profile  # noqa: E402
from secresponder.ui.main_window import create_main_window  # noqa: E402
from secresponder.ui.preferences_dialog import PreferencesDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait_for(app: QApplication, condition) -> None:
    import time

    deadline = time.monotonic() + 30
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the window did not get there in 30 seconds")
        app.processEvents()


def make_window(app, root: Path, settings: Path, when: datetime, size=(1360, 840)):
    window = create_main_window(
        root, clock=fixed_clock(when),
        settings=QSettings(str(settings), QSettings.Format.IniFormat),
    )
    window.resize(*size)
    window.show()
    wait_for(app, lambda: window.loaded)
    settle(app)
    return window


def select(window, reference: str) -> None:
    window.list.open_only.setChecked(False)
    row = next(r for r in window.model.rows() if r.consultation.reference == reference)
    window.list.select_id(row.id)


def changed_page() -> str:
    """The bundled consultations page with MP231's deadline moved and one consultation added."""
    from secresponder.bundled import resource_path

    text = resource_path("snapshot", "consultations.txt").read_text(encoding="utf-8")
    heading, _, rest = text.partition("\n\n")
    added = (
        "MP250 ‘Smart meter display refresh’ (Closing Date: 9 June 2023)\n\n"
        "MP250 ‘Smart meter display refresh’\n\nThis modification changes how In-Home "
        "Displays refresh their tariff information.\n\nWho should respond?\n\n  • Large "
        "Suppliers.\n\nHow to respond\n\nPlease use the response template and contact "
        "sec.change@gemserv.com by 5pm on 9 June 2023.\n\n"
    )
    return f"{heading}\n\n{added}" + rest.replace("12 May 2023", "19 May 2023")


def panel_versions(window):
    from secresponder.services import drafting

    return drafting.history(window.workspace, "MP231")


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202124"), (roles.WindowText, "#e8eaed"), (roles.Base, "#17181a"),
        (roles.AlternateBase, "#26282b"), (roles.Text, "#e8eaed"), (roles.Button, "#2b2d30"),
        (roles.ButtonText, "#e8eaed"), (roles.Highlight, "#3d6fb6"),
        (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#2b2d30"),
        (roles.ToolTipText, "#e8eaed"), (roles.PlaceholderText, "#9aa0a6"),
        (roles.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        settings = Path(tmp) / "window.ini"
        may = datetime(2023, 5, 8, 9, 0, tzinfo=LONDON)
        with open_seeded_workspace(root, clock=fixed_clock(may)) as ws:
            update_profile(ws, organisation="Bright Energy Ltd", name="Sam Patel",
                           email="regulation@bright.example", phone="020 7946 0000",
                           party_category=PartyCategory.SMALL_SUPPLIER)

        window = make_window(app, root, settings, may)
        select(window, "MP116")
        settle(app)
        window.grab().save(str(OUT / "main-list-detail.png"))

        window.list.search.setText("firmware")
        settle(app)
        window.grab().save(str(OUT / "search-typed.png"))
        window.list.search.setText("zebra crossing")
        settle(app)
        window.grab().save(str(OUT / "search-no-matches.png"))
        window.list.clear_filters()
        settle(app)

        select(window, "MP231")
        window.tabs.setCurrentWidget(window.drafting)
        panel = window.drafting
        form = next(f for f in builtin_forms() if f.key == "modification-report-consultation")
        loaded = []
        panel.form_loaded.connect(lambda: loaded.append(True))
        panel.choose_builtin(form)
        wait_for(app, lambda: loaded)
        panel.editors[0].position.setCurrentIndex(panel.editors[0].position.findData("Yes"))
        from secresponder.ui.spelling import SpellingService

        SpellingService.shared().wait_ready()
        panel.editors[0].rationale.setPlainText(
            "We support MP231. Recording the upgrade path in the Firmware Information "
            "Repository lets Suppliers plan upgrades in the rigth order.\n\nWe would ask "
            "that existing CPL entries are completed within six months.")
        panel.notes.setPlainText("Chek the DCC's view on Communications Hub firmware.")
        panel.flush()
        settle(app)
        window.grab().save(str(OUT / "drafting.png"))

        dialog = PreferencesDialog(window.workspace, window)
        dialog.show()
        settle(app)
        dialog.grab().save(str(OUT / "preferences.png"))
        dialog.close()
        window.close()

        small = make_window(app, root, Path(tmp) / "small.ini", may, size=(1024, 700))
        select(small, "MP116")
        settle(app)
        small.grab().save(str(OUT / "main-list-small.png"))
        # After a refresh that moved a deadline and added a consultation: the change labels.
        page = Path(tmp) / "consultations.txt"
        page.write_text(changed_page(), encoding="utf-8")
        done = []
        small.import_done.connect(lambda _report: done.append(True))
        small.start_import([str(page)], "Importing pages")
        wait_for(app, lambda: done)
        settle(app)
        small.grab().save(str(OUT / "list-after-refresh-small.png"))
        select(small, "MP231")
        small.tabs.setCurrentWidget(small.drafting)
        settle(app)
        small.grab().save(str(OUT / "drafting-small.png"))
        small.close()

        # The review strip on an approved draft, and the history with its comparison.
        os.environ.setdefault("SECRESPONDER_USER", "Sam Patel <regulation@bright.example>")
        review = make_window(app, root, settings, may)
        select(review, "MP231")
        review.tabs.setCurrentWidget(review.drafting)
        panel = review.drafting
        settle(app)
        for editor in panel.editors:
            if not editor.rationale.toPlainText():
                editor.rationale.setPlainText("No further comments.")
        panel.save_now()
        from secresponder.domain.draft import DraftStatus
        from secresponder.ui.history_dialog import HistoryDialog

        panel.change_status(DraftStatus.IN_REVIEW)
        panel.change_status(DraftStatus.APPROVED)
        settle(app)
        review.grab().save(str(OUT / "review-approved.png"))
        from secresponder.services.version_compare import compare_versions

        versions = panel_versions(review)
        history = HistoryDialog(versions, lambda a, b: compare_versions(
            review.workspace, "MP231", a, b), review)
        history.select_version(4)
        history.show()
        settle(app)
        history.grab().save(str(OUT / "history.png"))
        history.close()
        review.close()

        # An alert: MP231 closes tomorrow and is not submitted.
        alert = make_window(app, root, Path(tmp) / "alert.ini",
                            datetime(2023, 5, 18, 9, 0, tzinfo=LONDON))
        alert.grab().save(str(OUT / "alert-banner.png"))
        alert.close()

        # The dark palette.
        light = app.palette()
        app.setPalette(dark_palette())
        dark = make_window(app, root, Path(tmp) / "dark.ini", may)
        select(dark, "MP116")
        settle(app)
        dark.grab().save(str(OUT / "dark-list-detail.png"))
        dark.close()
        app.setPalette(light)

        later = datetime(2024, 3, 1, 12, 0, tzinfo=LONDON)
        empty = make_window(app, root, Path(tmp) / "empty.ini", later)
        settle(app)
        empty.grab().save(str(OUT / "empty-state.png"))
        empty.close()
    print(f"screenshots written to {OUT}")


if __name__ == "__main__":
    main()
