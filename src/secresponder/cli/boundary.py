"""The command line's one error boundary: every failure becomes one sentence on stderr.

A problem the app already worded (a SecResponderError) is printed as it is. A
fault from the machine (disk full, permission, damaged database, an unknown
encoding, input nested too deeply, a number out of range) is worded by
``secresponder.faults`` naming the file or folder the command was using. Anything
else is a bug: the user reads which kind of error it was and where the details
are, and the traceback goes to the workspace's log.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from secresponder.faults import FaultScene
from secresponder.logs import word_failure

if TYPE_CHECKING:
    from secresponder.services.session import WorkspaceAddress

# Arguments naming what a command writes; every other argument that names an
# existing file is something it reads.
_OUTPUT_ARGUMENTS = ("output",)
_SUBJECT_ARGUMENTS = ("ref", "refs")


def scene_for(args: argparse.Namespace | None, address: WorkspaceAddress | None) -> FaultScene:
    """What the command was using, read from its arguments."""
    values = vars(args) if args is not None else {}
    outputs = [Path(str(v)) for name in _OUTPUT_ARGUMENTS for v in _values(values.get(name))]
    inputs = [
        Path(str(v))
        for name, value in values.items()
        if name not in _OUTPUT_ARGUMENTS
        for v in _values(value)
        if _is_existing_file(v)
    ]
    subjects = [str(v) for name in _SUBJECT_ARGUMENTS for v in _values(values.get(name))]
    return FaultScene(
        database=address.database_file if address is not None else None,  # None: a team's
        inputs=tuple(inputs),
        outputs=tuple(outputs),
        subject=", ".join(subjects) or None,
    )


def sentence_for(
    exc: BaseException, args: argparse.Namespace | None, address: WorkspaceAddress | None
) -> str:
    """The one sentence to print for ``exc``; the details of an unknown fault are logged
    (in the workspace folder, or a team database's local folder)."""
    command = getattr(args, "command", None) or "secresponder"
    sentence, _ = word_failure(
        exc, scene_for(args, address),
        workspace_root=address.local_folder if address is not None else None,
        doing=f"command {command}",
    )
    return sentence


def _values(value: object) -> Iterator[object]:
    if isinstance(value, list | tuple):
        yield from value
    elif isinstance(value, str | os.PathLike) and str(value):
        yield value


def _is_existing_file(value: object) -> bool:
    if not isinstance(value, str | os.PathLike):
        return False
    text = os.fspath(value)
    if "://" in str(text):
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL byte
        return False
