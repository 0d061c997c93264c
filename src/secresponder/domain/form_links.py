"""Which of a consultation's linked documents may be its response form, likeliest first.

Decided from each link alone (its file name and label); whether a file *is* a response
form is for the form reader to say once it is downloaded.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from secresponder.domain.consultation import Consultation, Document

# Extensions a fillable form may carry in its link; old binary ones are named, not tried.
FORM_EXTENSIONS = (".docx", ".xlsx", ".dotx", ".xltx")
OLD_EXTENSIONS = (".doc", ".xls", ".docm", ".xlsm")
_WORDS = re.compile(r"[a-z0-9]+")
# Words that make a link more likely the response form, with their weight.
_FORM_WORDS: dict[str, int] = {
    "response": 4,
    "respond": 2,
    "form": 3,
    "template": 3,
    "proforma": 3,
    "pro": 0,
    "questionnaire": 2,
    "questions": 1,
    "comments": 2,
    "log": 1,
}
# Words that make it more likely some other document (read, not filled).
_OTHER_WORDS: dict[str, int] = {
    "legal": 3,
    "text": 1,
    "report": 2,
    "document": 1,
    "annex": 1,
    "appendix": 1,
    "guidance": 2,
    "slides": 3,
}


def link_file_name(document: Document) -> str:
    """The file name a link points at ("MP231-Consultation-Response-Form.docx"), or ""."""
    if not document.url:
        return ""
    return unquote(PurePosixPath(urlsplit(document.url).path).name)


def _score(document: Document) -> int:
    words = _WORDS.findall(f"{document.label} {link_file_name(document)}".casefold())
    score = sum(_FORM_WORDS.get(w, 0) for w in set(words))
    return score - sum(_OTHER_WORDS.get(w, 0) for w in set(words))


def form_candidates(consultation: Consultation) -> list[Document]:
    """The linked documents that may be the response form, the likeliest first.

    Every linked .docx/.xlsx is a candidate (the reader decides); a link with no file
    extension is one only when its label reads like a response form.
    """
    found: list[tuple[int, int, Document]] = []
    for index, document in enumerate(consultation.documents):
        if not document.url or document.login_required:
            continue
        suffix = PurePosixPath(link_file_name(document).casefold()).suffix
        score = _score(document)
        if suffix in FORM_EXTENSIONS or (not suffix and score >= 5):
            found.append((-score, index, document))
    return [document for _, _, document in sorted(found, key=lambda item: item[:2])]


def best_candidate(consultation: Consultation) -> Document | None:
    """The link most likely to be the response form (for offering it first), or None."""
    candidates = form_candidates(consultation)
    return candidates[0] if candidates else None


def no_candidate_reason(consultation: Consultation) -> str:
    """One sentence on why the page offers no response form to download."""
    name = consultation.reference or consultation.title
    unlinked = [d.label for d in consultation.documents if not d.url]
    old = [
        link_file_name(d) for d in consultation.documents
        if PurePosixPath(link_file_name(d).casefold()).suffix in OLD_EXTENSIONS
    ]
    if old:
        return (
            f"{name}: the consultation's page links its form only as {', '.join(old)}, which "
            "cannot be filled safely; save it in Word or Excel as .docx or .xlsx and choose "
            "that file."
        )
    if unlinked:
        labels = ", ".join(f"'{label}'" for label in unlinked[:3])
        return (
            f"{name}: the consultation was read from a text copy of its page, so the links of "
            f"its documents ({labels}) are unknown; import the page itself (HTML) again, or "
            "download the response form and choose that file."
        )
    return (
        f"{name}: the consultation's page links no Word or Excel response form; download "
        "the form and choose that file, or use the built-in form."
    )
