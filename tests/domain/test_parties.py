"""Party Categories typed loosely by a user resolve to the right category, or one clear error."""

import pytest

from secresponder.domain.parties import PartyCategory


@pytest.mark.parametrize(
    ("typed", "category"),
    [
        ("Large Supplier", PartyCategory.LARGE_SUPPLIER),
        ("large suppliers", PartyCategory.LARGE_SUPPLIER),
        ("SMALL_SUPPLIER", PartyCategory.SMALL_SUPPLIER),
        ("electricity-network", PartyCategory.ELECTRICITY_NETWORK),
        ("Gas Networks", PartyCategory.GAS_NETWORK),
        ("Other SEC Parties", PartyCategory.OTHER),
        ("the DCC", PartyCategory.DCC),
        ("dcc", PartyCategory.DCC),
    ],
)
def test_loose_spellings(typed, category):
    assert PartyCategory.parse(typed) is category


def test_unknown_category_names_the_choices():
    with pytest.raises(ValueError, match=r"'Supplier Agent' is not a SEC Party Category \(choose"):
        PartyCategory.parse("Supplier Agent")
