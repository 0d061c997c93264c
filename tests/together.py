"""Running actions at the same moment on threads of their own, for the concurrency tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def at_once(actions: list[Callable[[], T]], timeout: float = 60.0
            ) -> tuple[list[T], list[BaseException]]:
    """Start every action together (behind one barrier); their results and failures.

    A failure is returned, not raised, so that the test asserts on it in its own thread.
    """
    barrier = threading.Barrier(len(actions))
    results: list[T] = []
    failures: list[BaseException] = []

    def run(action: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(action())
        except BaseException as exc:  # reported to the test
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results, failures
