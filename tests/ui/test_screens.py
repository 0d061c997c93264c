"""Small and large screens: the window's least width does not depend on the installed fonts,
and a 1024x700 window shows the columns that matter without sideways scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


@pytest.fixture
def big_font(qapp):
    """Text drawn as a wide face at 150%: a machine with other fonts or scaled text."""
    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * 1.5)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
    QApplication.setFont(font)
    yield font
    QApplication.setFont(before)


def test_the_least_width_is_the_same_whatever_the_font(make_window, big_font, qtbot):
    window = make_window()
    assert window.minimumSizeHint().width() <= 720
    window.resize(760, 560)
    qtbot.waitUntil(lambda: window.width() == 760)
