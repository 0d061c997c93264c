"""Where a workspace is: a folder (SQLite) or a PostgreSQL connection URL.

``postgresql://user@host:port/dbname`` and ``postgresql:///dbname?service=NAME`` (libpq's
service file) name a team database; anything else is a folder. libpq's own parameters
in the URL (``sslmode``, ``sslrootcert``, ``service``, ``connect_timeout``, ...) are
passed to the driver as they are. ``?schema=NAME`` picks a team's schema in a shared
database. A password in the URL is refused: the app would have to keep it in its
settings, so it comes from libpq's password file or service file, or the system keyring
(``store/sql/credentials.py``), instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secresponder.errors import WorkspaceError
from secresponder.paths import workspace_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DRIVER = "postgresql+psycopg"
DEFAULT_SCHEMA = "public"
SCHEMA_PARAMETER = "schema"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_POSTGRES_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}
# Lower case, so it means the same quoted and unquoted; pg_ names belong to PostgreSQL.
_SCHEMA_NAME = re.compile(r"^(?!pg_)[a-z_][a-z0-9_]{0,62}$")
_DEFAULTS = {"application_name": "secresponder", "connect_timeout": "10"}


@dataclass(frozen=True)
class FolderLocation:
    path: Path

    @property
    def display(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class DatabaseLocation:
    url: URL  # for the driver: no schema parameter, never a password
    schema: str
    display: str  # as the user wrote it, for messages and settings

    @property
    def user(self) -> str | None:
        return self.url.username


Location = FolderLocation | DatabaseLocation


def is_database_url(text: str) -> bool:
    match = _SCHEME.match(text.strip())
    return bool(match) and match.group(1).lower() in _POSTGRES_SCHEMES


def parse_location(text: str | Path | None) -> Location:
    """A folder or a team database from what the user gave (``--workspace``, Preferences).

    Raises WorkspaceError, in one sentence, for a URL of another kind, a malformed URL,
    a password in the URL or a bad schema name.
    """
    if text is None or isinstance(text, Path):
        return FolderLocation(workspace_dir(text))
    raw = text.strip()
    scheme = _SCHEME.match(raw)
    if scheme is None:
        return FolderLocation(workspace_dir(raw))
    if scheme.group(1).lower() not in _POSTGRES_SCHEMES:
        raise WorkspaceError(
            f"{_without_credentials(raw)}: a workspace is a folder or a PostgreSQL URL "
            "(postgresql://user@host:port/dbname), not a "
            f"{scheme.group(1)}:// address."
        )
    # Only a URL needs SQLAlchemy: a folder is parsed (and the window shown) without it.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise WorkspaceError(
            f"{_without_credentials(raw)}: is not a valid PostgreSQL URL ({exc})."
        ) from None
    if url.password is not None or "password" in url.query:
        raise WorkspaceError(
            f"{_without_credentials(raw)}: the URL holds a password, which secresponder would "
            "have to store; put it in libpq's password file (~/.pgpass, or %APPDATA%\\"
            "postgresql\\pgpass.conf on Windows), a service file or the system keyring "
            "(secresponder workspace password) and leave it out of the URL."
        )
    query = dict(url.query)
    schema_value = query.pop(SCHEMA_PARAMETER, DEFAULT_SCHEMA)
    schema = schema_value if isinstance(schema_value, str) else schema_value[-1]
    if not _SCHEMA_NAME.match(schema):
        raise WorkspaceError(
            f"{raw}: the schema {schema!r} is not a usable name; use lower-case letters, "
            "digits and underscores, not starting with pg_."
        )
    for key, value in _DEFAULTS.items():
        query.setdefault(key, value)
    return DatabaseLocation(
        url=url.set(drivername=DRIVER, query=query), schema=schema, display=raw
    )


def _without_credentials(text: str) -> str:
    """The URL with any password in it (before ``@`` or as a parameter) masked."""
    masked = re.sub(r"(//[^/@:]*):[^/@]*@", r"\1:***@", text)
    return re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", masked)
