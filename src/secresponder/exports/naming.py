"""File and folder names that are safe on Windows, macOS and Linux, and inside zip files.

Characters Windows forbids (``<>:"/\\|?*`` and control characters) become a
space-free replacement, invisible format characters (bidi overrides, zero-width
spaces) are removed, trailing dots and spaces go, reserved device names
(CON, PRN, AUX, NUL, COM1-9, LPT1-9) are suffixed, and names are kept short
enough for deep folders.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
MAX_NAME = 120


def _invisible(ch: str) -> bool:
    """Format characters (bidi overrides such as U+202E, zero-width joiners, soft hyphens)
    and lone surrogates: invisible or unencodable, they can disguise a name's extension."""
    return unicodedata.category(ch) in ("Cf", "Cs")


def safe_name(text: str, *, fallback: str = "response", max_length: int = MAX_NAME) -> str:
    """``text`` made usable as one file or folder name (no extension handling)."""
    name = unicodedata.normalize("NFC", text)
    if not name.isascii():
        name = "".join(ch for ch in name if not _invisible(ch))
    name = re.sub(r"[\t\n\r\v\f\u2028\u2029\x85]", " ", name)
    name = FORBIDDEN.sub("-", name)
    name = " ".join(name.split())  # tabs, non-breaking and repeated spaces -> one space
    name = name[:max_length].rstrip(". ").lstrip(" ")
    if not name or set(name) <= {"-", "."}:
        name = fallback
    stem, dot, rest = name.partition(".")
    if stem.rstrip(" ").upper() in RESERVED:  # Windows reserves "CON" and "CON.txt" alike
        name = f"{stem.rstrip(' ')}_{dot}{rest}"
    return name


def safe_file_name(stem: str, suffix: str, *, fallback: str = "response") -> str:
    """``stem`` made safe, followed by ``suffix`` (such as ``.docx``), as one name."""
    return safe_name(stem, fallback=fallback, max_length=MAX_NAME - len(suffix)) + suffix


def response_stem(reference: str | None, organisation: str, fallback_title: str) -> str:
    """``<REF> <Organisation> response`` (the title stands in when there is no reference)."""
    parts = [reference or fallback_title[:60], organisation, "response"]
    return " ".join(p.strip() for p in parts if p and p.strip())


def response_file_name(
    reference: str | None, organisation: str, fallback_title: str, suffix: str
) -> str:
    """The exported form's name, e.g. ``MP231 Northern Power Ltd response.docx``."""
    return safe_file_name(response_stem(reference, organisation, fallback_title), suffix)


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``... so it differs (case-insensitively) from ``taken``.

    The chosen name is added to ``taken``.
    """
    lowered = {t.casefold() for t in taken}
    candidate, n = name, 1
    while candidate.casefold() in lowered:
        n += 1
        candidate = f"{name} ({n})"
    taken.add(candidate)
    return candidate
