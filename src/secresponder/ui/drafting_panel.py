"""The drafting pane: the response form, an editor per question, respondent details, status,
notes, autosave with a visible indicator, and version history."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.clock import Clock
from secresponder.domain.draft import Draft, DraftStatus, FormChoice, effective_respondent
from secresponder.domain.forms import RESPONDENT_KEYS, Answer, FormKind
from secresponder.domain.parties import PartyProfile
from secresponder.errors import SecResponderError
from secresponder.forms.builtin import BuiltinForm, builtin_form_for_kind, builtin_forms
from secresponder.services.preferences import DEFAULT_REMINDER_DAYS
from secresponder.ui import dialog_folders, draft_access, outlook_drop
from secresponder.ui.answer_edit import AnswerEdit
from secresponder.ui.autosave import Autosave
from secresponder.ui.conflict_view import CONFLICT_VIEW_NAME
from secresponder.ui.detail_panel import plain_label
from secresponder.ui.form_map import open_form_map
from secresponder.ui.jobs import CallJob, JobRunner
from secresponder.ui.linked_form_offer import LinkedFormOffer
from secresponder.ui.question_editor import QuestionEditor
from secresponder.ui.review_bar import ReviewBar, SentOnDialog, confirm_gaps

if TYPE_CHECKING:
    from collections.abc import Sequence

    from secresponder.services.types import StoredConsultation, Workspace
    from secresponder.ui.export_flow import Keyed

FORM_SUFFIXES = (".docx", ".xlsx")
RESPONDENT_LABELS = {
    "name": "Name",
    "organisation": "Organisation",
    "email": "Email",
    "phone": "Phone",
    "party_category": "Party Category",
}


def form_path_from(mime: QMimeData) -> Path | None:
    """The first local .docx/.xlsx file in a drag, if any."""
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in FORM_SUFFIXES:
                return path
    return None


def builtin_form_title(form: BuiltinForm) -> str:
    """How a built-in form is named to the user: "Refinement Consultation response form"."""
    return f"{form.title} response form"


def form_title(choice: FormChoice) -> str:
    """The form as the user knows it: the authority file's own name, or the built-in's title."""
    if choice.original_name:
        return choice.original_name
    form = next((f for f in builtin_forms() if f.key == choice.builtin_key), None)
    if form is None:
        return choice.label
    return f"{builtin_form_title(form)} (built-in)"


def no_questions_reason(choice: FormChoice) -> str:
    inspection = choice.inspection
    name = form_title(choice)
    if inspection.kind is FormKind.COMMENTS_LOG:
        columns = ", ".join(inspection.comment_columns) or "none recognised"
        return (f"{name} is a comments log, not a question form: it has rows of "
                f"comments (columns: {columns}) rather than numbered questions.")
    return (f"No questions were found in {name}: the form has no numbered questions "
            "or question table that secresponder recognises. Try the built-in form instead.")


class DraftingPanel(QWidget):
    status_changed = Signal(int, str)  # consultation id, draft status label
    message = Signal(str)
    draft_saved = Signal(int)  # version number
    form_loaded = Signal()
    exported = Signal(int)  # consultation id whose response was exported

    def __init__(self, runner: JobRunner, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.clock = clock
        self.workspace: Workspace | None = None
        self.profile = PartyProfile()
        self.reminder_days = DEFAULT_REMINDER_DAYS
        self.stored: StoredConsultation | None = None
        self.draft: Draft | None = None
        self.editors: list[QuestionEditor] = []
        self.last_export = None
        self.autosave = Autosave(self._save, self)

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = plain_label(name="Drafting for")
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel("Status:"))
        self.status = QComboBox()
        self.status.setAccessibleName("Draft status")
        for status in DraftStatus:
            self.status.addItem(status.value, status)
        self.status.activated.connect(self._status_chosen)
        top.addWidget(self.status)
        self.indicator = QLabel("Saved")
        self.indicator.setAccessibleName("Save state")
        self.indicator.setMinimumWidth(self.fontMetrics().horizontalAdvance("Not saved") + 12)
        self.autosave.state_changed.connect(self.indicator.setText)
        top.addWidget(self.indicator)
        outer.addLayout(top)

        self.linked_offer = LinkedFormOffer(self)  # offered before the other ways
        outer.addWidget(self.linked_offer.button)
        # The form's name has a line of its own and the buttons sit under it, so a narrow
        # pane does not wrap the name onto several lines.
        self.form_label = plain_label(name="Response form")
        outer.addWidget(self.form_label)
        form_row = QHBoxLayout()
        self.browse_button = QPushButton("&Browse for form…")
        self.browse_button.setAccessibleName("Browse for the response form")
        self.browse_button.clicked.connect(self.browse_form)
        self.builtin_button = QPushButton("Built-&in form")
        self.builtin_button.setAccessibleName("Use a built-in response form")
        self.builtin_menu = QMenu(self.builtin_button)
        self.builtin_button.setMenu(self.builtin_menu)
        self._offer_builtin_forms(None)
        form_row.addWidget(self.browse_button)
        form_row.addWidget(self.builtin_button)
        form_row.addStretch(1)
        outer.addLayout(form_row)
        self.form_note = plain_label(name="Form note")
        outer.addWidget(self.form_note)
        self.deadline_note = plain_label(name="Deadline changes")
        bold = self.deadline_note.font()
        bold.setBold(True)
        self.deadline_note.setFont(bold)
        self.deadline_note.hide()
        outer.addWidget(self.deadline_note)
        self.review = ReviewBar()
        self.review.people_edited.connect(self.autosave.touch)
        self.review.review_requested.connect(lambda: self.change_status(DraftStatus.IN_REVIEW))
        self.review.approve_requested.connect(lambda: self.change_status(DraftStatus.APPROVED))
        self.review.submit_requested.connect(lambda: self.change_status(DraftStatus.SUBMITTED))
        self.review.reopen_requested.connect(self.reopen)
        outer.addWidget(self.review)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.questions_layout = QVBoxLayout()
        self.body_layout.addLayout(self.questions_layout)

        # A short title: a group box is never narrower than its title.
        respondent_box = QGroupBox("Respondent")
        respondent = QFormLayout(respondent_box)
        respondent.addRow(plain_label("From your Party profile; edit to override."))
        self.respondent_edits: dict[str, QLineEdit] = {}
        for key, label in RESPONDENT_LABELS.items():
            edit = QLineEdit()
            edit.setAccessibleName(f"Respondent {label.lower()}")
            edit.textEdited.connect(lambda _t: self.autosave.touch())
            respondent.addRow(f"{label}:", edit)
            self.respondent_edits[key] = edit
        self.confidential = QCheckBox("Confidential response")
        self.confidential.toggled.connect(lambda _on: self.autosave.touch())
        respondent.addRow("", self.confidential)
        self.body_layout.addWidget(respondent_box)

        notes_box = QGroupBox("Notes (kept with the draft, not sent)")
        self.notes = AnswerEdit()
        self.notes.setAccessibleName("Draft notes")
        self.notes.setMaximumHeight(110)
        self.notes.edited.connect(self.autosave.touch)
        QVBoxLayout(notes_box).addWidget(self.notes)
        self.body_layout.addWidget(notes_box)
        self.body_layout.addStretch(1)
        outer.addWidget(self.scroll, 1)

        bottom = QHBoxLayout()
        self.history_button = QPushButton("Version history…")
        self.history_button.clicked.connect(self.show_history)
        self.export_button = QPushButton("Export response…")
        self.export_button.clicked.connect(self.export_response)
        bottom.addWidget(self.history_button)
        self.form_map_button = QPushButton("Form map…")  # what was read; corrections
        self.form_map_button.setAccessibleName("Form map: what was found in the form")
        self.form_map_button.clicked.connect(lambda: open_form_map(self))
        bottom.addWidget(self.form_map_button)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        outer.addLayout(bottom)
        self.show_consultation(None)
        for keys, step in (("Ctrl+Down", 1), ("Ctrl+Up", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_between_questions(step))

    # -- keyboard ----------------------------------------------------------------------

    def focus_first_answer(self) -> bool:
        """Put the cursor in the first answer box (or on the form choice when there is none)."""
        if self.editors:
            self._focus_editor(0)
            return True
        self.browse_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return False

    def move_between_questions(self, step: int) -> None:
        """Ctrl+Down / Ctrl+Up: the next or previous question's answer box."""
        if not self.editors:
            return
        focused = QApplication.focusWidget()
        at = next((i for i, e in enumerate(self.editors)
                   if focused is not None and (focused is e or e.isAncestorOf(focused))), None)
        target = 0 if at is None else max(0, min(len(self.editors) - 1, at + step))
        self._focus_editor(target)

    def _focus_editor(self, index: int) -> None:
        editor = self.editors[index]
        editor.rationale.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll.ensureWidgetVisible(editor, 0, 0)

    # -- context -----------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def set_profile(self, profile: PartyProfile) -> None:
        self.profile = profile
        if self.draft is not None:
            self._fill_respondent(self.draft)

    def set_reminder_days(self, days: int) -> None:
        self.reminder_days = days

    def _offer_builtin_forms(self, kind: str | None) -> None:
        """The built-in forms menu, the one suited to the consultation's kind first."""
        suggested = builtin_form_for_kind(kind)
        self.builtin_menu.clear()
        forms = [suggested] + [f for f in builtin_forms() if f.key != suggested.key]
        for form in forms:
            text = builtin_form_title(form)
            if form.key == suggested.key:
                text += " (suggested)"
            action = self.builtin_menu.addAction(text, lambda f=form: self.choose_builtin(f))
            action.setData(form.key)
        self.builtin_menu.setDefaultAction(self.builtin_menu.actions()[0])

    def suggested_builtin(self) -> BuiltinForm:
        """The built-in form offered first for the consultation shown."""
        kind = self.stored.consultation.kind if self.stored is not None else None
        return builtin_form_for_kind(kind)

    # -- showing a draft ---------------------------------------------------------------

    def show_consultation(self, stored: StoredConsultation | None) -> None:
        self.flush()
        self.stored = stored
        self._show_conflicts_for(stored.key if stored is not None else None)
        enabled = stored is not None and self.workspace is not None
        self.linked_offer.show_for(stored.consultation if enabled and stored else None)
        for widget in (self.scroll, self.status, self.browse_button, self.builtin_button,
                       self.history_button, self.export_button, self.form_map_button):
            widget.setEnabled(enabled)
        if not enabled:
            self.draft = None
            self.heading.setText("Choose a consultation to draft a response.")
            self.form_label.setText("")
            self.form_note.setText("")
            self._set_questions(None)
            self.review.show_draft(None)
            self._show_deadline_note(None)
            return
        assert stored is not None and self.workspace is not None
        c = stored.consultation
        self.heading.setText(" ".join(p for p in (c.reference, c.title) if p))
        self._offer_builtin_forms(c.kind)
        self._show_deadline_note(stored)
        self._load(draft_access.load_or_new(self.workspace, stored))

    def _load(self, draft: Draft) -> None:
        self.autosave.suspend()
        try:
            self.draft = draft
            self.status.setCurrentIndex(self.status.findData(draft.status))
            self._show_form(draft)
            self._fill_respondent(draft)
            self.notes.setPlainText(draft.notes)
            self.review.show_draft(draft)
            self._apply_lock(draft.status.is_locked)
        finally:
            self.autosave.resume()
        self.autosave.discard()

    def _show_form(self, draft: Draft) -> None:
        choice = draft.form
        if choice is None:
            assert self.stored is not None
            suggested = self.suggested_builtin()
            self.form_label.setText("No response form chosen yet.")
            self.form_note.setText(
                "Drop the authority's .docx or .xlsx response form onto the window, browse "
                f"for it, or take a built-in form (suggested: {builtin_form_title(suggested)})."
            )
            self._set_questions(None)
            return
        self.form_label.setText(f"Form: {form_title(choice)}")
        questions = choice.inspection.questions
        self.form_note.setText(
            no_questions_reason(choice) if not questions
            else f"{len(questions)} questions found."
        )
        self._set_questions(draft)

    def _set_questions(self, draft: Draft | None) -> None:
        for editor in self.editors:
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        if draft is None:
            return
        for question in draft.questions():
            editor = QuestionEditor(question)
            editor.set_answer(draft.answers.get(question.number) or Answer())
            editor.changed.connect(self.autosave.touch)
            editor.save_snippet_requested.connect(self._save_snippet)
            editor.insert_snippet_requested.connect(self._insert_snippet)
            self.questions_layout.addWidget(editor)
            self.editors.append(editor)

    def _fill_respondent(self, draft: Draft) -> None:
        self.autosave.suspend()
        try:
            respondent = effective_respondent(self.profile, draft.respondent_overrides)
            for key, edit in self.respondent_edits.items():
                edit.setText(str(respondent.value(key)))
            self.confidential.setChecked(bool(respondent.confidential))
        finally:
            self.autosave.resume()

    # -- editing -------------------------------------------------------------------------

    def current_draft(self) -> Draft | None:
        """The draft as the editors show it now."""
        if self.draft is None:
            return None
        draft = self.draft
        for editor in self.editors:
            answer = editor.answer()
            draft = draft.with_answer(editor.question.number, answer.response, answer.rationale)
        base = effective_respondent(self.profile, {})
        overrides: dict[str, str | bool] = {}
        for key, edit in self.respondent_edits.items():
            if edit.text() != base.value(key):
                overrides[key] = edit.text()
        if self.confidential.isChecked():
            overrides["confidential"] = True
        overrides = {k: overrides[k] for k in RESPONDENT_KEYS if k in overrides}
        owner, reviewer = self.review.people()
        return replace(draft, respondent_overrides=overrides, notes=self.notes.toPlainText(),
                       owner=owner, reviewer=reviewer)

    def _save(self) -> None:
        if self.workspace is None or self.stored is None:
            return
        draft = self.current_draft()
        if draft is None:
            return
        from secresponder.ui.conflict_view import save_in_panel  # merges others' saves
        from secresponder.ui.draft_place import keeping_place

        def show_merged(merged: Draft) -> None:
            with keeping_place(self):  # the typist stays where they were
                self._load(merged)

        self.draft = save_in_panel(
            self.workspace, draft, self.clock, show_merged=show_merged,
            place_view=self._place_conflict, parent=self,
        ).draft
        self.draft_saved.emit(self.draft.version)
        # A first save creates the draft: the list's "My draft" column shows it from now.
        self.status_changed.emit(self.stored.id, self.draft.status.value)

    def _place_conflict(self, view: QWidget) -> None:
        """Show a save's clashes above the answers, as belonging to the draft on screen."""
        view.setProperty("consultationKey", self.stored.key if self.stored else None)
        self.questions_layout.insertWidget(0, view)

    def _show_conflicts_for(self, key: str | None) -> None:
        """Only the clashes of the draft on screen show; another's wait until it is back."""
        for view in self.findChildren(QWidget, CONFLICT_VIEW_NAME):
            if getattr(view, "rows", None):  # a decided view is on its way out
                view.setVisible(view.property("consultationKey") == key)

    def flush(self) -> None:
        """Save anything typed and not yet saved."""
        self.autosave.flush()

    def save_now(self) -> None:
        if self.draft is None:
            return
        self.autosave.touch()
        self.autosave.flush()
        self.message.emit("Draft saved.")

    def _status_chosen(self, _index: int) -> None:
        if self.draft is None or self.stored is None:
            return
        wanted: DraftStatus = self.status.currentData()
        if wanted is DraftStatus.DRAFTING and self.draft.status.is_locked:
            self.reopen()
        else:
            self.change_status(wanted)

    # -- review --------------------------------------------------------------------------

    def change_status(self, wanted: DraftStatus) -> None:
        """Move the draft on through the drafting service, asking first for what it needs:
        the gaps to accept when approving, the date sent when submitting."""
        if self.draft is None or self.stored is None or self.workspace is None:
            return
        self.flush()
        current = self.current_draft()
        assert current is not None
        with_gaps, sent_on = False, None
        allowed = current.status.can_move_to(wanted)  # else the service says why not
        if allowed and wanted is DraftStatus.APPROVED and not current.status.is_locked:
            gaps = current.unanswered()
            if gaps and not confirm_gaps(self, gaps):
                self._show_status()
                return
            with_gaps = bool(gaps)
        if allowed and wanted is DraftStatus.SUBMITTED:
            dialog = SentOnDialog(self.clock().date(), self)
            if not dialog.exec():
                self._show_status()
                return
            sent_on = dialog.chosen()
        from secresponder.services import drafting  # form readers load on first use

        self._review_move(lambda ws, key, author: drafting.set_status(
            ws, key, wanted, sent_on=sent_on, with_gaps=with_gaps, clock=self.clock,
            author=author))

    def reopen(self) -> None:
        """Unlock an Approved or Submitted draft for changes (recorded as a version)."""
        if self.draft is None or self.stored is None or self.workspace is None:
            return
        self.flush()
        from secresponder.services import drafting

        self._review_move(lambda ws, key, author: drafting.reopen(
            ws, key, clock=self.clock, author=author))

    def _review_move(self, move) -> None:
        from secresponder.services.identity import current_user

        assert self.workspace is not None and self.stored is not None
        try:
            result = move(self.workspace, self.stored.key, current_user())
        except SecResponderError as exc:
            self._show_status()
            self.message.emit(str(exc))
            return
        self._load(result.draft)
        # The editors were rebuilt: keep the keyboard in the review strip, on the next move.
        self.review.focus_next_move()
        self.status_changed.emit(self.stored.id, result.draft.status.value)
        self.message.emit(f"Draft {result.draft.status.value.lower()}.")

    def _show_status(self) -> None:
        if self.draft is not None:
            self.status.setCurrentIndex(self.status.findData(self.draft.status))

    def _apply_lock(self, locked: bool) -> None:
        """Approved or Submitted: the response is read-only until reopened (notes, owner and
        reviewer stay open)."""
        for editor in self.editors:
            editor.rationale.setReadOnly(locked)
            editor.position.setEnabled(not locked)
            editor.insert_snippet.setEnabled(not locked)
        for edit in self.respondent_edits.values():
            edit.setReadOnly(locked)
        self.confidential.setEnabled(not locked)
        self.browse_button.setEnabled(not locked)
        self.builtin_button.setEnabled(not locked)

    # -- choosing the form -----------------------------------------------------------------

    def accepts_drop(self, mime: QMimeData) -> bool:
        return self.draft is not None and (
            form_path_from(mime) is not None or bool(outlook_drop.offered(mime, FORM_SUFFIXES))
        )

    def dropped_form(self, mime: QMimeData) -> Path | None:
        if self.draft is None:
            return None
        path = form_path_from(mime)
        if path is None and outlook_drop.offered(mime, FORM_SUFFIXES):
            # An attachment dragged straight out of Outlook: no file until it is saved.
            dropped = outlook_drop.save_dropped(mime, FORM_SUFFIXES)
            if dropped.problem:
                self.message.emit(dropped.problem)
            path = dropped.paths[0] if dropped.paths else None
        return path

    def browse_form(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the response form", dialog_folders.start_folder(),
            "Response forms (*.docx *.xlsx)",
        )
        if path:
            dialog_folders.remember(path)
            self.choose_form_file(Path(path))

    def choose_form_file(self, path: Path) -> None:
        self._choose(path, path.name)

    def choose_builtin(self, form: BuiltinForm) -> None:
        self._choose(form.key, f"the {builtin_form_title(form)}")

    def _choose(self, form: str | Path, label: str) -> None:
        if self.workspace is None or self.stored is None:
            return
        self.flush()  # the job saves the draft with its new form: start from what was typed
        stored, root, clock = self.stored, self.workspace, self.clock
        self.form_note.setText(f"Reading {label}…")
        job = CallJob(
            f"Reading {label}",
            lambda: draft_access.choose_form(root, stored.key, form, clock),
        )
        job.signals.finished.connect(lambda draft, s=stored: self._form_chosen(s, draft))
        job.signals.failed.connect(self._form_failed)
        self.runner.start(job)

    def _form_chosen(self, stored: StoredConsultation, draft: Draft) -> None:
        if self.stored is None or stored.id != self.stored.id:
            return  # the user moved on to another consultation meanwhile
        # Keep whatever was typed while the form was read; take only the new form.
        current = self.current_draft()
        merged = replace(current, form=draft.form) if current is not None else draft
        self._load(merged)
        self.autosave.touch()
        self.autosave.flush()
        self.message.emit(f"Form chosen: {form_title(draft.form) if draft.form else 'none'}.")
        self.form_loaded.emit()

    def _form_failed(self, message: str) -> None:
        self.form_note.setText(message)
        self.message.emit(message)

    # -- history ---------------------------------------------------------------------------

    def show_history(self) -> None:
        from secresponder.ui.history_dialog import HistoryDialog

        if self.workspace is None or self.stored is None:
            return
        self.flush()
        from secresponder.services.version_compare import compare_versions

        workspace, key = self.workspace, self.stored.key
        dialog = HistoryDialog(draft_access.versions(self.workspace, self.stored),
                               lambda old, new: compare_versions(workspace, key, old, new), self)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_version(dialog.chosen)

    def restore_version(self, number: int) -> None:
        assert self.workspace is not None and self.stored is not None
        self.flush()
        restored = draft_access.restore(self.workspace, self.stored, number, self.clock)
        self._load(restored)
        self.status_changed.emit(self.stored.id, restored.status.value)
        self.message.emit(f"Version {number} restored (saved as version {restored.version}).")

    # -- snippets and export (filled in by their own modules) -------------------------------

    def _save_snippet(self, editor: QuestionEditor) -> None:
        from secresponder.ui.snippets_dialog import save_snippet

        if self.workspace is not None:
            save_snippet(self.workspace, editor, self)

    def _insert_snippet(self, editor: QuestionEditor) -> None:
        from secresponder.ui.snippets_dialog import choose_snippet

        if self.workspace is not None:
            text = choose_snippet(self.workspace, self)
            if text:
                editor.insert_text(text)

    def response_exported(self, stored: StoredConsultation) -> None:
        """Clear any stale-reminder warning: the export recorded the deadline it was made for."""
        if self.workspace is None:
            return
        if self.stored is not None and self.stored.key == stored.key:
            self._show_deadline_note(stored)
        self.exported.emit(stored.id)

    def _show_deadline_note(self, stored: StoredConsultation | None) -> None:
        """The deadline's changes while drafting, and a reminder exported for an old one."""
        from secresponder.services.alerts import exported_deadlines, stale_reminder
        from secresponder.services.history import deadline_change_lines

        lines: list[str] = []
        if stored is not None and self.workspace is not None:
            changes = deadline_change_lines(stored.deadline_changes)
            if changes:
                lines.append(f"Deadline changed: {changes[-1]}")
            exported = exported_deadlines(self.workspace).get(stored.key)
            stale = stale_reminder(exported, stored.consultation.closes_at)
            if stale:
                lines.append(stale)
        self.deadline_note.setText("\n".join(lines))
        self.deadline_note.setVisible(bool(lines))

    def export_response(self) -> None:
        from secresponder.ui.export_flow import export_response

        if self.workspace is None or self.stored is None:
            return
        self.flush()
        self.last_export = export_response(self, self.workspace, self.stored)

    def export_pack(self, consultations: Sequence[Keyed]) -> None:
        from secresponder.ui.export_flow import export_pack

        if self.workspace is None or not consultations:
            return
        self.flush()
        self.last_export = export_pack(self, self.workspace, consultations)

