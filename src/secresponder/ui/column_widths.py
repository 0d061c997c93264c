"""Widths of the consultation list's columns, measured from the fonts rather than the rows.

Resizing columns to their contents reads every row (slow over 10,000); the
columns here hold text of a known shape (a reference, a date, a countdown, a
draft status), so their widths come from the widest text of that shape, in
or from the heading when it is wider.
Only the "Time left" column looks at the rows: the few within a week of
closing carry an urgency label and an icon, and their own text is measured.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from secresponder.domain.deadline import Urgency
from secresponder.ui.catalogue_model import Column, ConsultationTableModel
from secresponder.ui.catalogue_rows import shows_time
from secresponder.ui.list_delegate import ICON_SIZE

URGENT = (Urgency.DUE_TODAY, Urgency.CLOSING_SOON)

# The widest text each column can hold (references run to "SECMP" and four digits);
# measured in bold, as a row marked new or changed after a refresh is drawn.
SAMPLES: dict[Column, tuple[str, ...]] = {
    Column.REFERENCE: ("SECMP0000", "MP000A"),
    Column.CLOSES: ("28 Sep 2000", "30 May 2000"),
    # The draft statuses, spelled here so the window starts without the drafting code.
    Column.DRAFT: ("Not started", "Drafting", "In review", "Approved", "Submitted"),
}
# A closing date with its time, as shown when a row closes at another hour than 5pm.
TIMED_CLOSES_SAMPLES = ("28 Sep 2000, 00:00", "30 May 2000, 00:00")
TIME_LEFT_SAMPLES = ("closed 0000 days ago", "000 days left", "closed yesterday")
# Kind is interactive: it starts wide enough for the usual kinds and gives way first
# when the list is narrow, keeping at least its heading.
KIND_SAMPLE = "Refinement Consultation"
# Title gives way first when the list is narrow: to this readable width, then Kind goes, then
# Title goes on down to its floor before the list scrolls sideways.
TITLE_MINIMUM_SAMPLE = "Firmware upgrade pathways"
TITLE_FLOOR_SAMPLE = "Firmware up"


class ColumnWidths:
    """Pixel widths for one table view's columns, in its current fonts and style."""

    def __init__(self, view: QTableView) -> None:
        self.view = view
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        # The delegate's text margin on each side, and a little air.
        self.cell_padding = 2 * margin + 4
        self.icon_width = ICON_SIZE + 2 * margin
        header = view.horizontalHeader()
        self.header_padding = (
            2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
            + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
            + 12
        )
        self._header_metrics = header.fontMetrics()
        bold = QFont(view.font())
        bold.setBold(True)
        self._metrics = QFontMetrics(bold)

    def _cells(self, texts: tuple[str, ...] | list[str], icon: bool = False) -> int:
        widest = max((self._metrics.horizontalAdvance(t) for t in texts), default=0)
        return widest + self.cell_padding + (self.icon_width if icon else 0)

    def heading(self, column: Column) -> int:
        return self._header_metrics.horizontalAdvance(column.header) + self.header_padding

    def column(self, column: Column, texts: tuple[str, ...] | list[str],
               icon: bool = False) -> int:
        return max(self._cells(texts, icon), self.heading(column))

    def fixed(self) -> dict[Column, int]:
        """Reference, Closing date, My draft and a first Time left, before any row is read."""
        widths = {column: self.column(column, texts) for column, texts in SAMPLES.items()}
        widths[Column.TIME_LEFT] = self.column(Column.TIME_LEFT, TIME_LEFT_SAMPLES)
        widths[Column.KIND] = self.kind_preferred()
        return widths

    def time_left(self, model: ConsultationTableModel) -> int:
        """Wide enough for any countdown, and for the labelled ones of the rows closing soon."""
        plain = self.column(Column.TIME_LEFT, TIME_LEFT_SAMPLES)
        display = 0  # Qt.ItemDataRole.DisplayRole
        urgent = [model.value(i, Column.TIME_LEFT, display)
                  for i, row in enumerate(model.rows()) if row.urgency in URGENT]
        if not urgent:
            return plain
        return max(plain, self._cells(urgent, icon=True))

    def closes(self, model: ConsultationTableModel) -> int:
        """Wide enough for a date, and for a time too when a row closes at another hour.

        Asks the rows' instants, not their texts: formatting every row's cells on each
        reset cost about 0.7 s for a list of 10,000.
        """
        dated = self.column(Column.CLOSES, SAMPLES[Column.CLOSES])
        if not any(shows_time(row.consultation.closes_at) for row in model.rows()):
            return dated
        return max(dated, self._cells(TIMED_CLOSES_SAMPLES))

    def kind_preferred(self) -> int:
        return self.column(Column.KIND, (KIND_SAMPLE,))

    def kind_minimum(self) -> int:
        return self.heading(Column.KIND)

    def title_minimum(self) -> int:
        return self._cells((TITLE_MINIMUM_SAMPLE,))

    def title_floor(self) -> int:
        return self._cells((TITLE_FLOOR_SAMPLE,))
