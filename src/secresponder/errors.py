"""The one exception family the app raises for problems a user can act on.

Every message is one clear sentence naming the file (or thing) and the problem,
so the command line can print it as it is and the window can show it verbatim.
"""

from __future__ import annotations


class SecResponderError(Exception):
    """A problem to report to the user in one sentence; nothing stored was changed."""


class InputError(SecResponderError):
    """An input file or page could not be used (empty, too large, unreadable, unrelated)."""


class WorkspaceError(SecResponderError):
    """The workspace cannot be opened or written (newer schema, locked, corrupt)."""


class NotFoundError(SecResponderError):
    """A consultation, release or draft named by the user does not exist."""


class OutputExistsError(SecResponderError):
    """An output file already exists and overwriting it was not allowed."""
