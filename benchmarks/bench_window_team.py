"""Window start-up on a folder and on a team database, 10,000 consultations each, same run.

Each run is a fresh process (offscreen Qt) timed from just before it starts to (a) the
main window shown and (b) its list filled with all 10,000 consultations, as
bench_window.py does; the folder is the baseline. The team database is a throwaway
PostgreSQL on loopback (tests/pg/server.py), filled with the same rows.

Run: .venv/bin/python benchmarks/bench_window_team.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.pg.fixtures import admin_connection  # noqa: E402
from tests.pg.server import ThrowawayServer  # noqa: E402

import bench_window  # noqa: E402

# bench_window's window script, given the workspace as a folder path or a URL.
APP = bench_window.APP.replace("create_main_window(Path(sys.argv[1])",
                               "create_main_window(sys.argv[1]")


def copy_rows(folder: Path, url: str) -> None:
    """The folder's consultations (and everything else) into the empty team database."""
    from secresponder.domain.clock import fixed_clock
    from secresponder.services.workspace_setup import copy_workspace

    copy_workspace(str(folder), url, clock=fixed_clock(datetime.fromisoformat(bench_window.NOW)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-window-team-"))
    folder = work / "workspace"
    bench_window.build_workspace(folder)
    server = ThrowawayServer.start()
    try:
        with admin_connection(server) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url("bench")
        copy_rows(folder, url)
        cache = str(work / "pycache")
        for name, where in (("folder (SQLite)", str(folder)), ("team (PostgreSQL)", url)):
            settings = str(work / f"{name[:4]}.ini")
            bench_window.time_process(APP, where, settings, bench_window.NOW, pycache=cache)
            runs = [bench_window.time_process(APP, where, settings, bench_window.NOW,
                                              pycache=cache) for _ in range(args.runs)]
            shown = statistics.median(r[0] for r in runs)
            filled = statistics.median(r[1] for r in runs)
            print(f"{name:18} shown {shown:.2f} s   list filled {filled:.2f} s  "
                  f"(median of {args.runs})")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
