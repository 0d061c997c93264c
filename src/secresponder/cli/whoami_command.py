"""`secresponder whoami`: the name your versions, notes and approvals are signed with."""

from __future__ import annotations

import argparse
from typing import Any

from secresponder.cli.context import CommandContext


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "whoami",
        parents=[common],
        help="show or set the name your work is signed with",
        description="Show who is working, and where that name comes from: --user, then "
        "$SECRESPONDER_USER, then your own settings (set with --set, kept on this computer, "
        "never in the shared workspace), then the operating-system login. Every version, "
        "status change, note and comment records it.",
    )
    p.add_argument("--set", metavar='"NAME <EMAIL>"', dest="set_to",
                   help='keep this name in your own settings, such as "Sam Patel '
                   '<sam@bright.example>"')
    p.add_argument("--json", action="store_true", help="print the name and its source as JSON")
    p.set_defaults(handler=run_whoami)


def run_whoami(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import identity

    if args.set_to is not None:
        person = identity.parse_person(args.set_to, source="--set")
        identity.save_user(person)
    person, source = identity.current_user_with_source(context.user)
    if context.json:
        context.print_json({"name": person.name, "email": person.email, "signed": str(person),
                            "source": source})
    else:
        context.print(f"{person} (from {source}).")
    return 0
