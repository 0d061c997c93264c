"""The workspace's log: full details of failures, kept out of the user's way.

Tracebacks never reach a user; they go to ``<workspace>/logs/secresponder.log``,
rotated at about 1 MB with a few older files kept. When the workspace folder
cannot take the log (it does not exist, is read-only or the disk is full), the
user's own log folder is tried instead; the path actually written is returned so
the sentence shown to the user can name it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

import platformdirs

from secresponder.faults import FaultScene, explain
from secresponder.paths import APP_NAME

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "secresponder.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 4
LOG_DIR_ENV = "SECRESPONDER_LOG_DIR"

_lock = threading.Lock()


def workspace_log_path(workspace_root: Path) -> Path:
    """Where a workspace keeps its log."""
    return workspace_root / LOG_DIR_NAME / LOG_FILE_NAME


def fallback_log_path() -> Path:
    """The user's own log folder (or ``$SECRESPONDER_LOG_DIR``), for when the workspace can't."""
    explicit = os.environ.get(LOG_DIR_ENV)
    folder = Path(explicit) if explicit else Path(platformdirs.user_log_dir(APP_NAME, False))
    return folder / LOG_FILE_NAME


def record_failure(
    exc: BaseException, *, workspace_root: Path | None, context: str
) -> Path | None:
    """Append ``exc`` with its traceback to the log; the file written, or None if none could be."""
    candidates = []
    # Only an existing folder takes the log: a mistyped workspace must not be created by it.
    if workspace_root is not None and workspace_root.is_dir():
        candidates.append(workspace_log_path(workspace_root))
    candidates.append(fallback_log_path())
    for path in candidates:
        if _write(path, exc, context):
            return path
    return None


def word_failure(
    exc: BaseException, scene: FaultScene, *, workspace_root: Path | None, doing: str
) -> tuple[str, bool]:
    """The one sentence for ``exc`` and whether it was a known fault; the detail is logged.

    A fault the user can act on is worded by :func:`secresponder.faults.explain`;
    anything else is a bug, whose sentence names the log that holds its traceback.
    """
    known = explain(exc, scene)
    if known is not None:
        # The fault is worded; the log still gets the detail for whoever supports the user.
        record_failure(exc, workspace_root=workspace_root, context=f"{doing}: {known}")
        return known, True
    log = record_failure(exc, workspace_root=workspace_root, context=f"{doing} failed")
    where = f"details are in {log}" if log else "the details could not be written to a log"
    return f"an unexpected error occurred ({type(exc).__name__}); {where}.", False


class _QuietHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that notes a failure instead of printing to stderr."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True


def _write(path: Path, exc: BaseException, context: str) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return False
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger(f"{APP_NAME}.failures")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    with _lock:
        logger.addHandler(handler)
        try:
            logger.error(
                "%s (secresponder on Python %s)",
                context,
                sys.version.split()[0],
                exc_info=(type(exc), exc, exc.__traceback__),
            )
        finally:
            logger.removeHandler(handler)
            handler.close()
    return not handler.failed and path.is_file()
