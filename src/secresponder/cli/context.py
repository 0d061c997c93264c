"""What every command receives: where the workspace is, the clock, and the output streams.

The workspace is a folder or a team database (``--workspace postgresql://...``);
``address`` says which, and ``open_workspace`` opens either.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from secresponder.domain.clock import Clock, default_clock
from secresponder.services.session import WorkspaceAddress, parse_address

if TYPE_CHECKING:
    from secresponder.services.session import AnyWorkspace


@dataclass
class CommandContext:
    address: WorkspaceAddress
    clock: Clock = field(default_factory=default_clock)
    json: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    user: str | None = None  # --user as given; services.identity resolves who is working

    @property
    def workspace_root(self) -> Path:
        """The workspace folder, or a team database's local folder (its log)."""
        return self.address.local_folder

    def open_workspace(self) -> AnyWorkspace:
        """Open the workspace (a folder is created and migrated if needed); seeds it on
        first use."""
        from secresponder.services.session import open_seeded

        return open_seeded(self.address, clock=self.clock)

    def print(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.stdout, indent=2, ensure_ascii=False)
        self.stdout.write("\n")

    def warn(self, text: str) -> None:
        print(text, file=self.stderr)


def make_context(args: Any, clock: Clock | None, stdout: TextIO, stderr: TextIO) -> CommandContext:
    return CommandContext(
        address=parse_address(getattr(args, "workspace", None)),
        clock=clock or default_clock(),
        json=bool(getattr(args, "json", False)),
        stdout=stdout,
        stderr=stderr,
        user=getattr(args, "user", None),
    )


Handler = Callable[[CommandContext, Any], int]
