"""SEC Party Categories and the Party profile of the user's organisation."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class PartyCategory(enum.Enum):
    """The five SEC Party Categories, plus the DCC as a party of its own."""

    LARGE_SUPPLIER = "Large Supplier"
    SMALL_SUPPLIER = "Small Supplier"
    ELECTRICITY_NETWORK = "Electricity Network Party"
    GAS_NETWORK = "Gas Network Party"
    OTHER = "Other SEC Party"
    DCC = "DCC"

    @classmethod
    def parse(cls, text: str) -> PartyCategory:
        """Accept the value, the enum name or a loose spelling ("large supplier", "dcc")."""
        wanted = " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
        for member in cls:
            names = {member.value.casefold(), member.name.replace("_", " ").casefold()}
            if wanted in names or wanted.rstrip("s") in names:
                return member
        aliases = {
            "the dcc": cls.DCC,
            "electricity network": cls.ELECTRICITY_NETWORK,
            "electricity networks": cls.ELECTRICITY_NETWORK,
            "gas network": cls.GAS_NETWORK,
            "gas networks": cls.GAS_NETWORK,
            "other sec parties": cls.OTHER,
            "other": cls.OTHER,
        }
        if wanted in aliases:
            return aliases[wanted]
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"'{text}' is not a SEC Party Category (choose one of: {choices}).")


ALL_CATEGORIES: tuple[PartyCategory, ...] = tuple(PartyCategory)


@dataclass(frozen=True)
class PartyProfile:
    """Who is responding: prefills respondent details and drives "relevant to me"."""

    organisation: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    party_category: PartyCategory | None = None
