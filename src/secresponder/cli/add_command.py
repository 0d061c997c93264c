"""`secresponder add`: a consultation that is not on the SEC page, added by hand."""

from __future__ import annotations

import argparse
from typing import Any

from secresponder.cli.context import CommandContext


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "add",
        parents=[common],
        help="add a consultation that is not on the SEC page (DCC, Ofgem, another code)",
        description="Add a consultation by hand, such as the DCC's consultations on SEC "
        "subsidiary documents or one by Ofgem or another code. It is marked as added by hand, "
        "can be edited in the window, and a refresh never unlists it. A closing date alone "
        "means 5pm UK time.",
    )
    p.add_argument("--reference", required=True, help="its reference, such as DCC-2027-01")
    p.add_argument("--title", required=True, help="its title")
    p.add_argument("--closes", required=True, metavar="WHEN",
                   help='closing date and time in UK time, "2027-03-05 17:00" (a date alone '
                   "means 5pm)")
    p.add_argument("--respond-to", required=True, metavar="ADDRESS",
                   help="the email address responses go to")
    p.add_argument("--authority", default="", metavar="NAME",
                   help="who runs it, such as the DCC or Ofgem")
    p.add_argument("--subject", default="", metavar="LINE",
                   help="the subject line the authority asks for")
    p.add_argument("--url", default="", help="the consultation's web page")
    p.add_argument("--audience", action="append", default=[], metavar="PHRASE",
                   help='who should respond, as the authority puts it ("Large Suppliers"); '
                   "repeat for more")
    p.add_argument("--json", action="store_true", help="print the consultation as JSON")
    p.set_defaults(handler=run_add)


def run_add(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.identity import current_user
    from secresponder.services.manual_consultations import ManualEntry, add_consultation

    entry = ManualEntry(
        reference=args.reference, title=args.title, closes=args.closes,
        respond_to=args.respond_to, authority=args.authority, subject=args.subject,
        url=args.url, audience=tuple(args.audience),
    )
    author = str(current_user(context.user))
    with context.open_workspace() as ws:
        stored = add_consultation(ws, entry, clock=context.clock, author=author)
    c = stored.consultation
    if context.json:
        from secresponder.services.serialise import consultation_json

        data = consultation_json(stored, context.clock())
        data["added_by_hand"] = True
        context.print_json(data)
        return 0
    from secresponder.domain.deadline import format_deadline

    name = " ".join(p for p in (c.reference, c.title) if p)
    context.print(f"Added {name} (by hand), closing {format_deadline(c.closes_at)}; "
                  f"responses to {c.respond_to}.")
    return 0
