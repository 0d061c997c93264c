"""Entry point: parse arguments, run one command, turn errors into one sentence on stderr."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from secresponder import __version__
from secresponder.errors import SecResponderError

if TYPE_CHECKING:
    from secresponder.domain.clock import Clock

# Each module defines ``register(subparsers, common)`` adding its commands; a
# command's parser sets ``handler`` to a function ``(context, args) -> int``.
COMMAND_MODULES: tuple[str, ...] = (
    "secresponder.cli.catalogue_commands",
    "secresponder.cli.forms_commands",
    "secresponder.cli.documents_commands",
    "secresponder.cli.draft_commands",
    "secresponder.cli.workspace_commands",
    "secresponder.cli.add_command",
    "secresponder.cli.whoami_command",
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
# What a shell reports for a process ended by SIGPIPE: the reader (`head`, `less`)
# went away before all the output was written.
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--workspace",
        metavar="DIR_OR_URL",
        # SUPPRESS: a subcommand's copy of this option must not reset a value given earlier.
        default=argparse.SUPPRESS,
        help="workspace folder (default: $SECRESPONDER_HOME or the user data folder), or a "
        "team database's URL: postgresql://user@host:port/dbname, or "
        "postgresql:///dbname?service=NAME; ?schema=NAME picks a team's schema. Passwords go "
        "in libpq's password file or service file, never in the URL",
    )
    common.add_argument(
        "--user", metavar='"NAME <EMAIL>"', default=argparse.SUPPRESS,
        help="who is working, recorded on every change (default: $SECRESPONDER_USER, your "
        "own settings, then your login name)",
    )
    parser = argparse.ArgumentParser(
        prog="secresponder",
        description="Answer Smart Energy Code consultations on time, in the authority's own form.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"secresponder {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    clock: Clock | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line and return its exit code (tests call this directly)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or --version already
        return int(exc.code or 0)
    if getattr(args, "workspace", None) is not None and not str(args.workspace).strip():
        # An empty value (an unset shell variable) must not quietly mean the default folder.
        print(
            "secresponder: --workspace was given an empty value; name a folder, or leave the "
            "option out to use the default workspace.",
            file=stderr,
        )
        return EXIT_USAGE
    from secresponder.cli.context import make_context

    context = None
    handler = getattr(args, "handler", None)
    try:
        context = make_context(args, clock, stdout, stderr)
        if handler is None:
            from secresponder.ui.launcher import launch

            # Without --workspace the window opens the workspace chosen in Preferences.
            given = getattr(args, "workspace", None)
            return launch(context.address if given else None, clock=context.clock)
        return int(handler(context, args) or 0)
    except SecResponderError as exc:
        print(f"secresponder: {exc}", file=stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("secresponder: interrupted; nothing more was written.", file=stderr)
        return 130
    except BrokenPipeError:
        _discard_output(stdout)
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # the boundary: a fault or a bug, never a traceback
        from secresponder.cli.boundary import sentence_for

        address = context.address if context is not None else None
        print(f"secresponder: {sentence_for(exc, args, address)}", file=stderr)
        return EXIT_ERROR


def _discard_output(stream: TextIO) -> None:
    """Point a closed pipe's file descriptor at the null device, so that the flush
    when Python exits writes nowhere instead of failing a second time."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's StringIO)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def run() -> None:
    """Console-script entry point: exits quietly when the reader of its output goes away."""
    from secresponder.cli.streams import configure_streams

    configure_streams()  # UTF-8 when redirected; a log file when there is no console at all
    # A library's warning ("Data Validation extension is not supported") is noise with a
    # source path to a user; what the app could not do it says itself.
    warnings.simplefilter("ignore")
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_output(sys.stdout)
        code = EXIT_BROKEN_PIPE
    sys.exit(code)
