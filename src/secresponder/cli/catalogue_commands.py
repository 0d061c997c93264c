"""The catalogue commands: import, list, show, releases and profile.

Registering these commands imports nothing heavy: each handler imports the
services it uses when it runs, so ``--version``, ``--help`` and ``list`` never
load the page readers or the HTTP client.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from secresponder.domain.parties import PartyCategory
from secresponder.errors import InputError

if TYPE_CHECKING:
    from datetime import datetime

    from secresponder.cli.context import CommandContext
    from secresponder.domain.parties import PartyProfile
    from secresponder.services.importing import ImportReport

LIST_ORDER = (
    "Open consultations come first, soonest closing first; then closed ones, "
    "most recently closed first."
)
PARTY_CATEGORY_CHOICES = ", ".join(category.value for category in PartyCategory)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "import",
        parents=[common],
        help="read consultation and/or release pages (files or URLs) into the workspace",
        description="Read SEC consultation and release pages (text or HTML, files or "
        "http(s) URLs) into the workspace. Nothing stored is ever deleted.",
    )
    p.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--json", action="store_true", help="print what was found and changed as JSON")
    p.set_defaults(handler=run_import)

    p = subparsers.add_parser(
        "list",
        parents=[common],
        help="consultations in the workspace",
        description=f"List the consultations in the workspace. {LIST_ORDER}",
    )
    p.add_argument("--open", action="store_true", help="only consultations still open")
    p.add_argument(
        "--relevant",
        action="store_true",
        help="only consultations whose audience includes the profile's Party Category",
    )
    p.add_argument("--json", action="store_true", help="print the consultations as JSON")
    p.set_defaults(handler=run_list)

    p = subparsers.add_parser(
        "show",
        parents=[common],
        help="one consultation with its modification history",
        description="Show one consultation: REF is a reference such as MP116 (any case) or a "
        "key from `list --json`. When several consultations share a reference, the one "
        "closing latest is shown and the others are named.",
    )
    p.add_argument("ref", metavar="REF")
    p.add_argument("--json", action="store_true", help="print the consultation as JSON")
    p.set_defaults(handler=run_show)

    p = subparsers.add_parser(
        "releases", parents=[common], help="SEC releases in the workspace, newest first",
        description="List the SEC releases read from the release pages: version, the date it "
        "came into effect, and the modifications it implemented.",
    )
    p.add_argument("--json", action="store_true", help="print the releases as JSON")
    p.set_defaults(handler=run_releases)

    p = subparsers.add_parser(
        "profile",
        parents=[common],
        help="show or set the Party profile",
        description="Show the Party profile; with options, set those details first.",
    )
    p.add_argument("--organisation", metavar="TEXT")
    p.add_argument("--name", metavar="TEXT")
    p.add_argument("--email", metavar="TEXT")
    p.add_argument("--phone", metavar="TEXT")
    p.add_argument(
        "--party-category",
        metavar="CATEGORY",
        help=f"one of: {PARTY_CATEGORY_CHOICES}",
    )
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.set_defaults(handler=run_profile)


# --- import -------------------------------------------------------------------


def run_import(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.importing import import_sources
    from secresponder.services.serialise import import_report_json

    with context.open_workspace() as ws:
        report = import_sources(ws, args.sources, clock=context.clock)
    if context.json:
        context.print_json(import_report_json(report))
    else:
        print_import_report(context, report)
    for failed in report.failed:
        context.warn(f"secresponder: {failed.error}")
    return 0 if report.ok else 1


def print_import_report(context: CommandContext, report: ImportReport) -> None:
    for s in report.sources:
        if s.error is not None:
            continue
        found = []
        if s.consultations_found or s.kind == "consultations":
            found.append(_plural(s.consultations_found, "consultation"))
        if s.releases_found or s.kind == "releases":
            found.append(_plural(s.releases_found, "release"))
        context.print(
            f"{s.source}: {s.kind} page ({s.format}), {' and '.join(found)} found; "
            f"{s.added} added, {s.changed} changed."
        )
        for change in s.changes:
            context.print(f"  {change.message}")
        for heading, reason in s.skipped:
            context.print(f"  skipped: {heading} ({reason})")


# --- list ---------------------------------------------------------------------


def run_list(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.domain.deadline import describe_time_left
    from secresponder.services.listing import list_consultations

    now = context.clock()
    with context.open_workspace() as ws:
        listing = list_consultations(ws, now, open_only=args.open, relevant=args.relevant,
                                     with_releases=context.json)
    ordered = listing.rows
    if context.json:
        from secresponder.services.serialise import listed_consultations_json

        print_json_lines(context, listed_consultations_json(ordered, now,
                                                            releases=listing.releases))
        return 0
    if not ordered and args.open:
        context.print(nothing_open_message(context, relevant=args.relevant))
        return 0
    if not ordered:
        context.print("No consultations match.")
        return 0
    closing: dict[datetime, tuple[str, str]] = {}
    table = []
    for r in ordered:
        when = closing.get(r.closes_at)
        if when is None:
            when = closing[r.closes_at] = (
                short_deadline(r.closes_at), describe_time_left(r.closes_at, now)
            )
        table.append((
            r.reference or "-",
            r.kind or "-",
            *when,
            r.title + ("" if r.listed else " (no longer listed)"),
        ))
    context.print("\n".join(align(table, ("Reference", "Kind", "Closes", "Time left", "Title"))))
    return 0


def nothing_open_message(context: CommandContext, *, relevant: bool) -> str:
    """What ``list --open`` says with nothing open: how current the list is, and what to do."""
    from secresponder.services.freshness import nothing_open_text, workspace_freshness
    from secresponder.services.preferences import CONSULTATIONS_PAGE

    with context.open_workspace() as ws:
        freshness, _ = workspace_freshness(ws)
    said = nothing_open_text(freshness, context.clock())
    if relevant:
        said += " (Only those relevant to your Party Category were looked at.)"
    return (f"{said}\nTo update it, run: secresponder import {CONSULTATIONS_PAGE}\n"
            "(or import a saved copy of the page); drop --open to list closed ones too.")


def print_json_lines(context: CommandContext, items: list[dict[str, Any]]) -> None:
    """One valid JSON array, one item per line, easy to grep.

    The C encoder writes each item (the indenting encoder is pure Python and several
    times slower). Non-ASCII characters are written as \\u escapes: twice as fast to
    encode as raw text for thousands of rows, and safe for any console encoding.
    """
    if not items:
        context.stdout.write("[]\n")
        return
    import json

    encode = json.JSONEncoder().encode
    context.stdout.write("[\n" + ",\n".join([encode(item) for item in items]) + "\n]\n")


def short_deadline(instant: datetime) -> str:
    """ "5pm 3 March 2023": the closing time and date in UK local time, without the weekday."""
    from secresponder.domain.deadline import format_deadline

    clock_part, _, date_part = format_deadline(instant).partition(", ")
    return f"{clock_part} {date_part.split(' ', 1)[1]}"


def align(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    """Left-aligned columns; the last column runs on unpadded."""
    table = [header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    return [
        "  ".join([*(cell.ljust(w) for cell, w in zip(r, widths, strict=False)), r[-1]]).rstrip()
        for r in table
    ]


# --- show ---------------------------------------------------------------------


def run_show(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.domain.deadline import describe_time_left, format_deadline
    from secresponder.services.history import consultation_history, describe_history
    from secresponder.services.lookup import find_consultation
    from secresponder.services.serialise import consultation_json, history_json

    with context.open_workspace() as ws:
        stored = find_consultation(ws, args.ref)
        history = consultation_history(ws, stored)
    now = context.clock()
    if context.json:
        data = consultation_json(stored, now, release=history.implemented_in)
        data["history"] = history_json(history, now)
        context.print_json(data)
        return 0
    c = stored.consultation
    heading = " ".join(x for x in (c.reference, c.title) if x)
    context.print(heading)
    context.print("=" * min(len(heading), 100))
    context.print(f"Kind: {c.kind or 'not stated'}")
    left = describe_time_left(c.closes_at, now)
    context.print(f"Closes: {format_deadline(c.closes_at)} ({left})")
    if not stored.listed:
        context.print("No longer listed on the SEC consultations page.")
    context.print(f"Who should respond: {'; '.join(c.audience) or 'not stated'}")
    categories = ", ".join(p.value for p in c.party_categories) or "none identified"
    context.print(f"Party Categories: {categories}")
    assumed = " (assumed: the page named no address)" if c.respond_to_assumed else ""
    context.print(f"Respond to: {c.respond_to}{assumed}")
    if c.subject:
        context.print(f"Subject line: {c.subject}")
    if c.questions_contact:
        context.print(f"Questions to: {c.questions_contact}")
    if c.documents:
        context.print("Documents:")
        for d in c.documents:
            where = d.url or "link unknown (the page was a text copy)"
            login = " (log-in required)" if d.login_required else ""
            context.print(f"  • {d.label}: {where}{login}")
    if c.summary:
        context.print()
        context.print(c.summary)
    context.print()
    context.print("History:")
    for line in describe_history(history):
        context.print(f"  {line}")
    return 0


# --- releases -----------------------------------------------------------------


def run_releases(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.listing import list_releases
    from secresponder.services.serialise import release_json

    with context.open_workspace() as ws:
        releases = list_releases(ws)
    if context.json:
        context.print_json([release_json(r) for r in releases])
        return 0
    if not releases:
        context.print("No releases in the workspace.")
        return 0
    for r in releases:
        context.print(f"{r.version}  {r.effective.day} {r.effective.strftime('%B %Y')}  {r.title}")
        if r.modifications:
            mods = ", ".join(m.reference for m in r.modifications)
            context.print(f"  implements: {mods}")
        if r.affected:
            context.print(f"  changed: {', '.join(a.document for a in r.affected)}")
    return 0


# --- profile ------------------------------------------------------------------


def run_profile(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.domain.parties import PartyCategory
    from secresponder.services.profile import checked_email, load_profile, update_profile

    updates: dict[str, Any] = {
        name: value
        for name in ("organisation", "name", "email", "phone")
        if (value := getattr(args, name)) is not None
    }
    if args.email is not None:  # checked before the workspace is opened
        updates["email"] = checked_email(args.email)
    if args.party_category is not None:
        if args.party_category.strip():
            try:
                updates["party_category"] = PartyCategory.parse(args.party_category)
            except ValueError as exc:
                raise InputError(str(exc)) from None
        else:
            updates["party_category"] = None
    with context.open_workspace() as ws:
        profile = update_profile(ws, **updates) if updates else load_profile(ws)
    if context.json:
        context.print_json(profile.to_dict())
    else:
        print_profile(context, profile)
    return 0


def print_profile(context: CommandContext, profile: PartyProfile) -> None:
    def shown(value: str) -> str:
        return value or "(not set)"

    context.print(f"Organisation:    {shown(profile.organisation)}")
    context.print(f"Name:            {shown(profile.name)}")
    context.print(f"Email:           {shown(profile.email)}")
    context.print(f"Phone:           {shown(profile.phone)}")
    category = profile.party_category.value if profile.party_category else ""
    context.print(f"Party Category:  {shown(category)}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
