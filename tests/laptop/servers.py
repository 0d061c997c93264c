"""Loopback servers for the network tests: plain or TLS pages, a forward proxy, a slow drip."""

from __future__ import annotations

import contextlib
import http.server
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from typing import ClassVar

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Route]] = {}
    seen: ClassVar[list[str]] = []
    fallback: ClassVar[Route | None] = None

    def do_GET(self) -> None:
        self.seen.append(self.path)
        route = self.routes.get(self.path) or self.fallback
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(
    routes: dict[str, Route] | None = None,
    *,
    fallback: Route | None = None,
    tls: ssl.SSLContext | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """Serve on 127.0.0.1; yields the port and the list of request paths seen."""
    seen: list[str] = []
    handler = type("Handler", (_Handler,), {
        "routes": routes if routes is not None else {}, "seen": seen,
        "fallback": staticmethod(fallback) if fallback else None,
    })
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()


def body(data: bytes, content_type: str = "text/plain; charset=utf-8") -> Route:
    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
    return route


def redirect(location: str) -> Route:
    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return route


def drip(total: int, every: float, *, stop: threading.Event) -> Route:
    """Send ``total`` bytes one at a time, ``every`` seconds apart (or go silent if every<0)."""
    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        h.wfile.flush()
        with contextlib.suppress(OSError):
            for _ in range(total):
                if stop.wait(abs(every)):
                    return
                if every > 0:
                    h.wfile.write(b"x")
                    h.wfile.flush()
    return route


def proxy_answering(text: str) -> Route:
    """A forward proxy that answers every absolute-form request itself, naming the address."""
    def route(h: http.server.BaseHTTPRequestHandler) -> None:
        body(f"{text} {h.path}".encode())(h)
    return route


def elapsed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.monotonic()
    try:
        result: object = fn()
    except Exception as exc:  # the tests look at what was raised
        result = exc
    return time.monotonic() - start, result
