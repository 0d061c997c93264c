"""Hostile, broken and unsupported form files are refused in one sentence, before parsing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from secresponder.domain.forms import FormFormat
from secresponder.forms.errors import FormError
from secresponder.forms.safety import check_office_file
from tests.forms.answer_samples import SAMPLE_ANSWERS
from tests.forms.office_packages import compound_file, lying_sizes, rezip, word_form
from tests.forms.xlsx_builders import comments_log

MACRO_WORD = "application/vnd.ms-word.document.macroEnabled.main+xml"
MACRO_EXCEL = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

XXE_DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&lol2;</Types>'
)


@pytest.fixture
def word_bytes(tmp_path: Path) -> bytes:
    return word_form(tmp_path / "source.docx").read_bytes()


@pytest.fixture
def excel_bytes(tmp_path: Path) -> bytes:
    return comments_log(tmp_path / "source.xlsx").read_bytes()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _macro_word(word: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(word)) as z:
        types = z.read("[Content_Types].xml")
    return rezip(
        word,
        replace={"[Content_Types].xml": types.replace(WORD_MAIN.encode(), MACRO_WORD.encode())},
        add={"word/vbaProject.bin": b"\x00" * 64},
    )


def _macro_excel(excel: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(excel)) as z:
        types = z.read("[Content_Types].xml")
    return rezip(
        excel,
        replace={"[Content_Types].xml": types.replace(EXCEL_MAIN.encode(), MACRO_EXCEL.encode())},
        add={"xl/vbaProject.bin": b"\x00" * 64},
    )


def _hidden_macro(word: bytes) -> bytes:
    """A .docx content type, but a VBA project slipped in beside it."""
    return rezip(word, add={"word/vbaProject.bin": b"\x00" * 64})


def _zip_bomb_total(_: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        chunk = b"\x00" * (9 * 1024 * 1024)
        for i in range(12):
            z.writestr(f"word/media/image{i}.bin", chunk)
    return out.getvalue()


def _zip_bomb_ratio(word: bytes) -> bytes:
    return rezip(word, add={"word/media/filler.bin": b"\x00" * (30 * 1024 * 1024)})


def _lying_header(word: bytes) -> bytes:
    grown = rezip(word, add={"word/media/blob.bin": b"ab" * (2 * 1024 * 1024)})
    return lying_sizes(grown, "word/media/blob.bin", 1024)


CASES: list[tuple[str, str, object, str]] = [
    ("plain-text", "notes.docx", lambda w, x: b"Response to MP215\n" * 40, "not a zip package"),
    ("pdf", "form.docx", lambda w, x: b"%PDF-1.7\n" + b"x" * 500, "not a zip package"),
    ("truncated", "form.docx", lambda w, x: w[: len(w) // 2], "truncated"),
    ("truncated-xlsx", "log.xlsx", lambda w, x: x[: len(x) - 200], "truncated"),
    (
        "encrypted-word",
        "secret.docx",
        lambda w, x: compound_file(("EncryptionInfo", "EncryptedPackage")),
        "is password-protected; remove the password in Word and try again",
    ),
    (
        "encrypted-excel",
        "secret.xlsx",
        lambda w, x: compound_file(("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")),
        "is password-protected; remove the password in Excel",
    ),
    (
        "old-doc",
        "old.doc",
        lambda w, x: compound_file(("WordDocument", "1Table", "\x05SummaryInformation")),
        "is an old binary Word .doc; save it as .docx",
    ),
    (
        "old-doc-renamed",
        "renamed.docx",
        lambda w, x: compound_file(("WordDocument", "0Table")),
        "is an old binary Word .doc; save it as .docx",
    ),
    (
        "old-xls",
        "old.xls",
        lambda w, x: compound_file(("Workbook",)),
        "is an old binary Excel .xls; save it as .xlsx",
    ),
    (
        "docm",
        "macro.docx",
        lambda w, x: _macro_word(w),
        "contains macros (.docm); save it as .docx",
    ),
    (
        "xlsm",
        "macro.xlsx",
        lambda w, x: _macro_excel(x),
        "contains macros (.xlsm); save it as .xlsx",
    ),
    ("hidden-vba", "form.docx", lambda w, x: _hidden_macro(w), "contains macros (.docm)"),
    ("bomb-total", "bomb.docx", lambda w, x: _zip_bomb_total(w), "over the 100 MB limit"),
    ("bomb-ratio", "bomb.docx", lambda w, x: _zip_bomb_ratio(w), "zip bomb"),
    ("lying-header", "liar.docx", lambda w, x: _lying_header(w), "damaged"),
    (
        "xxe",
        "xxe.docx",
        lambda w, x: rezip(w, replace={"word/document.xml": XXE_DOCUMENT}),
        "contains XML entity declarations, which are not allowed",
    ),
    (
        "laughs",
        "laughs.xlsx",
        lambda w, x: rezip(x, replace={"[Content_Types].xml": LAUGHS}),
        "contains XML entity declarations, which are not allowed",
    ),
    (
        "utf16-doctype",
        "wide.docx",
        lambda w, x: rezip(
            w,
            replace={
                "word/styles.xml": '<?xml version="1.0" encoding="UTF-16"?>'
                '<!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16")
            },
        ),
        "contains XML entity declarations",
    ),
    (
        "dot-dot",
        "escape.docx",
        lambda w, x: rezip(w, add={"../../outside.xml": b"<x/>"}),
        "unsafe name",
    ),
    (
        "absolute",
        "absolute.xlsx",
        lambda w, x: rezip(x, add={"/etc/cron.d/job.xml": b"<x/>"}),
        "unsafe name",
    ),
    (
        "no-content-types",
        "bare.docx",
        lambda w, x: _without(w, "[Content_Types].xml"),
        "not a Word or Excel file",
    ),
    ("empty", "empty.docx", lambda w, x: b"", "empty"),
]


def _without(source: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info))
    return out.getvalue()


@pytest.mark.parametrize(("case", "name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_inspect_refuses_bad_file_in_one_sentence(
    run_cli, tmp_path, word_bytes, excel_bytes, case, name, make, expected
):
    path = _write(tmp_path, name, make(word_bytes, excel_bytes))
    code, out, err = run_cli("template", "inspect", path)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"secresponder: {path}: ")
    assert expected in lines[0]
    assert lines[0].endswith(".")


@pytest.mark.parametrize(("case", "name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fill_refuses_bad_file_and_leaves_no_output(
    run_cli, answers_file, tmp_path, word_bytes, excel_bytes, case, name, make, expected
):
    path = _write(tmp_path, name, make(word_bytes, excel_bytes))
    out_path = tmp_path / "out" / "filled.docx"
    code, _, err = run_cli("fill", path, "--answers", answers_file(SAMPLE_ANSWERS), "-o", out_path)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err and expected in err
    assert not out_path.exists()
    leftovers = list(out_path.parent.glob("*")) if out_path.parent.exists() else []
    assert leftovers == []


def test_entity_is_never_expanded_even_in_an_excel_sheet(tmp_path, excel_bytes):
    evil = excel_bytes
    with zipfile.ZipFile(io.BytesIO(evil)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    doctype = b'<!DOCTYPE ws [<!ENTITY e SYSTEM "http://127.0.0.1:9/steal">]>'
    assert b"<!DOCTYPE" not in sheet
    patched = doctype + sheet
    path = _write(tmp_path, "log.xlsx", rezip(evil, replace={"xl/worksheets/sheet1.xml": patched}))
    with pytest.raises(FormError, match="entity declarations"):
        check_office_file(path)


def test_format_comes_from_content_not_name(tmp_path, word_bytes, excel_bytes):
    as_xlsx = _write(tmp_path, "actually-word.xlsx", word_bytes)
    as_docx = _write(tmp_path, "actually-excel.docx", excel_bytes)
    assert check_office_file(as_xlsx).format is FormFormat.DOCX
    assert check_office_file(as_docx).format is FormFormat.XLSX


def test_powerpoint_is_named(tmp_path, word_bytes):
    with zipfile.ZipFile(io.BytesIO(word_bytes)) as z:
        types = z.read("[Content_Types].xml")
    pptx_type = b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"
    patched = types.replace(WORD_MAIN.encode(), pptx_type)
    slides = rezip(word_bytes, replace={"[Content_Types].xml": patched})
    with pytest.raises(FormError, match="PowerPoint"):
        check_office_file(_write(tmp_path, "deck.docx", slides))


def test_missing_file_is_one_sentence(run_cli, tmp_path):
    missing = tmp_path / "nowhere.docx"
    code, _, err = run_cli("template", "inspect", missing)
    assert code == 1
    assert err.strip() == f"secresponder: {missing}: no such form."


def test_oversized_file_refused_before_reading(run_cli, tmp_path):
    big = tmp_path / "huge.docx"
    with big.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to disk
    code, _, err = run_cli("template", "inspect", big)
    assert code == 1
    assert "over the 50 MB limit" in err and str(big) in err


MALFORMED = [
    ("notxml.docx", "word/document.xml", b"this is not xml", "not well-formed XML"),
    ("foreign.docx", "word/document.xml", b"<foo><bar/></foo>", "is not a Word document"),
    ("badsheet.xlsx", "xl/worksheets/sheet1.xml", b"garbage", "could not be read as an Excel"),
    ("badstyles.xlsx", "xl/styles.xml", b"<x", "could not be read as an Excel workbook"),
]


@pytest.mark.parametrize(("name", "member", "content", "expected"), MALFORMED)
def test_malformed_but_safe_parts_give_one_sentence(
    run_cli, tmp_path, word_bytes, excel_bytes, name, member, content, expected
):
    source = excel_bytes if name.endswith(".xlsx") else word_bytes
    path = _write(tmp_path, name, rezip(source, replace={member: content}))
    code, out, err = run_cli("template", "inspect", path)
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"secresponder: {path}: ") and expected in err
