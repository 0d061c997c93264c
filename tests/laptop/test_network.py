"""The corporate network: system trust store, PAC-chosen proxies, one deadline, safe redirects.

Every server here listens on 127.0.0.1 only; names such as sec.example never reach DNS
because the PAC file sends them to the local proxy.
"""

from __future__ import annotations

import sys
import threading

import pytest
import trustme

from secresponder.documents.download import download
from secresponder.network import proxies
from secresponder.network.fetch import NetworkError, document_deadline
from secresponder.network.proxies import DIRECT, ProxyResolver, ProxySettingError
from secresponder.services.importing import fetch_url
from tests.laptop.servers import (
    body,
    drip,
    elapsed,
    proxy_answering,
    redirect,
    serve,
)

linux_only = pytest.mark.skipif(
    sys.platform != "linux", reason="SSL_CERT_FILE feeds the trust store on Linux only"
)


@pytest.fixture
def authority():
    return trustme.CA()


@pytest.fixture
def tls_server(authority):
    """An HTTPS server whose certificate authority no bundle knows."""
    context = __import__("ssl").create_default_context(__import__("ssl").Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    routes = {"/page": body(b"MP231 Firmware upgrade pathways")}
    with serve(routes, tls=context) as (port, seen):
        yield port, seen, routes


@pytest.fixture
def system_store(tmp_path, monkeypatch):
    """Point OpenSSL's default locations (what truststore reads on Linux) at files we choose."""
    empty = tmp_path / "empty-certs"
    empty.mkdir()
    monkeypatch.setenv("SSL_CERT_DIR", str(empty))

    def trust(authority: trustme.CA | None) -> None:
        bundle = tmp_path / "system-ca.pem"
        bundle.write_bytes(authority.cert_pem.bytes() if authority else b"")
        monkeypatch.setenv("SSL_CERT_FILE", str(bundle))

    return trust


@pytest.fixture(autouse=True)
def no_system_proxy(monkeypatch):
    """The machine running the tests may have proxies set; these tests choose their own."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setattr(proxies, "system_pac_location", lambda: None)


# --- the trust store ---------------------------------------------------------------------


@linux_only
def test_a_server_signed_by_an_authority_only_the_system_trusts_is_fetched(
    tls_server, authority, system_store
):
    port, seen, _ = tls_server
    system_store(authority)
    assert fetch_url(f"https://localhost:{port}/page") == b"MP231 Firmware upgrade pathways"
    assert seen == ["/page"]


@linux_only
def test_an_untrusted_certificate_is_named_as_a_certificate_problem_with_the_host(
    tls_server, system_store
):
    port, seen, _ = tls_server
    system_store(None)  # nothing trusted: as a laptop whose IT has not installed the proxy's CA
    url = f"https://localhost:{port}/page"
    with pytest.raises(NetworkError) as raised:
        fetch_url(url)
    message = str(raised.value)
    assert message.startswith(f"{url}: could not be fetched: the certificate presented for "
                              f"localhost is not trusted by this computer")
    assert "certificate authority" in message and "no network connection" not in message
    assert message.endswith(".") and "\n" not in message
    assert seen == []


@linux_only
def test_an_https_link_that_redirects_to_http_is_refused(tls_server, authority, system_store):
    port, _, routes = tls_server
    system_store(authority)
    with serve({"/plain": body(b"not over TLS")}) as (plain_port, plain_seen):
        routes["/moved"] = redirect(f"http://127.0.0.1:{plain_port}/plain")
        url = f"https://localhost:{port}/moved"
        with pytest.raises(NetworkError, match=r"redirects to an insecure one .*not followed\.$"):
            fetch_url(url)
        assert plain_seen == []  # the http address was never asked for


@linux_only
def test_an_https_link_may_redirect_to_https(tls_server, authority, system_store):
    port, _, routes = tls_server
    system_store(authority)
    routes["/moved"] = redirect(f"https://localhost:{port}/page")
    assert fetch_url(f"https://localhost:{port}/moved") == b"MP231 Firmware upgrade pathways"


def test_an_http_link_may_redirect_and_a_redirect_loop_is_one_sentence(tmp_path):
    routes = {"/new": body(b"moved here")}
    with serve(routes) as (port, _):
        routes["/old"] = redirect(f"http://127.0.0.1:{port}/new")
        routes["/loop"] = redirect(f"http://127.0.0.1:{port}/loop")
        assert fetch_url(f"http://127.0.0.1:{port}/old") == b"moved here"
        with pytest.raises(NetworkError, match=r"redirects more than 10 times\.$"):
            fetch_url(f"http://127.0.0.1:{port}/loop")


# --- proxies and PAC files ---------------------------------------------------------------


def pac_file(tmp_path, body_js: str):
    path = tmp_path / "corporate.pac"
    path.write_text(body_js, encoding="utf-8")
    return path


def test_the_proxy_a_local_pac_file_chooses_is_used(tmp_path):
    with serve(fallback=proxy_answering("via proxy")) as (proxy_port, proxy_seen):
        pac = pac_file(tmp_path, f"""
            function FindProxyForURL(url, host) {{
                if (dnsDomainIs(host, "sec.example")) return "PROXY 127.0.0.1:{proxy_port}";
                return "DIRECT";
            }}""")
        page = fetch_url("http://sec.example/ufaq-category/open/", proxy=str(pac))
    assert page == b"via proxy http://sec.example/ufaq-category/open/"
    assert proxy_seen == ["http://sec.example/ufaq-category/open/"]


def test_the_systems_pac_file_is_used_when_no_proxy_is_set(tmp_path, monkeypatch):
    with serve(fallback=proxy_answering("system pac")) as (proxy_port, _):
        pac = pac_file(tmp_path, f'function FindProxyForURL(u, h) {{ return '
                                 f'"PROXY 127.0.0.1:{proxy_port}"; }}')
        monkeypatch.setattr(proxies, "system_pac_location", lambda: pac.as_uri())
        assert fetch_url("http://sec.example/a") == b"system pac http://sec.example/a"


def test_a_dead_proxy_in_the_pac_list_falls_back_to_the_next(tmp_path):
    dead = _closed_port()
    with serve(fallback=proxy_answering("second")) as (live, _):
        pac = pac_file(tmp_path, f'function FindProxyForURL(u, h) {{ return '
                                 f'"PROXY 127.0.0.1:{dead}; PROXY 127.0.0.1:{live}"; }}')
        assert fetch_url("http://sec.example/b", proxy=f"pac:{pac}") == \
            b"second http://sec.example/b"


def test_a_fixed_proxy_from_preferences_and_an_unreachable_one(tmp_path):
    with serve(fallback=proxy_answering("fixed")) as (port, _):
        assert fetch_url("http://sec.example/c", proxy=f"127.0.0.1:{port}") == \
            b"fixed http://sec.example/c"
    dead = _closed_port()
    with pytest.raises(NetworkError) as raised:
        fetch_url("http://sec.example/c", proxy=f"http://127.0.0.1:{dead}")
    assert str(raised.value) == (
        f"http://sec.example/c: could not be fetched: the proxy http://127.0.0.1:{dead} could "
        f"not be reached; check the proxy in Preferences."
    )


def test_environment_proxies_are_honoured_but_this_computer_is_never_proxied(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.corp.example:8080")
    monkeypatch.setenv("NO_PROXY", "intranet.example")
    resolver = ProxyResolver("")
    assert resolver.candidates("https://sec.example/x") == ["http://proxy.corp.example:8080"]
    assert resolver.candidates("https://intranet.example/x") == [DIRECT]
    assert resolver.candidates("http://127.0.0.1:8000/x") == [DIRECT]
    assert ProxyResolver("direct").candidates("https://sec.example/x") == [DIRECT]


def test_a_broken_pac_file_or_proxy_setting_is_one_sentence(tmp_path):
    pac = pac_file(tmp_path, "function FindProxyForURL(url, host) { return ")
    with pytest.raises(NetworkError, match=r"corporate\.pac is not a proxy auto-configuration"):
        fetch_url("http://sec.example/d", proxy=str(pac))
    with pytest.raises(NetworkError, match=r"missing\.pac cannot be read"):
        fetch_url("http://sec.example/d", proxy=str(tmp_path / "missing.pac"))
    with pytest.raises(ProxySettingError, match="is not an address such as"):
        ProxyResolver("ftp://proxy.example:21")
    with pytest.raises(ProxySettingError, match="port that is not a number"):
        ProxyResolver("proxy.example:eighty")


def test_a_broken_system_pac_file_falls_back_to_a_direct_connection(tmp_path, monkeypatch):
    pac = pac_file(tmp_path, "this is not javascript (")
    monkeypatch.setattr(proxies, "system_pac_location", lambda: str(pac))
    assert ProxyResolver("").candidates("http://sec.example/e") == [DIRECT]


# --- one overall deadline ----------------------------------------------------------------


def test_a_dripping_server_hits_the_overall_deadline():
    stop = threading.Event()
    with serve({"/slow": drip(10_000, 0.05, stop=stop)}) as (port, _):
        url = f"http://127.0.0.1:{port}/slow"
        took, raised = elapsed(lambda: fetch_url(url, deadline=1.5))
        stop.set()
    assert isinstance(raised, NetworkError), raised
    assert str(raised).startswith(f"{url}: could not be fetched within 2 seconds (the server "
                                  f"sent ")
    assert 1.4 <= took < 2.5


def test_a_server_that_goes_silent_is_cut_off_at_the_deadline_not_the_read_timeout():
    stop = threading.Event()
    with serve({"/silent": drip(1000, -30, stop=stop)}) as (port, _):
        url = f"http://127.0.0.1:{port}/silent"
        took, raised = elapsed(lambda: fetch_url(url, deadline=1.0, timeout=60))
        stop.set()
    assert isinstance(raised, NetworkError) and "within 1 seconds" in str(raised), raised
    assert took < 2.0


def test_a_document_download_has_a_deadline_that_grows_with_its_size_limit(tmp_path):
    assert document_deadline(1024 * 1024) < document_deadline(100 * 1024 * 1024)
    assert document_deadline(100 * 1024 * 1024) == pytest.approx(30 + 400)
    stop = threading.Event()
    with serve({"/slow.pdf": drip(10_000, 0.05, stop=stop)}) as (port, _):
        url = f"http://127.0.0.1:{port}/slow.pdf"
        took, raised = elapsed(
            lambda: download(url, tmp_path / "files", limit=1_000_000, deadline=1.0)
        )
        stop.set()
    assert isinstance(raised, NetworkError), raised
    assert "could not be downloaded within 1 seconds" in str(raised) and took < 2.0
    assert [p.name for p in (tmp_path / "files").iterdir()] == []  # nothing left behind


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
