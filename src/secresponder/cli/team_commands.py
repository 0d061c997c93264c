"""`workspace upgrade` and `workspace copy`: setting up a team database and moving workspaces.

Registered under the `workspace` command (cli/workspace_commands.py). Both take
``--workspace`` as a folder or a PostgreSQL URL, as given (not resolved to a folder).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secresponder.cli.context import CommandContext


def register_actions(actions: Any, common: argparse.ArgumentParser) -> None:
    upgrade = actions.add_parser(
        "upgrade", parents=[common], help="set up or upgrade the workspace's schema",
        description="Create or migrate the workspace's tables. A folder upgrades itself when "
        "opened; a team database (--workspace postgresql://...) is changed only by this "
        "command, run as a role that may create tables. --grant ROLE lets a database role "
        "(the team's group role) read and write rows, and nothing more. A database written "
        "by a newer version of secresponder is refused and left untouched.",
    )
    upgrade.add_argument("--grant", metavar="ROLE",
                         help="database role to allow reading and writing rows (team database)")
    upgrade.add_argument("--json", action="store_true", help="print the result as JSON")
    upgrade.set_defaults(handler=run_upgrade)
    copy = actions.add_parser(
        "copy", parents=[common], help="copy a whole workspace between a folder and a database",
        description="Copy everything in SRC (consultations, drafts with every version, notes, "
        "documents and their files, the answer library, settings) into DST, which must be "
        "empty. Either may be a folder or a PostgreSQL URL; an empty team database is set up "
        "first. The copy is written in one transaction: if it fails, DST is left as it was.",
    )
    copy.add_argument("source", metavar="SRC")
    copy.add_argument("destination", metavar="DST")
    copy.add_argument("--json", action="store_true", help="print what was copied as JSON")
    copy.set_defaults(handler=run_copy)


def run_upgrade(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.workspace_setup import upgrade_workspace

    report = upgrade_workspace(getattr(args, "workspace", None), grant_to=args.grant)
    if context.json:
        context.print_json({"workspace": report.workspace, "team": report.team,
                            "before": report.before, "after": report.after,
                            "granted_to": report.granted_to})
    else:
        context.print(report.summary)
    return 0


def run_copy(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services.workspace_setup import copy_workspace

    result = copy_workspace(args.source, args.destination, clock=context.clock,
                            progress=None if context.json else context.warn)
    if context.json:
        context.print_json({"source": result.source, "destination": result.destination,
                            "set_up": result.set_up, "rows": result.report.rows,
                            "files": result.report.files})
    else:
        context.print(result.summary)
    return 0
