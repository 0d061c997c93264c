"""SEC Party Categories and the Party profile of the user's organisation."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from secresponder.domain.labels import choices, find_member


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
        aliases = {
            "the dcc": cls.DCC,
            "electricity network": cls.ELECTRICITY_NETWORK,
            "electricity networks": cls.ELECTRICITY_NETWORK,
            "gas network": cls.GAS_NETWORK,
            "gas networks": cls.GAS_NETWORK,
            "other sec parties": cls.OTHER,
            "other": cls.OTHER,
        }
        member = find_member(cls, text, aliases, plurals=True)
        if member is None:
            raise ValueError(
                f"'{text}' is not a SEC Party Category (choose one of: {choices(cls)})."
            )
        return member


ALL_CATEGORIES: tuple[PartyCategory, ...] = tuple(PartyCategory)


@dataclass(frozen=True)
class PartyProfile:
    """Who is responding: prefills respondent details and drives "relevant to me"."""

    organisation: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    party_category: PartyCategory | None = None

    def to_dict(self) -> dict[str, Any]:
        """The profile as stored in a workspace and printed by ``profile --json``."""
        return {
            "organisation": self.organisation,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "party_category": self.party_category.value if self.party_category else None,
        }

    @classmethod
    def from_dict(cls, data: Any) -> PartyProfile:
        """The profile a stored value describes; empty where it is unset or malformed."""
        if not isinstance(data, dict):
            data = {}
        category = data.get("party_category")
        try:
            party_category = PartyCategory(category) if category else None
        except ValueError:
            party_category = None
        return cls(
            organisation=str(data.get("organisation", "")),
            name=str(data.get("name", "")),
            email=str(data.get("email", "")),
            phone=str(data.get("phone", "")),
            party_category=party_category,
        )
