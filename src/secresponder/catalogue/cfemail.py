"""Decoding e-mail addresses hidden by Cloudflare's e-mail protection.

The page shows "[email protected]" and carries the address as hex, either in a
``data-cfemail`` attribute or after ``/cdn-cgi/l/email-protection#``. The first
byte is a key XORed with every following byte.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\[\s*email\s+protected\s*\]", re.IGNORECASE)
_HEX = re.compile(r"^(?:[0-9a-fA-F]{2}){2,}$")
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def decode_cfemail(encoded: str) -> str | None:
    """The address hidden in ``encoded`` hex, or None when it is not a valid encoding."""
    encoded = encoded.strip()
    if not _HEX.match(encoded):
        return None
    raw = bytes.fromhex(encoded)
    key = raw[0]
    try:
        address = bytes(b ^ key for b in raw[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return address if _ADDRESS.match(address) else None


def decode_protection_href(href: str) -> str | None:
    """The address in a ``/cdn-cgi/l/email-protection#<hex>`` link, or None."""
    marker = "/cdn-cgi/l/email-protection#"
    index = href.find(marker)
    if index < 0:
        return None
    return decode_cfemail(href[index + len(marker):])
