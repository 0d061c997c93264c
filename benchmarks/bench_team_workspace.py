"""A team workspace on PostgreSQL against a folder (SQLite), through the same Core code.

Run:  .venv/bin/python benchmarks/bench_team_workspace.py [--seconds 20]

Starts a throwaway PostgreSQL (tests/pg/server.py, on loopback, with PostgreSQL's own
durability settings: every commit waits for its WAL to reach the disk) and a folder
workspace (SQLite in WAL mode, synchronous=NORMAL, as the app opens it), fills each with the same
10,000 consultations, then measures on both, the folder being the baseline measured in
the same run:

- listing all 10,000 consultations (the columns the list shows, decoded to Python);
- one note save (a write transaction): median and 95th percentile of 300;
- full-text search: 12 queries, median per query;
- 20 simulated users saving notes at once for ``--seconds``: saves per second, 95th
  percentile latency, and notes lost (saved but not found afterwards: must be 0);
- on the team database only, how long after a note's commit another connection hears of
  it (LISTEN/NOTIFY), against one ``SELECT 1`` round trip to the same server.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.pg.fixtures import admin_connection
from tests.pg.server import ThrowawayServer

from secresponder.domain.deadline import LONDON
from secresponder.store import search_index
from secresponder.store.backends import AnyWorkspace, open_workspace, upgrade_workspace
from secresponder.store.location import parse_location
from secresponder.store.sql import fulltext, notes, session, tables
from secresponder.store.sql.changes import ChangeFeed
from secresponder.store.workspace import Workspace

ROWS = 10_000
NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
WORDS = ("Device", "firmware", "Service Request", "Alt HAN", "forecasting", "Security",
         "Communications Hub", "Registration Data", "charging", "Technical Specification",
         "prepayment", "smart meter", "interoperability", "DCC", "Supplier", "network")
QUERIES = ("firmware", "alt han", "registration data", '"technical specification"',
           "charging supplier", "prepayment meter", "security", "forecasting -device",
           "communications hub", "interoperability", "network charging", "MP1234")


def _consultations() -> list[dict]:
    rng = random.Random(11)
    rows = []
    for n in range(ROWS):
        title = " ".join(rng.choice(WORDS) for _ in range(5))
        summary = ". ".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(4))
        rows.append(dict(
            key=f"mp{n}", reference=f"MP{n}", title=title, summary=summary,
            kind=rng.choice(["Refinement Consultation", None]),
            closes_at=NOW + timedelta(days=rng.randint(-900, 60)),
            audience=["Large Suppliers", "Other SEC Parties"],
            documents=[{"label": "Consultation document", "url": None}],
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ))
    return rows


def _fill(ws: AnyWorkspace, rows: list[dict]) -> float:
    start = time.perf_counter()
    with session.transaction(ws) as conn:
        conn.execute(insert(tables.consultations), rows)
    return time.perf_counter() - start


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def _list(ws: AnyWorkspace) -> int:
    c = tables.consultations.c
    with session.reading(ws) as conn:
        return len(conn.execute(
            select(c.key, c.reference, c.title, c.kind, c.closes_at, c.party_categories,
                   c.listed).order_by(c.closes_at)
        ).all())


def _search(ws: AnyWorkspace, query: str) -> int:
    if isinstance(ws, Workspace):
        return len(search_index.search(ws.connection, search_index.match_expression(query)))
    with session.reading(ws) as conn:
        return len(fulltext.search(conn, query))


def _note_save(ws: AnyWorkspace, consultation_id: int, text: str) -> None:
    with session.transaction(ws) as conn:
        notes.add_note(conn, consultation_id, text, now=NOW)


def _users(open_one: Callable[[], AnyWorkspace], seconds: float, users: int = 20
           ) -> tuple[float, float, int, int]:
    """(saves per second, p95 latency, saves, notes lost)."""
    latencies: list[float] = []
    saved: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(n: int) -> None:
        rng = random.Random(n)
        ws = open_one()
        try:
            while time.monotonic() < stop:
                text = f"user {n} note {rng.random()}"
                start = time.perf_counter()
                try:
                    _note_save(ws, rng.randint(1, ROWS), text)
                except BaseException as exc:  # counted, and the run fails below
                    with lock:
                        errors.append(exc)
                    continue
                with lock:
                    latencies.append(time.perf_counter() - start)
                    saved.append(text)
        finally:
            ws.close()

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ws = open_one()
    try:
        with session.reading(ws) as conn:
            stored = set(conn.execute(select(tables.notes.c.body)).scalars())
    finally:
        ws.close()
    lost = sum(1 for text in saved if text not in stored)
    if errors:
        print(f"  {len(errors)} saves failed, first: {errors[0]}")
    return len(saved) / elapsed, _p95(latencies), len(saved), lost


def _heard(url: str, samples: int = 50) -> tuple[list[float], list[float]]:
    """(seconds from a note's commit until another connection hears it, SELECT 1 round trips)."""
    heard, trips = [], []
    with open_workspace(url) as writer, ChangeFeed.open(parse_location(url)) as feed:
        for n in range(samples):
            _note_save(writer, 1, f"heard {n}")
            committed = time.perf_counter()
            assert feed.poll(2.0), "a change was not heard within 2 s"
            heard.append(time.perf_counter() - committed)
            with session.reading(writer) as conn:
                trips += _timed(lambda conn=conn: conn.exec_driver_sql("SELECT 1").all(), 1)
    return heard, trips


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    rows = _consultations()
    server = ThrowawayServer.start(durable=True)
    try:
        with admin_connection(server) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url("bench")
        upgrade_workspace(url)
        folder = Path(tempfile.mkdtemp(prefix="bench-team-")) / "workspace"
        kinds: dict[str, Callable[[], AnyWorkspace]] = {
            "folder (SQLite)": lambda: open_workspace(folder),
            "team (PostgreSQL)": lambda: open_workspace(url),
        }
        results: dict[str, dict[str, float]] = {}
        for name, open_one in kinds.items():
            ws = open_one()
            figures: dict[str, float] = {"fill": _fill(ws, rows)}
            figures["list"] = statistics.median(_timed(lambda ws=ws: _list(ws), 7))
            saves = _timed(lambda ws=ws: _note_save(ws, 1, "A note on MP1"), 300)
            figures["save_median"], figures["save_p95"] = statistics.median(saves), _p95(saves)
            per_query = [statistics.median(_timed(lambda q=q, ws=ws: _search(ws, q), 5))
                         for q in QUERIES]
            figures["search"] = statistics.median(per_query)
            with session.reading(ws) as conn:
                assert conn.execute(select(func.count()).select_from(tables.consultations)
                                    ).scalar_one() == ROWS
            ws.close()
            rate, p95, count, lost = _users(open_one, args.seconds)
            figures.update(users_rate=rate, users_p95=p95, users_saves=count, users_lost=lost)
            results[name] = figures
        base, team = results["folder (SQLite)"], results["team (PostgreSQL)"]
        heard, trips = _heard(url)

        def row(label: str, key: str, scale: float = 1000.0, unit: str = "ms") -> None:
            print(f"| {label} | {base[key] * scale:,.1f} {unit} | {team[key] * scale:,.1f} "
                  f"{unit} | {team[key] / base[key]:.2f}x |")

        print("| measure | folder (baseline) | team database | team / folder |")
        print("| --- | ---: | ---: | ---: |")
        row("insert 10,000 consultations (one transaction)", "fill", 1.0, "s")
        row("list 10,000 consultations", "list")
        row("one note save, median", "save_median")
        row("one note save, 95th percentile", "save_p95")
        row("search, median of 12 queries", "search")
        row(f"20 users for {args.seconds:.0f} s: saves per second", "users_rate", 1.0, "/s")
        row("20 users: save latency, 95th percentile", "users_p95")
        print(f"| 20 users: notes lost | {base['users_lost']:.0f} of "
              f"{base['users_saves']:,.0f} | {team['users_lost']:.0f} of "
              f"{team['users_saves']:,.0f} | |")
        print()
        print("| team database | round trip (SELECT 1, baseline) | change heard by another "
              "connection | heard / round trip |")
        print("| --- | ---: | ---: | ---: |")
        for label, pick in (("median", statistics.median), ("95th percentile", _p95)):
            print(f"| {label} | {pick(trips) * 1000:.2f} ms | {pick(heard) * 1000:.2f} ms | "
                  f"{pick(heard) / pick(trips):.1f}x |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
