"""How long reading a SEC page takes, against the bare cost of decoding and tokenising it.

Run: .venv/bin/python benchmarks/bench_page_reading.py

For each page (the seed text pages, their HTML copies, a synthetic 3.9 MB text list
of 2,700 distinct consultations, and the 3.9 MB HTML list of 2,000 consultations that
``bench_catalogue.py`` imports) it times ``read_page`` and, in the same run, a
baseline that only decodes the bytes and splits them into lines (text) or builds
the lxml tree (HTML). The two are timed alternately, run by run, so load from other
processes hits both alike; times are CPU time of this process (``time.process_time``),
the median of the runs. The ratio says what the parsing itself adds; the per-MB
figure for the large pages says whether a page at the 20 MB limit stays usable.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import html

from bench_catalogue import consultations_page
from secresponder.catalogue.reader import read_page

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def _paired(
    baseline: Callable[[], object], ours: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median CPU seconds of each, timed alternately so both see the same load."""
    base_times, our_times = [], []
    for _ in range(repeat):
        for fn, times in ((baseline, base_times), (ours, our_times)):
            start = time.process_time()
            fn()
            times.append(time.process_time() - start)
    return statistics.median(base_times), statistics.median(our_times)


def _baseline(data: bytes, is_html: bool) -> Callable[[], object]:
    if is_html:
        parser = html.HTMLParser(no_network=True, remove_comments=True)
        return lambda: html.document_fromstring(data.decode("utf-8"), parser=parser)
    return lambda: data.decode("utf-8").splitlines()


def _large_page() -> bytes:
    seed = (DATA / "seeds" / "open-consultations.txt").read_text(encoding="utf-8")
    copies = []
    for n in range(270):
        # Distinct references and titles per copy, so no entry is dropped as a repeat.
        page = re.sub(
            r"\bMP(\d+)", lambda m, n=n: f"MP{int(m.group(1)) + 300 * (n // 26)}{chr(65 + n % 26)}",
            seed,
        )
        page = page.replace("SECMP0067", f"SECMP{n:04d}")
        page = page.replace("Firmware Consultation", f"Firmware Consultation {n}")
        copies.append(page)
    return "\n".join(copies).encode("utf-8")


def main() -> int:
    pages = [
        ("consultations.txt", (DATA / "seeds" / "open-consultations.txt").read_bytes(), False, 30),
        ("releases.txt", (DATA / "seeds" / "sec-releases.txt").read_bytes(), False, 30),
        ("consultations.html", (DATA / "html" / "open-consultations.html").read_bytes(), True, 30),
        ("releases.html", (DATA / "html" / "sec-releases.html").read_bytes(), True, 30),
        ("large list (text)", _large_page(), False, 7),
        ("large list (HTML)", consultations_page(2_000), True, 7),
    ]
    print(f"{'page':<20}{'size':>10}{'entries':>9}{'baseline':>12}{'read_page':>12}"
          f"{'ratio':>8}{'s/MB':>8}")
    for name, data, is_html, repeat in pages:
        reading = read_page(data, name)
        entries = len(reading.consultations) + len(reading.releases)
        base, full = _paired(
            _baseline(data, is_html), lambda data=data, name=name: read_page(data, name), repeat
        )
        mb = len(data) / 1_048_576
        print(f"{name:<20}{len(data) / 1024:>8.0f}KB{entries:>9}{base * 1000:>10.1f}ms"
              f"{full * 1000:>10.1f}ms{full / base:>8.1f}{full / mb:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
