"""An entry listed twice on one page: which stored key each copy is kept under.

Two copies with the same closing date are one consultation, read once. Copies with
different closing dates are both kept: the first under the consultation's own key,
each later one under that key followed by its closing date, so importing the same
page again finds every copy where it was stored. Each repeat is said in a sentence
naming the dates and the keys, so the user knows which is which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, format_deadline


@dataclass(frozen=True)
class Keyed:
    """One consultation read from a page with the key it is stored under."""

    key: str
    consultation: Consultation


def keyed_consultations(
    consultations: Sequence[Consultation], label: Callable[[Consultation], str]
) -> tuple[list[Keyed], list[tuple[str, str]]]:
    """The consultations to store, each with its key, and ``(key, sentence)`` per repeat;
    ``label`` names a consultation in the sentences."""
    kept: dict[str, Keyed] = {}
    first_of: dict[str, Consultation] = {}
    notes: list[tuple[str, str]] = []
    for c in consultations:
        base = c.key
        first = first_of.get(base)
        if first is None:
            first_of[base] = c
            kept[base] = Keyed(base, c)
            continue
        named = label(c)
        if any(k.consultation.closes_at == c.closes_at for k in kept.values()
               if k.consultation.key == base):
            notes.append((base, f"{named}: listed twice on the page with the same closing date "
                                f"({format_deadline(c.closes_at)}); read once."))
            continue
        local = c.closes_at.astimezone(LONDON)
        key = f"{base}-closing-{local.date().isoformat()}"
        if key in kept:
            key = f"{key}-{local.strftime('%H%M')}"
        kept[key] = Keyed(key, c)
        notes.append((key, (
            f"{named}: listed twice on the page with different closing dates; both kept: "
            f"closing {format_deadline(first.closes_at)} as {base}, and closing "
            f"{format_deadline(c.closes_at)} as {key}."
        )))
    return list(kept.values()), notes

