"""Painting the consultation list's cells quickly: one look-up per cell, cached text layouts.

The default item delegate asks the model for seven roles per cell and lays the
text out again on every paint; after each keystroke that is most of the time
spent. This delegate takes a cell's text, colours, icon and weight in one call
(``ConsultationFilterProxy.cell``), elides and lays out each distinct text once
(``QStaticText``), and paints the same parts the style does: the urgency
background or the selection, the icon, the text and the focus frame.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
)

from secresponder.ui.catalogue_filter import ConsultationFilterProxy

ICON_SIZE = 16
CACHE_LIMIT = 6000

# Plain ints: testing Python enum flags costs more than the rest of a cell's work.
_SELECTED = QStyle.StateFlag.State_Selected.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_DISABLED_GROUP = QPalette.ColorGroup.Disabled
_ACTIVE_GROUP = QPalette.ColorGroup.Active
_INACTIVE_GROUP = QPalette.ColorGroup.Inactive
_HIGHLIGHT = QPalette.ColorRole.Highlight
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_TEXT = QPalette.ColorRole.Text


class ConsultationDelegate(QStyledItemDelegate):
    """Paints cells of a view whose model is a ``ConsultationFilterProxy``."""

    def __init__(self, proxy: ConsultationFilterProxy, parent=None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self._elided: dict[tuple[str, int, bool], QStaticText] = {}
        self._fonts: dict[bool, QFont] = {}
        self._heights: dict[bool, int] = {}
        self._metrics: dict[bool, QFontMetrics] = {}
        self._margin = 3

    def reset_fonts(self) -> None:
        """The view's font changed: lay every text out again."""
        self._fonts = {}
        self._elided.clear()

    def _set_fonts(self, font: QFont, widget) -> None:
        # The style's own text margin, so cells read exactly as the default delegate's.
        style = widget.style() if widget is not None else None
        if style is not None:
            self._margin = style.pixelMetric(
                QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        bold = QFont(font)
        bold.setBold(True)
        self._fonts = {False: QFont(font), True: bold}
        self._metrics = {flag: QFontMetrics(f) for flag, f in self._fonts.items()}
        self._heights = {flag: m.height() for flag, m in self._metrics.items()}
        self._elided.clear()

    def _text(self, text: str, width: int, bold: bool) -> QStaticText:
        key = (text, width, bold)
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) >= CACHE_LIMIT:
                self._elided.clear()
            shown = self._metrics[bold].elidedText(text, Qt.TextElideMode.ElideRight, width)
            found = QStaticText(shown)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(font=self._fonts[bold])
            self._elided[key] = found
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = self._proxy.cell(index.row(), index.column())
        if cell is None:
            super().paint(painter, option, index)
            return
        text, background, foreground, icon, bold = cell
        rect: QRect = option.rect
        state = option.state.value
        palette: QPalette = option.palette
        if not state & _ENABLED:
            group = _DISABLED_GROUP
        elif state & _ACTIVE:
            group = _ACTIVE_GROUP
        else:
            group = _INACTIVE_GROUP
        if state & _SELECTED:
            painter.fillRect(rect, palette.brush(group, _HIGHLIGHT))
            colour = palette.color(group, _HIGHLIGHTED_TEXT)
        else:
            if background is not None:
                painter.fillRect(rect, background)
            colour = foreground or palette.color(group, _TEXT)
        if not self._fonts:
            self._set_fonts(option.font, option.widget)
        margin = self._margin
        x = rect.x() + margin
        if icon is not None:
            top = rect.y() + (rect.height() - ICON_SIZE) // 2
            icon.paint(painter, QRect(x, top, ICON_SIZE, ICON_SIZE))
            x += ICON_SIZE + 2 * margin
        width = rect.x() + rect.width() - margin - x
        if text and width > 0:
            static = self._text(text, width, bold)
            painter.setFont(self._fonts[bold])
            painter.setPen(colour)
            top = rect.y() + (rect.height() - self._heights[bold]) // 2
            painter.drawStaticText(QPoint(x, top), static)
        view = option.widget
        if view is not None and view.hasFocus() and view.currentIndex().row() == index.row():
            self._row_focus_frame(painter, option, index.column(), palette.color(group, _TEXT))
        elif state & _FOCUS:
            self._focus_frame(painter, option)

    @staticmethod
    def _row_focus_frame(painter: QPainter, option: QStyleOptionViewItem, column: int,
                         colour) -> None:
        """A solid two-pixel frame round the whole current row while the list has the focus,
        plain to see on the selection's colour (the style's dotted one is not)."""
        rect: QRect = option.rect
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(rect.x(), rect.y(), rect.width(), 2)
        painter.drawRect(rect.x(), rect.bottom() - 1, rect.width(), 2)
        if column == 0:
            painter.drawRect(rect.x(), rect.y(), 2, rect.height())
        if column == option.widget.model().columnCount() - 1:
            painter.drawRect(rect.right() - 1, rect.y(), 2, rect.height())
        painter.restore()

    @staticmethod
    def _focus_frame(painter: QPainter, option: QStyleOptionViewItem) -> None:
        frame = QStyleOptionFocusRect()
        frame.rect = option.rect
        frame.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange
        frame.palette = option.palette
        frame.backgroundColor = option.palette.color(QPalette.ColorRole.Highlight)
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, widget)
