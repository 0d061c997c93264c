"""Matching what a user types ("in review", "LARGE_SUPPLIER", "large-supplier") to an enum."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

E = TypeVar("E", bound=enum.Enum)


def loose(text: str) -> str:
    """Case, underscores, hyphens and runs of spaces folded away."""
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def find_member(
    cls: type[E], text: str, aliases: Mapping[str, E] | None = None, *, plurals: bool = False
) -> E | None:
    """The member whose value or name ``text`` loosely spells, else one of ``aliases``.

    ``plurals`` also accepts a trailing "s" ("Large Suppliers").
    """
    wanted = loose(text)
    candidates = {wanted, wanted.rstrip("s")} if plurals else {wanted}
    for member in cls:
        if candidates & {loose(str(member.value)), loose(member.name)}:
            return member
    return (aliases or {}).get(wanted)


def choices(cls: type[enum.Enum]) -> str:
    """ "Drafting, In review, Approved, Submitted": the values, for an error sentence."""
    return ", ".join(str(member.value) for member in cls)
