"""The form map: what the reader found in the draft's form, in the form's own words, with
the places it is unsure of marked, and the corrections the user can make.

Questions are listed with their answer places; respondent details with theirs. The user
can confirm an unsure place, say that something is not a question, join a question with
the next one, mark a paragraph or cell of a Word form's own text as a question or as the
place for an answer, or undo a correction. Corrections go through the form-corrections service
(kept by the form's checksum) and the draft is re-read with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.form_corrections import (
    FormCorrection,
    confirm,
    join,
    mark_place,
    mark_question,
    unmark,
)
from secresponder.domain.forms import RESPONDENT_KEYS, Confidence, PlaceInfo
from secresponder.errors import SecResponderError

if TYPE_CHECKING:
    from secresponder.services.form_corrections import FormMapView
    from secresponder.ui.drafting_panel import DraftingPanel

UNSURE = "Unsure"
SURE = "Sure"
# What a tree row stands for: ("place", PlaceInfo) or ("question", number).
ROLE = Qt.ItemDataRole.UserRole
Correct = Callable[[FormCorrection, bool], "FormMapView"]


def _place_row(place: PlaceInfo, what: str) -> QTreeWidgetItem:
    unsure = place.confidence is Confidence.UNSURE
    row = QTreeWidgetItem([what, place.where, UNSURE if unsure else SURE])
    row.setData(0, ROLE, ("place", place))
    if unsure:
        font = QFont()
        font.setBold(True)
        for column in range(3):
            row.setFont(column, font)
    return row


class FormMapDialog(QDialog):
    """The form map of one draft's form; ``correct`` keeps or undoes a correction."""

    def __init__(self, view: FormMapView, correct: Correct, parent: QWidget | None = None,
                 blocks: list[tuple[str, str]] | None = None):
        super().__init__(parent)
        self.correct = correct
        self.changed = False
        self.setWindowTitle(f"Form map: {view.label}")
        self.resize(780, 760)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What the form asks", "Where the answer goes", "Reader"])
        self.tree.setAccessibleName("Form map")
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 340)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("This place is right")
        self.confirm_button.clicked.connect(self._confirm)
        self.unmark_button = QPushButton("Not a question")
        self.unmark_button.clicked.connect(self._unmark)
        self.join_button = QPushButton("Join with the next question")
        self.join_button.clicked.connect(self._join)
        for button in (self.confirm_button, self.unmark_button, self.join_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.blocks = QListWidget()
        self.blocks.setAccessibleName("The form's text")
        self.blocks.setMaximumHeight(140)
        self.blocks.currentItemChanged.connect(lambda *_: self._enable())
        self.mark_question_button = QPushButton("Mark as a question…")
        self.mark_question_button.clicked.connect(self._mark_question)
        self.mark_place_button = QPushButton("Mark as the place for…")
        self.mark_place_button.clicked.connect(self._mark_place)
        if blocks:
            layout.addWidget(QLabel("The form's own text: mark what the reader missed."))
            for name, text in blocks:
                shown = " ".join(text.split()) or "(empty)"
                entry = QListWidgetItem(f"{name}: {shown[:120]}")
                entry.setData(ROLE, name)
                self.blocks.addItem(entry)
            layout.addWidget(self.blocks)
            marks = QHBoxLayout()
            marks.addWidget(self.mark_question_button)
            marks.addWidget(self.mark_place_button)
            marks.addStretch(1)
            layout.addLayout(marks)
        else:
            self.blocks.hide()
            self.mark_question_button.hide()
            self.mark_place_button.hide()

        layout.addWidget(QLabel("Your corrections to this form (kept for every draft on it):"))
        self.corrections = QListWidget()
        self.corrections.setAccessibleName("Corrections")
        self.corrections.setMaximumHeight(90)
        self.corrections.currentItemChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.corrections)
        undo_row = QHBoxLayout()
        self.undo_button = QPushButton("Undo this correction")
        self.undo_button.clicked.connect(self._undo)
        undo_row.addWidget(self.undo_button)
        undo_row.addStretch(1)
        layout.addLayout(undo_row)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.show_view(view)

    # -- showing ------------------------------------------------------------------------

    def show_view(self, view: FormMapView) -> None:
        self.view = view
        inspection = view.corrected
        unsure = view.unsure
        questions = len(inspection.questions)
        self.summary.setText(
            f"{questions} question{'s' if questions != 1 else ''} found. "
            + (f"The reader is unsure of {len(unsure)} place{'s' if len(unsure) != 1 else ''}"
               " (in bold): check each and confirm it, or correct the form."
               if unsure else "The reader is sure of every place.")
        )
        self.tree.clear()
        by_item: dict[str, list[PlaceInfo]] = {}
        for place in inspection.places:
            by_item.setdefault(place.item, []).append(place)
        respondent = QTreeWidgetItem(["Respondent details", "", ""])
        self.tree.addTopLevelItem(respondent)
        for field in inspection.respondent_fields:
            item = f"respondent {field.key or field.label}"
            places = by_item.get(item, [])
            if not places:
                respondent.addChild(QTreeWidgetItem([field.label, "(no place found)", ""]))
            for place in places:
                respondent.addChild(_place_row(place, field.label))
        for question in inspection.questions:
            options = f"  [{' / '.join(question.options)}]" if question.options else ""
            text = " ".join(question.text.split())
            row = QTreeWidgetItem([f"{question.number}. {text}{options}", "", ""])
            row.setToolTip(0, question.text)
            row.setData(0, ROLE, ("question", question.number))
            self.tree.addTopLevelItem(row)
            places = [p for item, ps in by_item.items()
                      if item.startswith(f"answer {question.number} ") for p in ps]
            if not places:
                row.setText(1, "(no answer place found)")
            for place in places:
                row.addChild(_place_row(place, place.item.rsplit(" ", 1)[-1].capitalize()))
            row.setExpanded(True)
        respondent.setExpanded(True)
        self.corrections.clear()
        for correction in view.corrections:
            entry = QListWidgetItem(correction.describe())
            entry.setData(ROLE, correction)
            self.corrections.addItem(entry)
        self._enable()

    def _selected(self) -> tuple[str, Any] | None:
        current = self.tree.currentItem()
        return current.data(0, ROLE) if current is not None else None

    def _enable(self) -> None:
        chosen = self._selected()
        kind, value = chosen if chosen else (None, None)
        self.confirm_button.setEnabled(
            kind == "place" and value.confidence is Confidence.UNSURE
        )
        self.unmark_button.setEnabled(kind == "question")
        numbers = [q.number for q in self.view.corrected.questions]
        self.join_button.setEnabled(kind == "question" and value in numbers[:-1])
        self.undo_button.setEnabled(self.corrections.currentItem() is not None)
        block = self.blocks.currentItem() is not None
        self.mark_question_button.setEnabled(block)
        self.mark_place_button.setEnabled(block)

    # -- correcting -----------------------------------------------------------------------

    def _apply(self, correction: FormCorrection, undo: bool = False) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            view = self.correct(correction, undo)
        except SecResponderError as exc:
            self.error.setText(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.error.setText("")
        self.changed = True
        self.show_view(view)

    def _confirm(self) -> None:
        chosen = self._selected()
        if chosen and chosen[0] == "place":
            self._apply(confirm(chosen[1].item, chosen[1].where))

    def _unmark(self) -> None:
        chosen = self._selected()
        if chosen and chosen[0] == "question":
            self._apply(unmark(chosen[1]))

    def _join(self) -> None:
        chosen = self._selected()
        if not chosen or chosen[0] != "question":
            return
        numbers = [q.number for q in self.view.corrected.questions]
        at = numbers.index(chosen[1])
        if at + 1 < len(numbers):
            self._apply(join(numbers[at], numbers[at + 1]))

    def place_items(self) -> list[str]:
        """What a marked place can be for: each question's response and rationale, and the
        respondent details."""
        items = [f"answer {q.number} {part}" for q in self.view.corrected.questions
                 for part in ("rationale", "response")]
        return items + [f"respondent {key}" for key in RESPONDENT_KEYS if key != "confidential"]

    def _mark_question(self) -> None:
        current = self.blocks.currentItem()
        if current is None:
            return
        numbers = [q.number for q in self.view.corrected.questions]
        suggested = str(len(numbers) + 1)
        number, ok = QInputDialog.getText(
            self, "Mark as a question", f"{current.data(ROLE)} is question number:",
            text=suggested,
        )
        if ok and number.strip():
            self._apply(mark_question(number.strip(), current.data(ROLE)))

    def _mark_place(self) -> None:
        current = self.blocks.currentItem()
        if current is None:
            return
        item, ok = QInputDialog.getItem(
            self, "Mark as an answer place", f"{current.data(ROLE)} is the place for:",
            self.place_items(), 0, False,
        )
        if ok and item:
            self._apply(mark_place(item, current.data(ROLE)))

    def _undo(self) -> None:
        current = self.corrections.currentItem()
        if current is not None:
            self._apply(current.data(ROLE), undo=True)


def open_form_map(panel: DraftingPanel) -> FormMapDialog | None:
    """Show the form map of the panel's draft; reloads the draft when it was corrected."""
    from secresponder.services import form_corrections  # form readers load on first use

    if panel.workspace is None or panel.stored is None:
        return None
    panel.flush()
    ws, key, clock = panel.workspace, panel.stored.key, panel.clock
    try:
        view = form_corrections.form_map(ws, key)
    except SecResponderError as exc:
        panel.message.emit(str(exc))
        return None

    def correct(correction: FormCorrection, undo: bool) -> FormMapView:
        return form_corrections.correct_form(ws, key, correction, undo=undo, clock=clock)

    try:
        blocks = form_corrections.form_blocks(ws, key)
    except SecResponderError:
        blocks = []  # the map still shows what was read; marking needs the form's text
    dialog = FormMapDialog(view, correct, panel, blocks)
    panel.form_map_dialog = dialog
    dialog.finished.connect(lambda _r: _closed(panel, dialog))
    dialog.open()
    return dialog


def _closed(panel: DraftingPanel, dialog: FormMapDialog) -> None:
    if dialog.changed and panel.stored is not None:
        panel.show_consultation(panel.stored)  # the draft's questions follow the corrections
        panel.message.emit("Form corrections saved; they apply to every draft on this form.")
