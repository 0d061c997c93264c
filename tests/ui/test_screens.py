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


def columns_fit(window) -> bool:
    from secresponder.ui.catalogue_model import Column

    header = window.list.table.horizontalHeader()
    shown = sum(header.sectionSize(c) for c in Column if not header.isSectionHidden(c))
    return shown <= window.list.table.viewport().width()


def test_at_1024_by_700_change_labels_do_not_push_dates_out(make_window, qtbot, tmp_path,
                                                           consultations_txt):
    from secresponder.ui.catalogue_model import Column

    window = make_window()
    window.resize(1024, 700)
    window.list.open_only.setChecked(False)
    page = tmp_path / "consultations.txt"
    page.write_text(consultations_txt.read_text(encoding="utf-8").replace(
        "12 May 2023", "19 May 2023"), encoding="utf-8")
    with qtbot.waitSignal(window.import_done, timeout=20_000):
        window.start_import([str(page)], "Importing pages")
    qtbot.waitUntil(lambda: columns_fit(window))
    assert any(r.highlight is not None for r in window.model.rows())
    header = window.list.table.horizontalHeader()
    bold = window.list.table.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(bold)
    for r in range(window.model.rowCount()):
        for column in (Column.CLOSES, Column.DRAFT, Column.REFERENCE):
            text = window.model.value(r, column, 0)
            assert metrics.horizontalAdvance(text) < header.sectionSize(column), text
    for column in (Column.REFERENCE, Column.CLOSES, Column.TIME_LEFT, Column.DRAFT):
        assert not header.isSectionHidden(column)


def test_large_screen_with_scaled_text_fits(make_window, big_font, qtbot):
    window = make_window()
    window.resize(1920, 1080)
    window.list.open_only.setChecked(False)
    qtbot.waitUntil(lambda: window.list.table.viewport().width() > 1000)
    assert columns_fit(window)
    from secresponder.ui.catalogue_model import Column

    assert not window.list.table.horizontalHeader().isSectionHidden(Column.KIND)
