"""What looking after the workspace costs: opening (with the damage check and upkeep),
a draft save that merges, a backup, and a full check.

Rerun: `.venv/bin/python benchmarks/bench_workspace.py`. Builds a workspace with 10,010
consultations (as bench_catalogue.py) and 300 drafts of 20 versions each, then times, best
of several runs, against baselines measured in the same run:
- opening: `Workspace.open` (quick_check, migrations check, upkeep with no backup due)
  against a bare `sqlite3.connect` + `PRAGMA user_version`, and `list --json` in-process;
- a save: `drafting.save` from the current version (no merge) and from an older one (merge
  with the versions between), against the repository's bare `save_draft` in a transaction;
- a backup (`take_backup`) against copying the database file with `shutil.copyfile`;
- `workspace check` (integrity_check and every file's checksum).
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_catalogue import CLOCK, NOW, _many_consultations
from secresponder.cli.main import main
from secresponder.domain.draft import Draft
from secresponder.services import drafting, maintenance
from secresponder.services.bootstrap import seed_if_empty
from secresponder.store import backup as backups
from secresponder.store.sql import catalogue, session
from secresponder.store.sql import drafts as drafts_repo
from secresponder.store.workspace import Workspace

DRAFTS = 300
VERSIONS = 20


def timed(runs: int, fn) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def build(root: Path) -> list[str]:
    with Workspace.open(root) as ws:
        seed_if_empty(ws, clock=CLOCK)
        with session.transaction(ws) as conn:
            catalogue.insert_consultations(conn, _many_consultations(10_000), seen_at=NOW)
        with session.reading(ws) as conn:
            keys = [s.key for s in catalogue.list_consultations(conn)][:DRAFTS]
            ids = {key: catalogue.consultation_id(conn, key) for key in keys}
        with session.transaction(ws) as conn:
            for key in keys:
                cid = ids[key]
                draft = Draft(key)
                for v in range(VERSIONS):
                    draft = draft.with_answer(str(1 + v % 7), "Yes", f"Reason {v} " * 40)
                    drafts_repo.save_draft(conn, cid, draft, NOW, author="Bench")
    return keys


def main_bench() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        keys = build(root)
        size = (root / "workspace.sqlite3").stat().st_size
        with Workspace.open(root, upkeep=False) as ws:
            backups.take_backup(ws.connection, root, datetime.now(UTC), "manual")  # none due

        def bare_open() -> None:
            with sqlite3.connect(root / "workspace.sqlite3") as conn:
                conn.execute("PRAGMA user_version").fetchone()

        def full_open() -> None:
            Workspace.open(root).close()

        def list_json() -> None:
            main(["--workspace", str(root), "list", "--json"], clock=CLOCK,
                 stdout=io.StringIO(), stderr=io.StringIO())

        bare = min(timed(20, bare_open))
        opened = min(timed(20, full_open))
        listed = min(timed(3, list_json))
        print(f"database {size / 1e6:.1f} MB, {len(keys)} drafts x {VERSIONS} versions")
        print(f"open: bare connect {bare * 1000:.2f} ms; Workspace.open {opened * 1000:.2f} ms "
              f"({opened / bare:.1f}x); list --json {listed * 1000:.0f} ms "
              f"(open is {opened / listed:.1%} of it)")

        with Workspace.open(root, upkeep=False) as ws:
            key = keys[0]
            with session.reading(ws) as conn:
                cid = catalogue.consultation_id(conn, key)
            counter = iter(range(10**6))

            def bare_save() -> None:
                with session.reading(ws) as conn:
                    draft = drafts_repo.load_draft(conn, cid)
                changed = draft.with_answer("1", rationale=f"bare {next(counter)}")
                with session.transaction(ws) as conn:
                    drafts_repo.save_draft(conn, cid, changed, NOW)

            def plain_save() -> None:
                draft = drafting.open_draft(ws, key)
                drafting.save(ws, draft.with_answer("1", rationale=f"plain {next(counter)}"),
                              clock=CLOCK, author="Bench")

            def merging_save() -> None:
                draft = drafting.open_draft(ws, key)
                old = replace(draft, version=draft.version - 5)  # five versions behind
                changed = old.with_answer("2", rationale=f"merge {next(counter)}")
                drafting.save(ws, changed, clock=CLOCK, author="Bench")

            b = statistics.median(timed(30, bare_save))
            p = statistics.median(timed(30, plain_save))
            m = statistics.median(timed(30, merging_save))
        print(f"save (median of 30): bare repository save {b * 1000:.2f} ms; drafting.save "
              f"{p * 1000:.2f} ms ({p / b:.1f}x); merging five versions behind "
              f"{m * 1000:.2f} ms ({m / b:.1f}x)")

        copy_target = Path(tmp) / "copy.sqlite3"
        with Workspace.open(root, upkeep=False) as ws:
            ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            copied = min(timed(3, lambda: shutil.copyfile(root / "workspace.sqlite3",
                                                          copy_target)))
            took = min(timed(3, lambda: backups.take_backup(
                ws.connection, root, datetime.now(UTC), "manual")))
        checked = min(timed(3, lambda: maintenance.check(root)))
        print(f"backup: file copy {copied * 1000:.1f} ms; take_backup {took * 1000:.1f} ms "
              f"({took / copied:.1f}x); workspace check {checked * 1000:.0f} ms")


if __name__ == "__main__":
    main_bench()
