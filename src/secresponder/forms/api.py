"""The one entry point for response forms: check, then inspect or fill by real content.

Whatever the file's name says, the format is taken from the package's main
part, and every file passes :func:`safety.check_office_file` before a parser
sees it. Filled forms are written atomically; on any failure no output file
is left behind.
"""

from __future__ import annotations

import contextlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from secresponder.domain.forms import Answers, FormFormat, FormInspection
from secresponder.errors import InputError, SecResponderError
from secresponder.fileio import MB, atomic_write_bytes, check_writable_target, read_limited
from secresponder.forms.errors import FormError
from secresponder.forms.safety import OfficePackage, check_office_file

MAX_ANSWERS_BYTES = 10 * MB
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


def fill_form(
    path: str | Path, answers: Answers, out: str | Path, *, overwrite: bool = False
) -> Path:
    """Fill the form at ``path`` with ``answers`` into ``out``; returns ``out``.

    An existing ``out`` is refused before any work unless ``overwrite`` is set.
    """
    target = Path(out)
    check_writable_target(target, overwrite=overwrite)
    data = filled_bytes(check_office_file(path), answers)
    return atomic_write_bytes(target, data, overwrite=overwrite)


def filled_bytes(package: OfficePackage, answers: Answers) -> bytes:
    """The filled form's bytes for an already checked package."""
    with _one_sentence(package, "filled"):
        if package.format is FormFormat.XLSX:
            from secresponder.forms.xlsx import fill_xlsx

            return fill_xlsx(package, answers)
        from secresponder.forms.docx import fill_docx

        return fill_docx(package.path, answers)


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
