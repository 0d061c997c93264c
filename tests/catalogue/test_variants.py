"""Page shapes seen on the site and its neighbours, encodings, and pages that must be refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from secresponder.catalogue.reader import MAX_PAGE_BYTES, PageError, read_page, read_page_file
from secresponder.domain.consultation import DEFAULT_RESPONSE_ADDRESS
from secresponder.domain.parties import PartyCategory as P

DATA = Path(__file__).parent.parent / "data"
VARIANTS = DATA / "pages" / "consultation-variants.txt"
SEED = DATA / "seeds" / "open-consultations.txt"
RELEASES = DATA / "seeds" / "sec-releases.txt"


@pytest.fixture(scope="module")
def variants():
    return read_page_file(VARIANTS)


def _by_ref(reading, ref):
    return next(c for c in reading.consultations if c.reference == ref)


def test_kind_after_a_straight_quoted_title(variants) -> None:
    mp118 = _by_ref(variants, "MP118")
    assert (mp118.kind, mp118.title) == ("Refinement Consultation",
                                         "Communications Hub Finance Charges")
    assert mp118.closes_at.isoformat() == "2020-06-01T17:00:00+01:00"
    assert mp118.party_categories == (P.LARGE_SUPPLIER, P.SMALL_SUPPLIER)


def test_double_quotes_no_colon_and_dd_mm_yyyy(variants) -> None:
    mp122 = _by_ref(variants, "MP122")
    assert (mp122.kind, mp122.title) == (None, "Operational Metrics")
    assert mp122.closes_at.isoformat() == "2020-06-12T17:00:00+01:00"
    assert mp122.party_categories == (P.ELECTRICITY_NETWORK, P.GAS_NETWORK)
    assert mp122.documents == ()


def test_kind_first_with_weekday_ordinal_and_noon(variants) -> None:
    mp145 = _by_ref(variants, "MP145")
    assert (mp145.kind, mp145.title) == ("Request for Information", "Smart Meter Data Access")
    assert mp145.closes_at.isoformat() == "2022-10-14T12:00:00+01:00"
    assert mp145.party_categories == tuple(P)


def test_non_breaking_spaces_ordinals_and_midday(variants) -> None:
    mp150 = _by_ref(variants, "MP150")
    assert mp150.title == "Removing Table 28c from the GBCS"
    assert mp150.audience == ("Electricity Networks", "Gas Networks")
    assert mp150.closes_at.isoformat() == "2018-10-12T12:00:00+01:00"
    assert "\u00a0" not in mp150.summary


def test_body_deadline_wins_over_title_date(variants) -> None:
    # Title says 3 March; the "How to respond" sentence says 3pm on 10 March and carries the
    # time, so it is the one used.
    mp240 = _by_ref(variants, "MP240")
    assert mp240.closes_at.isoformat() == "2023-03-10T15:00:00+00:00"


def test_protected_address_lost_in_text_falls_back_to_default(variants) -> None:
    mp241 = _by_ref(variants, "MP241")
    assert mp241.respond_to == DEFAULT_RESPONSE_ADDRESS
    assert mp241.respond_to_assumed is True
    assert mp241.questions_contact is None


def test_broken_entry_is_skipped_and_named(variants) -> None:
    assert [c.reference for c in variants.consultations] == [
        "MP118", "MP122", "MP145", "MP150", "MP240", "MP241"
    ]
    (skipped,) = variants.skipped
    assert skipped.heading == "MP242 ‘Closing date not yet set’ (Closing Date: TBC)"
    assert "no closing date" in skipped.reason and "TBC" in skipped.reason


@pytest.mark.parametrize(
    ("title", "reference", "kind", "expected_title"),
    [
        ("MP231 ‘Firmware upgrade pathways’", "MP231", None, "Firmware upgrade pathways"),
        ("Refinement Consultation – MP092 New Planned Maintenance methodology", "MP092",
         "Refinement Consultation", "New Planned Maintenance methodology"),
        ("MP133 – ‘Consequential changes to the SEC Section G’ Modification Report Consultation",
         "MP133", "Modification Report Consultation", "Consequential changes to the SEC Section G"),
        ("Second Refinement Consultation - SECMP0067: Service Request Traffic Management",
         "SECMP0067", "Second Refinement Consultation", "Service Request Traffic Management"),
        ("MP104 Security Improvements", "MP104", None, "Security Improvements"),
        ("SMETS2 Interoperability- Suppliers Firmware Consultation", None, None,
         "SMETS2 Interoperability- Suppliers Firmware Consultation"),
        ("mp 128b 'Incorrect Gas Network Operator Certificates'", "MP128B", None,
         "Incorrect Gas Network Operator Certificates"),
    ],
)
def test_title_shapes(title: str, reference, kind, expected_title: str) -> None:
    page = (
        f"{title} (Closing Date: 12 May 2023)\n\nA summary.\n\nWho should respond?\n\n"
        "  • Stakeholders\n\nHow to respond\n\nContact sec.change@gemserv.com by 5pm on "
        "12 May 2023.\n"
    ).encode()
    reading = read_page(page, "one.txt")
    (c,) = reading.consultations
    assert (c.reference, c.kind, c.title) == (reference, kind, expected_title)
    assert c.summary == "A summary."
    assert reading.is_full_list is False


@pytest.mark.parametrize(
    ("deadline", "iso"),
    [
        ("by 5pm on 12 May 2023", "2023-05-12T17:00:00+01:00"),
        ("by 5pm 12 May 2023", "2023-05-12T17:00:00+01:00"),
        ("by 12 noon on Friday 12th May 2023", "2023-05-12T12:00:00+01:00"),
        ("by 3pm on 12/05/2023", "2023-05-12T15:00:00+01:00"),
        ("by 17:30 on 12 May 2023", "2023-05-12T17:30:00+01:00"),
        ("by 12 May 2023", "2023-05-12T17:00:00+01:00"),
        ("by 5pm on 12 January 2023", "2023-01-12T17:00:00+00:00"),
    ],
)
def test_deadline_sentences(deadline: str, iso: str) -> None:
    page = (
        "MP300 ‘Deadline wording’ (Closing Date: 12 May 2023)\n\nHow to respond\n\n"
        f"Please contact sec.change@gemserv.com {deadline}.\n"
    ).encode()
    (c,) = read_page(page, "deadline.txt").consultations
    assert c.closes_at.isoformat() == iso


def test_title_time_is_used_when_the_body_gives_none() -> None:
    page = "MP301 Early close (Closing Date: 12 noon, 9 June 2023)\n\nNo deadline here.\n"
    (c,) = read_page(page.encode(), "t.txt").consultations
    assert c.closes_at.isoformat() == "2023-06-09T12:00:00+01:00"
    assert c.respond_to_assumed is True


def test_questions_address_is_not_the_response_address() -> None:
    page = (
        b"MP302 Addresses (Closing Date: 1 June 2023)\n\nHow to respond\n\n"
        b"If you have any questions please contact joey.manners@gemserv.com. Please email "
        b"your completed response form to SECAS@gemserv.com by 5pm on 1 June 2023.\n"
    )
    (c,) = read_page(page, "q.txt").consultations
    assert c.respond_to == "SECAS@gemserv.com"
    assert c.questions_contact == "joey.manners@gemserv.com"


# --- encodings ---------------------------------------------------------------------------


def _titles(reading) -> list[str]:
    return [c.title for c in reading.consultations]


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda t: t.encode("cp1252"), "cp1252"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8 with BOM"),
        (lambda t: t.encode("utf-16"), "utf-16 with BOM"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be with BOM"),
    ],
)
def test_encodings_read_the_same(tmp_path: Path, encode, name: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = read_page(text.encode("utf-8"), "utf8.txt")
    path = tmp_path / "saved.txt"
    path.write_bytes(encode(text))
    reading = read_page_file(path)
    assert _titles(reading) == _titles(expected)
    assert reading.consultations[0].title == "Firmware upgrade pathways"
    assert [c.closes_at for c in reading.consultations] == [
        c.closes_at for c in expected.consultations
    ]


def test_html_meta_charset_is_honoured() -> None:
    page = (
        '<html><head><meta charset="koi8-r"></head><body>'
        "<h4>MP400 'Проверка кодировки' (Closing Date: 1 June 2023)</h4>"
        "<p>Текст.</p></body></html>"
    ).encode("koi8-r")
    (c,) = read_page(page, "koi8.html").consultations
    assert c.title == "Проверка кодировки"


def test_windows_1252_html_with_latin1_label() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><h4>MP401 ‘Curly quotes’ (Closing Date: 1 June 2023)</h4>"
        "<p>Suppliers’ summary.</p></body></html>"
    ).encode("cp1252")
    (c,) = read_page(page, "latin.html").consultations
    assert c.title == "Curly quotes"
    assert c.summary == "Suppliers’ summary."


# --- refused pages -----------------------------------------------------------------------


def test_empty_page(tmp_path: Path) -> None:
    with pytest.raises(PageError, match=r"^blank\.txt: the page is empty\.$"):
        read_page(b"  \n\n ", "blank.txt")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(PageError, match="empty"):
        read_page_file(empty)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PageError, match="no such page"):
        read_page_file(tmp_path / "missing.html")


def test_binary_pages() -> None:
    with pytest.raises(PageError, match=r"^notes\.pdf: is a PDF document, not a SEC"):
        read_page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "notes.pdf")
    with pytest.raises(PageError, match=r"^blob\.bin: is a binary file"):
        read_page(bytes(range(256)) * 40, "blob.bin")
    with pytest.raises(PageError, match="zip archive"):
        read_page(b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "form.docx")


def test_unrelated_page() -> None:
    page = b"<html><body><h1>Our Christmas opening hours</h1><p>We close at 5pm.</p></body></html>"
    with pytest.raises(PageError) as info:
        read_page(page, "hours.html")
    assert str(info.value) == (
        "hours.html: is not a SEC consultations or releases page (no entries with a closing "
        "date or SEC version were found)."
    )


def test_truncated_html_is_refused() -> None:
    whole = (DATA / "html" / "open-consultations.html").read_bytes()
    with pytest.raises(PageError, match=r"^cut\.html: the HTML page is incomplete"):
        read_page(whole[: len(whole) // 2], "cut.html")


def test_over_size_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.write(SEED.read_bytes())
        fh.seek(MAX_PAGE_BYTES + 10)
        fh.write(b"\n")
    with pytest.raises(PageError, match=r"over the 20 MB limit"):
        read_page_file(big)
    with pytest.raises(PageError, match=r"over the 20 MB limit"):
        read_page(b"x" * (MAX_PAGE_BYTES + 1), "memory")


def test_error_is_also_an_input_error() -> None:
    from secresponder.errors import InputError

    with pytest.raises(InputError):
        read_page(b"", "x.txt")


def test_release_entry_without_a_date_is_skipped() -> None:
    text = RELEASES.read_text(encoding="utf-8")
    text = text.replace(
        "SEC v59.0 released to implement MP201\n\n24 March 2022\n\n"
        "An updated version of the SEC came into effect on 24 March 2022",
        "SEC v59.0 released to implement MP201\n\nAn updated version of the SEC came into "
        "effect recently",
    )
    reading = read_page(text.encode(), "releases.txt")
    assert "v59.0" not in [r.version for r in reading.releases]
    assert len(reading.releases) == 9
    (skipped,) = reading.skipped
    assert skipped.heading == "SEC v59.0 released to implement MP201"
    assert "came into effect" in skipped.reason


def test_release_date_line_under_the_heading_is_the_effective_date() -> None:
    page = (
        "SEC Release »\n\nSEC v63.0 published for the November 2022 SEC Release\n\n"
        "Friday 3rd November 2022\n\nThis included one Modification Proposal:\n\n"
        "Summary of changes\n\nMP187 ‘Erroneous Outages’ sets a new threshold.\n\n"
        "What parts of the SEC were affected?\n\n  • SEC Section H ‘ DCC Services ’\n"
        "  • Appendix AD (not currently available on CodeWorks)\n"
    ).encode()
    reading = read_page(page, "news.txt")
    (release,) = reading.releases
    assert reading.is_full_list is True
    assert release.effective.isoformat() == "2022-11-03"
    assert [(m.reference, m.title) for m in release.modifications] == [
        ("MP187", "Erroneous Outages")
    ]
    assert [(a.document, a.name) for a in release.affected] == [
        ("Section H", "DCC Services"), ("Appendix AD", "")
    ]
    assert release.summary == "This included one Modification Proposal:"


def test_html_entities_from_a_doctype_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    page = (
        f'<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        "<html><body><h4>MP500 ‘Entity &leak; test’ (Closing Date: 1 June 2023)</h4>"
        "<p>Body &leak; text.</p></body></html>"
    ).encode()
    (c,) = read_page(page, "entity.html").consultations
    assert "TOP-SECRET-VALUE" not in c.title + c.summary


def test_list_page_with_one_entry_left_is_still_the_full_list() -> None:
    text = SEED.read_text(encoding="utf-8")
    one_left = text[: text.index("MP216 ‘Incorporation")]
    reading = read_page(one_left.encode(), "saved.txt")
    assert [c.reference for c in reading.consultations] == ["MP231"]
    assert reading.is_full_list is True

    page = (DATA / "html" / "open-consultations.html").read_text(encoding="utf-8")
    marker = '<div class="ewd-ufaq-faq-div'
    first = page.index(marker)
    second = page.index(marker, first + 1)
    closing = page.index("    </div>\n   </div>\n  </div>\n</main>")
    one_entry = page[:second] + page[closing:]
    reading = read_page(one_entry.encode(), "saved.html")
    assert [c.reference for c in reading.consultations] == ["MP231"]
    assert reading.is_full_list is True
    # The same entry without the list around it is a single-entry page.
    alone = one_left[one_left.index("MP231"):]
    assert read_page(alone.encode(), "mp231.txt").is_full_list is False


def test_deeply_nested_html_is_refused_cleanly() -> None:
    title = "<h4>MP600 Nested (Closing Date: 1 June 2023)</h4>"
    page = ("<html><body>" + "<div><span>" * 5000 + title + "</span></div>" * 5000
            + "</body></html>").encode()
    with pytest.raises(PageError, match=r"^deep\.html: is not a SEC"):
        read_page(page, "deep.html")
