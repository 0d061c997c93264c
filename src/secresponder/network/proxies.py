"""Choosing the proxy for a web address, as the laptop's browser would.

The user's proxy setting (Preferences) wins when it is filled in: ``direct``, a
proxy address (``http://proxy.corp:8080``) or a proxy auto-configuration (PAC)
file (an address or path ending in ``.pac``, or any address prefixed ``pac:``).
Left blank, the choice is automatic: the proxy environment variables, then the
system's PAC file (Windows' "Use setup script", macOS' automatic proxy
configuration), then the system's fixed proxy (Windows' registry, macOS'
settings), then no proxy.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
import threading
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from secresponder.errors import InputError

log = logging.getLogger(__name__)

DIRECT: None = None  # a candidate meaning "no proxy"
PAC_LIMIT = 1024 * 1024
PAC_TIMEOUT = 10.0
_DIRECT_WORDS = {"direct", "none", "no proxy", "off"}

Candidates = list[str | None]  # proxy URLs in the order to try; None is a direct connection

_PAC_LOCK = threading.Lock()
_PAC_CACHE: dict[str, object] = {}  # PAC location -> compiled PAC file


class ProxySettingError(InputError):
    """The proxy setting or the PAC file it names cannot be used."""


def describe_setting(setting: str) -> str:
    """A few words for messages: where the proxy choice came from."""
    value = setting.strip()
    if not value:
        return "the system's proxy settings"
    return f"the proxy setting '{value}'"


def is_pac_location(value: str) -> bool:
    v = value.strip()
    return v.lower().startswith("pac:") or urlsplit(v).path.lower().endswith(".pac") \
        or v.lower().endswith(".pac")


def check_setting(setting: str) -> str:
    """The setting tidied, or ProxySettingError in one sentence when it is not usable."""
    value = setting.strip()
    if not value or value.lower() in _DIRECT_WORDS or is_pac_location(value):
        return value
    url = value if "://" in value else f"http://{value}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProxySettingError(
            f"The proxy '{value}' is not an address such as http://proxy.example:8080, "
            f"'direct', or a PAC file ending in .pac."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ProxySettingError(f"The proxy '{value}' has a port that is not a number.") from None
    return value


def system_pac_location() -> str | None:
    """The PAC file the operating system is set to use, if any."""
    try:
        from pypac import os_settings
    except ImportError:  # pragma: no cover - pypac is a dependency
        return None
    try:
        if sys.platform == "win32":
            return os_settings.autoconfig_url_from_registry()
        if sys.platform == "darwin":
            return os_settings.autoconfig_url_from_preferences()
    except Exception as exc:  # the OS query failing must never stop a download
        log.warning("The system's proxy auto-configuration could not be read: %s", exc)
    return None


class ProxyResolver:
    """Proxy candidates for each address, from one setting; PAC files are read once."""

    def __init__(
        self,
        setting: str = "",
        *,
        system_pac: Callable[[], str | None] | None = None,
        fetch_pac: Callable[[str], str] | None = None,
    ) -> None:
        self.setting = check_setting(setting)
        self._system_pac = system_pac or (lambda: system_pac_location())
        self._fetch_pac = fetch_pac or read_pac_text

    def candidates(self, url: str) -> Candidates:
        """The proxies to try for ``url``, best first (``None``: connect directly)."""
        value = self.setting
        if value.lower() in _DIRECT_WORDS:
            return [DIRECT]
        if value and is_pac_location(value):
            return self._from_pac(_pac_address(value), url, explicit=True)
        if value:
            return [value if "://" in value else f"http://{value}"]
        return self._automatic(url)

    def _automatic(self, url: str) -> Candidates:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if _is_loopback(host):  # as Windows' "<local>" bypass: this computer is never proxied
            return [DIRECT]
        env = urllib.request.getproxies_environment()
        if env:
            if urllib.request.proxy_bypass_environment(host, env):
                return [DIRECT]
            chosen = env.get(parts.scheme) or env.get("all")
            return [_with_scheme(chosen)] if chosen else [DIRECT]
        pac = self._system_pac()
        if pac:
            return self._from_pac(pac, url, explicit=False)
        system = urllib.request.getproxies()
        chosen = system.get(parts.scheme) or system.get("all")
        if chosen and not urllib.request.proxy_bypass(host):
            return [_with_scheme(chosen)]
        return [DIRECT]

    def _from_pac(self, location: str, url: str, *, explicit: bool) -> Candidates:
        from pypac.parser import parse_pac_value

        try:
            pac = self._load(location)
            with _PAC_LOCK:  # one JavaScript interpreter per file, shared by worker threads
                value = pac.find_proxy_for_url(url, urlsplit(url).hostname or "")
        except ProxySettingError:
            if explicit:
                raise
            log.warning("The system's PAC file %s could not be used; connecting directly.",
                        location, exc_info=True)
            return [DIRECT]
        except Exception as exc:
            if explicit:
                raise ProxySettingError(
                    f"The PAC file {location} failed while choosing a proxy for {url} ({exc})."
                ) from None
            log.warning("The system's PAC file %s failed for %s: %s", location, url, exc)
            return [DIRECT]
        chosen: Candidates = []
        for entry in parse_pac_value(str(value or "DIRECT")):
            if entry == "DIRECT":
                chosen.append(DIRECT)
            elif entry.startswith(("http://", "https://")):
                chosen.append(entry)
            else:  # SOCKS needs an extra package; a PAC file lists it rarely, with a fallback
                log.warning("PAC file %s offered %s, which is not supported; skipped.",
                            location, entry)
        return chosen or [DIRECT]

    def _load(self, location: str) -> object:
        # Starting the JavaScript engine and compiling the file takes about 160 ms: it is
        # done once per process and file, as a browser does, not once per download.
        with _PAC_LOCK:
            cached = _PAC_CACHE.get(location)
        if cached is not None:
            return cached
        from pypac.parser import MalformedPacError, PACFile

        text = self._fetch_pac(location)
        try:
            pac = PACFile(text)
        except MalformedPacError as exc:
            raise ProxySettingError(
                f"The PAC file {location} is not a proxy auto-configuration script ({exc})."
            ) from None
        with _PAC_LOCK:
            _PAC_CACHE[location] = pac
        return pac


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _with_scheme(proxy: str) -> str:
    return proxy if "://" in proxy else f"http://{proxy}"


def _pac_address(value: str) -> str:
    v = value.strip()
    return v[4:].strip() if v.lower().startswith("pac:") else v


def read_pac_text(location: str) -> str:
    """The PAC script at an http(s) address, a ``file:`` URL or a path."""
    parts = urlsplit(location)
    if parts.scheme in ("http", "https"):
        return _download_pac(location)
    path = _local_path(location)
    try:
        size = path.stat().st_size
        if size > PAC_LIMIT:
            raise ProxySettingError(f"The PAC file {path} is over the 1 MB limit.")
        data = path.read_bytes()
    except OSError as exc:
        raise ProxySettingError(
            f"The PAC file {path} cannot be read ({exc.strerror or exc})."
        ) from None
    return _decode(data)


def _local_path(location: str) -> Path:
    if location.lower().startswith("file:"):
        parts = urlsplit(location)
        path = unquote(parts.path)
        if sys.platform == "win32":
            if parts.netloc and parts.netloc not in ("", "localhost"):
                return Path(f"//{parts.netloc}{path}")  # a share: file://server/share/x.pac
            path = path.lstrip("/") if len(path) > 2 and path[2] == ":" else path
        return Path(path)
    return Path(location)


def _download_pac(location: str) -> str:
    # The PAC file is always fetched directly: it is what says which proxy to use.
    import httpx

    from secresponder.network.tls import ssl_context

    try:
        with httpx.Client(
            verify=ssl_context(), trust_env=False, timeout=PAC_TIMEOUT, follow_redirects=True
        ) as client:
            response = client.get(location)
    except httpx.HTTPError as exc:
        raise ProxySettingError(
            f"The PAC file {location} could not be fetched ({exc or type(exc).__name__})."
        ) from None
    if response.status_code >= 400:
        raise ProxySettingError(
            f"The PAC file {location} could not be fetched (the server answered "
            f"{response.status_code})."
        )
    if len(response.content) > PAC_LIMIT:
        raise ProxySettingError(f"The PAC file {location} is over the 1 MB limit.")
    return _decode(response.content)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")
