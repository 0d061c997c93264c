"""What every command receives: where the workspace is, the clock, and the output streams."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from secresponder.domain.clock import Clock, default_clock
from secresponder.paths import workspace_dir

if TYPE_CHECKING:
    from secresponder.services.types import Workspace


@dataclass
class CommandContext:
    workspace_root: Path
    clock: Clock = field(default_factory=default_clock)
    json: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    user: str | None = None  # --user as given; services.identity resolves who is working

    def open_workspace(self) -> Workspace:
        """Open (creating and migrating if needed) the workspace; seeds it on first use."""
        from secresponder.services.bootstrap import open_seeded_workspace

        return open_seeded_workspace(self.workspace_root, clock=self.clock)

    def print(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.stdout, indent=2, ensure_ascii=False)
        self.stdout.write("\n")

    def warn(self, text: str) -> None:
        print(text, file=self.stderr)


def make_context(args: Any, clock: Clock | None, stdout: TextIO, stderr: TextIO) -> CommandContext:
    return CommandContext(
        workspace_root=workspace_dir(getattr(args, "workspace", None)),
        clock=clock or default_clock(),
        json=bool(getattr(args, "json", False)),
        stdout=stdout,
        stderr=stderr,
        user=getattr(args, "user", None),
    )


Handler = Callable[[CommandContext, Any], int]
