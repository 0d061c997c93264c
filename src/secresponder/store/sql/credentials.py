"""A team database's password from the system keyring, never from the app's settings.

Windows Credential Manager, the macOS Keychain or the Secret Service on Linux, through
the ``keyring`` library. The password is looked up by the URL's user, host, port and
database, and only when the URL names a user; when the keyring has none (or there is
no usable keyring at all) libpq's own means apply as before: the password file
(``~/.pgpass``, ``%APPDATA%\\postgresql\\pgpass.conf``) and the service file.
"""

from __future__ import annotations

import logging

from secresponder.errors import WorkspaceError
from secresponder.store.location import DatabaseLocation

SERVICE = "secresponder"
_log = logging.getLogger(__name__)


def account(location: DatabaseLocation) -> str | None:
    """The keyring entry's name for a database: ``user@host:port/dbname`` (None: no user)."""
    url = location.url
    if not url.username:
        return None
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def stored_password(location: DatabaseLocation) -> str | None:
    """The keyring's password for this database, if it holds one."""
    name = account(location)
    if name is None:
        return None
    try:
        import keyring

        return keyring.get_password(SERVICE, name)
    except Exception as exc:
        # No usable keyring (no session bus, a locked store, a broken backend): the
        # password file and service file still work, so this is not the user's error.
        _log.info("keyring not used for %s: %s", location.display, exc)
        return None


def remember_password(location: DatabaseLocation, password: str) -> str:
    """Keep ``password`` in the system keyring; returns the entry's name."""
    name = _required_account(location)
    if not password:
        raise WorkspaceError(f"{location.display}: no password was given; nothing was stored.")
    try:
        import keyring

        keyring.set_password(SERVICE, name, password)
    except Exception as exc:  # every backend has its own errors
        raise WorkspaceError(
            f"{location.display}: the system keyring could not store the password "
            f"({type(exc).__name__}: {exc}); use libpq's password file instead."
        ) from None
    return name


def forget_password(location: DatabaseLocation) -> bool:
    """Remove this database's password from the keyring; False when it held none."""
    name = _required_account(location)
    try:
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, name)
        except PasswordDeleteError:
            return False
    except Exception as exc:
        raise WorkspaceError(
            f"{location.display}: the system keyring could not be changed "
            f"({type(exc).__name__}: {exc})."
        ) from None
    return True


def _required_account(location: DatabaseLocation) -> str:
    name = account(location)
    if name is None:
        raise WorkspaceError(
            f"{location.display}: the URL names no user, so there is no password to keep; "
            "write it as postgresql://user@host:port/dbname."
        )
    return name
