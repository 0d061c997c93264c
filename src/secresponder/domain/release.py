"""A SEC release: a new version of the code, the modifications it implements and what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ModificationRef:
    reference: str
    title: str = ""


@dataclass(frozen=True)
class AffectedDocument:
    """A SEC document a release changed: ``Section A``, 'Definitions and Interpretation'."""

    document: str
    name: str = ""


@dataclass(frozen=True)
class Release:
    version: str
    effective: date
    title: str
    modifications: tuple[ModificationRef, ...] = ()
    affected: tuple[AffectedDocument, ...] = ()
    summary: str = ""
    source: str | None = field(default=None, compare=False)

    def implements(self, reference: str) -> bool:
        wanted = reference.upper()
        return any(m.reference.upper() == wanted for m in self.modifications)
