"""File > New consultation: a consultation not on the SEC page, added by hand (and edited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from secresponder.errors import SecResponderError
from secresponder.services.manual_consultations import ManualEntry
from secresponder.ui.detail_panel import plain_label


class ConsultationDialog(QDialog):
    """Asks for the consultation's details; ``save`` is called with them and may refuse
    them in one sentence, which is shown without closing the dialog."""

    FIELDS = (
        ("reference", "Reference", "such as DCC-2027-01"),
        ("title", "Title", ""),
        ("authority", "Authority", "the DCC, Ofgem, another code's administrator"),
        ("closes", "Closes", "2027-03-05 17:00 (a date alone means 5pm UK time)"),
        ("respond_to", "Send responses to", "an email address"),
        ("subject", "Subject line", "if the authority asks for one"),
        ("url", "Web page", "https://…"),
        ("audience", "Who should respond", "such as Large Suppliers; Electricity Networks"),
    )

    def __init__(self, save, entry: ManualEntry | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.editing = entry is not None
        self.setWindowTitle("Edit consultation" if self.editing else "New consultation")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(
            "For a consultation that is not on the SEC page. It is marked as added by hand "
            "and a refresh never removes it."))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label, hint in self.FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label)
            form.addRow(f"{label}:", edit)
            self.edits[key] = edit
        layout.addLayout(form)
        self.error = plain_label(name="What is wrong")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if entry is not None:
            for key, edit in self.edits.items():
                value = getattr(entry, key)
                edit.setText("; ".join(value) if key == "audience" else str(value))
            # The reference and title name it; they stay as they are.
            self.edits["reference"].setReadOnly(True)
            self.edits["title"].setReadOnly(True)
        self.result_value = None
        self.resize(560, self.sizeHint().height())

    def entry(self) -> ManualEntry:
        text = {key: edit.text() for key, edit in self.edits.items()}
        audience = tuple(p.strip() for p in text.pop("audience").split(";") if p.strip())
        return ManualEntry(audience=audience, **text)

    def _accept(self) -> None:
        try:
            self.result_value = self._save(self.entry())
        except SecResponderError as exc:
            message = str(exc)
            for key, _label, _hint in self.FIELDS:  # say it with the dialog's own names
                message = message.replace(f"--{key.replace('_', '-')}: ", "")
            self.error.setText(message)
            self.error.show()
            return
        self.accept()
