"""Every field of the ten consultations in the seed text page."""

from __future__ import annotations

import pytest

from secresponder.catalogue.reader import PageReading
from secresponder.domain.consultation import Document
from secresponder.domain.parties import PartyCategory as P

L, S, E, G, OTH, D = (
    P.LARGE_SUPPLIER, P.SMALL_SUPPLIER, P.ELECTRICITY_NETWORK, P.GAS_NETWORK, P.OTHER, P.DCC
)
CHANGE = "sec.change@gemserv.com"
CHANGE_UPPER = "SEC.change@gemserv.com"

# reference, kind, title, closes_at, audience, categories, respond_to, subject, questions
EXPECTED = [
    ("MP231", None, "Firmware upgrade pathways", "2023-05-12T17:00:00+01:00",
     ("Suppliers", "The DCC", "Other SEC Parties (MAPs and Device Manufacturers)"),
     (L, S, OTH, D), CHANGE, None, None),
    ("MP216", None,
     "Incorporation of Category 2 Issue Resolution Proposals into the SEC – Batch 9",
     "2022-11-28T17:00:00+00:00", ("Supplier SEC Parties", "Other SEC Parties", "The DCC"),
     (L, S, OTH, D), CHANGE, None, None),
    ("MP210", None,
     "Registered Supplier Agent (RSA) forecasts, orders and pay stock charges for Alt HAN "
     "Equipment",
     "2022-10-14T17:00:00+01:00", ("Supplier SEC Parties", "Other SEC Parties"),
     (L, S, OTH), CHANGE, None, None),
    ("MP116", None, "Service Request Forecasting", "2022-01-07T17:00:00+00:00",
     ("Supplier Parties and Network Parties",), (L, S, E, G), CHANGE, None, None),
    ("MP104", None, "Security Improvements", "2021-08-16T17:00:00+01:00",
     ("All DCC Users",), (L, S, E, G, OTH), CHANGE,
     "MP104 Modification consultation response", None),
    (None, None, "SMETS2 Interoperability- Suppliers Firmware Consultation",
     "2020-08-21T17:00:00+01:00", ("Energy Suppliers",), (L, S), "SECAS@gemserv.com",
     "Firmware Consultation", "joey.manners@gemserv.com"),
    ("MP133", "Modification Report Consultation", "Consequential changes to the SEC Section G",
     "2020-08-07T17:00:00+01:00",
     ("Stakeholders", "Those interested in the Section G ‘Security’ of the SEC"),
     (L, S, E, G, OTH, D), CHANGE_UPPER, None, None),
    ("MP131", "Modification Report Consultation", "Default maximum demand configuration conflict",
     "2020-08-07T17:00:00+01:00",
     ("Large Suppliers", "Small Suppliers", "Electricity Networks", "Other SEC Parties"),
     (L, S, E, OTH), CHANGE_UPPER, None, None),
    ("SECMP0067", "Second Refinement Consultation", "Service Request Traffic Management",
     "2020-08-03T17:00:00+01:00",
     ("Stakeholders",
      "Those interested in SEC Section H ‘DCC Services’, Section AB ‘Service Request "
      "Processing Document’ and Section AD ‘DCC User Interface Specification’"),
     (L, S, E, G, OTH, D), CHANGE_UPPER, None, None),
    ("MP092", "Refinement Consultation", "New Planned Maintenance methodology",
     "2020-08-07T17:00:00+01:00",
     ("Stakeholders", "Those interested in the Section H ‘DCC Services’"),
     (L, S, E, G, OTH, D), CHANGE_UPPER, None, None),
]

# First sentence, last sentence and number of blank-line separated blocks of each summary.
SUMMARIES = [
    ("Certain Device models need to have a firmware upgrade applied in a specific order.",
     "This information will be requested on a best endeavours basis for existing entries on "
     "the CPL.", 2),
    ("The Department for Business, Energy and Industrial Strategy (BEIS) currently has "
     "responsibility for receiving and responding to issues raised internally, by the DCC, and "
     "by other interested parties with regards the SEC Technical Specifications.",
     "The Data Communications Company (DCC) has performed a Preliminary Assessment of these "
     "IRPs and have concluded there are no costs associated with this modification.", 3),
    ("The SEC currently restricts Alt HAN equipment forecasting and ordering to ‘Relevant "
     "Supplier Parties’ (Small and Large Suppliers) only.",
     "Alt HAN has advised that it will continue to look into whether there are any alternative "
     "arrangements to reduce any potential liabilities to Suppliers in the event of a MOP "
     "failure.", 6),
    ("Currently, for each quarter of the year, DCC Users must submit to the DCC an eight-month "
     "forecast of the number of Service Requests that the User anticipates sending.",
     "The DCC has agreed that it will be responsible for the final sign-off for each forecast.",
     2),
    ("Data Communications Company (DCC) Users are required to Digitally Sign XML format "
     "Service Requests and Signed Pre-Commands with a User Role Signing Private Key.",
     "The solution is to implement a DCC validation check to identify if this is occurring "
     "and, if necessary, work with DCC Users to ensure compliance.", 2),
    ("In autumn of 2019 BEIS undertook an independent review of assurance for SMETS2 device "
     "interoperability on change.",
     "• the scale and extent of testing against device and firmware version combinations for "
     "both installed and gained devices.", 3),
    ("Currently in the Smart Energy Code (SEC) Section G, G1.7 lists exclusions for Export "
     "Suppliers and Registered Supplier Agents (RSAs).",
     "The solution is to add the “Shared Resources” Sections G5.25 – G5.28 to G1.7 so that "
     "Export Suppliers and RSAs are still obligated to follow these requirements.", 2),
    ("According to the Smart Metering Equipment Technical Specifications (SMETS), Great "
     "Britain Companion Specification (GBCS) use case definitions, the Data Communication "
     "Company (DCC) User Interface Specification (DUIS) and the Message Mapping Catalogue "
     "(MMC), values of week definition and date range cannot be configured; only the time of "
     "day can be configured via defined use case.",
     "This will mean that, once implemented, meter Manufacturers will be able to build Devices "
     "that comply with the Technical Specifications, removing any confusion as to which "
     "Technical Specification to follow.", 2),
    ("The DCC System has a finite capacity.",
     "The proposed solution is to define a maximum system capacity, operating threshold and "
     "appropriate Service User allocations.", 1),
    ("In April 2019 the DCC began a trial of a new approach regarding the delivery of Planned "
     "Maintenance.",
     "In July, the DCC reported the trial had been a success and, following a final report to "
     "the Operations Group, intended to raise a Modification Proposal to formalise the new "
     "approach.", 1),
]


def test_page_is_the_full_consultations_list_in_text(seed_consultations: PageReading) -> None:
    assert seed_consultations.kind == "consultations"
    assert seed_consultations.format == "text"
    assert seed_consultations.is_full_list is True
    assert seed_consultations.releases == ()
    assert seed_consultations.skipped == ()
    assert seed_consultations.source.endswith("open-consultations.txt")
    assert len(seed_consultations.consultations) == 10


@pytest.mark.parametrize("index", range(10))
def test_every_field(seed_consultations: PageReading, index: int) -> None:
    ref, kind, title, closes, audience, categories, respond_to, subject, questions = (
        EXPECTED[index]
    )
    c = seed_consultations.consultations[index]
    assert c.reference == ref
    assert c.kind == kind
    assert c.title == title
    assert c.closes_at.isoformat() == closes
    assert c.audience == audience
    assert c.party_categories == categories
    assert c.respond_to == respond_to
    assert c.respond_to_assumed is False
    assert c.subject == subject
    assert c.questions_contact == questions
    login = ref == "MP104"
    assert c.documents == (Document("consultation document", None, login),)
    assert c.source == seed_consultations.source


@pytest.mark.parametrize("index", range(10))
def test_summaries(seed_consultations: PageReading, index: int) -> None:
    first, last, blocks = SUMMARIES[index]
    summary = seed_consultations.consultations[index].summary
    assert summary.startswith(first)
    assert summary.endswith(last)
    assert len(summary.split("\n\n")) == blocks
    # The title, its repeat and the section labels never leak into the summary.
    assert "Closing Date" not in summary
    assert "Who should respond" not in summary


def test_summary_keeps_list_items_as_bullet_lines(seed_consultations: PageReading) -> None:
    smets2 = seed_consultations.consultations[5].summary
    paragraphs = smets2.split("\n\n")
    assert paragraphs[1].endswith("SECAS is therefore requesting assistance from Suppliers to "
                                  "understand:")
    assert paragraphs[2].splitlines() == [
        "• the maturity of firmware management processes across industry,",
        "• the challenges and issues that Suppliers may be facing with accessing and deploying "
        "firmware, and",
        "• the scale and extent of testing against device and firmware version combinations for "
        "both installed and gained devices.",
    ]


def test_keys_are_unique_and_readable(seed_consultations: PageReading) -> None:
    keys = [c.key for c in seed_consultations.consultations]
    assert len(set(keys)) == 10
    assert "mp092-refinement-consultation" in keys
    assert "secmp0067-second-refinement-consultation" in keys
    assert "smets2-interoperability-suppliers-firmware-consultation" in keys
