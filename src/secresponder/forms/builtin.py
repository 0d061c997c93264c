"""The built-in response forms bundled in ``resources/forms`` and which kind uses which."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from secresponder.bundled import resource_path


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
