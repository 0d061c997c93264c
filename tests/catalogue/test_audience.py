"""'Who should respond?' phrases mapped onto SEC Party Categories."""

from __future__ import annotations

import pytest

from secresponder.domain.audience import categories_for_audience
from secresponder.domain.parties import PartyCategory as P

SUPPLIERS = (P.LARGE_SUPPLIER, P.SMALL_SUPPLIER)
NETWORKS = (P.ELECTRICITY_NETWORK, P.GAS_NETWORK)
DCC_USERS = (*SUPPLIERS, *NETWORKS, P.OTHER)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Suppliers", SUPPLIERS),
        ("Supplier SEC Parties", SUPPLIERS),
        ("Energy Suppliers", SUPPLIERS),
        ("Supplier Parties", SUPPLIERS),
        ("Large Suppliers", (P.LARGE_SUPPLIER,)),
        ("Small Suppliers", (P.SMALL_SUPPLIER,)),
        ("Electricity Networks", (P.ELECTRICITY_NETWORK,)),
        ("Gas Networks", (P.GAS_NETWORK,)),
        ("Network Parties", NETWORKS),
        ("The DCC", (P.DCC,)),
        ("All DCC Users", DCC_USERS),
        ("Other SEC Parties", (P.OTHER,)),
        ("Other SEC Parties (MAPs and Device Manufacturers)", (P.OTHER,)),
        ("Stakeholders", tuple(P)),
        ("Those interested in DCC Charges", tuple(P)),
        ("Those interested in the Section H ‘DCC Services’", tuple(P)),
        ("Supplier Parties and Network Parties", (*SUPPLIERS, *NETWORKS)),
        ("Large Suppliers and Small Suppliers.", SUPPLIERS),
        ("Consumer groups", ()),
    ],
)
def test_phrase(phrase: str, expected: tuple[P, ...]) -> None:
    assert categories_for_audience([phrase]) == expected


def test_phrases_combine_in_enum_order() -> None:
    assert categories_for_audience(["The DCC", "Other SEC Parties", "Supplier SEC Parties"]) == (
        P.LARGE_SUPPLIER, P.SMALL_SUPPLIER, P.OTHER, P.DCC
    )
    assert categories_for_audience([]) == ()
