"""The one entry point for response forms: check, then inspect or fill by real content.

Whatever the file's name says, the format is taken from the package's main
part, and every file passes :func:`safety.check_office_file` before a parser
sees it. Every fill goes through :func:`checked_fill`: answers with no place are
refused (or, when allowed, named), and the output is read back with the same
reader before anything is written. Filled forms are written atomically; on any
failure no output file is left behind.
"""

from __future__ import annotations

import contextlib
import json
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import (
    Answers,
    FilledForm,
    FillReport,
    FormFormat,
    FormInspection,
    respondent_item,
)
from secresponder.errors import InputError, SecResponderError
from secresponder.fileio import MB, atomic_write_bytes, check_writable_target, read_limited
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage, check_office_file

MAX_ANSWERS_BYTES = 10 * MB
# An answers file is three levels deep; anything far deeper is refused before the JSON
# parser (which recurses) sees it.
MAX_ANSWERS_DEPTH = 20
# Possessive, unrolled: linear even on an unterminated string several megabytes long.
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")
# What a parser may raise on a malformed (but safe) package; programming errors such as
# NameError still surface as themselves.
_PARSER_FAILURES: tuple[type[BaseException], ...] = (
    ArithmeticError,
    AttributeError,
    LookupError,
    MemoryError,
    OSError,
    RecursionError,
    TypeError,
    ValueError,
    etree.LxmlError,
    zipfile.BadZipFile,
)


def inspect_form(path: str | Path) -> FormInspection:
    """The respondent fields and questions (or comment columns) a form asks for."""
    package = check_office_file(path)
    with _one_sentence(package, "read"):
        if package.format is FormFormat.XLSX:
            from secresponder.forms.xlsx import inspect_xlsx

            return inspect_xlsx(package)
        from secresponder.forms.docx import inspect_docx

        return inspect_docx(package.path)


class UnplacedError(FormError):
    """Values that have no place in the form, so nothing was written."""

    def __init__(self, message: str, unplaced: tuple[str, ...]) -> None:
        super().__init__(message)
        self.unplaced = unplaced

    @classmethod
    def refusing(
        cls, subject: str, unplaced: tuple[str, ...], *, outcome: str, noun: str,
        hint: str = "",
    ) -> UnplacedError:
        """The one sentence for values refused for having no place, e.g. "X: not exported,
        because these 2 answers have no place in the form: ...; <hint>."."""
        count = f"this {noun} has" if len(unplaced) == 1 else f"these {len(unplaced)} {noun}s have"
        return cls(
            f"{subject}: {outcome}, because {count} no place in the form: "
            f"{_phrases(unplaced)}{hint}.",
            unplaced,
        )


def fill_form(
    path: str | Path,
    answers: Answers,
    out: str | Path,
    *,
    overwrite: bool = False,
    allow_unplaced: bool = False,
) -> Path:
    """Fill the form at ``path`` with ``answers`` into ``out``; returns ``out``."""
    write_filled_form(path, answers, out, overwrite=overwrite, allow_unplaced=allow_unplaced)
    return Path(out)


def write_filled_form(
    path: str | Path,
    answers: Answers,
    out: str | Path,
    *,
    overwrite: bool = False,
    allow_unplaced: bool = False,
) -> FilledForm:
    """Fill the form at ``path`` with ``answers`` into ``out``; returns what went where.

    An existing ``out`` is refused before any work unless ``overwrite`` is set. Answers
    with no place in the form are refused (nothing is written) unless ``allow_unplaced``.
    """
    target = Path(out)
    check_writable_target(target, overwrite=overwrite)
    filled = checked_fill(check_office_file(path), answers, allow_unplaced=allow_unplaced)
    atomic_write_bytes(target, filled.data, overwrite=overwrite)
    return filled


def checked_fill(
    package: OfficePackage, answers: Answers, *, allow_unplaced: bool = False
) -> FilledForm:
    """Fill, refuse unplaced answers, then read the output back: the one way forms are filled.

    Raises :class:`UnplacedError` when an answer or comment has no place (unless
    ``allow_unplaced``), and :class:`FormError` when the output does not read back with
    every value at its place and the rest as it was. Respondent details the form has no
    place for are only reported (``report.unplaced``), never refused.
    """
    filled = fill_with_report(package, answers)
    refused = refused_unplaced(filled.report)
    if refused and not allow_unplaced:
        raise UnplacedError.refusing(
            str(package.path), refused, outcome="nothing was written", noun="value"
        )
    problems = read_back(package, filled)
    if problems:
        raise FormError(
            f"{package.path}: nothing was written, because the filled form did not read back "
            "as written: " + _phrases(problems) + "."
        )
    return filled


def _phrases(parts: Sequence[str]) -> str:
    """Short phrases joined into one sentence's tail (their own full stops dropped)."""
    return "; ".join(part.strip().rstrip(".") for part in parts)


def refused_unplaced(report: FillReport) -> tuple[str, ...]:
    """The unplaced values that stop a fill: answers and comments (not respondent details)."""
    return tuple(u for u in report.unplaced if not u.startswith(respondent_item("")))


def fill_with_report(package: OfficePackage, answers: Answers) -> FilledForm:
    """The filled form and its report of what went where, for an already checked package."""
    with _one_sentence(package, "filled"):
        if package.format is FormFormat.XLSX:
            from secresponder.forms.xlsx import fill_xlsx_report

            return fill_xlsx_report(package, answers)
        from secresponder.forms.docx import fill_docx_report

        return fill_docx_report(package.path, answers)


def read_back(package: OfficePackage, filled: FilledForm) -> list[str]:
    """What is wrong with ``filled`` read back with the form's own reader (empty when right):
    every value at its place, everything outside the places as in the original."""
    with _one_sentence(package, "read back"):
        if package.format is FormFormat.XLSX:
            from secresponder.forms.xlsx import verify_xlsx

            return list(verify_xlsx(package, filled.data, filled.report))
        from secresponder.forms.docx import verify_docx

        return list(verify_docx(package.path, filled.data, filled.report))


@contextlib.contextmanager
def _one_sentence(package: OfficePackage, doing: str) -> Iterator[None]:
    """Turn an unexpected parser failure on an untrusted form into one sentence."""
    try:
        yield
    except SecResponderError:
        raise
    except _PARSER_FAILURES as exc:
        app = "Excel workbook" if package.format is FormFormat.XLSX else "Word document"
        raise FormError(
            f"{package.path}: could not be {doing} as a {app} ({type(exc).__name__})."
        ) from exc


def load_answers(path: str | Path) -> Answers:
    """Read an answers file (the JSON shape in DESIGN.md); one sentence if it is unusable."""
    p = Path(path)
    raw = read_limited(p, MAX_ANSWERS_BYTES, what="answers file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{p}: the answers file is not UTF-8 text.") from None
    depth = json_nesting_depth(text)
    if depth > MAX_ANSWERS_DEPTH:
        raise InputError(
            f"{p}: is nested {depth} levels deep; an answers file needs at most "
            f"{MAX_ANSWERS_DEPTH}."
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{p}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    try:
        return Answers.from_json(data)
    except ValueError as exc:
        raise InputError(f"{p}: {exc}.") from None


def json_nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text``, brackets inside strings ignored."""
    depth = deepest = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest
