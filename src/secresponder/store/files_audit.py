"""The workspace's files folder against the database: missing, altered and orphaned files.

Every file in ``files/`` is named by its SHA-256 (attached documents and the
copies of response forms), and the database says which ones it needs: the
documents table, and the form of every draft version (conflict versions too,
since restoring one needs its form).

A team database keeps its files in its ``stored_files`` table instead: the same
names, and ``audit_stored_files`` checks them there, by checksum, on the server.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class FilesReport:
    missing: list[str] = field(default_factory=list)  # needed, not there
    altered: list[str] = field(default_factory=list)  # there, but not the checksum it had
    orphaned: list[Path] = field(default_factory=list)  # there, needed by nothing

    @property
    def sound(self) -> bool:
        return not (self.missing or self.altered or self.orphaned)


def referenced_files(conn: sqlite3.Connection) -> dict[str, str]:
    """Every file name the database needs in ``files/``, with the SHA-256 it must have."""
    needed = {
        row[0]: row[1] for row in conn.execute("SELECT stored_name, sha256 FROM documents")
    }
    rows = conn.execute(
        "SELECT DISTINCT json_extract(snapshot, '$.form.stored_name'), "
        "json_extract(snapshot, '$.form.sha256') FROM draft_versions "
        "WHERE json_extract(snapshot, '$.form.stored_name') IS NOT NULL "
        "UNION SELECT json_extract(snapshot, '$.form.stored_name'), "
        "json_extract(snapshot, '$.form.sha256') FROM drafts "
        "WHERE json_extract(snapshot, '$.form.stored_name') IS NOT NULL"
    )
    for name, sha in rows:
        needed.setdefault(str(name), str(sha or ""))
    return needed


def present_files(files_dir: Path) -> list[Path]:
    """The files in ``files/``, leaving out hidden temporary files of writes in progress."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        return sorted(p for p in files_dir.iterdir() if not p.name.startswith("."))
    return []


def orphaned_files(conn: sqlite3.Connection, files_dir: Path,
                   candidates: list[Path] | None = None) -> list[Path]:
    """Files nothing in the database needs (names only, no checksums), among ``candidates``
    (default: every file there).

    Cheap when nothing is orphaned: the documents and the current drafts are looked at
    first, and every saved version only for a file neither of them needs.
    """
    files = present_files(files_dir) if candidates is None else candidates
    if not files:
        return []
    current = {row[0] for row in conn.execute("SELECT stored_name FROM documents")}
    current |= {
        str(row[0]) for row in conn.execute(
            "SELECT json_extract(snapshot, '$.form.stored_name') FROM drafts "
            "WHERE json_extract(snapshot, '$.form.stored_name') IS NOT NULL")
    }
    unsure = [p for p in files if p.name not in current]
    if not unsure:
        return []
    needed = referenced_files(conn)
    return [p for p in unsure if p.name not in needed]


def audit_files(conn: sqlite3.Connection, files_dir: Path) -> FilesReport:
    """Compare the folder with what the database needs, reading every needed file."""
    needed = referenced_files(conn)
    report = FilesReport()
    for name, sha in sorted(needed.items()):
        path = files_dir / name
        if not path.is_file():
            report.missing.append(name)
        elif sha and _sha256(path) != sha:
            report.altered.append(name)
    report.orphaned.extend(p for p in present_files(files_dir) if p.name not in needed)
    return report


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


_DATABASE_NEEDS = """
SELECT stored_name, sha256 FROM documents
UNION SELECT snapshot -> 'form' ->> 'stored_name', snapshot -> 'form' ->> 'sha256'
      FROM draft_versions WHERE snapshot -> 'form' ->> 'stored_name' IS NOT NULL
UNION SELECT snapshot -> 'form' ->> 'stored_name', snapshot -> 'form' ->> 'sha256'
      FROM drafts WHERE snapshot -> 'form' ->> 'stored_name' IS NOT NULL
"""
# The server hashes each file where it lies, so no file's bytes cross the network.
_ALTERED = """
SELECT name FROM stored_files WHERE encode(sha256(content), 'hex') <> sha256 ORDER BY name
"""


def audit_stored_files(conn: Connection) -> tuple[FilesReport, int]:
    """A team database's stored files against what it needs (missing, altered by checksum),
    and how many files it holds. Files nothing needs are not problems there: nobody's disk
    fills up with them."""
    needed = {str(name) for name, _sha in conn.execute(text(_DATABASE_NEEDS))}
    present = {str(name) for (name,) in conn.execute(text("SELECT name FROM stored_files"))}
    report = FilesReport(
        missing=sorted(needed - present),
        altered=[str(name) for (name,) in conn.execute(text(_ALTERED))],
    )
    return report, len(present)
