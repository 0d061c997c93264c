"""The Draft tab's review strip: owner and reviewer, where the draft stands, and the moves.

The rules (approval needs every question answered or gaps accepted, who and when
is recorded, Approved and Submitted lock the response, Reopen is recorded) are
the drafting service's; this strip shows them and asks for what they need: the
gaps to accept, the date a response was sent.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import Draft, DraftStatus, questions_list
from secresponder.ui.detail_panel import plain_label


def review_text(draft: Draft | None) -> str:
    """Where the draft stands, in one sentence: who approved it and when, and any gaps."""
    if draft is None:
        return ""
    status = draft.status
    parts = [status.value]
    if status.is_locked and draft.approved_by:
        when = ""
        if draft.approved_at is not None:
            local = draft.approved_at.astimezone(LONDON)
            when = f" on {local.day} {local:%b %Y} at {local:%H:%M}"
        parts = [f"Approved by {draft.approved_by}{when}"]
    if draft.approved_gaps and status.is_locked:
        parts.append(f"approved with {questions_list(list(draft.approved_gaps))} unanswered")
    if status is DraftStatus.SUBMITTED:
        sent = f" on {draft.sent_on.day} {draft.sent_on:%B %Y}" if draft.sent_on else ""
        parts.append(f"submitted{sent}")
    text = "; ".join(parts) + "."
    if status.is_locked:
        text += " The response is locked: Reopen to change it."
    return text


def confirm_gaps(parent: QWidget, gaps: list[str]) -> bool:
    """Ask before approving with unanswered questions, naming them."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Approve with gaps")
    box.setTextFormat(box.textFormat().PlainText)
    verb = "is" if len(gaps) == 1 else "are"
    box.setText(f"{questions_list(gaps)[0].upper()}{questions_list(gaps)[1:]} {verb} not "
                "answered. Approve the draft with these gaps? They are recorded with the "
                "approval.")
    approve = box.addButton("Approve with gaps", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(approve)
    box.exec()
    return box.clickedButton() is approve


class SentOnDialog(QDialog):
    """The date a response was sent, for Submitted (today unless changed)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark as submitted")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.sent_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.sent_on.setCalendarPopup(True)
        self.sent_on.setDisplayFormat("d MMMM yyyy")
        self.sent_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.sent_on.setAccessibleName("Date the response was sent")
        form.addRow("Sent on:", self.sent_on)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark as submitted")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> date:
        value = self.sent_on.date()
        return date(value.year(), value.month(), value.day())


class ReviewBar(QGroupBox):
    """Owner, reviewer, the review state and its buttons; emits what the user asked for."""

    people_edited = Signal()
    review_requested = Signal()
    approve_requested = Signal()
    submit_requested = Signal()
    reopen_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        layout = QVBoxLayout(self)
        people = QHBoxLayout()
        self.owner = QLineEdit()
        self.owner.setAccessibleName("Owner")
        self.owner.setPlaceholderText("who drafts it")
        self.reviewer = QLineEdit()
        self.reviewer.setAccessibleName("Reviewer")
        self.reviewer.setPlaceholderText("who approves it")
        for label, edit in (("Owner:", self.owner), ("Reviewer:", self.reviewer)):
            people.addWidget(QLabel(label))
            people.addWidget(edit, 1)
            edit.textEdited.connect(lambda _t: self.people_edited.emit())
        layout.addLayout(people)
        self.state = plain_label(name="Review state")
        layout.addWidget(self.state)
        buttons = QHBoxLayout()
        self.review_button = QPushButton("Send for re&view")
        self.approve_button = QPushButton("&Approve…")
        self.submit_button = QPushButton("Mark as s&ubmitted…")
        self.reopen_button = QPushButton("&Reopen")
        for button, signal in ((self.review_button, self.review_requested),
                               (self.approve_button, self.approve_requested),
                               (self.submit_button, self.submit_requested),
                               (self.reopen_button, self.reopen_requested)):
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_draft(self, draft: Draft | None) -> None:
        """Fill the people and the state, and offer only the moves the draft allows."""
        status = draft.status if draft is not None else None
        for edit, value in ((self.owner, draft.owner if draft else ""),
                            (self.reviewer, draft.reviewer if draft else "")):
            if edit.text() != value:
                edit.setText(value)
            edit.setEnabled(draft is not None)
        self.state.setText(review_text(draft))
        moves = {
            self.review_button: DraftStatus.IN_REVIEW,
            self.approve_button: DraftStatus.APPROVED,
            self.submit_button: DraftStatus.SUBMITTED,
        }
        # Only the moves the draft allows are shown, so the strip stays narrow.
        for button, target in moves.items():
            allowed = status is not None and status is not target and status.can_move_to(target)
            button.setEnabled(allowed)
            button.setVisible(allowed)
        locked = status is not None and status.is_locked
        self.reopen_button.setEnabled(locked)
        self.reopen_button.setVisible(locked)

    def focus_next_move(self) -> None:
        """Put the focus on the first move the draft allows now (or on the owner field)."""
        for button in (self.review_button, self.approve_button, self.submit_button,
                       self.reopen_button):
            if button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.owner.setFocus(Qt.FocusReason.OtherFocusReason)

    def people(self) -> tuple[str, str]:
        return self.owner.text().strip(), self.reviewer.text().strip()
