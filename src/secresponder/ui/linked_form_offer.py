"""The Draft tab's first offer: the response form the consultation's page links.

Shown only when the page links a .docx or .xlsx that may be the form; choosing it
downloads, attaches, inspects and chooses it in a background job, then the draft opens
on it as with any other form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPushButton

from secresponder.domain.consultation import Consultation
from secresponder.domain.form_links import best_candidate, link_file_name
from secresponder.ui.jobs import CallJob

if TYPE_CHECKING:
    from secresponder.ui.drafting_panel import DraftingPanel

OFFER_TEXT = "Use the response form from the consultation page"
FROM_PAGE = "From the consultation page, kept with its documents."


class LinkedFormOffer:
    """A button offering the linked form, above the other ways of choosing one."""

    def __init__(self, panel: DraftingPanel) -> None:
        self.panel = panel
        self.button = QPushButton(OFFER_TEXT)
        self.button.setAccessibleName(OFFER_TEXT)
        self.button.clicked.connect(self.use)
        self.button.hide()
        self.busy = False

    def show_for(self, consultation: Consultation | None) -> None:
        """Offer the linked form of ``consultation`` when its page links one."""
        document = best_candidate(consultation) if consultation else None
        self.button.setVisible(document is not None)
        self.button.setEnabled(document is not None and not self.busy)
        if document is not None:
            name = link_file_name(document)
            self.button.setToolTip(f"{document.label} ({name})" if name else document.label)

    def use(self) -> None:
        panel = self.panel
        if panel.workspace is None or panel.stored is None or self.busy:
            return
        from secresponder.services import linked_form  # the network client loads on first use

        panel.flush()  # the job saves the draft with its new form: start from what was typed
        stored, root, clock = panel.stored, panel.workspace, panel.clock
        panel.form_note.setText("Downloading the response form from the consultation page…")
        self._busy(True)
        job = CallJob(
            "Downloading the response form",
            lambda: linked_form.use_linked_form_at(root, stored.key, clock),
        )
        job.signals.finished.connect(lambda result, s=stored: self._used(s, result))
        job.signals.failed.connect(self._failed)
        panel.runner.start(job)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.button.setEnabled(not busy)

    def _used(self, stored: Any, result: tuple[Any, str]) -> None:
        self._busy(False)
        draft, said = result
        self.panel._form_chosen(stored, draft)
        if self.panel.stored is not None and self.panel.stored.id == stored.id:
            note = self.panel.form_note.text()  # "3 questions found."
            self.panel.form_note.setText(f"{FROM_PAGE} {note}".strip())
            self.panel.form_note.setToolTip(said)
            self.panel.message.emit(said)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.panel._form_failed(message)
