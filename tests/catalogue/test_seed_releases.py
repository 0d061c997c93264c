"""Every field of the ten releases in the seed text page."""

from __future__ import annotations

from datetime import date

import pytest

from secresponder.catalogue.reader import PageReading
from secresponder.domain.release import AffectedDocument, ModificationRef

DEFINITIONS = ("Section A", "Definitions and Interpretation")

# version, effective, title, modifications, affected
EXPECTED = [
    ("v62.0", date(2022, 7, 18), "SEC v62.0 released to implement MP200",
     [("MP200", "Faster Switching consequential changes to the SEC")],
     [DEFINITIONS, ("Section E", "Registration Data"), ("Section G", "Security"),
      ("Section H", "DCC Services"), ("Section K", "Charging Methodology"),
      ("Section L", "Smart Metering Key Infrastructure and DCC Key Infrastructure"),
      ("Section P", "Production Proving"),
      ("Appendix X", "Registration Data Interface Specification"),
      ("Appendix Y", "Registration Data Interface Code of Connection"),
      ("Appendix AG", "Incident Management Policy"),
      ("Appendix AL", "SMETS1 Transition and Migration Approach Document")]),
    ("v61.0", date(2022, 6, 30),
     "SEC v61.0 published for the June 2022 SEC Release and to support the ECoS arrangements",
     [("SECMP0015", "GPF timestamp for reading instantaneous Gas values"),
      ("SECMP0024", "Enduring Approach to Communication Hub Firmware Management"),
      ("MP104", "Security Improvements"), ("MP159", "Credit Cover Review"),
      ("MP195", "Security Sub-Committee guidance on Device Assurance"),
      ("MP199", "June 2022 SEC Release Supporting Changes")],
     [DEFINITIONS, ("Section G", "Security"), ("Section J", "Charges"),
      ("Schedule 11", "TS Applicability Tables"),
      ("Appendix AB", "Service Request Processing Document"),
      ("Appendix AD", "DCC User Interface Specification"),
      ("Appendix AF", "Message Mapping Catalogue")]),
    ("v59.0", date(2022, 3, 24), "SEC v59.0 released to implement MP201",
     [("MP201", "CHTS v1.1 and GBCS v2.0 Applicability End Date")],
     [DEFINITIONS, ("Schedule 11", "TS Applicability Tables")]),
    ("v57.0", date(2022, 2, 24), "SEC v57.0 published for the February 2022 SEC Release",
     [("MP116", "Service Request Forecasting"),
      ("MP121", "Commissioning non-commissioned Devices after CoS"),
      ("MP173", "SMKI & DCCKI Document Set reviews"), ("MP179", "DCC Boxed"),
      ("MP196", "Further IVP Extension for pre-SMETS2 v4.2 Devices")],
     [DEFINITIONS, ("Section G", "Security"), ("Section H", "DCC Services"),
      ("Section K", "Charging Methodology"),
      ("Schedule 7", "Specimen Enabling Services Agreement"),
      ("Schedule 11", "TS Applicability Tables"),
      ("Appendix A", "Device Certificate Policy"),
      ("Appendix B", "Organisation Certificate Policy"),
      ("Appendix C", "SMKI Compliance Policy"),
      ("Appendix D", "SMKI Registration Authority Policies and Procedures"),
      ("Appendix J", "Enduring Testing Approach Document"),
      ("Appendix K", "SMKI and Repository Test Scenarios Document"),
      ("Appendix L", "SMKI Recovery Procedure"),
      ("Appendix M", "SMKI Interface Design Specification"),
      ("Appendix N", "SMKI Code of Connection"),
      ("Appendix O", "SMKI Repository Interface Design Specification"),
      ("Appendix P", "SMKI Repository Code of Connection"),
      ("Appendix Q", "IKI Certificate Policy"),
      ("Appendix S", "DCCKI Certificate Policy"),
      ("Appendix T", "DCCKI Interface Design Specification"),
      ("Appendix U", "DCCKI Repository Interface Design Specification"),
      ("Appendix V", "DCCKI CoCo and DCCKI Repository CoCo"),
      ("Appendix W", "DCCKI Registration Authority Policies and Procedures"),
      ("Appendix X", "Registration Data Interface Specification"),
      ("Appendix AC", "Inventory Enrolment and Decommissioning Procedures")]),
    ("v51.0", date(2021, 11, 11), "SEC v51.0 released to implement MP128B",
     [("MP128B", "Incorrect Gas Network Operator Certificates")],
     [("Section B", "Accession"),
      ("Appendix AC", "Inventory, Enrolment and Decommissioning Procedures")]),
    ("v50.0", date(2021, 11, 4),
     "SEC v50.0 published for the November 2021 SEC Release and BEIS "
     "designation/re-designation of SEC Subsidiary Documents",
     [("SECMP0007", "Firmware updates to IHDs and PPMIDs"), ("MP077", "DCC Service Flagging"),
      ("MP090", "Incorporation of Non GBCS Non-Mandated Alerts into the SEC"),
      ("MP105", "Sending SR11.2 to Devices in Suspended State"),
      ("MP138", "DCC Service Testing in ETAD"), ("MP150", "Removing Table 28c from the GBCS"),
      ("MP157", "Removal of DUIS v1.1 and v2.0"),
      ("MP158", "Incorporation of multiple Issue Resolution Proposals into the SEC – Batch 5"),
      ("MP164", "November 2021 SEC Release supporting changes"),
      ("MP180", "Market-wide Half-Hourly Settlement Implementation")],
     [DEFINITIONS, ("Section C", "Governance"), ("Section H", "DCC Services"),
      ("Section K", "Charging Methodology"),
      ("Schedule 7", "Specimen Enabling Services Agreement"),
      ("Schedule 8", "GB Companion Specification"),
      ("Schedule 9", "Smart Metering Equipment Technical Specifications"),
      ("Schedule 10", "Communications Hub Technical Specifications"),
      ("Schedule 11", "TS Applicability Tables"),
      ("Appendix E", "DCC User Interface Services Schedule"),
      ("Appendix J", "Enduring Testing Approach Document"),
      ("Appendix X", "Registration Data Interface Specification"),
      ("Appendix AB", "Service Request Processing Document"),
      ("Appendix AD", "DCC User Interface Specification"),
      ("Appendix AF", "Message Mapping Catalogue"),
      ("Appendix AL", "SMETS1 Transition and Migration Approach Document"),
      ("Appendix AM", "SMETS1 Supporting Requirements")]),
    ("v47.0", date(2021, 10, 4), "MP134A approved and implemented in SEC v47.0",
     [("MP134A", "Use of SMKI Certificates relating to a SoLR event")],
     [DEFINITIONS,
      ("Section L", "Smart Metering Key Infrastructure and DCC Key Infrastructure"),
      ("Section M", "General"), ("Appendix B", "Organisation Certificate Policy"),
      ("Appendix Q", "IKI Certificate Policy"), ("Appendix S", "DCCKI Certificate Policy")]),
    ("v45.0", date(2021, 9, 1), "SEC v45.0 released to implement MP161",
     [("MP161", "Significant Code Review – Retail Code Consolidation")],
     [DEFINITIONS, ("Section B", "Accession"), ("Section D", "Modification Process"),
      ("Section E", "Registration Data"), ("Section K", "Charging Methodology"),
      ("Schedule 5", "Accession Information"),
      ("Appendix X", "Registration Data Interface Specification"),
      ("Appendix Y", "Registration Data Interface Code of Connection")]),
    ("v40.0", date(2021, 6, 24), "SEC v40.0 published for the June 2021 SEC Release",
     [("MP106", ""), ("MP144", ""), ("MP146", ""), ("MP147", ""), ("MP153", "")],
     [("Section H", "DCC Services"), ("Section I", "Data Privacy"), ("Section J", "Charges"),
      ("Appendix I", "CH Installation and Maintenance Support"),
      ("Appendix O", "SMKI Repository Interface Design Specification")]),
    ("v34.0", date(2021, 2, 25), "SEC v34.0 published for the February 2021 SEC Release",
     [("MP092", ""), ("MP122A", "")],
     [DEFINITIONS, ("Section H", "DCC Services"),
      ("Appendix AL", "SMETS1 Transition and Migration Approach Document")]),
]

SUMMARY_STARTS = {
    "v62.0": ("An updated version of the SEC came into effect on 18 July 2022 to implement "
              "MP200 ‘Faster Switching consequential changes to the SEC’.", 3),
    "v61.0": ("SEC version 61.0 came into effect on 30 June 2022 to implement the June 2022 SEC "
              "Release.", 1),
    "v50.0": ("SEC version 50.0 came into effect on 4 November 2021 to implement the November "
              "2021 SEC Release.", 1),
    "v47.0": ("On 1 October 2021, the Authority decided to approve MP134A ‘Use of SMKI "
              "Certificates relating to a SoLR event’.", 2),
    "v40.0": ("SEC version 40.0 came into effect on 24 June 2021 to implement the June 2021 SEC "
              "Release. This included five Modification Proposals:", 1),
}


def test_page_is_the_full_release_list_in_text(seed_releases: PageReading) -> None:
    assert seed_releases.kind == "releases"
    assert seed_releases.format == "text"
    assert seed_releases.is_full_list is True
    assert seed_releases.consultations == ()
    assert seed_releases.skipped == ()
    assert [r.version for r in seed_releases.releases] == [e[0] for e in EXPECTED]


@pytest.mark.parametrize("index", range(10))
def test_every_field(seed_releases: PageReading, index: int) -> None:
    version, effective, title, modifications, affected = EXPECTED[index]
    release = seed_releases.releases[index]
    assert release.version == version
    assert release.effective == effective
    assert release.title == title
    assert release.modifications == tuple(ModificationRef(r, t) for r, t in modifications)
    assert release.affected == tuple(AffectedDocument(d, n) for d, n in affected)
    assert release.source == seed_releases.source


@pytest.mark.parametrize("version", sorted(SUMMARY_STARTS))
def test_summary_is_the_opening_paragraphs(seed_releases: PageReading, version: str) -> None:
    start, paragraphs = SUMMARY_STARTS[version]
    release = next(r for r in seed_releases.releases if r.version == version)
    assert release.summary.startswith(start)
    assert len(release.summary.split("\n\n")) == paragraphs
    assert "What parts of the SEC" not in release.summary


def test_change_resolution_proposals_are_not_modifications(seed_releases: PageReading) -> None:
    v50 = next(r for r in seed_releases.releases if r.version == "v50.0")
    assert not any(m.reference.startswith("CRP") for m in v50.modifications)
    assert v50.implements("mp158") and not v50.implements("CRP613")


def test_mp116_history_links_consultation_to_release(
    seed_releases: PageReading, seed_consultations: PageReading
) -> None:
    mp116 = next(c for c in seed_consultations.consultations if c.reference == "MP116")
    release = next(r for r in seed_releases.releases if r.implements(mp116.reference or ""))
    assert (release.version, release.effective) == ("v57.0", date(2022, 2, 24))
    assert mp116.closes_at.date() == date(2022, 1, 7)
