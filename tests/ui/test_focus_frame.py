"""Keyboard focus is visible: a focused button is framed in the highlight colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secresponder.ui.focus_style import VisibleFocusStyle


def _highlight_pixels(widget) -> int:
    image = widget.grab().toImage()
    colour = widget.palette().color(QPalette.ColorRole.Highlight).rgb()
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixel(x, y) == colour
    )


def test_the_window_uses_the_visible_focus_style_and_keeps_the_palette(make_window):
    app = QApplication.instance()
    window = make_window()
    assert isinstance(app.style(), VisibleFocusStyle)
    assert window.palette().color(QPalette.ColorRole.Window).isValid()


def test_a_focused_button_and_check_box_show_a_solid_frame(make_window, qtbot, tmp_path):
    window = make_window()
    for widget in (QPushButton("Export response…"), QCheckBox("Open only")):
        box = QWidget()
        qtbot.addWidget(box)
        layout = QVBoxLayout(box)
        before = QLineEdit()
        layout.addWidget(before)
        layout.addWidget(widget)
        box.show()
        qtbot.waitExposed(box)
        box.activateWindow()
        before.setFocus()
        qtbot.waitUntil(before.hasFocus)
        unfocused = _highlight_pixels(widget)
        # Focus moved by the keyboard, as a person working without a mouse moves it.
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        qtbot.waitUntil(widget.hasFocus)
        focused = _highlight_pixels(widget)
        widget.grab().save(str(tmp_path / f"{type(widget).__name__}-focused.png"))
        # A two-pixel frame round the focus rectangle: well over a hundred pixels.
        assert focused - unfocused > 100, (type(widget).__name__, unfocused, focused)
    window.close()
