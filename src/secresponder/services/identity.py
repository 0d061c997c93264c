"""Who is working: the name every version, status change and note is signed with.

In order: ``--user "Name <email>"`` as given, ``$SECRESPONDER_USER``, the
person's own settings (``user.json`` in their configuration folder, never the
shared workspace, so a team workspace does not make everyone the same person),
then the operating-system login name.
"""

from __future__ import annotations

import getpass
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from secresponder.errors import InputError
from secresponder.fileio import atomic_write_bytes
from secresponder.paths import APP_NAME

USER_ENV = "SECRESPONDER_USER"
SETTINGS_NAME = "user.json"
MAX_NAME_CHARS = 200
_WITH_EMAIL = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<\s*(?P<email>[^<>\s]+@[^<>\s]+)\s*>\s*$")
_BARE_EMAIL = re.compile(r"^\s*(?P<email>[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)\s*$")


@dataclass(frozen=True)
class Person:
    """A person as the app signs their work: "Sam Patel <sam@bright.example>"."""

    name: str
    email: str = ""

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email

    @property
    def short(self) -> str:
        """The name alone, for a sentence ("changed by Sam Patel")."""
        return self.name or self.email


def parse_person(text: str, *, source: str = "--user") -> Person:
    """Read "Name <email>", "Name" or "email"; refuse control characters and empty text."""
    cleaned = text.strip()
    if not cleaned:
        raise InputError(
            f"{source}: is empty; give a name, such as \"Sam Patel <sam@example.com>\"."
        )
    if len(cleaned) > MAX_NAME_CHARS or any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned):
        raise InputError(
            f"{source}: is not a usable name (too long or with control characters)."
        )
    match = _WITH_EMAIL.match(cleaned)
    if match:
        return Person(match.group("name").strip().strip('"'), match.group("email"))
    if "<" in cleaned or ">" in cleaned:
        raise InputError(
            f"{source}: \"{cleaned}\" is not a name with an email; write it as "
            "\"Sam Patel <sam@example.com>\"."
        )
    match = _BARE_EMAIL.match(cleaned)
    if match:
        return Person("", match.group("email"))
    return Person(cleaned)


def settings_path() -> Path:
    """The person's own settings file (in their configuration folder, not the workspace)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_NAME


def saved_user(path: Path | None = None) -> Person | None:
    """The name saved in the person's own settings, or None (missing or unreadable: ignored)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text("utf-8"))
        text = data.get("user") if isinstance(data, dict) else None
        return parse_person(text, source=str(path)) if isinstance(text, str) else None
    except (OSError, ValueError, InputError):
        return None


def save_user(person: Person, path: Path | None = None) -> Path:
    """Remember ``person`` in their own settings; returns the file written."""
    path = path or settings_path()
    data = json.dumps({"user": str(person)}, ensure_ascii=False, indent=2).encode("utf-8")
    return atomic_write_bytes(path, data, overwrite=True)


def login_name() -> str:
    """The operating-system login, or "unknown user" where none can be found."""
    try:
        return getpass.getuser() or "unknown user"
    except (OSError, KeyError, ImportError):  # no login name in a bare container
        return "unknown user"


def current_user(explicit: str | None = None, *, settings: Path | None = None) -> Person:
    """Who is working: ``--user``, then ``$SECRESPONDER_USER``, own settings, login."""
    return current_user_with_source(explicit, settings=settings)[0]


def current_user_with_source(explicit: str | None = None, *, settings: Path | None = None
                             ) -> tuple[Person, str]:
    """Who is working, and where the name came from (said by ``whoami``)."""
    if explicit is not None:
        return parse_person(explicit), "--user"
    env = os.environ.get(USER_ENV)
    if env is not None and env.strip():
        return parse_person(env, source=USER_ENV), USER_ENV
    path = settings or settings_path()
    saved = saved_user(path)
    if saved is not None:
        return saved, str(path)
    return Person(login_name()), "the operating-system login"
