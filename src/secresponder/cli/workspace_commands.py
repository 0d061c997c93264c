"""The workspace commands: check, backup and restore (upgrade and copy: team_commands)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secresponder.cli.context import CommandContext


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "workspace",
        parents=[common],
        help="check, back up, restore, upgrade or copy the workspace",
        description="Look after the workspace. It also backs itself up: at least once a day "
        "when used and before every upgrade, keeping the latest 7 backups and the latest of "
        "each of the last 4 weeks, in its backups folder.",
    )
    actions = p.add_subparsers(dest="workspace_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", parents=[common], help="integrity of the database and of the files folder",
        description="Run SQLite's integrity check, and compare the files folder with what the "
        "database needs: missing, altered (by checksum) or orphaned files. Prints one line "
        "per problem and exits 1 when there is any.",
    )
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.set_defaults(handler=run_check)
    backup = actions.add_parser(
        "backup", parents=[common], help="take a backup now and print its path",
        description="Copy the workspace database into a new backup (consistent even while "
        "the workspace is in use) and print the backup's path.",
    )
    backup.set_defaults(handler=run_backup)
    restore = actions.add_parser(
        "restore", parents=[common], help="put back a backup (the latest when none is named)",
        description="Replace the workspace database with BACKUP (a path, or a file name in "
        "the backups folder; the latest backup when none is named). The database it replaces "
        "is renamed and kept beside it, never deleted. Close the window first.",
    )
    restore.add_argument("backup", metavar="BACKUP", nargs="?")
    restore.set_defaults(handler=run_restore)
    from secresponder.cli.team_commands import register_actions

    register_actions(actions, common)  # upgrade, copy


def run_check(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import maintenance

    report = maintenance.check(context.address)
    if context.json:
        context.print_json({"sound": report.sound, "problems": report.problems})
    elif report.sound:
        context.print(report.summary)
    for line in report.problems:
        context.warn(f"secresponder: {line}")
    return 0 if report.sound else 1


def run_backup(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import maintenance

    # Backups are named by the real time, not the command's clock (which tests may pin).
    context.print(str(maintenance.backup_now(context.address, datetime.now(UTC))))
    return 0


def run_restore(context: CommandContext, args: argparse.Namespace) -> int:
    from secresponder.services import maintenance

    done = maintenance.restore(context.address, args.backup, datetime.now(UTC))
    aside = f"; the database it replaced was kept as {done.kept_aside}" if done.kept_aside else ""
    context.print(f"Restored {done.backup}{aside}.")
    return 0
