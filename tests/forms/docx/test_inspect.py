"""Inspecting .docx response forms: respondent fields and questions for every layout."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from secresponder.domain.forms import FormFormat, FormKind
from secresponder.forms.docx import inspect_docx
from secresponder.forms.errors import FormError
from tests.forms import builders as b

Q = b.QUESTIONS


def fields(path: Path) -> list[tuple[str | None, str]]:
    return [(f.key, f.label) for f in inspect_docx(path).respondent_fields]


def questions(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(q.number, q.text, q.options) for q in inspect_docx(path).questions]


# -- layout 1: one question table ---------------------------------------------------


def test_question_table_with_header_and_respondent_table(tmp_path: Path) -> None:
    path = b.build_table_full(tmp_path / "form.docx")
    result = inspect_docx(path)
    assert result.format is FormFormat.DOCX
    assert result.kind is FormKind.QUESTIONS
    assert result.comment_columns == ()
    assert fields(path) == [
        ("name", "Name"),
        ("organisation", "Organisation"),
        ("email", "Email address"),
        ("phone", "Telephone"),
        ("party_category", "SEC Party Category"),
        ("confidential", "Confidential?"),
    ]
    assert questions(path) == [("1", Q[0], ()), ("2", Q[1], ()), ("3", Q[2], ())]


def test_question_table_numbers_in_text_and_positions(tmp_path: Path) -> None:
    path = b.build_table_yes_no(tmp_path / "form.docx")
    assert fields(path) == [
        ("organisation", "Organisation name"),
        ("name", "Respondent name"),
        ("email", "Contact email"),
        ("phone", "Contact number"),
    ]
    positions = ("Yes", "No", "Neutral")
    assert questions(path) == [
        ("1", Q[0], positions),
        ("2", Q[1], positions),
        ("3", Q[2], positions),
    ]


def test_question_table_without_header_row(tmp_path: Path) -> None:
    path = b.build_table_no_header(tmp_path / "form.docx")
    assert questions(path) == [("1", Q[1], ()), ("2", Q[2], ()), ("3", Q[3], ())]
    assert fields(path) == [
        ("name", "Name"),
        ("organisation", "Company"),
        ("phone", "Telephone"),
        ("email", "Email address"),
    ]


def test_question_table_with_content_controls_and_two_paragraph_question(tmp_path: Path) -> None:
    path = b.build_table_controls(tmp_path / "form.docx")
    assert fields(path) == [
        ("name", "Name of respondent"),
        ("organisation", "Company"),
        (None, "Job title"),
        ("party_category", "Party Category"),
        ("confidential", "Is your response confidential?"),
    ]
    assert questions(path) == [
        ("1", Q[0] + "\nPlease give reasons for your answer.", ()),
        ("2", Q[3], ()),
    ]


def test_ten_thousand_row_table_is_read_whole(tmp_path: Path) -> None:
    path = b.build_big_table(tmp_path / "big.docx", rows=10_000)
    found = inspect_docx(path).questions
    assert len(found) == 10_000
    assert found[0].number == "1" and found[-1].number == "10000"
    assert found[-1].text == "Do you agree with point 10000?"


# -- layout 2: one table per question -------------------------------------------------


def test_per_question_tables_with_merged_header(tmp_path: Path) -> None:
    path = b.build_per_question_basic(tmp_path / "form.docx")
    positions = ("Yes", "No", "Neutral")
    assert questions(path) == [
        ("1", Q[0], positions),
        ("2", Q[1], positions),
        ("3", Q[2], positions),
    ]
    assert fields(path) == [
        ("name", "Name"),
        ("organisation", "Organisation"),
        ("email", "Email"),
        ("phone", "Phone"),
    ]


def test_per_question_tables_with_label_rows(tmp_path: Path) -> None:
    path = b.build_per_question_label_rows(tmp_path / "form.docx")
    assert questions(path) == [("1", Q[0], ()), ("2", Q[1], ())]
    assert fields(path) == []


def test_per_question_tables_numbered_by_heading_with_check_boxes(tmp_path: Path) -> None:
    path = b.build_per_question_boxes(tmp_path / "form.docx")
    boxes = ("Yes", "No", "Neutral")
    assert questions(path) == [("3", Q[2], boxes), ("4", Q[3], boxes)]
    assert fields(path) == [("confidential", "Is your response confidential?")]


def test_per_question_tables_with_number_row_and_two_paragraph_question(tmp_path: Path) -> None:
    path = b.build_per_question_multi(tmp_path / "form.docx")
    extra = "\nPlease provide evidence to support your view."
    assert questions(path) == [("1", Q[0] + extra, ()), ("2", Q[1] + extra, ())]


# -- layout 3: numbered paragraphs ----------------------------------------------------------


def test_numbered_questions_with_answer_boxes(tmp_path: Path) -> None:
    path = b.build_numbered_box(tmp_path / "form.docx")
    # "1. Introduction" is a numbered heading with no answer place: not a question.
    assert questions(path) == [("1", Q[0], ()), ("2", Q[1], ()), ("3", Q[2], ())]


def test_numbered_questions_with_placeholder_paragraphs_and_label_lines(tmp_path: Path) -> None:
    path = b.build_numbered_placeholder(tmp_path / "form.docx")
    assert fields(path) == [
        ("name", "Name"),
        ("organisation", "Organisation"),
        ("email", "Email"),
        ("confidential", "Confidential?"),
    ]
    assert questions(path) == [("1", Q[0], ()), ("2", Q[1], ()), ("3", Q[2], ())]


def test_word_list_numbering_is_computed(tmp_path: Path) -> None:
    path = b.build_numbered_list(tmp_path / "form.docx")
    assert questions(path) == [
        ("1", Q[0], ()),
        ("2", Q[1] + "\nPlease consider each Objective in turn.", ()),
        ("3", Q[2], ()),
    ]


def test_heading_numbers_boxes_and_controls(tmp_path: Path) -> None:
    path = b.build_numbered_mixed(tmp_path / "form.docx")
    assert questions(path) == [
        ("3", Q[0] + "\nPlease give reasons.", ("Yes", "No")),
        ("4", Q[1], ()),
        ("5", Q[3], ()),
    ]


# -- not forms, broken files ------------------------------------------------------------------


@pytest.mark.parametrize("builder", [b.build_not_a_form, b.build_letter])
def test_documents_that_are_not_forms_are_refused(tmp_path: Path, builder) -> None:  # type: ignore[no-untyped-def]
    path = builder(tmp_path / "report.docx")
    with pytest.raises(FormError) as caught:
        inspect_docx(path)
    assert str(caught.value) == (
        f"{path}: no consultation questions were found (looked for a question table, "
        "numbered questions and per-question tables)."
    )


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    path.write_bytes(b"this is plain text, not a Word document")
    with pytest.raises(FormError, match=r"form\.docx: is not a readable Word document"):
        inspect_docx(path)


def test_a_zip_without_a_document_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "form.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(FormError, match=r"it has no word/document\.xml"):
        inspect_docx(path)


def test_entities_in_document_xml_are_not_expanded(tmp_path: Path) -> None:
    source = b.build_numbered_placeholder(tmp_path / "form.docx")
    with zipfile.ZipFile(source) as zf:
        entries = {i.filename: zf.read(i) for i in zf.infolist()}
    doc = entries["word/document.xml"].decode("utf-8")
    head, rest = doc.split("?>", 1)
    doc = head + '?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' + rest
    doc = doc.replace("Do you agree with the proposed solution?", "&secret;", 1)
    entries["word/document.xml"] = doc.encode("utf-8")
    bad = tmp_path / "entity.docx"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    texts = [q.text for q in inspect_docx(bad).questions]
    assert all("root:" not in t for t in texts)
    # The unexpanded entity leaves question 1 without text; the rest read as usual.
    assert texts == [Q[1], Q[2]]


def test_numbering_inherited_from_the_list_number_style(tmp_path: Path) -> None:
    path = b.build_numbered_style(tmp_path / "form.docx")
    assert questions(path) == [("1", Q[0], ()), ("2", Q[1], ()), ("3", Q[2], ())]


def test_label_paragraphs_with_content_controls_and_category_boxes(tmp_path: Path) -> None:
    path = b.build_label_controls(tmp_path / "form.docx")
    assert fields(path) == [
        ("name", "Name"),
        ("organisation", "Organisation"),
        ("email", "Email"),
        ("party_category", "SEC Party Category"),
    ]
    assert questions(path) == [("1", Q[0], ()), ("2", Q[1], ())]


def test_question_table_with_check_box_columns(tmp_path: Path) -> None:
    path = b.build_table_boxes(tmp_path / "form.docx")
    assert fields(path) == [
        ("name", "Respondent"),
        ("organisation", "Organisation"),
        ("phone", "Telephone"),
    ]
    assert questions(path) == [("1", Q[0], ("Yes", "No")), ("2", Q[1], ("Yes", "No"))]


def test_check_boxes_on_the_question_line(tmp_path: Path) -> None:
    path = b.build_inline_boxes(tmp_path / "form.docx")
    assert questions(path) == [("1", Q[0], ("Yes", "No")), ("2", Q[1], ("Yes", "No"))]
