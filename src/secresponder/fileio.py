"""Safe file reading and writing shared by every layer that touches files.

Reads of untrusted files are size-checked before anything is parsed; writes go
to a temporary name in the same folder and are renamed into place, so a crash
never leaves half a file and an existing file is only replaced when allowed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from secresponder.errors import InputError, OutputExistsError

MB = 1024 * 1024


def _read_umask() -> int:
    # os.umask can only be read by setting it; do that once, at import, before any
    # worker thread could be creating files.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def read_limited(path: str | os.PathLike[str], limit: int, *, what: str = "file") -> bytes:
    """Read ``path`` whole; refuse it in one sentence if missing, empty or over ``limit``."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{p}: no such {what}.") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a {what}.")
    if size > limit:
        raise InputError(
            f"{p}: the {what} is {size / MB:.1f} MB, over the {limit / MB:.0f} MB limit."
        )
    try:
        with p.open("rb") as fh:
            # Ask for no more than the file's size (plus one byte, to notice growth):
            # read(limit) would reserve a limit-sized buffer on every call.
            data = fh.read(min(size, limit) + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    if len(data) > limit:
        raise InputError(f"{p}: the {what} is over the {limit / MB:.0f} MB limit.")
    if not data:
        raise InputError(f"{p}: the {what} is empty.")
    return data


def check_writable_target(path: Path, *, overwrite: bool) -> None:
    """Refuse early, before any work, when ``path`` exists and may not be replaced."""
    if path.exists() and not overwrite:
        raise OutputExistsError(f"{path}: already exists; use --force to overwrite it.")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary file whose contents replace ``path`` only if the block succeeds."""
    target = Path(path)
    check_writable_target(target, overwrite=overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        # mkstemp creates the file readable by its owner only; a document the user
        # exports should get the ordinary permissions their umask gives new files.
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if not overwrite and target.exists():
            raise OutputExistsError(f"{target}: already exists; use --force to overwrite it.")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path written."""
    with atomic_output(path, overwrite=overwrite) as fh:
        fh.write(data)
    return Path(path)


def atomic_write_with(
    path: str | os.PathLike[str], writer: Callable[[BinaryIO], None], *, overwrite: bool = False
) -> Path:
    """Let ``writer`` fill a temporary file, then rename it over ``path``."""
    with atomic_output(path, overwrite=overwrite) as fh:
        writer(fh)
    return Path(path)

