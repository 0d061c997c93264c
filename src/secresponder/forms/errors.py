"""The error a response form raises when it cannot be read or filled."""

from __future__ import annotations

from secresponder.errors import InputError


class FormError(InputError):
    """A form file is unusable: one sentence naming the file and the problem."""
