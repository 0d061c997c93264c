"""Export speed: one response (form + .eml + .ics) and a response pack of 100 responses.

Run:  .venv/bin/python benchmarks/bench_exports.py

Baselines measured in the same run: python-docx opening and saving the same
built-in form once (for one export) and 100 times (for the pack). The pack and
its baseline each run in a fresh process with the same imports, reporting
time and the process's peak RSS (resource.getrusage maxrss). tracemalloc is
not used: read_limited's ``read(limit + 1)`` reserves a 50 MB buffer per form
read, which tracemalloc counts although the pages are never touched.
"""

from __future__ import annotations

import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import docx

from secresponder.domain.clock import fixed_clock
from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.draft import Draft
from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.services import drafting
from secresponder.services.exporting import export_pack, export_response
from secresponder.services.profile import update_profile
from secresponder.store.sql import catalogue, session
from secresponder.store.workspace import Workspace

RESPONSES = 100
SINGLE_RUNS = 15
NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
CLOCK = fixed_clock(NOW)
KINDS = ("Refinement Consultation", "Modification Report Consultation", None)
RATIONALE = (
    "We support the intent of this modification. The proposed solution addresses the "
    "issue in a proportionate way and aligns with existing obligations.\n\n"
    "We would ask that the implementation date allows at least six months of lead time "
    "so that Parties can update systems and processes."
)


def build_workspace(root: Path) -> list[str]:
    """A workspace with RESPONSES consultations, each with a fully answered draft."""
    consultations = [
        Consultation(
            reference=f"MP{300 + i}",
            title=f"Benchmark modification number {i} for export timing",
            kind=KINDS[i % len(KINDS)],
            closes_at=closing_instant(date(2023, 5, 12) + timedelta(days=i % 40)),
        )
        for i in range(RESPONSES)
    ]
    with Workspace.open(root) as ws:
        with session.transaction(ws) as conn:
            catalogue.insert_consultations(conn, consultations, seen_at=NOW)
        update_profile(ws, **asdict(PartyProfile(
            organisation="Northern Power Ltd", name="Asha Patel",
            email="asha@np.example", phone="0161 496 0000",
            party_category=PartyCategory.ELECTRICITY_NETWORK,
        )))
        forms = {kind: drafting.builtin_choice(kind) for kind in KINDS}
        for c in consultations:
            draft = Draft(c.key, form=forms[c.kind])
            for q in draft.questions():
                draft = draft.with_answer(q.number, "Yes", RATIONALE)
            drafting.save_draft(ws, replace(draft, owner="Asha"), clock=CLOCK)
    return [c.key for c in consultations]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def docx_round_trip(path: Path, times: int) -> None:
    for _ in range(times):
        buffer = io.BytesIO()
        docx.Document(str(path)).save(buffer)


def child(job: str, root: Path, target: Path) -> None:
    """Run one job in a fresh process; print its seconds and the process's peak RSS."""
    with Workspace.open(root) as ws:
        keys = [row[0] for row in ws.connection.execute("SELECT key FROM consultations")]
        form = drafting.form_path(ws, drafting.open_draft(ws, keys[0]).form)
        if job == "pack":
            def run() -> None:
                export_pack(ws, keys, target, force=True, clock=CLOCK)
        else:
            def run() -> None:
                docx_round_trip(form, len(keys))
        seconds = timed(run)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        rss //= 1024
    print(json.dumps({"seconds": seconds, "rss_kb": rss}))


def run_child(job: str, root: Path, target: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", job, str(root), str(target)],
        capture_output=True, text=True,
    )
    if out.returncode:
        raise SystemExit(f"the {job} run failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "ws"
        keys = build_workspace(root)
        with Workspace.open(root) as ws:
            form = drafting.form_path(ws, drafting.open_draft(ws, keys[0]).form)
            out = tmp_path / "one"
            export_response(ws, keys[0], out, force=True, clock=CLOCK)  # warm up imports
            single = [
                timed(lambda: export_response(ws, keys[0], out, force=True, clock=CLOCK))
                for _ in range(SINGLE_RUNS)
            ]
            base_single = [timed(lambda: docx_round_trip(form, 1)) for _ in range(SINGLE_RUNS)]
        pack_path = tmp_path / "pack.zip"
        pack = run_child("pack", root, pack_path)
        base = run_child("baseline", root, pack_path)
        pack_size = pack_path.stat().st_size

    mb = 2**20
    med, base_med = statistics.median(single), statistics.median(base_single)
    print(f"one export (form + .eml + .ics), median of {SINGLE_RUNS}: {med * 1000:.1f} ms")
    print(f"  baseline python-docx open+save of the same form: {base_med * 1000:.1f} ms "
          f"(export = {med / base_med:.1f}x baseline)")
    print(f"pack of {RESPONSES} responses: {pack['seconds']:.2f} s, "
          f"peak RSS {pack['rss_kb'] / 1024:.0f} MB, "
          f"zip {pack_size / mb:.1f} MB")
    print(f"  baseline python-docx open+save x{RESPONSES}: {base['seconds']:.2f} s, "
          f"peak RSS {base['rss_kb'] / 1024:.0f} MB "
          f"(pack = {pack['seconds'] / base['seconds']:.1f}x baseline time)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
