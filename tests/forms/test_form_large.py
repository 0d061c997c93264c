"""A form with a 10,000-row question table is checked and inspected to the end."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document

from secresponder.forms.api import inspect_form
from secresponder.forms.safety import check_office_file

ROWS = 10_000


def _huge_form(path: Path) -> Path:
    doc = Document()
    doc.add_heading("MP999 'Very long consultation' response form", level=1)
    details = doc.add_table(rows=2, cols=2)
    details.rows[0].cells[0].text = "Name"
    details.rows[1].cells[0].text = "Organisation"
    table = doc.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("No.", "Question", "Response", "Rationale"),
                          strict=True):
        cell.text = text
    template = table.rows[1]._tr
    template_cells = table.rows[1].cells
    template_cells[0].text = "1"
    template_cells[1].text = "Do you agree with change 1 to Section H?"
    body = template.getparent()
    for n in range(2, ROWS + 1):
        tr = copy.deepcopy(template)
        texts = tr.xpath(".//w:t")
        texts[0].text = str(n)
        texts[1].text = f"Do you agree with change {n} to Section H?"
        body.append(tr)
    doc.save(path)
    return path


@pytest.mark.slow
def test_ten_thousand_row_form_is_inspected(tmp_path, run_cli):
    path = _huge_form(tmp_path / "huge.docx")
    assert check_office_file(path).format.value == "docx"
    inspection = inspect_form(path)
    assert len(inspection.questions) == ROWS
    assert inspection.questions[0].number == "1"
    assert inspection.questions[-1].number == str(ROWS)
    assert inspection.questions[-1].text == f"Do you agree with change {ROWS} to Section H?"
    code, out, err = run_cli("template", "inspect", path)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"huge.docx: Word form with {ROWS} questions"
