"""Urgency colours derived from the current palette, so they read on light and dark themes.

Colour is never the only signal: every urgency also has a text label
(``Urgency.label``) and an icon, chosen in the model.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from secresponder.domain.deadline import Urgency

# The hue each urgency leans towards; mixed into the palette's base colour.
_TINTS: dict[Urgency, tuple[QColor, float]] = {
    Urgency.DUE_TODAY: (QColor(220, 40, 40), 0.32),
    Urgency.CLOSING_SOON: (QColor(235, 150, 0), 0.30),
}


def mix(base: QColor, tint: QColor, amount: float) -> QColor:
    """``amount`` (0..1) of ``tint`` blended into ``base``."""
    keep = 1.0 - amount
    return QColor(
        round(base.red() * keep + tint.red() * amount),
        round(base.green() * keep + tint.green() * amount),
        round(base.blue() * keep + tint.blue() * amount),
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def urgency_backgrounds(palette: QPalette) -> dict[Urgency, QColor]:
    """Row backgrounds per urgency; None-like (absent) for urgencies drawn normally."""
    base = palette.color(QPalette.ColorRole.Base)
    # On a dark base the tint needs less weight to show, and must stay dark so the
    # palette's light text keeps its contrast.
    scale = 0.8 if is_dark(palette) else 1.0
    return {u: mix(base, tint, amount * scale) for u, (tint, amount) in _TINTS.items()}


def closed_foreground(palette: QPalette) -> QColor:
    """Text colour for closed consultations: the palette's own placeholder/disabled grey."""
    return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
