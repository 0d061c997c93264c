"""The built-in response forms bundled in ``resources/forms`` and which kind uses which.

An authority's own form is made for one consultation; the built-in forms are not,
so each has a "Consultation:" line whose marker the export replaces with the
consultation's reference and title.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from secresponder.bundled import resource_path

# The text after "Consultation:" in every built-in form, in a run of its own.
CONSULTATION_MARKER = "(reference and title of the consultation)"
_MARKER_RUN = re.compile(
    rb"(<w:t(?:\s[^>]*)?>)" + re.escape(escape(CONSULTATION_MARKER).encode()) + rb"(</w:t>)"
)


@dataclass(frozen=True)
class BuiltinForm:
    key: str
    title: str
    path: Path


_FORMS: tuple[tuple[str, str], ...] = (
    ("modification-report-consultation", "Modification Report Consultation"),
    ("refinement-consultation", "Refinement Consultation"),
    ("general-consultation", "General consultation"),
)
GENERAL_KEY = "general-consultation"


def builtin_forms() -> list[BuiltinForm]:
    """Every built-in form, most specific first."""
    return [
        BuiltinForm(key, title, resource_path("forms", f"{key}.docx")) for key, title in _FORMS
    ]


def builtin_form_for_kind(kind: str | None) -> BuiltinForm:
    """The built-in form suited to a consultation kind (the general form when unknown).

    "Second Refinement Consultation" uses the refinement form; a Request for
    Information or a consultation with no kind uses the general form.
    """
    text = " ".join((kind or "").lower().split())
    forms = {form.key: form for form in builtin_forms()}
    if "modification report" in text:
        return forms["modification-report-consultation"]
    if "refinement" in text:
        return forms["refinement-consultation"]
    return forms[GENERAL_KEY]


def name_consultation(docx: bytes, consultation: str) -> bytes:
    """A built-in form (``docx``, filled or not) naming ``consultation`` on its
    "Consultation:" line; every other part of the package is copied unchanged.

    A form without the marker (the authority's own) is returned as it is.
    """
    source = zipfile.ZipFile(io.BytesIO(docx))
    document = source.read("word/document.xml")
    text = escape(" ".join(consultation.split())).encode()
    named, count = _MARKER_RUN.subn(lambda m: m.group(1) + text + m.group(2), document, count=1)
    if not count:
        return docx
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = named if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()
