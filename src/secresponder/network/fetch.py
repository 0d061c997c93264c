"""Opening a web address with one overall deadline and safe redirects.

Every request goes through the system trust store (``tls``) and the proxy chosen
by ``proxies``. httpx's timeouts count per read, so a server sending a byte a
second would never time out; here the whole download has one deadline, enforced
between chunks and by a watchdog that closes the connection when it passes. An
https address may only redirect to https. Every failure is one sentence naming
the address, raised as ``NetworkError``.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from secresponder import __version__
from secresponder.errors import InputError
from secresponder.network.proxies import ProxyResolver, ProxySettingError
from secresponder.network.tls import certificate_problem, describe_tls_failure, ssl_context

PAGE_DEADLINE = 30.0  # seconds for a whole page
DOCUMENT_BASE_DEADLINE = 30.0
DOCUMENT_MIN_RATE = 256 * 1024  # bytes a second a document download may not fall below
CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 30.0
MAX_REDIRECTS = 10
USER_AGENT = f"secresponder/{__version__}"


class NetworkError(InputError):
    """A web address could not be fetched; the message names it and why."""


def document_deadline(limit: int) -> float:
    """Seconds allowed for a document of at most ``limit`` bytes: scales with the limit."""
    return DOCUMENT_BASE_DEADLINE + limit / DOCUMENT_MIN_RATE


@dataclass
class Deadline:
    seconds: float
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def expired(self) -> bool:
        return self.remaining() <= 0


@dataclass
class Opened:
    """A response being received, with the deadline it must finish within."""

    url: str  # the address asked for
    final_url: str  # after redirects
    response: httpx.Response
    deadline: Deadline
    verb: str
    received: int = 0

    def chunks(self) -> Iterator[bytes]:
        """The body as it arrives; NetworkError once the overall deadline passes."""
        for chunk in self.response.iter_bytes():
            if self.deadline.expired():
                raise self.too_slow()
            self.received += len(chunk)
            yield chunk
        if self.deadline.expired():
            raise self.too_slow()

    def too_slow(self) -> NetworkError:
        return NetworkError(
            f"{self.url}: could not be {self.verb} within {self.deadline.seconds:.0f} seconds "
            f"(the server sent {self.received:,} bytes in that time, too slowly)."
        )


@contextlib.contextmanager
def open_url(
    url: str,
    *,
    deadline: float,
    proxy: str = "",
    verb: str = "fetched",
    read_timeout: float = READ_TIMEOUT,
    client: httpx.Client | None = None,
    resolver: ProxyResolver | None = None,
) -> Iterator[Opened]:
    """GET ``url`` (following safe redirects) and yield the response to stream from."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NetworkError(f"{url}: is not a web address (http or https).")
    clock = Deadline(deadline)
    try:
        chooser = resolver or ProxyResolver(proxy)
    except ProxySettingError as exc:
        raise NetworkError(f"{url}: could not be {verb}: {_lower_first(str(exc))}") from None
    current = url
    secure = parts.scheme == "https"
    with contextlib.ExitStack() as stack:
        for _ in range(MAX_REDIRECTS + 1):
            response, used_proxy = _send(
                stack, url, current, clock, chooser, verb, read_timeout, client
            )
            if response.is_redirect and response.next_request is not None:
                target = str(response.next_request.url)
                response.close()
                scheme = urlsplit(target).scheme
                if secure and scheme != "https":
                    raise NetworkError(
                        f"{url}: could not be {verb}: the secure (https) address redirects to "
                        f"an insecure one ({target}), which was not followed."
                    )
                secure = secure or scheme == "https"
                current = target
                continue
            watchdog = _watchdog(response, clock)
            opened = Opened(url, current, response, clock, verb)
            try:
                yield opened
            except httpx.HTTPError as exc:
                if clock.expired():
                    raise opened.too_slow() from None
                raise NetworkError(_describe(exc, url, current, verb, used_proxy)) from None
            finally:
                if watchdog is not None:
                    watchdog.cancel()
                response.close()
            return
        raise NetworkError(f"{url}: could not be {verb}: it redirects more than "
                           f"{MAX_REDIRECTS} times.")


def _send(
    stack: contextlib.ExitStack,
    url: str,
    current: str,
    clock: Deadline,
    chooser: ProxyResolver,
    verb: str,
    read_timeout: float,
    client: httpx.Client | None,
) -> tuple[httpx.Response, str | None]:
    """Send one request, trying each proxy candidate in turn when it cannot be reached."""
    try:
        candidates = [None] if client is not None else chooser.candidates(current)
    except ProxySettingError as exc:
        raise NetworkError(f"{url}: could not be {verb}: {_lower_first(str(exc))}") from None
    last: tuple[httpx.HTTPError, str | None] | None = None
    for proxy in candidates:
        remaining = clock.remaining()
        if remaining <= 0:
            break
        timeout = httpx.Timeout(
            connect=min(CONNECT_TIMEOUT, remaining), read=min(read_timeout, remaining),
            write=min(READ_TIMEOUT, remaining), pool=min(CONNECT_TIMEOUT, remaining),
        )
        http = client or stack.enter_context(httpx.Client(
            verify=ssl_context(), proxy=proxy, trust_env=False,
            headers={"User-Agent": USER_AGENT},
        ))
        try:
            request = http.build_request("GET", current, timeout=timeout)
            return http.send(request, stream=True, follow_redirects=False), proxy
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.ProxyError) as exc:
            if certificate_problem(exc) is not None:
                raise NetworkError(_describe(exc, url, current, verb, proxy)) from None
            last = (exc, proxy)  # try the next candidate the PAC file offered
        except httpx.HTTPError as exc:
            raise NetworkError(_describe(exc, url, current, verb, proxy)) from None
        except httpx.InvalidURL as exc:
            raise NetworkError(f"{url}: could not be {verb} ({exc}).") from None
        except ValueError as exc:  # a proxy address httpx cannot use
            raise NetworkError(f"{url}: could not be {verb}: the proxy {proxy} cannot be "
                               f"used ({exc}).") from None
    if last is None:
        raise NetworkError(f"{url}: could not be {verb} within {clock.seconds:.0f} seconds.")
    raise NetworkError(_describe(last[0], url, current, verb, last[1]))


def _describe(
    exc: httpx.HTTPError, url: str, current: str, verb: str, proxy: str | None
) -> str:
    host = urlsplit(current).hostname or current
    tls = certificate_problem(exc)
    if tls is not None:
        return f"{url}: could not be {verb}: {describe_tls_failure(tls, host)}."
    if isinstance(exc, httpx.ProxyError):
        return (f"{url}: could not be {verb}: the proxy {proxy} refused it ({exc}); check the "
                f"proxy in Preferences.")
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        if proxy:
            return (f"{url}: could not be {verb}: the proxy {proxy} could not be reached; "
                    f"check the proxy in Preferences.")
        return f"{url}: could not be {verb} (no network connection?)."
    if isinstance(exc, httpx.TimeoutException):
        return f"{url}: could not be {verb} (no answer within the time allowed)."
    detail = str(exc).rstrip(".") or type(exc).__name__
    return f"{url}: could not be {verb} ({detail})."


def _watchdog(response: httpx.Response, clock: Deadline) -> threading.Timer | None:
    """Close the connection when the deadline passes, even mid-read."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if not isinstance(sock, socket.socket):
        return None  # the read timeout still bounds each wait

    def stop() -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(clock.remaining(), 0.0), stop)
    timer.daemon = True
    timer.start()
    return timer


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text
