"""The form commands: ``template inspect``, ``template list`` and ``fill``.

Registering these commands imports nothing heavy: the form readers and fillers
(lxml, python-docx, openpyxl) are imported by the handlers that use them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from secresponder.cli.context import CommandContext
    from secresponder.domain.forms import FormInspection

_KEY_NAMES = {
    "name": "name",
    "organisation": "organisation",
    "email": "email",
    "phone": "phone",
    "party_category": "party category",
    "confidential": "confidential",
}


def _path(text: str) -> Path:
    """An argument as a ``Path`` (pathlib is imported only once a command runs)."""
    from pathlib import Path

    return Path(text)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    template = subparsers.add_parser(
        "template",
        parents=[common],
        help="inspect a response form, or list the built-in forms",
        description="Inspect a response form (.docx or .xlsx) or list the built-in forms.",
    )
    actions = template.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "inspect",
        parents=[common],
        help="the respondent fields and questions found in a response form",
        description="Show the respondent fields and questions (or comment columns) that a "
        "response form asks for. The file is checked before it is read: macros, "
        "passwords, old binary formats and oversized or malformed packages are refused.",
    )
    p.add_argument("file", metavar="FILE", type=_path)
    p.add_argument("--json", action="store_true", help="print the inspection as JSON")
    p.set_defaults(handler=run_inspect)

    p = actions.add_parser("list", parents=[common], help="the built-in response forms")
    p.add_argument("--json", action="store_true", help="print the built-in forms as JSON")
    p.set_defaults(handler=run_list_builtin)

    p = subparsers.add_parser(
        "fill",
        parents=[common],
        help="fill a response form with answers, nothing else changed",
        description="Fill FILE with the respondent details, answers and comments in "
        "ANSWERS.json and write the result to OUT. Only the answer places change. "
        "OUT is never overwritten unless --force is given.",
    )
    p.add_argument("file", metavar="FILE", type=_path)
    p.add_argument("--answers", metavar="ANSWERS.json", type=_path, required=True)
    p.add_argument("-o", "--output", metavar="OUT", type=_path, required=True)
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.add_argument(
        "--allow-unplaced",
        action="store_true",
        help="write the answers that have a place even when some have none (they are named "
        "as warnings); without it such a fill is refused",
    )
    p.add_argument(
        "--json", action="store_true", help="print each value written and where it went as JSON"
    )
    p.set_defaults(handler=run_fill)


def describe_inspection(path: Path, inspection: FormInspection) -> list[str]:
    """The text report of ``template inspect``."""
    from secresponder.domain.forms import Confidence, FormFormat, FormKind

    app = "Word" if inspection.format is FormFormat.DOCX else "Excel"
    lines: list[str] = []
    if inspection.kind is FormKind.COMMENTS_LOG:
        lines.append(f"{path.name}: {app} comments log")
    else:
        count = len(inspection.questions)
        noun = "question" if count == 1 else "questions"
        lines.append(f"{path.name}: {app} form with {count} {noun}")
    lines.append("")
    lines.append("Respondent fields:")
    if not inspection.respondent_fields:
        lines.append("  (none found)")
    for field in inspection.respondent_fields:
        known = _KEY_NAMES.get(field.key or "", "not filled automatically")
        lines.append(f"  {field.label} ({known})")
    if inspection.kind is FormKind.COMMENTS_LOG:
        lines.append("")
        lines.append("Comment columns: " + " | ".join(inspection.comment_columns))
    else:
        lines.append("")
        lines.append("Questions:")
        for question in inspection.questions:
            text = " ".join(question.text.split())
            options = f" [{' / '.join(question.options)}]" if question.options else ""
            lines.append(f"  {question.number}. {text}{options}")
    unsure = [p for p in inspection.places if p.confidence is Confidence.UNSURE]
    if unsure:
        lines.append("")
        lines.append("Unsure places (check them before sending):")
        lines.extend(f"  {p.item}: {p.where}" for p in unsure)
    return lines


def run_inspect(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.forms.api import inspect_form

    inspection = inspect_form(args.file)
    if context.json:
        context.print_json(inspection.to_json())
    else:
        for line in describe_inspection(args.file, inspection):
            context.print(line)
    return 0


def run_list_builtin(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.forms.builtin import builtin_forms

    forms = builtin_forms()
    if context.json:
        context.print_json(
            [{"key": f.key, "title": f.title, "path": str(f.path)} for f in forms]
        )
        return 0
    width = max(len(f.key) for f in forms)
    for form in forms:
        context.print(f"{form.key.ljust(width)}  {form.title}  ({form.path})")
    return 0


def run_fill(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.fileio import check_writable_target
    from secresponder.forms.api import UnplacedError, load_answers, write_filled_form
    from secresponder.forms.errors import FormError

    check_writable_target(args.output, overwrite=args.force)  # fail fast, before any reading
    answers = load_answers(args.answers)
    try:
        filled = write_filled_form(
            args.file,
            answers,
            args.output,
            overwrite=args.force,
            allow_unplaced=args.allow_unplaced,
        )
    except UnplacedError as exc:
        raise FormError(f"{str(exc).rstrip('.')}; --allow-unplaced writes the rest.") from None
    report = filled.report
    for phrase in report.unplaced:
        context.warn(f"secresponder: warning: not placed: {phrase}.")
    if context.json:
        context.print_json(
            {"output": str(args.output), "form": str(args.file), **report.to_json()}
        )
    else:
        placed = f" ({_count(len(report.placed), 'value')} placed)" if report.placed else ""
        context.print(f"Wrote {args.output}{placed}")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
