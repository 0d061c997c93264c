"""Number arguments checked for range when parsed, so a huge or negative value is
refused in one sentence instead of failing deep inside a command."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``.

    A command may check the lower end itself for a more specific sentence: pass a
    ``low`` below it.
    """

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value > high:
            raise argparse.ArgumentTypeError(f"{text} is too large (at most {high})")
        if value < low:
            raise argparse.ArgumentTypeError(f"{text} is too small (at least {low})")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def decimal_number(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number from ``low`` to ``high`` (fractions allowed)."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text} is not a finite number")
        if value > high:
            raise argparse.ArgumentTypeError(f"{text} is too large (at most {high:g})")
        if value < low:
            raise argparse.ArgumentTypeError(f"{text} is too small (at least {low:g})")
        return value

    parse.__name__ = "number"
    return parse
