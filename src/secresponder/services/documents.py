"""Attaching documents to consultations, from local files or their links, for offline reading.

A document is checked completely (size, format, text extraction) before anything
is stored, so a bad file changes nothing: no stored file, no rows. A good one is
stored once by checksum, linked to the consultation and its text indexed, all in one
transaction. A folder keeps the file in ``files/``; a team database keeps its bytes
in the database (written in that same transaction), and opening it reads a local
copy kept once per checksum in this computer's folder for that database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from secresponder.documents import download as downloading
from secresponder.documents.extract import extract_text, no_text_warning
from secresponder.documents.formats import DESCRIPTIONS, HTML, TXT, detect_format, extension_for
from secresponder.domain.clock import Clock
from secresponder.errors import InputError, NotFoundError
from secresponder.fileio import MB, atomic_write_bytes, read_limited
from secresponder.services.preferences import proxy_setting
from secresponder.services.session import cached_files_dir
from secresponder.store.file_store import DatabaseFiles, files_for
from secresponder.store.records import Attachment
from secresponder.store.sql import documents as documents_store
from secresponder.store.sql import search as search_store
from secresponder.store.sql import session
from secresponder.store.sql.database import DatabaseWorkspace
from secresponder.store.sql.session import AnyWorkspace
from secresponder.store.sql.settings import get_setting
from secresponder.store.sql.tables import consultations
from secresponder.store.workspace import Workspace

DEFAULT_SIZE_LIMIT = 100 * MB
SIZE_LIMIT_SETTING = "documents.size_limit_mb"


@dataclass(frozen=True)
class AttachResult:
    attachment: Attachment
    created: bool  # False: this document was attached to this consultation already
    new_file: bool  # True: the file was not in the workspace before
    warning: str | None = None  # e.g. a scanned PDF with nothing to search


def size_limit(ws: AnyWorkspace) -> int:
    """The largest document accepted, in bytes (setting ``documents.size_limit_mb``)."""
    with session.reading(ws) as conn:
        value = get_setting(conn, SIZE_LIMIT_SETTING)
    if isinstance(value, int | float) and value > 0:
        return int(value * MB)
    return DEFAULT_SIZE_LIMIT


def attach_file(
    ws: AnyWorkspace,
    consultation_id: int,
    path: str | os.PathLike[str],
    *,
    clock: Clock,
    limit: int | None = None,
    label: str | None = None,
) -> AttachResult:
    """Attach a local file to a consultation (copied into the workspace)."""
    p = Path(path)
    data = read_limited(p, limit or size_limit(ws), what="document")
    return _attach(
        ws, consultation_id, data, name=p.name, label=label or p.name,
        source=str(p.resolve()), clock=clock,
    )


def attach_url(
    ws: AnyWorkspace,
    consultation_id: int,
    url: str,
    *,
    clock: Clock,
    limit: int | None = None,
    label: str | None = None,
    client: httpx.Client | None = None,
    timeout: float = downloading.DEFAULT_TIMEOUT,
    progress: downloading.Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AttachResult:
    """Download a linked document and attach it; the download is removed if it is refused."""
    # In a folder, the download lands beside the stored files, so keeping it is a rename.
    folder = _files_folder(ws)
    got = downloading.download(
        url, folder, limit=limit or size_limit(ws), client=client, timeout=timeout,
        proxy=proxy_setting(ws), progress=progress, cancelled=cancelled,
    )
    try:
        data = got.path.read_bytes()
        name = got.name
        # The bytes decide (a login page saved as .pdf is still a web page); the name
        # is used only in messages.
        fmt = detect_format(Path(name).stem or "download", data)
        if got.declared_format and fmt != got.declared_format:
            if {fmt, got.declared_format} <= {HTML, TXT}:
                fmt = got.declared_format
            else:
                raise InputError(
                    f"{url}: the server said it was a {DESCRIPTIONS[got.declared_format]} but "
                    f"sent a {DESCRIPTIONS[fmt]} (a login page?), so it was not attached."
                )
        return _attach(
            ws, consultation_id, data, name=name, label=label or name, source=url,
            clock=clock, fmt=fmt, downloaded=got.path,
        )
    finally:
        with contextlib.suppress(OSError):
            got.path.unlink()


def _attach(
    ws: AnyWorkspace,
    consultation_id: int,
    data: bytes,
    *,
    name: str,
    label: str,
    source: str,
    clock: Clock,
    fmt: str | None = None,
    downloaded: Path | None = None,
) -> AttachResult:
    sha = hashlib.sha256(data).hexdigest()
    with session.reading(ws) as conn:
        _check_consultation(conn, consultation_id)
        existing = documents_store.find_document(conn, sha)
    extracted = None
    if existing is None:
        extracted = extract_text(name, data, fmt)  # refuses bad files before anything is kept
        fmt = extracted.format
    else:
        fmt = existing.format
    stored_name = sha + extension_for(fmt)
    # A folder's file is written before its rows (and removed again if they are not);
    # a team database's goes in with them, in the same transaction.
    target = ws.files_dir / stored_name if isinstance(ws, Workspace) else None
    new_file = target is not None and not target.exists()
    if target is not None and new_file:
        _store_file(target, data, downloaded)
    now = clock()
    try:
        with session.transaction(ws) as tx:
            document = documents_store.find_document(tx, sha)
            if document is None:
                if extracted is None:  # removed meanwhile by another window: read it again
                    extracted = extract_text(name, data, fmt)
                if isinstance(ws, DatabaseWorkspace):
                    files = _database_files(ws)
                    new_file = not files.exists(stored_name)  # a draft's form may have it
                    files.put(data, stored_name, now=now, conn=tx)
                document = documents_store.insert_document(
                    tx, sha256=sha, fmt=fmt, size=len(data), stored_name=stored_name,
                    title=extracted.title, pages=extracted.pages,
                    text_chars=len(extracted.text), added_at=now,
                )
                if extracted.has_text:
                    title = label if not extracted.title else f"{label} — {extracted.title}"
                    search_store.index_document(tx, document.id, title, extracted.text)
            attachment, created = documents_store.attach(
                tx, consultation_id=consultation_id, document_id=document.id, label=label,
                source=source, attached_at=now,
            )
    except BaseException:
        if target is not None and new_file and _document_gone(ws, sha):
            with contextlib.suppress(OSError):
                target.unlink()
        raise
    warning = None if document.searchable else no_text_warning(label, fmt)
    return AttachResult(attachment, created, new_file, warning)


def _files_folder(ws: AnyWorkspace) -> Path:
    """A folder's ``files/``; for a team database, this computer's local copies of its files."""
    if isinstance(ws, Workspace):
        return ws.files_dir
    folder = cached_files_dir(ws)
    assert folder is not None  # a team database's is always named
    return folder


def _database_files(ws: DatabaseWorkspace) -> DatabaseFiles:
    files = files_for(ws, cache_dir=_files_folder(ws))
    assert isinstance(files, DatabaseFiles)
    return files


def _document_gone(ws: AnyWorkspace, sha: str) -> bool:
    with session.reading(ws) as conn:
        return documents_store.find_document(conn, sha) is None


def _store_file(target: Path, data: bytes, downloaded: Path | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if downloaded is not None and downloaded.parent == target.parent:
        os.replace(downloaded, target)  # already complete on disk: a rename suffices
        return
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise InputError(f"{target}: the document could not be stored ({exc}).") from None


_CONSULTATION = select(consultations.c.id).where(consultations.c.id == bindparam("id"))


def _check_consultation(conn: Connection, consultation_id: int) -> None:
    if conn.execute(_CONSULTATION, {"id": consultation_id}).first() is None:
        raise NotFoundError(f"Consultation #{consultation_id} is not in the workspace.")


def list_documents(ws: AnyWorkspace, consultation_id: int) -> list[Attachment]:
    """A consultation's documents, in the order they were attached."""
    with session.reading(ws) as conn:
        return documents_store.attachments_for(conn, consultation_id)


def get_attachment(ws: AnyWorkspace, attachment_id: int) -> Attachment:
    """One attached document; NotFoundError when it is not attached (any more)."""
    with session.reading(ws) as conn:
        found = documents_store.get_attachment(conn, attachment_id)
    if found is None:
        raise NotFoundError(f"Attached document #{attachment_id} is not in the workspace.")
    return found


def document_file(ws: AnyWorkspace, attachment: Attachment) -> Path:
    """A path to open the attached file from: the stored file in a folder (NotFoundError if it
    went missing from ``files/``), a checked local copy for a team database."""
    if isinstance(ws, DatabaseWorkspace):
        return _database_files(ws).local_path(attachment.document.stored_name)
    path = ws.files_dir / attachment.document.stored_name
    if not path.is_file():
        raise NotFoundError(f"{path}: the file for {attachment.label!r} is missing.")
    return path


def attachment_json(attachment: Attachment) -> dict[str, object]:
    """The stable JSON shape of one attached document (``documents --json``)."""
    doc = attachment.document
    return {
        "id": attachment.id,
        "label": attachment.label,
        "source": attachment.source,
        "format": doc.format,
        "size": doc.size,
        "sha256": doc.sha256,
        "file": doc.stored_name,
        "title": doc.title,
        "pages": doc.pages,
        "searchable": doc.searchable,
        "text_chars": doc.text_chars,
        "attached_at": attachment.attached_at.isoformat(),
    }


def document_path(ws: AnyWorkspace, attachment: Attachment) -> Path:
    """Where the attached file is kept in a folder, whether or not it is there now; for a team
    database, where this computer keeps (or will keep) its local copy."""
    return _files_folder(ws) / attachment.document.stored_name
