"""Run by test_accessible_lifetime.py in a process of its own (a native crash must not take
the test run with it): the overlay's timeout card opened, focused and closed ``rounds`` times
under Qt's AT-SPI bridge with the kiosk's accessibility factory installed, a screen reader's
walk of the window between, then a normal exit. Prints one JSON line before leaving."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from ui.overlay import OverlayLayer
from ui.widgets import accessible
from ui.widgets.cards import TimeoutCard


def _walk(iface: QAccessibleInterface | None, depth: int = 0) -> int:
    """What a screen reader does on a change: every object's name, role and children."""
    if iface is None or depth > 30 or not iface.isValid():
        return 0
    iface.text(QAccessible.Text.Name)
    iface.role()
    return 1 + sum(_walk(iface.child(i), depth + 1) for i in range(iface.childCount()))


def main(rounds: int) -> None:
    app = QApplication(sys.argv[:1])
    accessible.install()
    window = QWidget()
    window.setObjectName("window")
    window.resize(1080, 1920)
    below = QPushButton("Nộp hồ sơ", window)  # what the card covers and blocks
    QVBoxLayout(window).addWidget(below)
    overlay = OverlayLayer(window)
    window.show()
    seen = 0
    for _ in range(rounds):
        card = TimeoutCard()
        overlay.show_card(card, "timeout")  # focuses the card's first answer
        app.processEvents()
        seen += _walk(QAccessible.queryAccessibleInterface(window))
        overlay.close_card()  # the card goes with deleteLater, its focused button with it
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()
        seen += _walk(QAccessible.queryAccessibleInterface(window))
    print(json.dumps({"rounds": rounds, "objects_read": seen, "bridge": QAccessible.isActive()}), flush=True)
    # Leaving as the kiosk does: the binding tears the window down at exit.


if __name__ == "__main__":
    main(int(sys.argv[1]))
