"""Whether text is a usable email address, and why not when it is not.

The check is the practical subset of RFC 5321 that mail clients accept for a sender:
``local@domain``, a local part of ordinary characters with no leading, trailing or
doubled dot, and a domain of dot-separated labels ending in a top-level name.
Non-ASCII domains are checked as their IDNA form.
"""

from __future__ import annotations

import re

MAX_ADDRESS = 254
MAX_LOCAL = 64
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TOP = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def email_address_problem(text: str) -> str | None:
    """None when ``text`` is a usable address; otherwise why not, in a few words."""
    if not text:
        return "it is empty"
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return "it contains spaces or control characters"
    if len(text) > MAX_ADDRESS:
        return f"it is longer than {MAX_ADDRESS} characters"
    local, at, domain = text.rpartition("@")
    if not at or not local:
        return "it has no @ with a name before it"
    if not domain:
        return "it has no domain after the @"
    if len(local) > MAX_LOCAL or not _LOCAL.match(local):
        return "the part before the @ is not a valid mailbox name"
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return "the domain after the @ is not a valid domain name"
    labels = ascii_domain.rstrip(".").split(".") if ascii_domain else []
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return "the domain after the @ is not a valid domain name"
    if not _TOP.match(labels[-1]):
        return "the domain after the @ does not end in a top-level domain such as .com or .uk"
    return None
