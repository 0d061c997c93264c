"""How long until another person's change shows in the window, on a team database.

Run:  .venv/bin/python benchmarks/bench_team_live.py [--changes 50] [--rows 1000]

Starts a throwaway PostgreSQL (tests/pg/server.py, loopback, PostgreSQL's own durability
settings), sets up a team workspace with 1,000 consultations (``--rows``), opens the real
window on it (offscreen Qt) as Sam with one draft open, and has "Asha" save through the
services on a workspace connection of her own, as her window would. Each figure is timed
from the moment her save returned (committed) until the window shows it, the window's
event loop waiting for events meanwhile:

- the open draft: her new text in the answer box (and "Updated with Asha Khan's changes");
- the list: her status change to a draft that is not open, in the list's Draft column;
- the list again: a consultation she added (the window reads the whole list again).

Baselines, in the same run and timed the same way: the same draft save heard by a plain
psycopg connection (the raw LISTEN/NOTIFY delivery) and by the app's ``ChangeFeed``, and
one ``SELECT 1`` round trip.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import psycopg  # noqa: E402
from psycopg import sql as pgsql  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from tests.pg.fixtures import admin_connection  # noqa: E402
from tests.pg.server import ThrowawayServer  # noqa: E402

from secresponder.domain.clock import fixed_clock  # noqa: E402
from secresponder.domain.deadline import LONDON  # noqa: E402
from secresponder.domain.draft import DraftStatus  # noqa: E402
from secresponder.services import drafting  # noqa: E402
from secresponder.store.backends import open_workspace, upgrade_workspace  # noqa: E402
from secresponder.store.location import parse_location  # noqa: E402
from secresponder.store.sql import session, tables  # noqa: E402
from secresponder.store.sql.changes import ChangeFeed, channel  # noqa: E402

ROWS = 1_000
NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
SAM = "Sam Patel <sam@bright.example>"
ASHA = "Asha Khan <asha@bright.example>"
WAIT_S = 5.0


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, round(0.95 * len(times)) - 1)]


def _fill(url: str, rows: int) -> None:
    with open_workspace(url) as ws, session.transaction(ws) as conn:
        conn.execute(insert(tables.consultations), [dict(
            key=f"mp{1000 + n}-consultation", reference=f"MP{1000 + n}",
            title=f"Modification proposal {n}", kind="general",
            closes_at=NOW + timedelta(days=30 + n % 60), respond_to="sec.change@gemserv.com",
            first_seen=NOW, last_seen=NOW) for n in range(rows)])
    with open_workspace(url) as ws:
        for ref in ("MP1000", "MP1001"):
            draft = replace_form(drafting.open_draft(ws, ref))
            drafting.save(ws, draft, author=ASHA, clock=fixed_clock(NOW))


def replace_form(draft):
    from dataclasses import replace

    return replace(draft, form=drafting.builtin_choice("general"))


def _raw(url: str, changes: int) -> dict[str, list[float]]:
    """A draft save heard by a plain psycopg connection (raw LISTEN/NOTIFY) and by the
    app's ChangeFeed, and SELECT 1 round trips, in seconds."""
    times: dict[str, list[float]] = {"raw": [], "feed": [], "trip": []}
    clock = fixed_clock(NOW)
    location = parse_location(url)
    with open_workspace(url) as asha, ChangeFeed.open(location) as feed, \
            psycopg.connect(url, autocommit=True) as plain:
        plain.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(channel(location.schema))))
        feed.poll(0.2)
        for n in range(changes):
            drafting.set_answer(asha, "MP1000", "3", rationale=f"Raw {n}.", clock=clock,
                                author=ASHA)
            saved = time.perf_counter()
            got = list(plain.notifies(timeout=WAIT_S, stop_after=1))
            times["raw"].append(time.perf_counter() - saved)
            assert got, "a save was not heard"
            list(plain.notifies(timeout=0.001))  # the rest of the save's notices, already here
            heard = []
            while not any(c.table == "drafts" for c in heard):
                more = feed.poll(WAIT_S)
                assert more, "a save was not heard"
                heard += more
            times["feed"].append(time.perf_counter() - saved)
            with session.reading(asha) as conn:
                started = time.perf_counter()
                conn.exec_driver_sql("SELECT 1").all()
                times["trip"].append(time.perf_counter() - started)
    return times


def _until(app, shown: Callable[[], bool], limit: float = WAIT_S) -> float:
    """Seconds until ``shown`` holds, the event loop waiting for events meanwhile (as an
    idle window does, leaving the listening thread free to run)."""
    from PySide6.QtCore import QEventLoop, QTimer

    tick = QTimer()
    tick.start(1)  # wakes the loop to look again
    started = time.perf_counter()
    try:
        while not shown():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.perf_counter() - started > limit:
                raise AssertionError("the window did not show the change")
    finally:
        tick.stop()
    return time.perf_counter() - started


def _settle(app, seconds: float = 0.3) -> None:
    """Let the window finish what a change left for later (the alerts pass), so each figure
    is timed from an idle window."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _window(url: str, changes: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from secresponder.ui.main_window import create_main_window

    app = QApplication.instance() or QApplication([])
    os.environ["SECRESPONDER_USER"] = SAM
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "w.ini"), QSettings.Format.IniFormat)
    clock = fixed_clock(NOW)
    window = create_main_window(url, clock=clock, settings=settings)
    window.show()
    _until(app, lambda: window.loaded and window._drafting is not None, limit=300)
    rows = {r.entry.key: r.id for r in window.model.rows()}
    window.open_draft(rows["mp1000-consultation"])
    panel = window.drafting
    _until(app, lambda: bool(panel.editors), limit=60)
    other = rows["mp1001-consultation"]
    figures: dict[str, list[float]] = {"draft": [], "status": [], "list": []}
    with open_workspace(url) as asha:
        for n in range(changes):
            text = f"Asha's answer, take {n}."
            drafting.set_answer(asha, "MP1000", "1", rationale=text, clock=clock, author=ASHA)
            figures["draft"].append(_until(
                app, lambda t=text: panel.editors[0].rationale.toPlainText() == t))
            _settle(app)
            status = DraftStatus.IN_REVIEW if n % 2 == 0 else DraftStatus.DRAFTING
            drafting.set_status(asha, "MP1001", status, clock=clock, author=ASHA)
            figures["status"].append(_until(app, lambda s=status.value: next(
                r for r in window.model.rows() if r.id == other).draft_status == s))
            _settle(app)
        for n in range(max(5, changes // 5)):
            key = f"added{n}-consultation"
            with session.transaction(asha) as conn:
                conn.execute(insert(tables.consultations).values(
                    key=key, reference=f"ADDED{n}", title="Added by Asha", kind="general",
                    closes_at=NOW + timedelta(days=10), respond_to="sec.change@gemserv.com",
                    first_seen=NOW, last_seen=NOW))
            figures["list"].append(_until(
                app, lambda k=key: any(r.entry.key == k for r in window.model.rows())))
            _settle(app)
    window.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--rows", type=int, default=ROWS, help="consultations in the list")
    args = parser.parse_args()
    server = ThrowawayServer.start(durable=True)
    try:
        with admin_connection(server) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url("bench")
        upgrade_workspace(url)
        _fill(url, args.rows)
        raw = _raw(url, args.changes)
        window = _window(url, args.changes)
    finally:
        server.stop()
    print(f"| from Asha's save returning (committed) until ... ({args.changes} changes) | "
          "median | 95th percentile | median beyond the feed |")
    print("| --- | ---: | ---: | ---: |")
    feed = statistics.median(raw["feed"])

    def row(label: str, times: list[float], beyond: bool = True) -> None:
        median = statistics.median(times)
        extra = f"{(median - feed) * 1000:+.1f} ms" if beyond else ""
        print(f"| {label} | {median * 1000:.1f} ms | {_p95(times) * 1000:.1f} ms | {extra} |")

    row("SELECT 1 round trip (for scale)", raw["trip"], False)
    row("a plain connection hears it (raw LISTEN/NOTIFY, baseline)", raw["raw"], False)
    row("the app's ChangeFeed hears the whole save (baseline)", raw["feed"], False)
    row("Sam's open draft shows her text", window["draft"])
    row("Sam's list shows her status change", window["status"])
    row(f"Sam's list shows a consultation she added ({len(window['list'])}, list of "
        f"{args.rows:,})", window["list"])


if __name__ == "__main__":
    main()
