"""Catalogue speed: importing a large consultations page, and `list --json` over 10,000 rows.

Run:  .venv/bin/python benchmarks/bench_catalogue.py        (everything)
      .venv/bin/python benchmarks/bench_catalogue.py list   (listing and start-up only)

Baselines measured in the same run: lxml merely parsing the generated page
(``lxml.html.fromstring``) for the import, and `python -c pass` start-up for the
subprocess timing of `list --json`.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import lxml.html

from secresponder.catalogue.reader import read_page
from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.parties import PartyCategory
from secresponder.services.bootstrap import seed_if_empty
from secresponder.services.importing import apply_readings, import_sources
from secresponder.store.sql import catalogue, session
from secresponder.store.workspace import Workspace

ENTRIES = 2_000
LIST_ROWS = 10_000
NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
CLOCK = fixed_clock(NOW)

KINDS = ("", "Refinement Consultation", "Modification Report Consultation",
         "Second Refinement Consultation", "Request for Information")
AUDIENCES = (
    ("Suppliers.", "The DCC.", "Other SEC Parties (MAPs and Device Manufacturers)."),
    ("Supplier SEC Parties", "Other SEC Parties"),
    ("Large Suppliers", "Small Suppliers", "Electricity Networks", "Other SEC Parties"),
    ("All DCC Users.",),
    ("Stakeholders", "Those interested in Section H &#8216;DCC Services&#8217;"),
)
WORDS = ("Device", "firmware", "Service Request", "Alt HAN", "forecasting", "Security",
         "Communications Hub", "Registration Data", "charging", "Technical Specification",
         "interoperability", "Smart Metering System", "Network Party", "threshold")
PARAGRAPH = (
    "The DCC System has a finite capacity. Even with communication with Service Users to "
    "meet forecasted demand and making the most efficient use of the System&#8217;s current "
    "capacity, it may be unable to cover accidental or unanticipated large bursts of Service "
    "Requests. The proposed solution is to define a maximum system capacity, operating "
    "threshold and appropriate Service User allocations for {ref}."
)
CF_KEY = 0x5A


def _cfemail(address: str) -> str:
    return f"{CF_KEY:02x}" + "".join(f"{ord(ch) ^ CF_KEY:02x}" for ch in address)


def _title(i: int) -> str:
    return " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(3 + i % 4)).capitalize()


def entry_html(i: int) -> str:
    ref = f"MP{300 + i}"
    kind = KINDS[i % len(KINDS)]
    day = date(2020, 1, 6) + timedelta(days=(i * 37) % 1400)
    closing = f"{day.day} {day.strftime('%B %Y')}"
    title = f"{ref} &#8216;{_title(i)}&#8217;" + (f" {kind}" if kind else "")
    audience = "".join(f"<li>{a}</li>" for a in AUDIENCES[i % len(AUDIENCES)])
    if i % 3 == 0:
        address = (
            f'<a href="/cdn-cgi/l/email-protection#{_cfemail("sec.change@gemserv.com")}">'
            f'<span class="__cf_email__" data-cfemail="{_cfemail("sec.change@gemserv.com")}">'
            "[email&#160;protected]</span></a>"
        )
    else:
        address = '<a href="mailto:sec.change@gemserv.com">sec.change@gemserv.com</a>'
    login = " (you will need to be logged in to access)" if i % 5 == 0 else ""
    paragraphs = "".join(
        f"<p>{PARAGRAPH.format(ref=ref)}</p>" for _ in range(1 + i % 3)
    )
    return (
        f'<div class="ewd-ufaq-faq-div ewd-ufaq-faq-column-count-one" '
        f'id="ewd-ufaq-post-{9000 + i}" data-post_id="{9000 + i}">\n'
        f'<div class="ewd-ufaq-faq-title ewd-ufaq-faq-toggle">'
        f'<a class="ewd-ufaq-post-margin" href="https://smartenergycodecompany.co.uk/ufaqs/'
        f'{ref.lower()}/"><div class="ewd-ufaq-faq-title-text">'
        f"<h4>{title} (Closing Date: {closing})</h4></div></a></div>\n"
        f'<div class="ewd-ufaq-faq-body"><div class="ewd-ufaq-post-margin ewd-ufaq-faq-post">\n'
        f"<p><strong>{title}</strong></p>\n{paragraphs}\n"
        f"<p><strong>Who should respond?</strong></p>\n<ul>{audience}</ul>\n"
        f"<p><strong>Related Documents</strong></p>\n"
        f'<p>Please find the consultation document <a href="https://smartenergycodecompany.co.uk'
        f'/download/{ref.lower()}-consultation-document/?wpdmdl={40000 + i}">here</a>{login}.</p>\n'
        f"<p><strong>How to respond</strong></p>\n"
        f"<p>Please use the response template and contact {address} by 5pm on {closing}.</p>\n"
        f"</div></div></div>\n"
    )


def consultations_page(entries: int) -> bytes:
    head = (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="UTF-8">'
        "<title>Open Industry Consultations &#8211; SEC</title>"
        "<script>window.dataLayer = window.dataLayer || [];</script>"
        "<style>.ewd-ufaq-faq-body{display:none}</style></head>\n"
        '<body class="archive tax-ufaq-category"><header><nav><ul><li><a href="/">Home</a></li>'
        '<li><a href="/modifications/">Modifications</a></li></ul></nav></header>\n'
        '<main id="main"><h1>Open Industry Consultations &#8211; SEC</h1>\n'
        '<div class="ewd-ufaq-faqs">\n'
    )
    body = "".join(entry_html(i) for i in range(entries))
    tail = "</div></main><footer><p>&#169; Smart Energy Code Company</p></footer></body></html>\n"
    return (head + body + tail).encode("utf-8")


def best_of(runs: int, fn) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), times


def bench_import(tmp: Path) -> dict[str, float]:
    page = tmp / "open-consultations.html"
    data = consultations_page(ENTRIES)
    page.write_bytes(data)
    parse, _ = best_of(5, lambda: lxml.html.fromstring(data))

    empty_times, reimport_times = [], []
    for run in range(3):
        root = tmp / f"import-{run}"
        with Workspace.open(root) as ws:
            start = time.perf_counter()
            report = import_sources(ws, [str(page)], clock=CLOCK)
            empty_times.append(time.perf_counter() - start)
            assert report.ok and report.added == ENTRIES, (report.added, report.failed)
            start = time.perf_counter()
            again = import_sources(ws, [str(page)], clock=CLOCK)
            reimport_times.append(time.perf_counter() - start)
            assert again.added == 0 and again.changed == 0
    empty, reimport = min(empty_times), min(reimport_times)

    # The two halves of an import: reading the page, and storing what was read.
    read, _ = best_of(2, lambda: read_page(data, str(page)))
    reading = read_page(data, str(page))
    store_times, restore_times = [], []
    for run in range(3):
        with Workspace.open(tmp / f"store-{run}") as ws:
            start = time.perf_counter()
            apply_readings(ws, [reading], now=NOW)
            store_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            apply_readings(ws, [reading], now=NOW)
            restore_times.append(time.perf_counter() - start)
    return {
        "read": read,
        "store_empty": min(store_times),
        "store_full": min(restore_times),
        "page_mb": len(data) / (1024 * 1024),
        "parse": parse,
        "import_empty": empty,
        "reimport": reimport,
        "ratio_empty": empty / parse,
        "ratio_reimport": reimport / parse,
    }


def _many_consultations(n: int) -> list[Consultation]:
    categories = tuple(PartyCategory)
    out = []
    for i in range(n):
        out.append(
            Consultation(
                reference=f"MP{1000 + i}",
                title=_title(i),
                kind=KINDS[i % len(KINDS)] or None,
                closes_at=closing_instant(date(2019, 1, 7) + timedelta(days=i % 2000)),
                summary=PARAGRAPH.format(ref=f"MP{1000 + i}").replace("&#8217;", "’"),
                audience=("Suppliers", "The DCC"),
                party_categories=categories[: 1 + i % len(categories)],
                documents=(Document("consultation document", None, i % 4 == 0),),
            )
        )
    return out


def bench_list(tmp: Path) -> dict[str, float]:
    root = tmp / "list"
    with Workspace.open(root) as ws:
        seed_if_empty(ws, clock=CLOCK)
        with session.transaction(ws) as conn:
            catalogue.insert_consultations(conn, _many_consultations(LIST_ROWS), seen_at=NOW)
        with session.reading(ws) as conn:
            total = len(catalogue.list_consultations(conn))

    def in_process() -> None:
        out = io.StringIO()
        code = main(["--workspace", str(root), "list", "--json"], clock=CLOCK, stdout=out,
                    stderr=io.StringIO())
        assert code == 0 and out.getvalue().count('"key"') == total

    in_proc, _ = best_of(5, in_process)
    env = dict(os.environ, SECRESPONDER_NOW=NOW.isoformat())

    def as_subprocess() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "secresponder", "--workspace", str(root), "list", "--json"],
            env=env, capture_output=True, check=True,
        )
        assert done.stdout.count(b'"key"') == total

    sub, _ = best_of(3, as_subprocess)
    startup, _ = best_of(5, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    version, _ = best_of(5, lambda: subprocess.run(
        [sys.executable, "-m", "secresponder", "--version"], check=True, capture_output=True))
    help_, _ = best_of(5, lambda: subprocess.run(
        [sys.executable, "-m", "secresponder", "--help"], check=True, capture_output=True))
    return {"rows": total, "in_process": in_proc, "subprocess": sub, "python_startup": startup,
            "cli_startup": version, "cli_help": help_}


def print_list(lst: dict[str, float]) -> None:
    base = lst["python_startup"]
    print(f"list --json over {lst['rows']} consultations")
    print(f"  in-process main()                {lst['in_process'] * 1000:8.0f} ms")
    print(f"  subprocess                       {lst['subprocess'] * 1000:8.0f} ms")
    print(f"start-up: `python -c pass` (baseline) {base * 1000:5.0f} ms")
    print(f"  `secresponder --version`         {lst['cli_startup'] * 1000:8.0f} ms"
          f"  ({lst['cli_startup'] / base:.1f}x bare start-up)")
    print(f"  `secresponder --help`            {lst['cli_help'] * 1000:8.0f} ms"
          f"  ({lst['cli_help'] / base:.1f}x bare start-up)")


def main_bench() -> None:
    if sys.argv[1:] == ["list"]:  # only the listing and start-up half
        with tempfile.TemporaryDirectory() as name:
            print_list(bench_list(Path(name)))
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        imp = bench_import(tmp)
        lst = bench_list(tmp)
    print(f"consultations page: {ENTRIES} entries, {imp['page_mb']:.1f} MB of HTML")
    print(f"  lxml.html.fromstring (baseline)  {imp['parse'] * 1000:8.0f} ms")
    print(f"  import into empty workspace      {imp['import_empty'] * 1000:8.0f} ms"
          f"  ({imp['ratio_empty']:.1f}x parse)")
    print(f"  re-import (nothing changes)      {imp['reimport'] * 1000:8.0f} ms"
          f"  ({imp['ratio_reimport']:.1f}x parse)")
    print(f"    of which reading the page      {imp['read'] * 1000:8.0f} ms"
          f"  ({imp['read'] / imp['parse']:.1f}x parse)")
    print(f"    of which storing (empty)       {imp['store_empty'] * 1000:8.0f} ms"
          f"  ({imp['store_empty'] / imp['parse']:.1f}x parse)")
    print(f"    of which storing (re-import)   {imp['store_full'] * 1000:8.0f} ms"
          f"  ({imp['store_full'] / imp['parse']:.1f}x parse)")
    print_list(lst)


if __name__ == "__main__":
    main_bench()
