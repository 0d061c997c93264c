"""Who a consultation is for: "Who should respond?" phrases mapped onto SEC Party Categories."""

from __future__ import annotations

import re
from collections.abc import Iterable

from secresponder.domain.parties import PartyCategory

_SUPPLIERS = frozenset({PartyCategory.LARGE_SUPPLIER, PartyCategory.SMALL_SUPPLIER})
_NETWORKS = frozenset({PartyCategory.ELECTRICITY_NETWORK, PartyCategory.GAS_NETWORK})
# DCC Users are the parties that use DCC services: suppliers, networks and other users.
_DCC_USERS = _SUPPLIERS | _NETWORKS | {PartyCategory.OTHER}
_EVERYONE = frozenset(PartyCategory)

_PARENTHETICAL = re.compile(r"\([^)]*\)")
_SPLIT = re.compile(r",|;|&|/|\band\b|\bor\b")


def categories_for_audience(phrases: Iterable[str]) -> tuple[PartyCategory, ...]:
    """The Party Categories a list of "Who should respond?" phrases covers, in enum order."""
    found: set[PartyCategory] = set()
    for phrase in phrases:
        found |= categories_for_phrase(phrase)
    return tuple(c for c in PartyCategory if c in found)


def categories_for_phrase(phrase: str) -> frozenset[PartyCategory]:
    """Categories for one phrase such as "Supplier SEC Parties" or "All DCC Users"."""
    text = " ".join(phrase.replace("\u00a0", " ").split()).casefold().rstrip(".")
    if not text:
        return frozenset()
    if text.startswith(("those interested", "anyone interested", "all interested")):
        return _EVERYONE
    found: set[PartyCategory] = set()
    for part in _SPLIT.split(_PARENTHETICAL.sub(" ", text)):
        found |= _categories_for_part(" ".join(part.split()))
    return frozenset(found)


def _categories_for_part(part: str) -> frozenset[PartyCategory]:
    if not part:
        return frozenset()
    if "stakeholder" in part or part in {"all", "everyone", "all parties", "all sec parties"}:
        return _EVERYONE
    if "dcc user" in part:
        return _DCC_USERS
    found: set[PartyCategory] = set()
    if "large supplier" in part:
        found.add(PartyCategory.LARGE_SUPPLIER)
    if "small supplier" in part:
        found.add(PartyCategory.SMALL_SUPPLIER)
    if "supplier" in part and not found:
        found |= _SUPPLIERS
    if "electricity network" in part or "distribution network" in part:
        found.add(PartyCategory.ELECTRICITY_NETWORK)
    if "gas network" in part or "gas transporter" in part:
        found.add(PartyCategory.GAS_NETWORK)
    if "network" in part and not found & _NETWORKS:
        found |= _NETWORKS
    if "other sec part" in part or "other user" in part or part in {"other parties", "others"}:
        found.add(PartyCategory.OTHER)
    if any(word in part for word in ("device manufacturer", "meter asset provider", "maps")):
        found.add(PartyCategory.OTHER)
    if re.search(r"\bdcc\b", part) and "user" not in part:
        found.add(PartyCategory.DCC)
    return frozenset(found)
