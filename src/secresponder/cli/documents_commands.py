"""The offline-reading commands: attach, documents, search, note and notes.

Registering these commands imports nothing heavy: the document readers (PDF,
Word, Excel) and the HTTP client are imported by the handlers that use them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from secresponder.cli.numbers import decimal_number, whole_number
from secresponder.errors import InputError
from secresponder.fileio import MB

if TYPE_CHECKING:
    from secresponder.cli.context import CommandContext
    from secresponder.services.types import Attachment

REF_HELP = "a reference such as MP231 (any case) or a key from `list --json`"
SEARCH_LIMIT = 50  # the search service's default number of results
SEARCH_LIMIT_MAX = 100_000
MAX_SIZE_MB_MAX = 10_000.0  # 10 GB: far beyond any consultation document


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "attach",
        parents=[common],
        help="attach a document (a local file or a link) to a consultation for offline reading",
        description="Attach a PDF, Word (.docx), Excel (.xlsx), web page or text file to a "
        "consultation. A URL is downloaded. The file is kept in the workspace (once, however "
        "often it is attached) and its text is indexed for `search`.",
    )
    p.add_argument("ref", metavar="REF", help=REF_HELP)
    p.add_argument("source", metavar="FILE_OR_URL")
    p.add_argument("--label", help="the name to show for it (default: the file name)")
    p.add_argument(
        "--max-size",
        type=decimal_number(-MAX_SIZE_MB_MAX, MAX_SIZE_MB_MAX),
        metavar="MB",
        help="refuse documents larger than this (default: the workspace setting, else 100 MB)",
    )
    p.add_argument("--json", action="store_true", help="print the attached document as JSON")
    p.set_defaults(handler=run_attach)

    p = subparsers.add_parser(
        "documents", parents=[common], help="the documents attached to a consultation",
        description="List the documents attached to a consultation for offline reading, with "
        "where each came from and whether its text could be read.",
    )
    p.add_argument("ref", metavar="REF", help=REF_HELP)
    p.add_argument("--json", action="store_true", help="print the documents as JSON")
    p.set_defaults(handler=run_documents)

    p = subparsers.add_parser(
        "search",
        parents=[common],
        help="full-text search of consultations, releases, documents, drafts and notes",
        description='Search everything in the workspace. All words must match; put "exact '
        'phrases" in double quotes and end a word with * to match its beginning (firm*).',
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument(
        "--limit",
        type=whole_number(-SEARCH_LIMIT_MAX, SEARCH_LIMIT_MAX),
        default=SEARCH_LIMIT,
        metavar="N",
        help=f"show at most N results, 1 to {SEARCH_LIMIT_MAX} (default {SEARCH_LIMIT})",
    )
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(handler=run_search)

    p = subparsers.add_parser(
        "note", parents=[common], help="add a note to a consultation",
        description="Add a note to a consultation (kept in the workspace, signed with --user, "
        "and found by `search`).",
    )
    p.add_argument("ref", metavar="REF", help=REF_HELP)
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--json", action="store_true", help="print the note as JSON")
    p.set_defaults(handler=run_note)

    p = subparsers.add_parser(
        "notes", parents=[common], help="a consultation's notes",
        description="List a consultation's notes, oldest first, with who wrote each and when.",
    )
    p.add_argument("ref", metavar="REF", help=REF_HELP)
    p.add_argument("--json", action="store_true", help="print the notes as JSON")
    p.set_defaults(handler=run_notes)


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def describe_attachment(attachment: Attachment) -> str:
    from secresponder.documents.formats import DESCRIPTIONS

    doc = attachment.document
    details = [DESCRIPTIONS.get(doc.format, doc.format), _size(doc.size)]
    if doc.pages is not None:
        details.append(f"{doc.pages} page{'s' if doc.pages != 1 else ''}")
    if not doc.searchable:
        details.append("not searchable")
    return f"{attachment.label} ({', '.join(details)})"


def _size(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def run_attach(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import documents as documents_service
    from secresponder.services.lookup import find_consultation

    if args.max_size is not None and args.max_size <= 0:
        raise InputError(f"--max-size {args.max_size:g}: the limit must be more than 0 MB.")
    limit = int(args.max_size * MB) if args.max_size else None
    with context.open_workspace() as ws:
        stored = find_consultation(ws, args.ref)
        if _is_url(args.source):
            result = documents_service.attach_url(
                ws, stored.id, args.source, clock=context.clock, limit=limit, label=args.label
            )
        else:
            result = documents_service.attach_file(
                ws, stored.id, args.source, clock=context.clock, limit=limit, label=args.label
            )
    name = stored.consultation.reference or stored.key
    if result.warning:
        context.warn(result.warning)
    if context.json:
        data = documents_service.attachment_json(result.attachment)
        data.update(consultation=stored.key, created=result.created, warning=result.warning)
        context.print_json(data)
    elif result.created:
        context.print(f"Attached {describe_attachment(result.attachment)} to {name}.")
    else:
        context.print(f"{describe_attachment(result.attachment)} was already attached to {name}.")
    return 0


def run_documents(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import documents as documents_service
    from secresponder.services.lookup import find_consultation

    with context.open_workspace() as ws:
        stored = find_consultation(ws, args.ref)
        attachments = documents_service.list_documents(ws, stored.id)
        files = {a.id: documents_service.document_path(ws, a) for a in attachments}
    if context.json:
        context.print_json(
            [
                {**documents_service.attachment_json(a), "path": str(files[a.id])}
                for a in attachments
            ]
        )
        return 0
    name = stored.consultation.reference or stored.key
    if not attachments:
        context.print(f"No documents attached to {name}; add one with `secresponder attach`.")
        return 0
    for a in attachments:
        context.print(f"#{a.id}  {describe_attachment(a)}")
        context.print(f"      {files[a.id]}")
    return 0


def run_search(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import search as search_service

    if args.limit < 1:
        raise InputError(f"--limit {args.limit}: must be at least 1.")
    query = " ".join(args.query)
    with context.open_workspace() as ws:
        hits = search_service.search(ws, query, limit=args.limit)
    if context.json:
        context.print_json([hit.to_json() for hit in hits])
        return 0
    if not hits:
        context.print(f"Nothing matches {query!r}.")
        return 0
    for hit in hits:
        where = hit.target.reference or hit.target.consultation_key or hit.target.release_version
        context.print(f"{hit.kind:<12} {hit.title}" + (f"  [{where}]" if where else ""))
        context.print(f"             {hit.marked().replace(chr(10), ' ')}")
    return 0


def run_note(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import notes as notes_service
    from secresponder.services.identity import current_user
    from secresponder.services.lookup import find_consultation

    with context.open_workspace() as ws:
        stored = find_consultation(ws, args.ref)
        note = notes_service.add_note(ws, stored.id, " ".join(args.text), clock=context.clock,
                                      author=str(current_user(context.user)))
    if context.json:
        context.print_json(notes_service.note_json(note))
    else:
        name = stored.consultation.reference or stored.key
        context.print(f"Note #{note.id} added to {name}.")
    return 0


def run_notes(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import notes as notes_service
    from secresponder.services.lookup import find_consultation

    with context.open_workspace() as ws:
        stored = find_consultation(ws, args.ref)
        notes = notes_service.notes_for(ws, stored.id)
    if context.json:
        context.print_json([notes_service.note_json(n) for n in notes])
        return 0
    name = stored.consultation.reference or stored.key
    if not notes:
        context.print(f"No notes on {name}; add one with `secresponder note {args.ref} TEXT`.")
        return 0
    for note in notes:
        stamp = note.created_at.strftime("%d %b %Y %H:%M")
        edited = "" if note.updated_at == note.created_at else " (edited)"
        context.print(f"#{note.id}  {stamp}{edited}")
        for line in note.body.splitlines():
            context.print(f"    {line}")
    return 0
