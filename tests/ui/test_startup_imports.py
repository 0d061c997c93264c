"""Opening the window loads only what the list and the detail pane need.

Run in a fresh interpreter: this test process has long since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from secresponder.services.bootstrap import open_seeded_workspace

SRC = Path(__file__).resolve().parents[2] / "src"

SCRIPT = """
import json, sys
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from secresponder.domain.clock import fixed_clock
from secresponder.ui.main_window import create_main_window

HEAVY = ("httpx", "openpyxl", "pypdf", "docx", "lxml", "icalendar",
         "secresponder.services.importing",
         "secresponder.services.documents", "secresponder.services.drafting",
         "secresponder.services.exporting")
# The database layer: loaded by the job that reads the list, after the window is shown.
DATABASE = ("sqlalchemy", "psycopg", "alembic")
app = QApplication(sys.argv[:1])
seen = {"imported": [m for m in HEAVY + DATABASE if m in sys.modules]}
window = create_main_window(Path(sys.argv[1]), settings=QSettings(sys.argv[2],
                            QSettings.Format.IniFormat),
                            clock=fixed_clock(datetime.fromisoformat(sys.argv[3])))
window.show()
app.processEvents()
seen["shown"] = [m for m in HEAVY + DATABASE if m in sys.modules]
while not window.loaded:
    app.processEvents()
seen["loaded"] = [m for m in HEAVY if m in sys.modules]
seen["rows"] = window.model.rowCount()
window.close()
print(json.dumps(seen))
"""


def test_window_opens_without_the_form_readers_and_network_client(workspace_root, tmp_path,
                                                                   now, clock):
    # Seeded beforehand: a first run reads the bundled pages, which needs the page reader.
    with open_seeded_workspace(workspace_root, clock=clock):
        pass
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(workspace_root), str(tmp_path / "w.ini"),
         now.isoformat()],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["rows"] >= 10  # the seeded consultations were read and listed
    assert seen["imported"] == []
    assert seen["shown"] == []
    assert seen["loaded"] == []
