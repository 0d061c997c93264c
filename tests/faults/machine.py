"""Real faults from the machine where it allows them, injected ones where it does not.

As root (as CI runs here) a tiny tmpfs gives a real full disk, a tmpfs remounted
read-only a real read-only disk, and ``chattr +i`` a file or folder that even
root cannot change (root ignores permission bits). Elsewhere permission bits
make things read-only and the caller injects the full disk. Each helper says
which kind ran, so a test can report it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _run(*argv: str) -> bool:
    if shutil.which(argv[0]) is None:
        return False
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    return done.returncode == 0


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def small_disk(mountpoint: Path, kilobytes: int) -> Iterator[bool]:
    """A folder on a disk of ``kilobytes`` (True), or an ordinary folder (False) to inject into."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    mounted = is_root() and _run("mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs",
                                 str(mountpoint))
    try:
        yield mounted
    finally:
        if mounted and not _run("umount", str(mountpoint)):
            _run("umount", "-l", str(mountpoint))


def fill_disk(folder: Path, leave_bytes: int = 0) -> None:
    """Fill the disk holding ``folder`` until at most ``leave_bytes`` are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with contextlib.suppress(OSError), (folder / "ballast").open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave_bytes))
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def read_only_disk(mountpoint: Path, copy_from: Path | None = None) -> Iterator[str]:
    """A folder on a read-only disk holding a copy of ``copy_from``'s contents.

    Yields "read-only tmpfs" where a disk can be mounted, else "permission bits"
    (folder and files made unwritable, which binds every user but root).
    """
    mountpoint.mkdir(parents=True, exist_ok=True)
    mounted = is_root() and _run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs",
                                 str(mountpoint))
    if copy_from is not None:
        shutil.copytree(copy_from, mountpoint, dirs_exist_ok=True)
    try:
        if mounted and _run("mount", "-o", "remount,ro", str(mountpoint)):
            yield "read-only tmpfs"
        else:
            with unwritable(mountpoint, recursive=True) as how:
                yield how
    finally:
        if mounted and not _run("umount", str(mountpoint)):
            _run("umount", "-l", str(mountpoint))


@contextlib.contextmanager
def unwritable(path: Path, *, recursive: bool = False) -> Iterator[str]:
    """``path`` (a file or folder) made unchangeable: "chattr +i" as root, else permission bits."""
    paths = [path, *(sorted(path.rglob("*")) if recursive and path.is_dir() else [])]
    if is_root():
        done = []
        for p in paths:
            if not _run("chattr", "+i", str(p)):
                break
            done.append(p)
        if len(done) == len(paths):
            try:
                yield "chattr +i"
            finally:
                for p in done:
                    _run("chattr", "-i", str(p))
            return
        for p in done:  # the file system does not support it: undo, use permission bits
            _run("chattr", "-i", str(p))
    modes = {p: p.stat().st_mode for p in paths}
    for p in reversed(paths):
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield "permission bits"
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
