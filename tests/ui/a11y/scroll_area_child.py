"""Run by test_accessible_lifetime.py in a process of its own (without the fix it dies): a
screen reader's view of the kiosk's scrolling card body, Qt's interface beside the kiosk's.
Prints one JSON line: the children each presents, and what an index past the end gave."""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel

from ui.widgets import accessible
from ui.widgets.cards import OverlayCardContent


def _card() -> OverlayCardContent:
    """A card whose words need the scroll bar at its size, shown."""
    card = OverlayCardContent("ScrollCard", 20)
    for i in range(60):
        card.body.addWidget(QLabel(f"Dòng {i}"))
    card.resize(400, 300)
    card.show()
    return card


def _children(area) -> list[str]:  # type: ignore[no-untyped-def]
    iface = QAccessible.queryAccessibleInterface(area)
    return [iface.child(i).object().objectName() for i in range(iface.childCount())]


def main() -> None:
    app = QApplication(sys.argv[:1])
    qts = _card()  # read through Qt's own interface: asked before the kiosk's factory exists
    app.processEvents()
    qt_children = _children(qts._scroll)
    accessible.install()
    ours = _card()
    app.processEvents()
    iface = QAccessible.queryAccessibleInterface(ours._scroll)
    kiosk_children = _children(ours._scroll)
    n = iface.childCount()
    print(json.dumps({"qt": qt_children, "kiosk": kiosk_children}), flush=True)
    # What a screen reader asks when it counted before a scroll bar went away.
    past_end = [iface.child(i) is None for i in (n, n + 1, n + 8)]
    print(json.dumps({"past_end_is_nothing": past_end}), flush=True)


if __name__ == "__main__":
    main()
