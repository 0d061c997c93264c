"""Spell checking while typing: one keystroke in a 2,000-word answer.

The answer box (with its spelling highlighter) holds a 2,000-word answer in one
paragraph (the worst case: Qt re-checks the whole paragraph a keystroke is typed in)
with a typo every fifty words. Each keystroke is sent with QTest at the end of the
paragraph and timed until the event queue is empty (typing, re-checking, repaint).
The baseline is the same keystrokes in a plain QPlainTextEdit with no checking,
measured the same way in the same run. Also: the first check of the whole answer
(every word looked up once) and loading the dictionary (done off the UI thread).

Run: .venv/bin/python benchmarks/bench_spelling.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

WORDS = 2_000
KEYS = 200
SENTENCE_TEXT = ("We support the modification because recording the upgrade path in the "
                 "Firmware Information Repository lets Suppliers and the DCC plan "
                 "Communications Hub upgrades in the right order for SMETS2 Devices across the "
                 "programme")
SENTENCE = SENTENCE_TEXT.split()
TYPOS = ["recieve", "supprot", "teh", "organisaton", "moddification"]


def answer_text() -> str:
    rng = random.Random(7)
    words = []
    for i in range(WORDS):
        words.append(rng.choice(TYPOS) if i % 50 == 49 else SENTENCE[i % len(SENTENCE)])
    return " ".join(words)


def keystrokes(app: QApplication, edit: QPlainTextEdit) -> list[float]:
    edit.moveCursor(QTextCursor.MoveOperation.End)
    times = []
    text = "and we agree "
    for i in range(KEYS):
        char = text[i % len(text)]
        start = time.perf_counter()
        QTest.keyClick(edit, char if char != " " else Qt.Key.Key_Space)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from secresponder.ui.answer_edit import AnswerEdit
    from secresponder.ui.spelling import SpellingService

    service = SpellingService.shared()
    start = time.perf_counter()
    assert service.wait_ready(), service.checker.problem
    load_s = time.perf_counter() - start

    text = answer_text()
    plain = QPlainTextEdit()
    plain.resize(700, 500)
    plain.show()
    plain.setPlainText(text)
    app.processEvents()

    checked = AnswerEdit()
    checked.resize(700, 500)
    checked.show()
    start = time.perf_counter()
    checked.setPlainText(text)  # every word looked up once, then cached
    app.processEvents()
    first_ms = (time.perf_counter() - start) * 1000

    base = keystrokes(app, plain)
    spelt = keystrokes(app, checked)
    base_med, spelt_med = statistics.median(base), statistics.median(spelt)
    p95 = sorted(spelt)[int(len(spelt) * 0.95)]
    print(f"dictionary load (background): {load_s:.2f} s")
    print(f"first check of the 2,000-word answer: {first_ms:.1f} ms")
    print(f"keystroke, plain box (baseline): median {base_med:.2f} ms")
    print(f"keystroke, answer box with spelling: median {spelt_med:.2f} ms, 95th percentile "
          f"{p95:.2f} ms, max {max(spelt):.2f} ms")
    print(f"ratio (median, spelling / plain): {spelt_med / base_med:.1f}x")


if __name__ == "__main__":
    main()
