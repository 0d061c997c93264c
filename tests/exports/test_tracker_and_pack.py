"""Tracker workbook (a real Excel table) and the zip pack (safe names, streamed files)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.exports.pack import PackFile, PackFolder, archive_name, write_pack
from secresponder.exports.tracker import TrackerRow, days_left, write_tracker

NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
ROWS = [
    TrackerRow("MP231", "Firmware upgrade pathways", "", closing_instant(date(2023, 5, 12)),
               "In review", "Asha", "Ben", [("1", "Yes"), ("2", "No"), ("3", "")]),
    TrackerRow("", '=HYPERLINK("http://evil.example","x")', "Request for Information",
               closing_instant(date(2023, 1, 13)), "Drafting", "", "", [("1", "Neutral")]),
]


def load(rows=ROWS):
    buf = io.BytesIO()
    write_tracker(rows, buf, now=NOW)
    return openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active


def test_one_row_per_consultation_with_question_columns():
    ws = load()
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == ("Reference", "Title", "Kind", "Closing date", "Days left", "Status",
                         "Owner", "Reviewer", "Q1", "Q2", "Q3")
    assert values[1][:2] == ("MP231", "Firmware upgrade pathways")
    assert values[1][3] == datetime(2023, 5, 12, 17, 0)  # a real date/time, London local
    assert values[1][4] == 11
    assert values[1][5:] == ("In review", "Asha", "Ben", "Yes", "No", None)
    assert values[2][4] == -108  # closed in January
    assert values[2][8:] == ("Neutral", None, None)
    assert ws["D2"].is_date and ws["D2"].number_format == "dd/mm/yyyy hh:mm"


def test_formatted_as_a_table_with_frozen_header_and_widths():
    ws = load()
    [table] = ws.tables.values()
    assert table.ref == "A1:K3"
    assert table.tableStyleInfo.name.startswith("TableStyle")
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    assert ws.column_dimensions["B"].width > ws.column_dimensions["E"].width >= 8


def test_text_that_looks_like_a_formula_stays_text():
    ws = load()
    assert ws["B3"].data_type == "s"
    assert ws["B3"].value.startswith("=HYPERLINK")


def test_days_left_counts_london_calendar_days():
    late = datetime(2023, 5, 11, 23, 30, tzinfo=LONDON)
    assert days_left(closing_instant(date(2023, 5, 12)), late) == 1
    assert days_left(closing_instant(date(2023, 5, 12)), NOW) == 11


def test_empty_tracker_is_still_a_valid_table():
    ws = load([])
    assert [c.value for c in ws[1]][:2] == ["Reference", "Title"]
    assert next(iter(ws.tables.values())).ref == "A1:H2"


def test_pack_has_a_folder_per_consultation_and_the_tracker(tmp_path):
    form = tmp_path / "form.docx"
    form.write_bytes(b"form bytes")
    eml = tmp_path / "mail.eml"
    eml.write_bytes(b"mail bytes")
    folders = [
        PackFolder("MP231 Firmware", [PackFile("MP231 Org response.docx", form),
                                      PackFile("MP231 Org response.eml", eml)]),
        PackFolder("../../evil:name", [PackFile("/etc/passwd", form)]),
    ]
    buf = io.BytesIO()
    names = write_pack(buf, folders, ROWS, now=NOW)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        assert zf.namelist() == names
        assert zf.testzip() is None
        assert zf.read("MP231 Firmware/MP231 Org response.docx") == b"form bytes"
        for name in zf.namelist():
            assert not name.startswith("/") and ".." not in name.split("/")
        assert "..-..-evil-name/-etc-passwd" in names
        tracker = openpyxl.load_workbook(io.BytesIO(zf.read("tracker.xlsx"))).active
        assert tracker["A2"].value == "MP231"


def test_archive_names_refuse_escape_and_duplicates(tmp_path):
    assert archive_name("a", "b.docx") == "a/b.docx"
    assert archive_name("..", "x") == "response/x"
    f = tmp_path / "f"
    f.write_bytes(b"x")
    with pytest.raises(ValueError, match="two files"):
        write_pack(io.BytesIO(), [PackFolder("A", [PackFile("x", f)]),
                                  PackFolder("a", [PackFile("X", f)])], [], now=NOW)
