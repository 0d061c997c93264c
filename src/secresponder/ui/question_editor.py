"""One question of a response form: its text, a position selector, a rationale with a word count."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secresponder.domain.forms import STANDARD_POSITIONS, Answer, Question
from secresponder.ui.answer_edit import AnswerEdit
from secresponder.ui.detail_panel import plain_label

NO_POSITION = "(no position)"


def word_count(text: str) -> int:
    return len(text.split())


def words_text(count: int) -> str:
    return "1 word" if count == 1 else f"{count} words"


class QuestionEditor(QGroupBox):
    changed = Signal()
    save_snippet_requested = Signal(object)  # this editor
    insert_snippet_requested = Signal(object)

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(f"Question {question.number}", parent)
        self.question = question
        layout = QVBoxLayout(self)
        self.text = plain_label(question.text, name=f"Question {question.number}")
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(QLabel("Position:"))
        self.position = QComboBox()
        self.position.setAccessibleName(f"Position on question {question.number}")
        # Long options from a form do not widen the pane; the list shows them in full.
        self.position.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.position.setMinimumContentsLength(10)
        self.position.addItem(NO_POSITION, "")
        for option in question.options or STANDARD_POSITIONS:
            self.position.addItem(option, option)
        self.position.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.addWidget(self.position)
        row.addStretch(1)
        self.words = QLabel(words_text(0))
        self.words.setAccessibleName(f"Word count of the rationale for question {question.number}")
        row.addWidget(self.words)
        layout.addLayout(row)
        self.rationale = AnswerEdit()
        self.rationale.setAccessibleName(f"Rationale for question {question.number}")
        self.rationale.setPlaceholderText("Your rationale (blank lines separate paragraphs)")
        self.rationale.setMinimumHeight(90)
        self.rationale.edited.connect(self._text_changed)
        layout.addWidget(self.rationale)
        snippets = QHBoxLayout()
        self.save_snippet = QPushButton("Save as snippet…")
        self.save_snippet.setAccessibleName(f"Save the rationale of question {question.number} "
                                            "as a snippet")
        self.save_snippet.clicked.connect(lambda: self.save_snippet_requested.emit(self))
        self.insert_snippet = QPushButton("Insert snippet…")
        self.insert_snippet.setAccessibleName(f"Insert a snippet into question {question.number}")
        self.insert_snippet.clicked.connect(lambda: self.insert_snippet_requested.emit(self))
        snippets.addStretch(1)
        snippets.addWidget(self.save_snippet)
        snippets.addWidget(self.insert_snippet)
        layout.addLayout(snippets)

    def _text_changed(self) -> None:
        self.words.setText(words_text(word_count(self.rationale.toPlainText())))
        self.changed.emit()

    def set_answer(self, answer: Answer) -> None:
        index = self.position.findData(answer.response) if answer.response else 0
        if index < 0:  # a position the form no longer offers: keep it visible
            self.position.addItem(answer.response, answer.response)
            index = self.position.count() - 1
        self.position.setCurrentIndex(index)
        self.rationale.setPlainText(answer.rationale)

    def answer(self) -> Answer:
        return Answer(response=self.position.currentData() or "",
                      rationale=self.rationale.toPlainText())

    def insert_text(self, text: str) -> None:
        self.rationale.insertPlainText(text)
