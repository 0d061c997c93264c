"""The authority's response form, one step away: the .docx or .xlsx the consultation's page
links, downloaded, attached, inspected and chosen for the draft.

Which links are tried, and in what order, is decided from the link alone
(domain.form_links); whether a file *is* a response form is decided by the form reader.
A link already attached is not downloaded again, so a second use works offline.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from secresponder.documents import download as downloading
from secresponder.domain.clock import Clock, system_clock
from secresponder.domain.consultation import Consultation, Document
from secresponder.domain.draft import Draft, FormChoice
from secresponder.domain.form_links import (
    best_candidate,
    form_candidates,
    link_file_name,
    no_candidate_reason,
)
from secresponder.errors import InputError, SecResponderError
from secresponder.forms.errors import FormError
from secresponder.services import documents, drafting
from secresponder.services.lookup import find_consultation
from secresponder.services.session import open_workspace
from secresponder.store.sql.session import AnyWorkspace

LINKED = "linked"
# At most this many linked files are downloaded looking for the form.
MAX_TRIES = 4

@dataclass(frozen=True)
class LinkedChoice:
    """The linked form chosen, and the other links tried that were not a response form."""

    form: FormChoice
    document: Document
    file_name: str
    skipped: tuple[str, ...] = ()


__all__ = [
    "LinkedChoice",
    "best_candidate",
    "describe_choice",
    "form_candidates",
    "form_choice",
    "is_linked",
    "link_file_name",
    "linked_form_choice",
    "use_linked_form",
    "use_linked_form_at",
]


def is_linked(template: str) -> bool:
    """Whether a ``--template`` value asks for the form the consultation's page links."""
    return template.strip().casefold() == LINKED


def linked_form_choice(
    ws: AnyWorkspace,
    ref: str,
    *,
    clock: Clock = system_clock,
    client: httpx.Client | None = None,
    timeout: float = downloading.DEFAULT_TIMEOUT,
    cancelled: Callable[[], bool] | None = None,
) -> LinkedChoice:
    """Download (or reuse), attach and inspect the form the page links; the draft is not saved.

    Raises InputError in one sentence when the page links no form, when its links are
    unknown (a text copy), when the download fails (offline), or when no linked file
    reads as a response form.
    """
    stored = find_consultation(ws, ref)
    consultation = stored.consultation
    candidates = form_candidates(consultation)
    if not candidates:
        raise InputError(no_candidate_reason(consultation))
    attached = {a.source: a for a in documents.list_documents(ws, stored.id)}
    skipped: list[str] = []
    failure: SecResponderError | None = None
    for document in candidates[:MAX_TRIES]:
        assert document.url is not None
        try:
            attachment = attached.get(document.url)
            if attachment is None:
                attachment = documents.attach_url(
                    ws, stored.id, document.url, clock=clock, label=document.label,
                    client=client, timeout=timeout, cancelled=cancelled,
                ).attachment
            path = documents.document_file(ws, attachment)
            file_name = link_file_name(document) or f"{document.label}{path.suffix}"
            if Path(file_name).suffix.casefold() != path.suffix.casefold():
                file_name = f"{Path(file_name).stem or document.label}{path.suffix}"
            form = _inspected_copy(ws, stored.key, path, file_name)
        except downloading.DownloadCancelled:
            raise
        except FormError as exc:
            skipped.append(f"{document.label}: {_after_file(str(exc))}")
            continue
        except SecResponderError as exc:
            failure = failure or exc
            continue
        return LinkedChoice(form, document, file_name, tuple(skipped))
    if failure is not None and not skipped:
        raise failure  # e.g. offline: the download's own sentence names the link
    name = consultation.reference or consultation.title
    tried = "; ".join(skipped) if skipped else str(failure)
    raise InputError(
        f"{name}: none of the files the consultation's page links reads as a response form "
        f"({tried.rstrip('.')}); download the form and choose that file."
    )


def use_linked_form(
    ws: AnyWorkspace,
    ref: str,
    *,
    clock: Clock = system_clock,
    author: str = "",
    client: httpx.Client | None = None,
    timeout: float = downloading.DEFAULT_TIMEOUT,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Draft, LinkedChoice]:
    """Choose the linked form for ``ref``'s draft and save it; returns the saved draft."""
    chosen = linked_form_choice(
        ws, ref, clock=clock, client=client, timeout=timeout, cancelled=cancelled
    )
    draft = drafting.open_draft(ws, ref)
    saved = drafting.save(ws, replace(draft, form=chosen.form), author=author, clock=clock)
    if saved.conflicts:
        raise drafting.DraftConflictError(saved)
    return saved.draft, chosen


def use_linked_form_at(
    workspace_root: Path, ref: str, clock: Clock, *, timeout: float = downloading.DEFAULT_TIMEOUT
) -> tuple[Draft, str]:
    """:func:`use_linked_form` on its own connection (for a background job); returns the
    saved draft and a sentence saying which file was used."""
    with open_workspace(workspace_root) as ws:
        draft, chosen = use_linked_form(ws, ref, clock=clock, timeout=timeout)
        return draft, describe_choice(find_consultation(ws, ref).consultation, chosen)


def form_choice(
    ws: AnyWorkspace,
    ref: str,
    template: str,
    *,
    clock: Clock = system_clock,
    tell: Callable[[str], None] | None = None,
) -> FormChoice:
    """``--template`` as given: the linked form for "linked", else a file or built-in form.

    ``tell`` hears which linked file was used (and which links were passed over).
    """
    if not is_linked(template):
        return drafting.form_choice(ws, ref, template)
    chosen = linked_form_choice(ws, ref, clock=clock)
    if tell is not None:
        tell(describe_choice(find_consultation(ws, ref).consultation, chosen))
    return chosen.form


def describe_choice(consultation: Consultation, chosen: LinkedChoice) -> str:
    """ "MP231: the response form X.docx ('label') from the consultation's page is used."."""
    name = consultation.reference or consultation.title
    text = (
        f"{name}: the response form {chosen.file_name} ('{chosen.document.label}') from the "
        "consultation's page is used and kept with its documents"
    )
    if chosen.skipped:
        text += "; passed over: " + "; ".join(s.rstrip(".") for s in chosen.skipped)
    return text + "."


def _inspected_copy(ws: AnyWorkspace, ref: str, path: Path, file_name: str) -> FormChoice:
    """Inspect and keep the attached file as the form, under the name the page gave it."""
    with tempfile.TemporaryDirectory(prefix="secresponder-form-") as folder:
        named = Path(folder) / _safe_name(file_name)
        named.write_bytes(path.read_bytes())
        return drafting.form_choice(ws, ref, named)


def _safe_name(name: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip(" .")
    return cleaned[:150] or "response form"


def _after_file(message: str) -> str:
    """A form error's sentence without the temporary path it starts with."""
    head, sep, tail = message.partition(": ")
    return tail if sep and ("/" in head or "\\" in head) else message
