"""Window start-up and search-box typing over 10,000 consultations.

Start-up: each run is a fresh process (offscreen Qt) timed from just before the
process is started to (a) the main window shown and (b) its list filled with all
10,000 consultations, against a bare QApplication showing an empty QMainWindow,
measured the same way in the same run.

Start-up processes run with compiled bytecode cached in a temporary folder (as an
installed app has its .pyc files); one untimed run of each warms that cache, so no
run pays for compiling the sources.

Typing: the real window on the same workspace; each keystroke in the search box
is sent with QTest and timed until the event queue is empty (filter + repaint).
The list keeps its recent answers, so the first pass over "firmware order" is
reported apart from the repeats; "pasted words" sets 30 different words in turn,
each of which has to be looked for in every row (nothing earlier to narrow or reuse).

Run: .venv/bin/python benchmarks/bench_window.py
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

COUNT = 10_000
RUNS = 5
NOW = "2023-05-01T09:00:00+01:00"

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1360, 840); w.show(); app.processEvents()
print("shown", time.time()); print("filled", time.time())
"""

APP = """
import sys, time
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from secresponder.domain.clock import fixed_clock
from secresponder.ui.main_window import create_main_window
app = QApplication(sys.argv[:1])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
w = create_main_window(Path(sys.argv[1]), clock=fixed_clock(datetime.fromisoformat(sys.argv[3])),
                       settings=settings)
w.show(); app.processEvents()
print("shown", time.time())
w.catalogue_loaded.connect(lambda: (app.processEvents(), print("filled", time.time()),
                                    print("rows", w.model.rowCount()), app.quit()))
if w.loaded:
    app.quit()
app.exec()
w.close()
"""


def build_workspace(root: Path) -> None:
    """10,000 consultations made from the seed pages' sentences, in a real workspace."""
    from secresponder.catalogue.reader import read_page_file
    from secresponder.domain.clock import fixed_clock
    from secresponder.domain.consultation import Consultation
    from secresponder.services.bootstrap import open_seeded_workspace
    from secresponder.store.sql import catalogue, session

    now = datetime.fromisoformat(NOW)
    rng = random.Random(7)
    seeds = read_page_file(ROOT / "tests" / "data" / "seeds" / "open-consultations.txt")
    templates = list(seeds.consultations)
    sentences = [s.strip() + "." for c in templates for s in c.summary.split(".") if s.strip()]
    made = []
    for i in range(COUNT):
        t = templates[i % len(templates)]
        made.append(Consultation(
            reference=f"MP{1000 + i}",
            title=f"{t.title} ({i})",
            kind=t.kind,
            closes_at=now + timedelta(days=rng.randint(-1500, 90), hours=rng.randint(0, 8)),
            summary=" ".join(rng.sample(sentences, 6)),
            audience=t.audience,
            party_categories=t.party_categories,
            documents=t.documents,
            respond_to=t.respond_to,
        ))
    with open_seeded_workspace(root, clock=fixed_clock(now)) as ws, \
            session.transaction(ws) as conn:
        catalogue.insert_consultations(conn, made, seen_at=now)


def time_process(code: str, *args: str, pycache: str = "") -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    if pycache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, check=True).stdout
    marks = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
    if "rows" in marks:
        assert int(marks["rows"]) >= COUNT, marks
    return float(marks["shown"]) - start, float(marks["filled"]) - start


def typing(root: Path, settings: Path) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from secresponder.domain.clock import fixed_clock
    from secresponder.ui.main_window import create_main_window

    app = QApplication.instance() or QApplication([])
    window = create_main_window(root, clock=fixed_clock(datetime.fromisoformat(NOW)),
                                settings=QSettings(str(settings), QSettings.Format.IniFormat))
    window.show()
    while not window.loaded:
        app.processEvents()
    window.list.open_only.setChecked(False)
    app.processEvents()
    box = window.list.search
    times: dict[str, list[float]] = {"first forward": [], "first back": [],
                                     "forward": [], "back": [], "pasted": []}
    for round_ in range(3):
        first = "first " if round_ == 0 else ""
        for ch in "firmware order":
            t = time.perf_counter()
            QTest.keyClick(box, ch)
            app.processEvents()
            times[first + "forward"].append(time.perf_counter() - t)
        for _ch in range(len("firmware order")):
            t = time.perf_counter()
            QTest.keyClick(box, Qt.Key.Key_Backspace)
            app.processEvents()
            times[first + "back"].append(time.perf_counter() - t)
    assert window.list.proxy.rowCount() == window.model.rowCount()
    for word in PASTED:
        t = time.perf_counter()
        box.setText(word)
        app.processEvents()
        times["pasted"].append(time.perf_counter() - t)
    box.clear()
    window.close()
    return times


# Words of the seed summaries (and a few in no row), each set in turn.
PASTED = ("device", "tariff", "supplier", "zebra", "register", "security", "charges",
          "network", "quartz", "forecast", "smets2", "interface", "gateway", "billing",
          "meter", "submit", "release", "hub", "quantum", "users", "solution", "schedule",
          "pathways", "certain", "window", "request", "legal", "credit", "order", "modular")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        settings = Path(tmp) / "window.ini"
        t = time.perf_counter()
        build_workspace(root)
        print(f"workspace with {COUNT:,} consultations built in {time.perf_counter() - t:.1f} s")
        pycache = str(Path(tmp) / "pycache")
        time_process(BARE, pycache=pycache)
        time_process(APP, str(root), str(settings), NOW, pycache=pycache)
        bare, app_shown, app_filled = [], [], []
        for _ in range(RUNS):
            bare.append(time_process(BARE, pycache=pycache)[0])
            shown, filled = time_process(APP, str(root), str(settings), NOW, pycache=pycache)
            app_shown.append(shown)
            app_filled.append(filled)
        b = statistics.median(bare)
        s = statistics.median(app_shown)
        f = statistics.median(app_filled)
        print(f"start-up, median of {RUNS} runs:")
        print(f"  bare QMainWindow shown          {b * 1000:7.0f} ms")
        print(f"  secresponder window shown       {s * 1000:7.0f} ms  ({s / b:.2f}x bare)")
        print(f"  list filled with {COUNT:,} rows  {f * 1000:7.0f} ms  ({f / b:.2f}x bare)")
        times = typing(root, settings)
        keys = times["first forward"] + times["first back"] + times["forward"] + times["back"]
        print(f"search typing over {COUNT:,} consultations ({len(keys)} keystrokes):")
        for name, label in (("first forward", "first pass, typing"),
                            ("first back", "first pass, backspacing"),
                            ("forward", "repeats, typing"), ("back", "repeats, backspacing"),
                            ("pasted", "pasted words")):
            got = times[name]
            print(f"  {label:26} median {statistics.median(got) * 1000:5.1f} ms, "
                  f"max {max(got) * 1000:5.1f} ms")
        q = statistics.quantiles(keys, n=10)[-1]
        print(f"  all keystrokes             median {statistics.median(keys) * 1000:5.1f} ms, "
              f"90th percentile {q * 1000:5.1f} ms")


if __name__ == "__main__":
    main()
