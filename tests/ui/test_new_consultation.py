"""File > New consultation: one not on the SEC page, added by hand, shown, and editable."""

from __future__ import annotations

from secresponder.ui.consultation_dialog import ConsultationDialog


def fill(dialog: ConsultationDialog, **values: str) -> None:
    for key, value in values.items():
        dialog.edits[key].setText(value)


def test_a_consultation_added_by_hand_is_listed_and_editable(window, qtbot, monkeypatch):
    seen: list[ConsultationDialog] = []

    def exec_(dialog) -> int:
        seen.append(dialog)
        fill(dialog, reference="ofgem-2027-3", title="Smart meter rollout targets",
             authority="Ofgem", closes="2027-03-05", respond_to="not an address")
        dialog._accept()  # as the Save button does
        assert dialog.error.isVisibleTo(dialog)
        assert dialog.error.text().startswith('"not an address" is not an email address')
        fill(dialog, respond_to="smartmetering@ofgem.example")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(ConsultationDialog, "exec", exec_)
    with qtbot.waitSignal(window.catalogue_loaded, timeout=10_000):
        window.new_consultation_action.trigger()
    assert window.detail.heading.text() == "Smart meter rollout targets"
    assert "Added by hand: a consultation by Ofgem." in window.detail.summary.toPlainText()
    row = next(r for r in window.model.rows() if r.consultation.reference == "OFGEM-2027-3")
    assert row.is_open

    def edit_exec(dialog) -> int:
        assert dialog.editing and dialog.edits["reference"].isReadOnly()
        assert dialog.edits["closes"].text() == "2027-03-05 17:00"
        fill(dialog, closes="2027-03-12 12:00")
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(ConsultationDialog, "exec", edit_exec)
    with qtbot.waitSignal(window.catalogue_loaded, timeout=10_000):
        window.edit_consultation_action.trigger()
    assert window.detail.deadline.text().startswith("12 noon, Friday 12 March 2027")


def test_a_consultation_from_the_page_cannot_be_edited_by_hand(window):
    from tests.ui.conftest import select

    select(window, "MP231")
    window.edit_consultation_action.trigger()
    assert "Only a consultation added by hand" in window.statusBar().currentMessage()
