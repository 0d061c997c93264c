"""A focus frame a person can see: the platform's style, with focus drawn in two pixels.

Styles draw keyboard focus on buttons, check boxes and combo boxes as a faint dotted
or one-pixel frame that is easy to lose; someone working by keyboard must see at a
glance where the next key goes. ``use_visible_focus`` wraps the application's own
style once, so every widget keeps its native look apart from the focus frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

FOCUS_WIDTH = 2


class VisibleFocusStyle(QProxyStyle):
    """The base style with its focus frame drawn solid, in the palette's highlight colour."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            _frame(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)
        # Fusion and others draw a button's focus into its panel as a faint outline:
        # draw the solid frame over it when the focus came by keyboard.
        keyboard_focus = (
            QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        )
        if (
            element == QStyle.PrimitiveElement.PE_PanelButtonCommand
            and (option.state & keyboard_focus) == keyboard_focus
        ):
            _frame(option, painter)


def _frame(option: QStyleOption, painter: QPainter) -> None:
    """A solid frame just inside ``option.rect`` in the highlight colour."""
    painter.save()
    pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), FOCUS_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_WIDTH // 2
    painter.drawRect(option.rect.adjusted(half, half, -half, -half))
    painter.restore()


def use_visible_focus(app: QApplication) -> None:
    """Wrap ``app``'s style in :class:`VisibleFocusStyle` (once), keeping its palette."""
    if isinstance(app.style(), VisibleFocusStyle):
        return
    palette = app.palette()  # setStyle resets the palette to the style's own
    base = QStyleFactory.create(app.style().name())
    app.setStyle(VisibleFocusStyle(base))
    app.setPalette(palette)
