"""The form corrections in effect while a form is read, for the readers' hook.

The readers are called from many places (inspect, fill, read-back); rather than pass the
user's corrections through each of them, the caller that knows the form's corrections
runs the reading inside :func:`corrections_in_effect`, and a reader that can apply
corrections asks :func:`active_corrections`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from secresponder.domain.form_corrections import FormCorrection

_ACTIVE: ContextVar[tuple[FormCorrection, ...]] = ContextVar("form_corrections", default=())


def active_corrections() -> tuple[FormCorrection, ...]:
    return _ACTIVE.get()


@contextlib.contextmanager
def corrections_in_effect(corrections: Iterable[FormCorrection]) -> Iterator[None]:
    token = _ACTIVE.set(tuple(corrections))
    try:
        yield
    finally:
        _ACTIVE.reset(token)
