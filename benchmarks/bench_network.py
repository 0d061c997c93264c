"""What the corporate-network layer costs per download, against plain httpx in the same run.

Run:  .venv/bin/python benchmarks/bench_network.py

A local HTTPS server (a throwaway certificate authority, trusted through
``SSL_CERT_FILE`` as the system store) serves a 30 KB page and a 2 MB document. Each is
fetched N times by:
- baseline: a new ``httpx.Client(verify=<context from the CA file>)`` per download, as
  the code did before (a new client per page or document), reading the body;
- ``fetch_url`` / ``download``: the system trust store (truststore), the proxy choice
  (automatic: environment, system PAC, system proxy), the deadline watchdog and the
  manual, https-only redirects.
Wall-clock medians of runs taken alternately; the ratio is what the user would notice.
"""

from __future__ import annotations

import http.server
import os
import ssl
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import trustme

from secresponder.documents.download import download
from secresponder.services.importing import fetch_url

RUNS = 40
PAGE = b"<p>" + b"MP231 Firmware upgrade pathways " * 1000 + b"</p>"
DOCUMENT = b"%PDF-1.7\n" + os.urandom(2 * 1024 * 1024)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body, kind = (PAGE, "text/html") if self.path == "/page" else (DOCUMENT,
                                                                        "application/pdf")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def paired_medians(first, second, runs: int = RUNS) -> tuple[float, float]:
    """Time ``first`` and ``second`` alternately (the machine is shared), medians in ms."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, into in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            into.append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def main() -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ.pop(name, None)
    authority = trustme.CA()
    work = Path(tempfile.mkdtemp(prefix="bench-network-"))
    bundle = work / "ca.pem"
    bundle.write_bytes(authority.cert_pem.bytes())
    os.environ["SSL_CERT_FILE"] = str(bundle)
    os.environ["SSL_CERT_DIR"] = str(work)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(server_context)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"https://localhost:{server.server_address[1]}"

    def plain(path: str) -> bytes:
        with httpx.Client(verify=ssl.create_default_context(cafile=str(bundle))) as client:
            return client.get(base + path).content

    def document() -> None:
        got = download(base + "/doc.pdf", work / "files", limit=10 * 1024 * 1024)
        got.path.unlink()

    rows = []
    for label, baseline, ours in (
        ("page, 30 KB", lambda: plain("/page"), lambda: fetch_url(base + "/page")),
        ("document, 2 MB", lambda: plain("/doc.pdf"), document),
    ):
        baseline(), ours()  # warm both
        rows.append((label, *paired_medians(baseline, ours)))
    server.shutdown()
    print("| download | plain httpx | trust store + proxy + deadline | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for label, first, second in rows:
        print(f"| {label} | {first:.1f} ms | {second:.1f} ms | {second / first:.2f}x |")


if __name__ == "__main__":
    main()
