"""Headings in any arrangement of kind, reference and title; the subject rule in any
wording; a single consultation's own page, whatever its file is called; years that
cannot be deadlines; pages where nothing can be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from secresponder.catalogue.consultations import split_heading
from secresponder.catalogue.reader import PageError, read_page

HTML = Path(__file__).parent.parent / "data" / "html"
TITLE = "New Planned Maintenance methodology"
RC = "Refinement Consultation"
MRC = "Modification Report Consultation"


@pytest.mark.parametrize("heading", [
    f"{RC} – MP092 {TITLE}",            # kind first, dash
    f"{RC}: MP092 ‘{TITLE}’",           # kind first, colon, quoted title
    f"{RC} MP092 {TITLE}",              # kind first, nothing between
    f"MP092 {TITLE} – {RC}",            # kind last, dash
    f"MP092: {TITLE}: {RC}",            # kind last, colons
    f"MP092 ‘{TITLE}’ {RC}",            # kind last after the closing quote
    f"MP092 – {RC} – {TITLE}",          # reference, kind, title
    f"MP092 {RC} {TITLE}",              # reference, kind, title with nothing between
    f"MP092 {RC}: {TITLE}",
    f"{RC}: {TITLE} (MP092)",           # reference last in brackets
    f"{TITLE} (MP092) {RC}",            # title, reference, kind
    f"{TITLE} – MP092 – {RC}",
    f"‘{TITLE}’ MP092 {RC}",
    f"{RC.upper()} - mp092 - {TITLE}",  # any letter case
])
def test_kind_reference_and_title_in_any_arrangement(heading):
    assert split_heading(heading) == ("MP092", RC, TITLE)


@pytest.mark.parametrize(("heading", "expected"), [
    # Without a reference a kind is taken only where it is set apart.
    ("‘Charging Methodology’ Refinement Consultation",
     (None, RC, "Charging Methodology")),
    ("Refinement Consultation – Charging Methodology", (None, RC, "Charging Methodology")),
    ("Review of the Request for Information", (None, None,
                                               "Review of the Request for Information")),
    ("Request for Information on firmware", (None, None, "Request for Information on firmware")),
    # A reference inside a title names another modification.
    ("Changes following MP104", (None, None, "Changes following MP104")),
    ("SMETS2 Interoperability- Suppliers Firmware Consultation",
     (None, None, "SMETS2 Interoperability- Suppliers Firmware Consultation")),
])
def test_titles_that_only_look_like_a_kind_or_reference(heading, expected):
    assert split_heading(heading) == expected


def _page(heading: str, respond: str) -> bytes:
    return (
        f"Open Industry Consultations – SEC\n\n{heading} (Closing Date: 12 May 2023)\n\n"
        "Certain Device models need a firmware upgrade applied in a specific order.\n\n"
        "Who should respond?\n\nSuppliers\n\nHow to respond\n\n"
        f"Please send your response to sec.change@gemserv.com by 5pm on 12 May 2023. {respond}\n"
    ).encode()


@pytest.mark.parametrize("rule", [
    "Please use the subject line ‘MP231 Consultation Response’.",
    "Please use the subject field 'MP231 Consultation Response'.",
    "Please use the email subject “MP231 Consultation Response”.",
    "Please send it in an email entitled ‘MP231 Consultation Response’.",
    "Please entitle your email ‘MP231 Consultation Response’.",
    "Please put 'MP231 Consultation Response' in the subject line of your email.",
    "The subject of your email should read ‘MP231 Consultation Response’.",
    "Email subject: MP231 Consultation Response. We look forward to hearing from you.",
])
def test_the_subject_rule_in_any_wording(rule):
    (c,) = read_page(_page("MP231 ‘Firmware upgrade pathways’", rule), "p.txt").consultations
    assert c.subject == "MP231 Consultation Response"


@pytest.mark.parametrize("text", [
    "The report entitled ‘Firmware review’ explains the background.",
    "Please mark your response ‘Confidential’ if it should not be published.",
    "Questions on the subject of this consultation go to secas@gemserv.com.",
])
def test_other_mentions_of_titles_or_subjects_are_not_the_subject_rule(text):
    (c,) = read_page(_page("MP231 ‘Firmware upgrade pathways’", text), "p.txt").consultations
    assert c.subject is None


def _single_page_with_theme_heading(extra_body: str = "") -> bytes:
    """A /ufaqs/ page as the site serves it: the theme's heading, then the FAQ plugin's
    own heading carrying the same title, then the entry's sections."""
    page = (HTML / "ufaq-mp231.html").read_text("utf-8")
    heading = ("MP231 &#8216;Firmware upgrade pathways&#8217; "
               "(Closing Date: 12&nbsp;May 2023)")
    own = (f'<div class="ewd-ufaq-faq-title"><h4>{heading}</h4></div>'
           '<nav class="breadcrumbs">Home » Open Industry Consultations – SEC » MP231 '
           '‘Firmware upgrade pathways’</nav>' + extra_body)
    page = page.replace('<div class="entry-content">', f'<div class="entry-content">{own}')
    # Saved without the theme's body classes that would say "single".
    page = page.replace('class="ufaq-template-default single single-ufaq postid-9612"', "")
    return page.encode()


@pytest.mark.parametrize("name", ["page.html", "Open Industry Consultations – SEC.html",
                                  "C:/Users/asha/Downloads/list.htm"])
def test_a_single_consultations_own_page_is_one_consultation_whatever_its_name(name):
    reading = read_page(_single_page_with_theme_heading(), name)
    (mp231,) = reading.consultations
    assert reading.skipped == ()
    assert reading.is_full_list is False
    assert mp231.title == "Firmware upgrade pathways"
    assert mp231.audience == ("Suppliers", "The DCC")
    assert [d.label for d in mp231.documents] == ["consultation document"]
    assert mp231.summary.startswith("Certain Device models")


def test_a_text_copy_of_a_single_page_with_its_breadcrumb_is_not_the_list():
    text = (
        "Home » Open Industry Consultations – SEC » MP231 ‘Firmware upgrade pathways’\n\n"
        "MP231 ‘Firmware upgrade pathways’ (Closing Date: 12 May 2023)\n\n"
        "Certain Device models need a firmware upgrade.\n\nWho should respond?\n\nSuppliers\n"
    )
    reading = read_page(text.encode(), "copied.txt")
    assert [c.reference for c in reading.consultations] == ["MP231"]
    assert reading.is_full_list is False


@pytest.mark.parametrize("year", ["0001", "1999", "2101", "9999"])
def test_years_outside_2000_to_2100_are_not_deadlines(year):
    page = (
        f"MP300 ‘Placeholder’ (Closing Date: 1 January {year})\n\nA summary.\n\n"
        f"MP231 ‘Firmware upgrade pathways’ (Closing Date: 12 May 2023)\n\nAnother.\n"
    ).encode()
    reading = read_page(page, "list.txt")
    assert [c.reference for c in reading.consultations] == ["MP231"]
    ((heading, reason),) = [(s.heading, s.reason) for s in reading.skipped]
    assert heading.startswith("MP300")
    assert reason == f"its closing date is in the year {year}, outside 2000 to 2100"


def test_a_body_deadline_in_year_one_does_not_replace_the_titles_date():
    page = (
        "MP231 ‘Firmware upgrade pathways’ (Closing Date: 12 May 2023)\n\nA summary.\n\n"
        "How to respond\n\nPlease respond by 5pm on 1 January 0001.\n"
    ).encode()
    (c,) = read_page(page, "p.txt").consultations
    assert c.closes_at.date().isoformat() == "2023-05-12"


def test_a_page_whose_only_entry_cannot_be_read_is_refused():
    page = "Open Industry Consultations – SEC\n\nMP300 ‘Placeholder’ (Closing Date: soon)\n"
    with pytest.raises(PageError) as caught:
        read_page(page.encode(), "list.txt")
    assert str(caught.value) == (
        "list.txt: its entry could be read (‘MP300 ‘Placeholder’ (Closing Date: soon)’: no "
        "closing date could be read (the title gives 'soon')); nothing was changed."
    )


def test_an_html_list_with_headings_in_every_arrangement():
    headings = [
        "Refinement Consultation &#8211; MP092 New Planned Maintenance methodology",
        "MP118: &#8216;Communications Hub Finance Charges&#8217;: Refinement Consultation",
        "Modification Report Consultation MP131 Default maximum demand configuration conflict",
        "Consequential changes to the SEC Section G (MP133) Modification Report Consultation",
        "Request for Information: Smart Meter Data Access",
    ]
    entries = "".join(
        f"<h4>{h} (Closing Date: {day}&nbsp;August 2020)</h4>"
        "<p>A summary.</p><h5>Who should respond?</h5><ul><li>Suppliers</li></ul>"
        for day, h in enumerate(headings, start=3)
    )
    page = (f"<html><body class='archive tax-ufaq-category'><h1>Open Industry Consultations "
            f"&#8211; SEC</h1>{entries}</body></html>").encode()
    reading = read_page(page, "saved.html")
    assert [(c.reference, c.kind, c.title) for c in reading.consultations] == [
        ("MP092", "Refinement Consultation", "New Planned Maintenance methodology"),
        ("MP118", "Refinement Consultation", "Communications Hub Finance Charges"),
        ("MP131", MRC, "Default maximum demand configuration conflict"),
        ("MP133", MRC, "Consequential changes to the SEC Section G"),
        (None, "Request for Information", "Smart Meter Data Access"),
    ]
    assert reading.is_full_list is True


@pytest.mark.parametrize("name", ["C:/Users/asha/tag/mp231.txt",
                                  "/home/asha/ufaq-category/mp231.txt"])
def test_a_folder_named_like_the_site_does_not_make_a_single_page_the_list(name):
    text = ("MP231 ‘Firmware upgrade pathways’ (Closing Date: 12 May 2023)\n\n"
            "Certain Device models need a firmware upgrade.\n")
    assert read_page(text.encode(), name).is_full_list is False
