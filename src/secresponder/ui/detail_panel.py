"""The detail pane: everything about one consultation, always shown as plain text.

Page text is never rendered as rich text: labels are set to ``Qt.PlainText`` and
the summary sits in a read-only plain-text editor.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import describe_time_left, format_deadline, urgency
from secresponder.services.history import deadline_change_lines, release_lines

if TYPE_CHECKING:
    from secresponder.ui.catalogue_access import ConsultationDetail


def plain_label(text: str = "", *, wrap: bool = True, name: str = "") -> QLabel:
    """A label that never interprets its text as HTML, selectable for copying."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    if name:
        label.setAccessibleName(name)
    return label


class DetailPanel(QScrollArea):
    """Shows one consultation; emits ``open_link`` with a document's URL."""

    open_link = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Consultation details")
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        self.heading = plain_label(name="Consultation title")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = plain_label(name="Reference and kind")
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)

        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName("Summary")
        self.summary.setMinimumHeight(120)
        summary_box = QGroupBox("Summary")
        QVBoxLayout(summary_box).addWidget(self.summary)
        layout.addWidget(summary_box)

        who_box = QGroupBox("Who should respond")
        who = QFormLayout(who_box)
        self.audience = plain_label(name="Who should respond")
        self.categories = plain_label(name="Matching Party Categories")
        who.addRow("Listed:", self.audience)
        who.addRow("Party Categories:", self.categories)
        layout.addWidget(who_box)

        self.documents_box = QGroupBox("Documents")
        self.documents_layout = QVBoxLayout(self.documents_box)
        layout.addWidget(self.documents_box)

        how_box = QGroupBox("How to respond")
        how = QFormLayout(how_box)
        self.address = plain_label(name="Send responses to")
        self.subject = plain_label(name="Subject line")
        self.deadline = plain_label(name="Deadline")
        self.countdown = plain_label(name="Time left")
        how.addRow("Send to:", self.address)
        how.addRow("Subject line:", self.subject)
        how.addRow("Deadline:", self.deadline)
        how.addRow("Time left:", self.countdown)
        layout.addWidget(how_box)

        self.changes_box = QGroupBox("Deadline changes")
        self.changes = plain_label(name="Deadline changes")
        QVBoxLayout(self.changes_box).addWidget(self.changes)
        layout.addWidget(self.changes_box)

        history_box = QGroupBox("Modification history")
        self.history = plain_label(name="Modification history")
        QVBoxLayout(history_box).addWidget(self.history)
        layout.addWidget(history_box)
        layout.addStretch(1)
        self._sections = [summary_box, who_box, self.documents_box, how_box, history_box]

        self._detail: ConsultationDetail | None = None
        self.show_nothing()

    @property
    def detail(self) -> ConsultationDetail | None:
        return self._detail

    def show_nothing(self) -> None:
        self._detail = None
        self.heading.setText("No consultation selected")
        self.subheading.setText("Choose a consultation in the list to read about it here.")
        for widget in (self.summary,):
            widget.setPlainText("")
        for label in (self.audience, self.categories, self.address, self.subject,
                      self.deadline, self.countdown, self.changes, self.history):
            label.setText("")
        self._set_documents(None)
        self.changes_box.hide()
        for box in self._sections:
            box.hide()

    def show_detail(self, detail: ConsultationDetail, now: datetime) -> None:
        self._detail = detail
        for box in self._sections:
            box.show()
        c = detail.stored.consultation
        self.heading.setText(c.title)
        parts = [p for p in (c.reference, c.kind) if p]
        if not detail.stored.listed:
            parts.append("no longer listed on the SEC website")
        self.subheading.setText(" · ".join(parts))
        self.summary.setPlainText(c.summary or "The page gave no summary.")
        self.audience.setText(", ".join(c.audience) or "Not stated on the page.")
        self.categories.setText(
            ", ".join(p.value for p in c.party_categories) or "None recognised."
        )
        self._set_documents(c)
        attached = getattr(detail, "attached", ())
        if attached:
            self.documents_layout.addWidget(plain_label(
                "Attached for offline reading (Documents tab): " + ", ".join(attached),
                name="Attached documents"))
        address = c.respond_to
        if c.respond_to_assumed:
            address += " (the page named no address; this is the SECAS default)"
        self.address.setText(address)
        self.subject.setText(c.subject or "None required.")
        self.deadline.setText(f"{format_deadline(c.closes_at)} (UK time)")
        self.update_countdown(now)
        changes = deadline_change_lines(detail.stored.deadline_changes)
        self.changes.setText("\n".join(changes))
        self.changes_box.setVisible(bool(changes))
        self.history.setText("\n".join(release_lines(detail.history)) or "Nothing else is known.")

    def update_countdown(self, now: datetime) -> None:
        if self._detail is None:
            return
        closes = self._detail.stored.consultation.closes_at
        self.countdown.setText(
            f"{describe_time_left(closes, now)} ({urgency(closes, now).label})"
        )

    def _set_documents(self, consultation: Consultation | None) -> None:
        while self.documents_layout.count():
            item = self.documents_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if consultation is None:
            return
        if not consultation.documents:
            self.documents_layout.addWidget(plain_label("The page lists no documents."))
        for document in consultation.documents:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(plain_label(document.label, name="Document"), 1)
            if document.url:
                button = QPushButton("Open in browser")
                button.setAccessibleName(f"Open {document.label} in the browser")
                button.setToolTip(document.url)
                url = QUrl(document.url)
                button.clicked.connect(lambda _=False, u=url: self.open_link.emit(u))
                line.addWidget(button)
            else:
                line.addWidget(plain_label("link not known (imported from a text copy)",
                                           wrap=False, name="Link not known"))
            self.documents_layout.addWidget(row)
