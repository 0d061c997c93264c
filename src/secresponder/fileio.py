"""Safe file reading and writing shared by every layer that touches files.

Reads of untrusted files are size-checked before anything is parsed; writes go
to a temporary name in the same folder and are renamed into place, so a crash
never leaves half a file and an existing file is only replaced when allowed.
On Windows a file open in Word, or being read by the antivirus scanner, cannot be
renamed over for a moment: renames retry briefly, then say so naming the file.
Full paths are checked against Windows' limits before anything is written, and a
set of files (an export) is written to temporary names and put in place together.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from secresponder.errors import InputError, OutputExistsError, SecResponderError

MB = 1024 * 1024
log = logging.getLogger(__name__)

# Waits between attempts to rename over a busy file: about 2 seconds in all, long
# enough for a virus scan of a new document, short enough to answer promptly.
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.6, 0.8)
# Windows: ERROR_ACCESS_DENIED (also given while a file is being deleted or scanned),
# ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_BUSY_WINERRORS = {5, 32, 33}

# Windows' limits on a full path, in characters: 259 for any file (MAX_PATH less the
# terminating NUL); Word will not open a document whose path is over 255, Excel a
# workbook over 218.
PATH_LIMIT = 259
APP_PATH_LIMITS = {".docx": (255, "Word"), ".docm": (255, "Word"), ".doc": (255, "Word"),
                   ".xlsx": (218, "Excel"), ".xlsm": (218, "Excel"), ".xls": (218, "Excel")}


class FileBusyError(SecResponderError):
    """A file could not be replaced because another program has it open."""


class PathTooLongError(SecResponderError):
    """A full path is over what Windows, Word or Excel accept."""


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


def check_path_length(path: str | os.PathLike[str]) -> None:
    """Refuse a full path longer than Windows (or Word, or Excel, by its suffix) accepts."""
    full = os.path.abspath(path)
    limit, program = APP_PATH_LIMITS.get(Path(full).suffix.lower(), (PATH_LIMIT, "Windows"))
    if len(full) > limit:
        raise PathTooLongError(
            f"{full}: the full path is {len(full)} characters, over the {limit} {program} "
            f"accepts; choose a folder with a shorter path (for example one directly in "
            f"Documents) and try again."
        )


def check_writable_target(path: Path, *, overwrite: bool) -> None:
    """Refuse early, before any work, when ``path`` exists and may not be replaced,
    or when its full path is too long to be opened on Windows."""
    check_path_length(path)
    if path.exists() and not overwrite:
        raise OutputExistsError(f"{path}: already exists; use --force to overwrite it.")


def is_busy(exc: OSError) -> bool:
    """Whether ``exc`` means another program holds the file (Word, a virus scanner)."""
    if getattr(exc, "winerror", None) in _BUSY_WINERRORS:
        return True
    return exc.errno in (errno.EBUSY, errno.ETXTBSY)


def busy_message(path: Path, exc: OSError | None = None) -> str:
    if exc is not None and getattr(exc, "winerror", None) == 5:
        # Access denied is also what Windows says for a read-only file or folder.
        return (f"{path}: could not be replaced (access denied); if it is open in Word or "
                f"being scanned, close it (or wait for the scan) and try again, otherwise "
                f"check that it and its folder are not read-only.")
    return (f"{path}: is open in another program; close it in Word (or wait for the scan) "
            f"and try again.")


def replace_file(source: Path, target: Path, *, shown: Path | None = None) -> None:
    """``os.replace`` that retries briefly while the file is busy, then says so."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except OSError as exc:
            if not is_busy(exc):
                raise
            if delay is None:
                raise FileBusyError(busy_message(shown or target, exc)) from None
            time.sleep(delay)


# A temporary file this much older than now was left by a process killed mid-write;
# a younger one may be another window's write in progress.
STALE_PART_SECONDS = 3600


def remove_stale_parts(target: Path) -> None:
    """Remove hidden ``.part`` files a killed write of ``target`` left beside it.

    A moved-aside ``.old.part`` is kept: it may be the only copy of the previous file.
    """
    prefix = f".{target.name[:24]}."
    cutoff = time.time() - STALE_PART_SECONDS
    with contextlib.suppress(OSError):
        for path in target.parent.glob(f"{glob.escape(prefix)}*.part"):
            if path.name.endswith(".old.part"):
                continue
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()


def _temporary(target: Path) -> tuple[int, Path]:
    remove_stale_parts(target)
    # A short stem keeps the temporary name's full path within Windows' limit when
    # the target's own path is near it.
    fd, name = tempfile.mkstemp(prefix=f".{target.name[:24]}.", suffix=".part",
                                dir=target.parent)
    return fd, Path(name)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary file whose contents replace ``path`` only if the block succeeds."""
    target = Path(path)
    check_writable_target(target, overwrite=overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(target)
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
        replace_file(tmp, target)
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



def write_files_together(
    files: Sequence[tuple[Path, bytes]], *, overwrite: bool = False
) -> list[Path]:
    """Write every file to a temporary name, then put them all in place at once.

    Existing files are first moved aside; if any of them is busy (open in Word) or any
    step fails, everything is put back as it was, so the folder never holds a mix of
    old and new files. Returns the paths written.
    """
    targets = [Path(path) for path, _ in files]
    for target in targets:
        check_writable_target(target, overwrite=overwrite)
        if target.is_dir():  # os.replace would refuse it; moving it aside must not
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    temps: list[Path] = []
    aside: list[tuple[Path, Path]] = []  # (target, where the old file was moved)
    placed: list[Path] = []
    try:
        for target, data in zip(targets, (d for _, d in files), strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _temporary(target)
            temps.append(tmp)
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o666 & ~_UMASK)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for target in targets:
            if target.exists():
                if not overwrite:
                    raise OutputExistsError(
                        f"{target}: already exists; use --force to overwrite it."
                    )
                backup = target.with_name(f".{target.name[:24]}.{os.getpid()}.old.part")
                replace_file(target, backup, shown=target)
                aside.append((target, backup))
        for tmp, target in zip(temps, targets, strict=True):
            replace_file(tmp, target)
            placed.append(target)
    except BaseException:
        for target in placed:
            with contextlib.suppress(OSError):
                target.unlink()
        for target, backup in aside:
            try:
                os.replace(backup, target)
            except OSError:  # pragma: no cover - the folder vanished mid-way
                log.exception("Could not put %s back from %s", target, backup)
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    for _, backup in aside:
        try:
            backup.unlink()
        except OSError:  # a scanner may hold it a moment; a leftover .part is cleaned later
            log.warning("Could not remove the replaced file %s", backup)
    return targets
