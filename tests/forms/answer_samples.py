"""A realistic answers file for a comments log, shared by the form tests."""

from __future__ import annotations

SAMPLE_ANSWERS = {
    "respondent": {
        "name": "Priya Shah",
        "organisation": "Northern Lights Energy Ltd",
        "email": "regulation@northernlights.example",
        "phone": "0161 496 0000",
        "party_category": "Large Supplier",
        "confidential": False,
    },
    "comments": [
        {
            "document": "Section H 'DCC Services'",
            "section": "H6.2",
            "comment": "The lead time for the change is not stated.",
            "proposal": "Add 'within five Working Days' after 'shall notify'.",
            "confidential": True,
        },
        {
            "document": "Appendix AB",
            "section": "3.1(b)",
            "comment": "Typo: 'Comms Hub' should be 'Communications Hub'.",
            "proposal": "",
            "confidential": False,
        },
    ],
}
