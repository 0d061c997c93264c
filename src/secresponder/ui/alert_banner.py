"""A banner across the top of the window for consultations closing soon without a submitted
response, and a desktop notification (through the system tray, where there is one)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QWidget,
)

from secresponder.services.alerts import Alert, banner_text
from secresponder.ui.detail_panel import plain_label


class AlertBanner(QFrame):
    """Hidden while nothing is due; ``show_requested(key)`` asks to open the first one."""

    show_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Deadline alert")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.text = plain_label(name="Deadline alert text")
        bold = self.text.font()
        bold.setBold(True)
        self.text.setFont(bold)
        layout.addWidget(self.text, 1)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self._open)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.alerts: list[Alert] = []
        self._dismissed: set[str] = set()
        self._notified: set[str] = set()
        self.tray: QSystemTrayIcon | None = None
        self.hide()

    def set_alerts(self, alerts: list[Alert]) -> None:
        """Show what is due (less what was dismissed) and notify once per consultation."""
        self.alerts = [a for a in alerts if a.key not in self._dismissed]
        self.text.setText(banner_text(self.alerts))
        self.setVisible(bool(self.alerts))
        self._notify([a for a in self.alerts if a.key not in self._notified])

    def dismiss(self) -> None:
        self._dismissed.update(a.key for a in self.alerts)
        self.alerts = []
        self.hide()

    def _open(self) -> None:
        if self.alerts:
            self.show_requested.emit(self.alerts[0].key)

    def _notify(self, fresh: list[Alert]) -> None:
        if not fresh or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("secresponder")
            self.tray.show()
        self.tray.showMessage("Consultation closing soon", banner_text(fresh),
                              QSystemTrayIcon.MessageIcon.Warning)
        self._notified.update(a.key for a in fresh)

    def notified(self) -> set[str]:
        return set(self._notified)


__all__ = ["AlertBanner"]
