"""Downloading a linked document: streamed to a temporary file with a size cap.

The connection (trust store, proxy, one overall deadline, https-only redirects from
https links) is ``network.fetch``'s.

The content type is checked before the body is read, the size both from
Content-Length and while streaming, and the caller may cancel between chunks.
Nothing is left behind on failure; on success the caller owns the temporary file
(and renames it into place).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import httpx

from secresponder.documents.formats import content_type_format
from secresponder.errors import InputError, SecResponderError
from secresponder.fileio import MB
from secresponder.network.fetch import Opened, document_deadline, open_url

DEFAULT_TIMEOUT = 30.0

Progress = Callable[[int, int | None], None]  # (bytes so far, total if known)


class DownloadCancelled(SecResponderError):
    """The user stopped a download; nothing was kept."""


@dataclass(frozen=True)
class Downloaded:
    path: Path  # temporary file, in the folder asked for
    name: str  # a file name for the document, from the response or the URL
    declared_format: str | None  # what the Content-Type said, None if generic
    size: int


def download(
    url: str,
    folder: Path,
    *,
    limit: int,
    client: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    deadline: float | None = None,
    proxy: str = "",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Downloaded:
    """Fetch ``url`` into a temporary file in ``folder``; InputError in one sentence if refused.

    ``timeout`` bounds each wait for the server; ``deadline`` the whole download (by
    default it grows with ``limit``); ``proxy`` is the user's proxy setting.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: is not a web address (http or https) to download from.")
    allowed = document_deadline(limit) if deadline is None else deadline
    with open_url(
        url, deadline=allowed, proxy=proxy, verb="downloaded", read_timeout=timeout,
        client=client,
    ) as opened:
        return _receive(url, opened, folder, limit, progress, cancelled)


def _receive(
    url: str,
    opened: Opened,
    folder: Path,
    limit: int,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> Downloaded:
    response = opened.response
    if response.status_code >= 400:
        raise InputError(
            f"{url}: the server answered {response.status_code} {response.reason_phrase}."
        )
    declared = content_type_format(response.headers.get("content-type"), url)
    total = _content_length(response)
    if total is not None and total > limit:
        raise InputError(
            f"{url}: the document is {total / MB:.1f} MB, over the {_amount(limit)} limit; "
            f"it was not downloaded."
        )
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".download-", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    received = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in opened.chunks():
                if cancelled is not None and cancelled():
                    raise DownloadCancelled(f"{url}: the download was cancelled; nothing was kept.")
                received += len(chunk)
                if received > limit:
                    raise InputError(
                        f"{url}: the document is over the {_amount(limit)} limit; "
                        f"it was not downloaded."
                    )
                fh.write(chunk)
                if progress is not None:
                    progress(received, total)
        if received == 0:
            raise InputError(f"{url}: the server sent an empty document.")
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return Downloaded(tmp, _file_name(response, url), declared, received)


def _amount(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{size // 1024} KB"


def _content_length(response: httpx.Response) -> int | None:
    try:
        return int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None


_DISPOSITION_NAME = re.compile(r"""filename\*?=(?:UTF-8'')?["']?([^"';]+)""", re.IGNORECASE)


def _file_name(response: httpx.Response, url: str) -> str:
    """The name the server gives, else the last part of the address, made safe."""
    match = _DISPOSITION_NAME.search(response.headers.get("content-disposition", ""))
    raw = unquote(match.group(1)) if match else unquote(PurePosixPath(urlsplit(url).path).name)
    name = re.sub(r"[\x00-\x1f/\\:]+", " ", raw).strip(" .")
    return name[:200] or "download"
