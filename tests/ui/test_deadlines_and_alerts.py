"""Deadline changes while drafting, reminders exported before a deadline moved, change labels
kept across a restart, and alerts for consultations closing without a submitted response."""

from __future__ import annotations

from datetime import datetime

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import DraftStatus
from secresponder.domain.parties import PartyCategory
from secresponder.services.alerts import record_export
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.profile import update_profile
from secresponder.ui.catalogue_model import Highlight
from tests.ui.conftest import select
from tests.ui.test_drafting import start_draft
from tests.ui.test_review import answer_all

MAY_11 = fixed_clock(datetime(2023, 5, 11, 9, 0, tzinfo=LONDON))


def import_moved_deadline(window, qtbot, tmp_path, consultations_txt) -> None:
    page = tmp_path / "moved.txt"
    page.write_text(consultations_txt.read_text(encoding="utf-8").replace(
        "12 May 2023", "19 May 2023"), encoding="utf-8")
    with qtbot.waitSignal(window.import_done, timeout=20_000):
        window.start_import([str(page)], "Importing pages")


def label_of(window, reference: str):
    return next(r.highlight for r in window.model.rows()
                if r.consultation.reference == reference)


def test_a_moved_deadline_shows_on_the_draft_tab_and_stays_labelled_after_restart(
    make_window, qtbot, tmp_path, consultations_txt
):
    window = make_window()
    import_moved_deadline(window, qtbot, tmp_path, consultations_txt)
    select(window, "MP231")
    note = window.drafting.deadline_note
    assert note.isVisibleTo(window.drafting)
    assert note.text().startswith("Deadline changed: Extended from 5pm, Friday 12 May 2023 to "
                                  "5pm, Friday 19 May 2023")
    select(window, "MP116")
    assert not note.isVisibleTo(window.drafting)
    assert label_of(window, "MP231") is Highlight.DEADLINE_CHANGED
    window.close()
    again = make_window()
    assert label_of(again, "MP231") is Highlight.DEADLINE_CHANGED


def test_a_reminder_exported_before_the_deadline_moved_is_flagged(
    make_window, workspace_root, clock, qtbot, tmp_path, consultations_txt
):
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        record_export(ws, "mp231-consultation",
                      datetime(2023, 5, 12, 17, 0, tzinfo=LONDON))
    window = make_window()
    assert label_of(window, "MP231") is None  # exported for the deadline it still has
    import_moved_deadline(window, qtbot, tmp_path, consultations_txt)
    assert label_of(window, "MP231") is Highlight.REMINDER_STALE
    row = next(r for r in window.model.rows() if r.consultation.reference == "MP231")
    assert window.model.value(window.model.find(row.id), 1, 0).startswith(
        "Export the reminder again: ")
    select(window, "MP231")
    assert "export the reminder again" in window.drafting.deadline_note.text()
    # Exporting again (the export records the deadline its reminder names) clears both.
    from secresponder.services.exporting import export_response

    export_response(window.drafting.workspace, "MP231", tmp_path / "again", clock=clock)
    window.drafting.response_exported(window.drafting.stored)
    assert label_of(window, "MP231") is None
    assert "export the reminder again" not in window.drafting.deadline_note.text()


def test_an_alert_for_a_relevant_consultation_closing_without_submission(
    make_window, qtbot, monkeypatch
):
    monkeypatch.setenv("SECRESPONDER_USER", "Sam Patel")
    window = make_window(clock_=MAY_11)
    banner = window.alert_banner
    assert banner.isVisible()
    assert banner.text.text().startswith("MP231 Firmware upgrade pathways closes at 5pm, "
                                         "Friday 12 May 2023 and is not submitted.")
    banner.open_button.click()
    assert window.tabs.currentWidget() is window.drafting
    assert window.drafting.heading.text().startswith("MP231")
    # Submitted: no more alert.
    panel = start_draft(window, qtbot)
    answer_all(panel)
    panel.change_status(DraftStatus.IN_REVIEW)
    panel.change_status(DraftStatus.APPROVED)
    from secresponder.ui.review_bar import SentOnDialog

    monkeypatch.setattr(SentOnDialog, "exec", lambda _d: 1)
    panel.change_status(DraftStatus.SUBMITTED)
    assert not banner.isVisible()


def test_no_alert_for_another_party_category_or_before_the_reminder(
    make_window, workspace_root, qtbot
):
    with open_seeded_workspace(workspace_root, clock=MAY_11) as ws:
        update_profile(ws, party_category=PartyCategory.GAS_NETWORK)
    window = make_window(clock_=MAY_11)
    assert not window.alert_banner.isVisible()
    window.close()
    early = make_window(clock_=fixed_clock(datetime(2023, 5, 2, 9, 0, tzinfo=LONDON)))
    assert not early.alert_banner.isVisible()


def test_dismissed_alerts_stay_dismissed(make_window):
    window = make_window(clock_=MAY_11)
    window.alert_banner.dismiss_button.click()
    window.update_alerts()
    assert not window.alert_banner.isVisible()
