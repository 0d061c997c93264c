"""The response form the consultation's page links: downloaded, attached, inspected and
chosen for the draft in one step (``draft REF --template linked``)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.documents.document_builders import pdf_bytes, serving
from tests.exports.response_forms import add_consultations, questions_workbook
from tests.forms import builders as b

from secresponder.cli.main import main
from secresponder.domain.clock import fixed_clock
from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.errors import SecResponderError
from secresponder.services import documents, drafting
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.linked_form import (
    best_candidate,
    form_candidates,
    linked_form_choice,
    use_linked_form,
)
from secresponder.services.lookup import find_consultation
from secresponder.store.workspace import Workspace

CLOCK = fixed_clock(datetime(2023, 4, 3, 9, 0, tzinfo=LONDON))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM_PATH = "/wp-content/uploads/2023/04/MP999-Consultation-Response-Form.docx"
LEGAL_PATH = "/wp-content/uploads/2023/04/MP999-Legal-Text.docx"
PDF_PATH = "/wp-content/uploads/2023/04/MP999-Consultation-Document.pdf"


def consultation(base: str | None, *documents_: Document) -> Consultation:
    return Consultation(
        reference="MP999",
        title="Prepayment meter top-up resilience",
        kind="Modification Report Consultation",
        closes_at=closing_instant(date(2023, 5, 12)),
        respond_to="SECAS@gemserv.com",
        documents=documents_
        or (
            Document("MP999 Consultation Document", f"{base}{PDF_PATH}"),
            Document("MP999 legal text", f"{base}{LEGAL_PATH}"),
            Document("MP999 Consultation Response Form", f"{base}{FORM_PATH}"),
        ),
    )


@pytest.fixture
def routes(tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    form = b.build_table_full(tmp_path / "built form.docx").read_bytes()
    legal = b.build_letter(tmp_path / "legal.docx").read_bytes()
    return {
        FORM_PATH: (DOCX, form),
        LEGAL_PATH: (DOCX, legal),
        PDF_PATH: ("application/pdf", pdf_bytes([["MP999 consultation document"]])),
    }


def test_candidates_put_the_response_form_first():
    c = consultation("https://smartenergycodecompany.co.uk")
    assert [d.label for d in form_candidates(c)] == [
        "MP999 Consultation Response Form",
        "MP999 legal text",
    ]
    assert best_candidate(c).label == "MP999 Consultation Response Form"
    excel = replace(c, documents=(
        Document("Comments log", "https://example.org/files/MP999%20comments%20log.xlsx"),
        Document("Download", "https://example.org/download?id=7"),
        Document("Response template", "https://example.org/download?id=8"),
    ))
    assert [d.label for d in form_candidates(excel)] == ["Response template", "Comments log"]


def test_linked_form_is_downloaded_attached_and_chosen(workspace_root, routes, tmp_path):
    with serving(tmp_path, routes) as base, Workspace.open(workspace_root) as ws:
        add_consultations(ws, consultation(base))
        draft, chosen = use_linked_form(ws, "MP999", clock=CLOCK)
        stored = find_consultation(ws, "MP999")
        attached = documents.list_documents(ws, stored.id)
    assert chosen.file_name == "MP999-Consultation-Response-Form.docx"
    assert draft.form is not None and draft.form.original_name == chosen.file_name
    assert [q.number for q in draft.form.inspection.questions] == ["1", "2", "3"]
    assert draft.version >= 1
    assert [a.label for a in attached] == ["MP999 Consultation Response Form"]
    assert attached[0].source.endswith(FORM_PATH)


def test_a_linked_file_that_is_not_a_form_is_passed_over(workspace_root, routes, tmp_path):
    docs = (
        Document("MP999 Consultation Response Form", "BASE/forms/cover-letter.docx"),
        Document("MP999 questions", "BASE/forms/MP999-questions.xlsx"),
    )
    questions = questions_workbook(tmp_path / "questions.xlsx").read_bytes()
    served = {
        "/forms/cover-letter.docx": routes[LEGAL_PATH],
        "/forms/MP999-questions.xlsx": (XLSX, questions),
    }
    with serving(tmp_path, served) as base, Workspace.open(workspace_root) as ws:
        add_consultations(ws, consultation(base, *(
            replace(d, url=d.url.replace("BASE", base)) for d in docs)))
        chosen = linked_form_choice(ws, "MP999", clock=CLOCK)
    assert chosen.file_name == "MP999-questions.xlsx"
    assert chosen.form.inspection.format.value == "xlsx"
    assert len(chosen.skipped) == 1
    assert chosen.skipped[0].startswith("MP999 Consultation Response Form: ")
    assert "/tmp" not in chosen.skipped[0]


def test_no_form_linked_text_copy_and_old_formats_each_say_why(workspace_root, tmp_path):
    cases = {
        "MP901": ((Document("Consultation document", "https://example.org/a.pdf"),),
                  "links no Word or Excel response form"),
        "MP902": ((Document("Consultation response form", None),),
                  "read from a text copy of its page"),
        "MP903": ((Document("Response form", "https://example.org/MP903%20form.doc"),),
                  "only as MP903 form.doc"),
    }
    with Workspace.open(workspace_root) as ws:
        for ref, (docs, _) in cases.items():
            add_consultations(ws, replace(consultation(None, *docs), reference=ref))
        for ref, (_, expected) in cases.items():
            with pytest.raises(SecResponderError) as caught:
                use_linked_form(ws, ref, clock=CLOCK)
            message = str(caught.value)
            assert message.startswith(f"{ref}: ") and expected in message
            assert len(message.splitlines()) == 1 and message.endswith(".")
            assert drafting.open_draft(ws, ref).form is None


def test_offline_is_one_sentence_and_a_second_use_needs_no_network(
    workspace_root, routes, tmp_path
):
    with serving(tmp_path, routes) as base:
        pass  # nothing listens there any more: as if offline
    with Workspace.open(workspace_root) as ws:
        add_consultations(ws, consultation(base))
        with pytest.raises(SecResponderError) as caught:
            use_linked_form(ws, "MP999", clock=CLOCK, timeout=5)
        assert "could not be downloaded" in str(caught.value)
        assert FORM_PATH in str(caught.value)
        assert drafting.open_draft(ws, "MP999").form is None
        assert documents.list_documents(ws, find_consultation(ws, "MP999").id) == []

    with serving(tmp_path, routes) as online:
        with Workspace.open(workspace_root) as ws, ws.transaction() as conn:
            conn.execute("DELETE FROM consultations WHERE reference = 'MP999'")
        with Workspace.open(workspace_root) as ws:
            add_consultations(ws, consultation(online))
            use_linked_form(ws, "MP999", clock=CLOCK)
    with Workspace.open(workspace_root) as ws:  # the server is gone again
        _, chosen = use_linked_form(ws, "MP999", clock=CLOCK, timeout=5)
    assert chosen.file_name == "MP999-Consultation-Response-Form.docx"


def test_draft_template_linked_on_the_command_line(tmp_path, routes):
    root = tmp_path / "workspace"

    def run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--workspace", str(root), *args], clock=CLOCK, stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    with serving(tmp_path, routes) as base:
        with open_seeded_workspace(root, clock=CLOCK) as ws:
            add_consultations(ws, consultation(base))
        code, out, err = run("draft", "MP999", "--template", "linked")
        assert code == 0, err
        assert "MP999-Consultation-Response-Form.docx" in out
    code, out, err = run("draft", "MP999", "--show", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert "MP999-Consultation-Response-Form.docx" in json.dumps(shown)
    code, out, err = run("documents", "MP999", "--json")
    assert code == 0 and "MP999 Consultation Response Form" in out
