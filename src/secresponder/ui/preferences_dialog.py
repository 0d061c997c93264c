"""Preferences: the workspace, who you are, the Party profile, the SEC page addresses, the
reminder lead time.

The workspace ("This computer" or "Team server") is kept in the app's own settings
and takes effect when the window reopens on it; your name is kept in your own settings
(never the workspace, which a team shares); the rest is kept in the workspace.
A window whose workspace could not be opened offers the workspace choice alone.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.errors import SecResponderError
from secresponder.services.freshness import refresh_at_start, set_refresh_at_start
from secresponder.services.identity import (
    USER_ENV,
    current_user,
    parse_person,
    save_user,
    saved_user,
)
from secresponder.services.preferences import (
    DEFAULT_PAGE_URLS,
    Preferences,
    check_proxy,
    load_preferences,
    save_preferences,
)
from secresponder.services.profile import checked_email, load_profile, update_profile
from secresponder.services.session import parse_address
from secresponder.ui.workspace_choice import WorkspaceChoice, load_choice, save_choice

if TYPE_CHECKING:
    from secresponder.services.session import AnyWorkspace, WorkspaceAddress

SERVER_HINT = ("postgresql://you@db.example.org/secresponder, or postgresql:///dbname?"
               "service=NAME; no password here: Password… keeps it in the system keyring")


def page_urls_from(text: str) -> tuple[str, ...]:
    """One address a line; blank lines dropped; the defaults when nothing is left."""
    urls = tuple(line.strip() for line in text.splitlines() if line.strip())
    return urls or DEFAULT_PAGE_URLS


class PreferencesDialog(QDialog):
    def __init__(self, workspace: AnyWorkspace | None, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, current: WorkspaceAddress | None = None
                 ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        # The workspace the window is on; a different choice saved here reopens the window.
        self.current = current
        self.setWindowTitle("Preferences")
        self.saved: tuple[PartyProfile, Preferences] | None = None
        # The workspace chosen, when it differs from ``current`` (set on Save).
        self.workspace_changed: WorkspaceAddress | None = None
        profile = load_profile(workspace) if workspace is not None else PartyProfile()
        preferences = load_preferences(workspace) if workspace is not None else Preferences()

        layout = QVBoxLayout(self)
        self.workspace_box = self._workspace_group()
        layout.addWidget(self.workspace_box)
        self.workspace_box.setVisible(settings is not None)
        layout.addWidget(self._you_group())
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
        self.refresh_at_start.setChecked(refresh_at_start(workspace) if workspace is not None
                                         else True)
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
        for box in (profile_box, pages_box, reminder_box):
            box.setEnabled(workspace is not None)  # kept in the workspace, which is not open
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

    def _you_group(self) -> QGroupBox:
        """Your name as every version, note and approval you make is signed."""
        box = QGroupBox("You (your versions, notes and approvals are signed with this)")
        form = QFormLayout(box)
        self._saved_you = saved_user()
        self.you = QLineEdit(str(self._saved_you or current_user()))
        self.you.setPlaceholderText("Sam Patel <sam@bright.example>")
        self.you.setAccessibleName("Your name and email")
        form.addRow("Your name:", self.you)
        if os.environ.get(USER_ENV, "").strip():
            overridden = QLabel(f"{USER_ENV} is set on this computer, so it signs your work "
                                "instead of the name here.")
            overridden.setTextFormat(Qt.TextFormat.PlainText)
            overridden.setWordWrap(True)
            form.addRow("", overridden)
        return box

    def _keep_you(self) -> None:
        person = parse_person(self.you.text(), source="Your name")
        if person != self._saved_you and (self._saved_you is not None
                                          or person != current_user()):
            save_user(person)
            self._saved_you = person

    def _workspace_group(self) -> QGroupBox:
        """"This computer" (a folder) or "Team server" (a connection string)."""
        box = QGroupBox("Workspace")
        grid = QFormLayout(box)
        choice = load_choice(self.settings) if self.settings is not None else WorkspaceChoice()
        self._loaded_choice = choice
        self.this_computer = QRadioButton("This computer")
        self.team_server = QRadioButton("Team server")
        self.workspace_kind = QButtonGroup(box)
        for button in (self.this_computer, self.team_server):
            self.workspace_kind.addButton(button)
        (self.team_server if choice.team else self.this_computer).setChecked(True)
        self.folder = QLineEdit(choice.folder)
        self.folder.setPlaceholderText(str(parse_address(None).folder))
        self.folder.setAccessibleName("Workspace folder")
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Choose the workspace folder")
        browse.clicked.connect(self._browse_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.server = QLineEdit(choice.server)
        self.server.setPlaceholderText(SERVER_HINT)
        self.server.setToolTip(SERVER_HINT)
        self.server.setAccessibleName("Team server connection string")
        self.keep_password = QPushButton("Password…")
        self.keep_password.setAccessibleName("Keep the team server's password in the system "
                                             "keyring")
        self.keep_password.clicked.connect(self._ask_password)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server, 1)
        server_row.addWidget(self.keep_password)
        grid.addRow(self.this_computer, folder_row)
        grid.addRow(self.team_server, server_row)
        if self.current is not None:
            self.now_open = QLabel(f"Now open: {self.current.display}")
            self.now_open.setTextFormat(Qt.TextFormat.PlainText)
            self.now_open.setWordWrap(True)
            grid.addRow(self.now_open)
        self._folder_widgets = (self.folder, browse)
        self.workspace_kind.buttonToggled.connect(lambda *_: self._update_workspace_rows())
        self._update_workspace_rows()
        return box

    def _update_workspace_rows(self) -> None:
        team = self.team_server.isChecked()
        for widget in self._folder_widgets:
            widget.setEnabled(not team)
        self.server.setEnabled(team)
        self.keep_password.setEnabled(team)

    def _ask_password(self) -> None:
        """Check a password with the server and keep it in the system keyring (never here)."""
        from secresponder.services import workspace_setup

        where = self.server.text().strip()
        try:
            entry = workspace_setup.keyring_entry(where)
        except SecResponderError as exc:
            self.error.setText(str(exc))
            return
        password, given = QInputDialog.getText(
            self, "Team server password", f"Password for {entry}:", QLineEdit.EchoMode.Password)
        if not given:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # connects to check it
        try:
            self.error.setText(workspace_setup.remember_password(where, password))
        except SecResponderError as exc:
            self.error.setText(str(exc))
        finally:
            QApplication.restoreOverrideCursor()

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Workspace folder",
                                                  self.folder.text() or self.folder
                                                  .placeholderText())
        if folder:
            self.folder.setText(folder)

    def workspace_choice(self) -> WorkspaceChoice:
        return WorkspaceChoice(team=self.team_server.isChecked(),
                               folder=self.folder.text().strip(),
                               server=self.server.text().strip())

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
            chosen = (self.workspace_choice().address() if self.settings is not None
                      else None)
            parse_person(self.you.text(), source="Your name")  # checked before any write
            if self.workspace is None:
                self._keep_you()
                self._keep_workspace_choice(chosen)
                self.accept()
                return
            check_proxy(preferences.proxy)
            # Every value is checked before anything is written, so a refusal saves nothing.
            checked_email(profile.email)
            profile = update_profile(self.workspace, **dataclasses.asdict(profile))
            save_preferences(self.workspace, preferences)
            set_refresh_at_start(self.workspace, self.refresh_at_start.isChecked())
            self._keep_you()
            self._keep_workspace_choice(chosen)
        except SecResponderError as exc:
            self.error.setText(str(exc))
            return
        self.saved = (profile, preferences)
        self.accept()

    def _keep_workspace_choice(self, chosen: WorkspaceAddress | None) -> None:
        # Only a choice changed here is kept (a window opened with --workspace leaves it be),
        # unless the window's workspace could not be opened: then Save means "use this one".
        if (chosen is None or self.settings is None
                or (self.workspace_choice() == self._loaded_choice
                    and self.workspace is not None)):
            return
        save_choice(self.settings, self.workspace_choice())
        if self.current is None or chosen.given != self.current.given:
            self.workspace_changed = chosen
