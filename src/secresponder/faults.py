"""Turning faults from the machine into one sentence a user can act on.

The operating system, SQLite and the standard library report problems as
OSError, sqlite3 errors, LookupError (an unknown text encoding), RecursionError
(input nested too deeply) or OverflowError (a number or date out of range).
``explain`` words each as one sentence naming the file or folder and what to
do; it returns None for anything else, which is a bug to be logged rather than
explained. No Qt and no I/O beyond looking at the path named by the error.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from secresponder.errors import SecResponderError

# Windows reports a file held open by another program (Word, a virus scanner) as
# a PermissionError carrying one of these codes.
_WINDOWS_SHARING_VIOLATIONS = frozenset({32, 33})
_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_NO_PERMISSION = frozenset({errno.EACCES, errno.EPERM})


@dataclass(frozen=True)
class FaultScene:
    """What the command was working on, so a sentence can name it.

    ``database`` is the workspace database; ``inputs`` the files the command read;
    ``outputs`` the files or folders it was writing; ``subject`` the thing it was
    about (a consultation reference) when the error names no file.
    """

    database: Path | None = None
    inputs: Sequence[Path] = field(default_factory=tuple)
    outputs: Sequence[Path] = field(default_factory=tuple)
    subject: str | None = None


def explain(exc: BaseException, scene: FaultScene | None = None) -> str | None:
    """One sentence for ``exc``, or None when it is not a fault the user can act on."""
    scene = scene or FaultScene()
    if isinstance(exc, SecResponderError):
        return str(exc)
    if isinstance(exc, OSError):
        return explain_os_error(exc, scene)
    if isinstance(exc, sqlite3.Error):
        return explain_database_error(exc, scene)
    # A folder's SQLite error raised through SQLAlchemy Core arrives wrapped (DBAPIError):
    # it is worded as the error it carries.
    if isinstance(getattr(exc, "orig", None), sqlite3.Error):
        return explain_database_error(exc.orig, scene)  # type: ignore[attr-defined]
    if isinstance(exc, RecursionError):
        return (
            f"{_named(scene.inputs, 'the input')}: nested too deeply to read; "
            "give a flatter file."
        )
    if isinstance(exc, UnicodeDecodeError):
        return (
            f"{_named(scene.inputs, 'the input')}: holds bytes that are not text in the "
            f"encoding it was read as ({exc.encoding}: {exc.reason}); save it again as UTF-8."
        )
    if isinstance(exc, UnicodeEncodeError) and _has_surrogates(exc.object):
        # Bytes the command line could not decode (a name typed or saved in another
        # encoding) reach Python as lone surrogates, which nothing can store or print.
        shown = exc.object.encode("utf-8", "backslashreplace").decode("ascii", "replace")
        return (
            f"‘{shown}’ holds bytes that are not text in this system's encoding; retype it, "
            "or rename the file it names."
        )
    if isinstance(exc, UnicodeEncodeError):
        return (
            f"some characters cannot be written in the {exc.encoding} encoding of the output; "
            "set PYTHONIOENCODING=utf-8 or send the output to a file."
        )
    # Codec lookups raise LookupError itself; KeyError and IndexError are bugs.
    if type(exc) is LookupError and "encoding" in str(exc):
        return (
            f"{_named(scene.inputs, 'the input')}: declares a text encoding that cannot be "
            f"read ({exc}); save it again as UTF-8."
        )
    if isinstance(exc, OverflowError):
        about = scene.subject or _named(scene.inputs, "")
        lead = f"{about}: a" if about else "A"
        return (
            f"{lead} date or number is out of range ({exc}); check the dates (years "
            "2000 to 2100) and numbers given."
        )
    if isinstance(exc, MemoryError):
        return f"{_named(scene.inputs, 'the input')}: too large to handle in memory."
    return None


def explain_os_error(exc: OSError, scene: FaultScene) -> str:
    """Permission, read-only, disk full, not a folder, a folder in the way, locked, missing."""
    code = exc.errno
    # A write's OSError often names no file (the data was going to an open file).
    where = _where(exc, scene)
    if code in _DISK_FULL:
        return (
            f"{where}: the disk is full; free some space or choose another folder, "
            "then try again."
        )
    if code == errno.EROFS:
        return f"{where}: is on a read-only disk; choose a folder you can write to."
    if getattr(exc, "winerror", None) in _WINDOWS_SHARING_VIOLATIONS or code in (
        errno.EBUSY,
        errno.ETXTBSY,
    ):
        return f"{where}: is open in another program; close it there and try again."
    if code in _NO_PERMISSION and exc.filename2 is not None and Path(where).is_dir():
        # Windows refuses to rename a file onto a folder with "access is denied".
        return f"{where}: is a folder where a file should go; choose another name."
    if code in _NO_PERMISSION:
        return (
            f"{where}: permission denied; check that you may read and write there, "
            "or choose another folder."
        )
    if code == errno.ENOTDIR:
        return f"{where}: part of this path is a file, not a folder; choose another folder."
    if code == errno.EISDIR:
        return f"{where}: is a folder where a file should go; choose another name."
    if code == errno.EEXIST:
        if Path(where).is_file():
            return f"{where}: is a file where a folder should go; move it or choose another folder."
        return f"{where}: already exists; choose another name."
    if code == errno.ENOENT:
        return f"{where}: not found; check the path."
    if code == errno.ENAMETOOLONG:
        return f"{where}: the name is too long; choose a shorter name or a shallower folder."
    if code == errno.EIO:
        return f"{where}: the disk reported a read or write error; check the disk and try again."
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: cannot be used ({reason})."


def explain_database_error(exc: sqlite3.Error, scene: FaultScene) -> str | None:
    """Damaged, read-only, busy or full workspace database; None for a programming error."""
    message = str(exc).lower()
    where = scene.database or "the workspace database"
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "not a database" in message or "malformed" in message or name.startswith("SQLITE_CORRUPT"):
        return (
            f"{where}: the workspace database is damaged ({exc}); restore the latest backup "
            "with `secresponder workspace restore` (the damaged file is kept aside)."
        )
    if "readonly" in message or "read-only" in message or name.startswith("SQLITE_READONLY"):
        return (
            f"{where}: the workspace is read-only, so nothing was changed; ask for write "
            "access or work on a copy in a folder you can write to."
        )
    if "locked" in message or "busy" in message or name.startswith("SQLITE_BUSY"):
        return (
            f"{where}: the workspace is busy in another window or process; "
            "wait for it to finish and try again."
        )
    if "full" in message or name == "SQLITE_FULL":
        return (
            f"{where}: the disk is full; free some space, then try again "
            "(nothing was changed)."
        )
    if "unable to open" in message or name.startswith("SQLITE_CANTOPEN"):
        return (
            f"{where}: cannot be opened; check that its folder exists and that you may "
            "read and write there."
        )
    if "disk i/o" in message or name.startswith("SQLITE_IOERR"):
        return (
            f"{where}: the disk reported a read or write error; check the disk and "
            "try again (nothing was changed)."
        )
    return None


def _where(exc: OSError, scene: FaultScene) -> str:
    # A rename names the temporary file first and the destination second: a user
    # knows the destination, and it is the one in the way of a folder.
    if exc.filename2 is not None and (
        exc.errno in (errno.EISDIR, errno.EEXIST, errno.ENOTEMPTY)
        or os.fsdecode(exc.filename).endswith(".part")
    ):
        return os.fsdecode(exc.filename2)
    if exc.filename is not None:
        path = Path(os.fsdecode(exc.filename))
        # A hidden temporary file the user never named: the folder it was made in is
        # what cannot be written.
        if path.name.startswith(".") and path.name.endswith(".part"):
            return str(path.parent)
        return str(path)
    if exc.errno in _DISK_FULL | _NO_PERMISSION | {errno.EROFS, errno.EIO} and scene.outputs:
        return _named(scene.outputs, "")
    if scene.database is not None:
        return str(scene.database.parent)
    return _named([*scene.outputs, *scene.inputs], "a file")


def _has_surrogates(text: object) -> bool:
    return isinstance(text, str) and any("\ud800" <= ch <= "\udfff" for ch in text)


def _named(paths: Sequence[Path], fallback: str) -> str:
    """One path as it is, several as "one of a, b"; ``fallback`` when there are none."""
    shown = [str(p) for p in paths]
    if not shown:
        return fallback
    if len(shown) == 1:
        return shown[0]
    return "one of " + ", ".join(shown)
