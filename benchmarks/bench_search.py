"""Offline reading speed: attaching 200 mixed documents, and searching 10,000 documents' text.

Run as ``.venv/bin/python benchmarks/bench_search.py``. Baselines measured in the
same run: for attaching, hashing and copying the same bytes (the least any store
must do); for searching, finding every match with a LIKE scan over the same texts in
a plain table (what ranking needs, without an index).
"""

from __future__ import annotations

import hashlib
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.documents.document_builders import (  # noqa: E402
    docx_bytes,
    html_bytes,
    pdf_bytes,
    xlsx_bytes,
)

from secresponder.domain.clock import fixed_clock  # noqa: E402
from secresponder.services import documents as documents_service  # noqa: E402
from secresponder.services.bootstrap import open_seeded_workspace  # noqa: E402
from secresponder.services.search import search  # noqa: E402
from secresponder.store import search_index  # noqa: E402
from secresponder.store.sql import documents as documents_repo  # noqa: E402
from secresponder.store.sql import session  # noqa: E402
from secresponder.store.sql.search import index_document  # noqa: E402

CLOCK = fixed_clock(datetime(2023, 5, 1, 8, 0, tzinfo=UTC))
RNG = random.Random(20230501)
DOMAIN = [
    *("firmware", "upgrade", "device", "supplier", "network", "DCC", "consultation"),
    *("modification", "proposal", "meter", "smart", "energy", "code", "section", "schedule"),
    *("appendix", "release", "communications", "hub", "prepayment", "tariff", "security"),
    *("interoperability", "registration", "data", "service", "request"),
]
VOCABULARY = DOMAIN + [
    "".join(RNG.choice("abcdefghijklmnoprstuvw") for _ in range(RNG.randint(4, 10)))
    for _ in range(6000)
]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]  # Zipf-like: a few words common


def words(n: int) -> list[str]:
    return RNG.choices(VOCABULARY, WEIGHTS, k=n)


def paragraphs(n: int, size: int = 60) -> list[str]:
    return [" ".join(words(size)).capitalize() + "." for _ in range(n)]


def make_document(fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf_bytes([[" ".join(words(12)) for _ in range(40)] for _ in range(4)])
    if fmt == "docx":
        return docx_bytes(paragraphs(30), [[" ".join(words(5)) for _ in range(3)]] * 10)
    if fmt == "xlsx":
        return xlsx_bytes({"Comments": [[" ".join(words(8)) for _ in range(4)]] * 60})
    if fmt == "html":
        return html_bytes("Consultation", "".join(f"<p>{p}</p>" for p in paragraphs(30)))
    return "\n\n".join(paragraphs(30)).encode()


def bench_attach(work: Path) -> list[str]:
    formats = ["pdf", "docx", "xlsx", "html", "txt"]
    source = work / "sources"
    source.mkdir()
    paths = []
    for i in range(200):
        fmt = formats[i % 5]
        path = source / f"doc{i:03d}.{fmt}"
        path.write_bytes(make_document(fmt))
        paths.append(path)
    total_mb = sum(p.stat().st_size for p in paths) / 1e6

    copies = work / "copies"
    copies.mkdir()
    start = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        (copies / hashlib.sha256(data).hexdigest()).write_bytes(data)
    baseline = time.perf_counter() - start

    per_format: dict[str, list[float]] = {f: [] for f in formats}
    with open_seeded_workspace(work / "attach-ws", clock=CLOCK) as ws:
        cid = ws.connection.execute("SELECT min(id) FROM consultations").fetchone()[0]
        start = time.perf_counter()
        for path in paths:
            t0 = time.perf_counter()
            documents_service.attach_file(ws, cid, path, clock=CLOCK)
            per_format[path.suffix[1:]].append(time.perf_counter() - t0)
        attach = time.perf_counter() - start
    lines = [
        f"attach 200 documents ({total_mb:.1f} MB): {attach:.2f} s "
        f"(baseline hash+copy {baseline * 1000:.0f} ms)",
    ]
    for fmt, times in per_format.items():
        lines.append(f"  {fmt}: median {statistics.median(times) * 1000:.1f} ms per document")
    return lines


QUERIES = [
    ("common word", "firmware"),
    ("two words", "supplier tariff"),
    ("phrase", '"smart energy"'),
    ("prefix", "regist*"),
    ("rare word", None),  # filled in with a word from the tail of the vocabulary
]


def bench_search(work: Path, n_docs: int = 10_000, size: int = 250) -> list[str]:
    texts = [" ".join(words(size)) for _ in range(n_docs)]
    rare = next(w for w in reversed(VOCABULARY) if any(w in t for t in texts[:2000]))
    queries = [(name, q or rare) for name, q in QUERIES]
    with open_seeded_workspace(work / "search-ws", clock=CLOCK) as ws:
        conn = ws.connection
        ids = [r[0] for r in conn.execute("SELECT id FROM consultations")]
        start = time.perf_counter()
        with session.transaction(ws) as tx:
            for i, text in enumerate(texts):
                doc = documents_repo.insert_document(
                    tx,
                    sha256=f"{i:064x}",
                    fmt="txt",
                    size=len(text),
                    stored_name=f"{i}.txt",
                    title=None,
                    pages=None,
                    text_chars=len(text),
                    added_at=CLOCK(),
                )
                documents_repo.attach(
                    tx,
                    consultation_id=ids[i % len(ids)],
                    document_id=doc.id,
                    label=f"doc{i}.txt",
                    source="bench",
                    attached_at=CLOCK(),
                )
                index_document(tx, doc.id, f"doc{i}.txt", text)
        index_time = time.perf_counter() - start
        conn.execute("CREATE TABLE plain_texts (id INTEGER PRIMARY KEY, body TEXT)")
        conn.executemany("INSERT INTO plain_texts (body) VALUES (?)", [(t,) for t in texts])
        mb = sum(len(t) for t in texts) / 1e6
        lines = [f"index {n_docs:,} documents ({mb:.0f} MB of text): {index_time:.1f} s"]
        lines.append("| query | matches | search() median (best 50) | LIKE scan for all matches |")
        lines.append("| --- | ---: | ---: | ---: |")
        for name, query in queries:
            expression = search_index.match_expression(query)
            matches = conn.execute(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,)
            ).fetchone()[0]
            timings = []
            for _ in range(15):
                t0 = time.perf_counter()
                hits = search(ws, query)
                timings.append(time.perf_counter() - t0)
            assert hits, query
            like_term = query.strip('"*').split()[0]
            scans = []
            for _ in range(3):
                t0 = time.perf_counter()
                conn.execute(
                    "SELECT id FROM plain_texts WHERE body LIKE ?", (f"%{like_term}%",)
                ).fetchall()
                scans.append(time.perf_counter() - t0)
            lines.append(
                f"| {name} `{query}` | {matches:,} | {statistics.median(timings) * 1000:.1f} ms "
                f"| {statistics.median(scans) * 1000:.1f} ms |"
            )
    return lines


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        for line in bench_attach(work) + bench_search(work):
            print(line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
