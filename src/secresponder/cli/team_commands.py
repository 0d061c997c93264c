"""`workspace upgrade`, `copy` and `password`: setting up a team database and moving workspaces.

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
    password = actions.add_parser(
        "password", parents=[common], help="keep a team database's password in the system keyring",
        description="Ask for the password of the user named in --workspace postgresql://user@"
        "host:port/dbname, check it with the server, and keep it in the system keyring "
        "(Windows Credential Manager), never in secresponder's settings. With no terminal the "
        "password is read from the first line of standard input. libpq's password file and "
        "service file work too, without this command.",
    )
    password.add_argument("--forget", action="store_true",
                          help="remove the kept password from the keyring")
    password.set_defaults(handler=run_password)


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


def run_password(context: CommandContext, args: argparse.Namespace) -> int:
    import getpass
    import sys

    from secresponder.services import workspace_setup

    where = getattr(args, "workspace", None)
    if args.forget:
        context.print(workspace_setup.forget_password(where))
        return 0
    entry = workspace_setup.keyring_entry(where)  # refuses a folder or a URL with no user
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(f"Password for {entry}: ")
    else:
        password = (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
    context.print(workspace_setup.remember_password(where, password))
    return 0
