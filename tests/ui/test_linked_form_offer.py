"""The Draft tab offers the response form the consultation's page links first, and takes
it in one step in the background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.deadline import closing_instant
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.ui.linked_form_offer import FROM_PAGE, OFFER_TEXT
from tests.documents.document_builders import pdf_bytes, serving
from tests.exports.response_forms import add_consultations
from tests.forms import builders as b
from tests.ui.conftest import select

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORM = "/uploads/MP999-Consultation-Response-Form.docx"


def test_linked_form_offered_first_and_chosen_in_one_step(
    make_window, qtbot, workspace_root, clock, tmp_path: Path
):
    routes = {
        FORM: (DOCX, b.build_table_full(tmp_path / "form.docx").read_bytes()),
        "/uploads/MP999.pdf": ("application/pdf", pdf_bytes([["MP999 document"]])),
    }
    with serving(tmp_path, routes) as base:
        with open_seeded_workspace(workspace_root, clock=clock) as ws:
            add_consultations(ws, Consultation(
                reference="MP999",
                title="Prepayment meter top-up resilience",
                kind="Modification Report Consultation",
                closes_at=closing_instant(date(2023, 5, 26)),
                documents=(
                    Document("MP999 Consultation Document", f"{base}/uploads/MP999.pdf"),
                    Document("MP999 Consultation Response Form", f"{base}{FORM}"),
                ),
            ))
        window = make_window()
        select(window, "MP999")
        window.tabs.setCurrentWidget(window.drafting)
        panel = window.drafting
        button = panel.linked_offer.button
        assert button.isVisible() and button.isEnabled()
        assert button.text() == OFFER_TEXT
        assert "MP999-Consultation-Response-Form.docx" in button.toolTip()
        # Offered before the other ways of choosing a form.
        assert button.mapTo(panel, button.rect().topLeft()).y() < panel.browse_button.mapTo(
            panel, panel.browse_button.rect().topLeft()).y()
        with qtbot.waitSignal(panel.form_loaded, timeout=20_000):
            button.click()
            assert not button.isEnabled()  # busy while the job runs
        qtbot.wait(100)
        panel.grab().save(str(tmp_path / "linked-form.png"))
    assert panel.form_label.text() == "Form: MP999-Consultation-Response-Form.docx"
    assert len(panel.editors) == 3
    assert panel.form_note.text() == f"{FROM_PAGE} 3 questions found."
    assert "MP999-Consultation-Response-Form.docx" in panel.form_note.toolTip()
    assert button.isEnabled()

    select(window, "MP231")  # the bundled MP231 page links no Word or Excel form
    assert not panel.linked_offer.button.isVisible()


def test_offline_says_why_and_keeps_the_draft(make_window, qtbot, workspace_root, clock,
                                              tmp_path: Path):
    with serving(tmp_path) as base:
        pass  # nothing listens there any more
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        add_consultations(ws, Consultation(
            reference="MP998",
            title="Offline check",
            kind=None,
            closes_at=closing_instant(date(2023, 5, 26)),
            documents=(Document("Response form", f"{base}/MP998-response-form.docx"),),
        ))
    window = make_window()
    select(window, "MP998")
    panel = window.drafting
    messages: list[str] = []
    panel.message.connect(messages.append)
    panel.linked_offer.button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert "could not be downloaded" in messages[-1]
    assert panel.form_note.text() == messages[-1]
    assert panel.form_label.text() == "No response form chosen yet."
    assert panel.linked_offer.button.isEnabled()
