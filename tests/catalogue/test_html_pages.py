"""The HTML copies of the same pages: same entries, plus links and decoded addresses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from secresponder.catalogue.reader import PageReading, read_page
from secresponder.domain.consultation import Document

SITE = "https://smartenergycodecompany.co.uk"
HTML = Path(__file__).parent.parent / "data" / "html"


def _without(obj, *names: str) -> dict:
    return {k: v for k, v in dataclasses.asdict(obj).items() if k not in names}


def test_html_consultations_page(html_consultations: PageReading) -> None:
    assert (html_consultations.kind, html_consultations.format) == ("consultations", "html")
    assert html_consultations.is_full_list is True
    assert html_consultations.skipped == ()
    assert len(html_consultations.consultations) == 10


@pytest.mark.parametrize("index", range(10))
def test_html_entries_match_the_text_copy_apart_from_links(
    html_consultations: PageReading, seed_consultations: PageReading, index: int
) -> None:
    from_html = html_consultations.consultations[index]
    from_text = seed_consultations.consultations[index]
    assert _without(from_html, "documents", "source") == _without(
        from_text, "documents", "source"
    )
    # The consultation document keeps its label and gains its link.
    first = from_html.documents[0]
    assert first.label == from_text.documents[0].label == "consultation document"
    assert first.url is not None
    assert first.login_required == from_text.documents[0].login_required


def test_cloudflare_protected_addresses_are_decoded(html_consultations: PageReading) -> None:
    by_ref = {c.reference: c for c in html_consultations.consultations}
    # Span-in-link (MP231), protected anchor (MP210), and the SMETS2 response address.
    assert by_ref["MP231"].respond_to == "sec.change@gemserv.com"
    assert by_ref["MP210"].respond_to == "sec.change@gemserv.com"
    assert by_ref["MP133"].respond_to == "SEC.change@gemserv.com"
    smets2 = by_ref[None]
    assert smets2.respond_to == "SECAS@gemserv.com"
    assert smets2.respond_to_assumed is False
    assert smets2.questions_contact == "joey.manners@gemserv.com"
    for c in html_consultations.consultations:
        assert "protected" not in c.respond_to
        assert "[email" not in c.summary


def test_document_links_and_response_templates(html_consultations: PageReading) -> None:
    by_ref = {c.reference: c for c in html_consultations.consultations}
    assert by_ref["MP231"].documents == (
        Document(
            "consultation document",
            f"{SITE}/download/mp231-consultation-document/?wpdmdl=9615",
        ),
        Document(
            "response template", f"{SITE}/wp-content/uploads/MP231-Consultation-Response-Form.docx"
        ),
    )
    mp104 = by_ref["MP104"]
    assert mp104.documents[0] == Document(
        "consultation document",
        f"{SITE}/wp-content/uploads/2021/07/MP104-Modification-Report-Consultation.pdf",
        login_required=True,
    )
    assert mp104.subject == "MP104 Modification consultation response"
    # A link labelled with the document's name, relative to the site.
    assert by_ref["MP116"].documents[0] == Document(
        "consultation document", "/wp-content/uploads/2021/12/MP116-Refinement-Consultation.pdf"
    )
    # Category tags and the title links are not documents.
    for c in html_consultations.consultations:
        assert all("ufaq" not in (d.url or "") for d in c.documents)


def test_relative_links_resolve_against_a_page_url(html_consultations: PageReading) -> None:
    with open(html_consultations.source, "rb") as fh:
        data = fh.read()
    url = f"{SITE}/ufaq-category/open-industry-consultations-sec/"
    reading = read_page(data, url)
    mp116 = next(c for c in reading.consultations if c.reference == "MP116")
    assert mp116.documents[0].url == (
        f"{SITE}/wp-content/uploads/2021/12/MP116-Refinement-Consultation.pdf"
    )
    assert reading.source == url
    assert mp116.source == url


def test_footer_addresses_are_not_response_addresses(html_consultations: PageReading) -> None:
    # The site footer names SECAS@gemserv.com; only the SMETS2 entry asks for it.
    secas = [c.reference for c in html_consultations.consultations
             if c.respond_to.casefold() == "secas@gemserv.com"]
    assert secas == [None]


def test_html_releases_match_the_text_copy(
    html_releases: PageReading, seed_releases: PageReading
) -> None:
    assert (html_releases.kind, html_releases.format) == ("releases", "html")
    assert html_releases.is_full_list is True
    assert html_releases.skipped == ()
    assert [_without(r, "source") for r in html_releases.releases] == [
        _without(r, "source") for r in seed_releases.releases
    ]


def test_html_release_table_rows(html_releases: PageReading) -> None:
    v50 = next(r for r in html_releases.releases if r.version == "v50.0")
    assert len(v50.modifications) == 10
    assert v50.modifications[0].reference == "SECMP0007"
    assert v50.modifications[7].title == (
        "Incorporation of multiple Issue Resolution Proposals into the SEC – Batch 5"
    )
    assert [a.document for a in v50.affected][-2:] == ["Appendix AL", "Appendix AM"]
    assert all(a.document != "SEC document" for a in v50.affected)


def test_single_entry_page_is_not_the_full_list() -> None:
    page = (HTML / "ufaq-mp231.html").read_bytes()
    reading = read_page(page, f"{SITE}/ufaqs/mp231-firmware-upgrade-pathways/")
    assert reading.is_full_list is False
    (mp231,) = reading.consultations
    assert mp231.title == "Firmware upgrade pathways"
    assert mp231.closes_at.isoformat() == "2023-05-12T17:00:00+01:00"
    assert mp231.audience == ("Suppliers", "The DCC")
    assert mp231.documents == (Document("consultation document", f"{SITE}/download/mp231/"),)
    # A mailto link whose label is not the address still gives the address.
    assert mp231.respond_to == "sec.change@gemserv.com"
    # Saved to a file, the page's own markup still says it is a single entry.
    assert read_page(page, "mp231.html").is_full_list is False
