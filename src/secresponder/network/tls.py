"""TLS verification through the operating system's trust store.

A TLS-inspecting proxy re-signs every site with the organisation's own
certificate authority, which IT installs in Windows' (or macOS') certificate
store and which no bundled list such as certifi's knows. ``truststore`` asks the
system to verify, as the browser does; on Linux it reads OpenSSL's locations,
``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` included.
"""

from __future__ import annotations

import ssl

import truststore


def ssl_context() -> ssl.SSLContext:
    """A client context that verifies servers against the system's trust store."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def certificate_problem(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind an httpx error, if that is what it was."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            return current
        current = current.__cause__ or current.__context__
    return None


def describe_tls_failure(error: ssl.SSLError, host: str) -> str:
    """Words for a failed TLS handshake with ``host``, naming it as a certificate problem."""
    reason = getattr(error, "verify_message", None) or getattr(error, "reason", None) \
        or str(error)
    if isinstance(error, ssl.SSLCertVerificationError) or "CERTIFICATE" in str(reason).upper():
        return (
            f"the certificate presented for {host} is not trusted by this computer ({reason}); "
            f"if your organisation inspects web traffic, ask IT to install its certificate "
            f"authority in the system's certificate store"
        )
    return f"a secure (TLS) connection to {host} could not be made ({reason})"
