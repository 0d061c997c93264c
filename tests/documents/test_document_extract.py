"""Recognising formats and extracting text from real files of every supported kind."""

from __future__ import annotations

import io
import zipfile

import pytest
from tests.documents.document_builders import (
    docx_bytes,
    encrypted_office_bytes,
    encrypted_pdf_bytes,
    html_bytes,
    pdf_bytes,
    scanned_pdf_bytes,
    xlsx_bytes,
)

from secresponder.documents.extract import extract_text, no_text_warning
from secresponder.documents.formats import (
    DOCX,
    HTML,
    PDF,
    TXT,
    XLSX,
    check_unpacked_size,
    content_type_format,
    detect_format,
)
from secresponder.errors import InputError


def test_formats_are_recognised_by_their_bytes_not_their_names():
    assert detect_format("consultation.txt", pdf_bytes([["x"]])) == PDF
    assert detect_format("form", docx_bytes(["x"])) == DOCX
    assert detect_format("tracker.bin", xlsx_bytes({"S": [["x"]]})) == XLSX
    assert detect_format("page", html_bytes("t", "<p>x</p>")) == HTML
    assert detect_format("notes.txt", "Grüße".encode()) == TXT
    assert detect_format("README", b"plain words") == TXT


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a PDF, Word, Excel"),
        ("archive.zip", None, "is a zip archive, not a Word"),
        ("fake.pdf", b"this is not a pdf at all", "is named like a PDF but is not one"),
        ("slides.pptx.key", b"just text", ".key files cannot be attached"),
        ("locked.docx", encrypted_office_bytes(), "is password-protected"),
    ],
)
def test_unusable_files_are_refused_in_one_sentence(name, data, message):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("photo.jpg", b"\xff\xd8")
        data = buffer.getvalue()
    with pytest.raises(InputError, match=message) as caught:
        detect_format(name, data)
    text = str(caught.value)
    assert text.startswith(f"{name}: ") and text.endswith(".") and text.count(". ") == 0


def test_old_word_file_is_named_as_such():
    ole_without_encryption = encrypted_office_bytes().replace(
        "EncryptedPackage".encode("utf-16-le"), "WordDocument\0\0\0\0".encode("utf-16-le")
    )
    with pytest.raises(InputError, match=r"Word 97-2003 \(\.doc\) file; save it as \.docx"):
        detect_format("minutes.doc", ole_without_encryption)


def test_pdf_text_pages_and_title():
    data = pdf_bytes(
        [["MP231 Firmware upgrade pathways", "Responses by 5pm on 12 May 2023 (BST)."],
         ["Question 1: Do you agree with the solution?"]],
        title="MP231 Consultation Document",
    )
    extracted = extract_text("MP231.pdf", data)
    assert extracted.format == PDF
    assert extracted.pages == 2
    assert extracted.title == "MP231 Consultation Document"
    assert "Firmware upgrade pathways" in extracted.text
    assert "(BST)" in extracted.text
    assert extracted.text.index("12 May 2023") < extracted.text.index("Question 1")


def test_scanned_pdf_has_no_text_and_says_so():
    extracted = extract_text("scan.pdf", scanned_pdf_bytes(3))
    assert extracted.pages == 3 and not extracted.has_text
    assert no_text_warning("scan.pdf", extracted.format) == (
        "scan.pdf: has no text layer (a scanned document?); it is attached but not searchable."
    )


def test_password_protected_pdf_is_refused_but_permission_only_encryption_opens():
    with pytest.raises(InputError, match=r"^locked\.pdf: is password-protected"):
        extract_text("locked.pdf", encrypted_pdf_bytes(["secret"], user_password="pw"))
    opened = extract_text("restricted.pdf", encrypted_pdf_bytes(["open text"], user_password=""))
    assert opened.text == "open text"


@pytest.mark.parametrize("cut", [40, 400])
def test_damaged_pdf_is_refused(cut):
    data = pdf_bytes([["some words"]])
    broken = data[:cut] + b"garbage" * 3
    with pytest.raises(InputError, match=r"^broken\.pdf: is a damaged PDF"):
        extract_text("broken.pdf", broken)


def test_docx_paragraphs_and_tables_in_order():
    data = docx_bytes(
        ["MP216 response", "Our view follows."],
        [["Question", "Answer"], ["Do you agree?", "Yes, with reservations"]],
        title="Response",
    )
    extracted = extract_text("response.docx", data)
    assert extracted.format == DOCX and extracted.title == "Response"
    lines = extracted.text.split("\n")
    assert lines[:2] == ["MP216 response", "Our view follows."]
    assert "Do you agree? Yes, with reservations" in lines


def test_damaged_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(["x"]))) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            payload = src.read(item)
            if item.filename == "word/document.xml":
                payload = payload[: len(payload) // 2]
            dst.writestr(item, payload)
    with pytest.raises(InputError, match=r"^form\.docx: is a damaged Word document"):
        extract_text("form.docx", buffer.getvalue())


def test_xlsx_every_sheet_and_cell():
    data = xlsx_bytes(
        {"Comments": [["Section", "Comment"], ["Section A", "Clarify definitions"]],
         "Costs": [["Year", 2024, 1250.5]]}
    )
    extracted = extract_text("log.xlsx", data)
    assert extracted.format == XLSX
    assert "Section A Clarify definitions" in extracted.text
    assert "Year 2024 1250.5" in extracted.text
    assert extracted.text.index("Comments") < extracted.text.index("Costs")


def test_html_drops_scripts_and_never_expands_entities():
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
        b"<html><head><title>Consultation</title><script>alert('x')</script></head>"
        b"<body><p>Respond by &amp; 5pm &leak;</p><p>Second</p></body></html>"
    )
    extracted = extract_text("page.html", page)
    assert extracted.title == "Consultation"
    assert "alert" not in extracted.text and "root:" not in extracted.text
    assert "Respond by & 5pm" in extracted.text
    assert "Second" in extracted.text
    assert "scripttext" not in extract_text("p.html", html_bytes("T", "<p>hi</p>")).text


def test_text_encodings_and_control_characters():
    assert extract_text("a.txt", "caf\u00e9 \u2013 ok".encode("cp1252")).text == "café – ok"
    assert extract_text("b.txt", "\ufeffBOM text".encode()).text == "BOM text"
    assert extract_text("c.txt", "utf16 words".encode("utf-16")).text == "utf16 words"
    assert extract_text("d.txt", b"one\x02two\x03\r\nthree").text == "one two\nthree"


def test_content_types_checked_before_download():
    assert content_type_format("application/pdf; charset=binary", "u") == PDF
    assert content_type_format("text/html; charset=utf-8", "u") == HTML
    assert content_type_format("application/octet-stream", "u") is None
    with pytest.raises(InputError, match=r"^http://x/a\.png: the server sent 'image/png'"):
        content_type_format("image/png", "http://x/a.png")


def test_zip_bomb_is_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (3 * 1024 * 1024))
    with pytest.raises(InputError, match="would unpack to 3 MB"):
        check_unpacked_size("bomb.docx", buffer.getvalue(), limit=1024 * 1024)
