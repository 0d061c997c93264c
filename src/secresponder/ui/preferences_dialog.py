"""Preferences: the Party profile, the SEC page addresses, the reminder lead time."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.errors import SecResponderError
from secresponder.services.freshness import refresh_at_start, set_refresh_at_start
from secresponder.services.preferences import (
    DEFAULT_PAGE_URLS,
    Preferences,
    check_proxy,
    load_preferences,
    save_preferences,
)
from secresponder.services.profile import checked_email, load_profile, update_profile

if TYPE_CHECKING:
    from secresponder.services.types import Workspace


def page_urls_from(text: str) -> tuple[str, ...]:
    """One address a line; blank lines dropped; the defaults when nothing is left."""
    urls = tuple(line.strip() for line in text.splitlines() if line.strip())
    return urls or DEFAULT_PAGE_URLS


class PreferencesDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Preferences")
        self.saved: tuple[PartyProfile, Preferences] | None = None
        profile = load_profile(workspace)
        preferences = load_preferences(workspace)

        layout = QVBoxLayout(self)
        profile_box = QGroupBox("Party profile")
        form = QFormLayout(profile_box)
        self.organisation = QLineEdit(profile.organisation)
        self.name = QLineEdit(profile.name)
        self.email = QLineEdit(profile.email)
        self.phone = QLineEdit(profile.phone)
        self.category = QComboBox()
        self.category.addItem("(not set)", None)
        for category in PartyCategory:
            self.category.addItem(category.value, category)
        self.category.setCurrentIndex(max(self.category.findData(profile.party_category), 0))
        for label, widget in (("Organisation", self.organisation), ("Name", self.name),
                              ("Email", self.email), ("Phone", self.phone),
                              ("Party Category", self.category)):
            widget.setAccessibleName(label)
            form.addRow(f"{label}:", widget)
        layout.addWidget(profile_box)

        pages_box = QGroupBox("SEC website pages read by Refresh (one address a line)")
        pages = QVBoxLayout(pages_box)
        self.urls = QPlainTextEdit("\n".join(preferences.page_urls))
        self.urls.setAccessibleName("Page addresses")
        self.urls.setMaximumHeight(90)
        pages.addWidget(self.urls)
        self.refresh_at_start = QCheckBox("Refresh when secresponder starts (quietly when offline)")
        self.refresh_at_start.setChecked(refresh_at_start(workspace.connection))
        pages.addWidget(self.refresh_at_start)
        self.proxy = QLineEdit(preferences.proxy)
        self.proxy.setPlaceholderText("blank: the system's settings; or http://proxy:8080, "
                                      "a .pac file address, or direct")
        self.proxy.setAccessibleName("Proxy")
        proxy_row = QFormLayout()
        proxy_row.addRow("Proxy:", self.proxy)
        pages.addLayout(proxy_row)
        layout.addWidget(pages_box)

        reminder_box = QGroupBox("Calendar reminder")
        reminder = QFormLayout(reminder_box)
        self.reminder = QSpinBox()
        self.reminder.setRange(0, 60)
        self.reminder.setValue(preferences.reminder_days)
        self.reminder.setSuffix(" working days before the deadline")
        self.reminder.setAccessibleName("Reminder lead time in working days")
        reminder.addRow("Remind me:", self.reminder)
        layout.addWidget(reminder_box)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # the refusal quotes what was typed
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def profile(self) -> PartyProfile:
        return PartyProfile(
            organisation=self.organisation.text().strip(),
            name=self.name.text().strip(),
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            party_category=self.category.currentData(),
        )

    def preferences(self) -> Preferences:
        return Preferences(page_urls_from(self.urls.toPlainText()), self.reminder.value(),
                           proxy=self.proxy.text().strip())

    def _save(self) -> None:
        profile, preferences = self.profile(), self.preferences()
        try:
            check_proxy(preferences.proxy)
            # Every value is checked before anything is written, so a refusal saves nothing.
            checked_email(profile.email)
            profile = update_profile(self.workspace, **dataclasses.asdict(profile))
            save_preferences(self.workspace, preferences)
            with self.workspace.transaction() as conn:
                set_refresh_at_start(conn, self.refresh_at_start.isChecked())
        except SecResponderError as exc:
            self.error.setText(str(exc))
            return
        self.saved = (profile, preferences)
        self.accept()
