"""The Qt binding must not leak references to None (PySide6 6.12.0 on Python 3.11 did).

A kiosk runs for weeks: a binding that takes one reference from ``None`` on every void call
(``QLabel.setText``) or every Python override Qt calls aborts the process with
"Fatal Python error: none_dealloc" after some tens of thousands of calls. Python 3.12 made
``None`` immortal, so there the count never moves and the test passes trivially.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.qt

CALLS = 2000


class _Override(QLabel):
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(40, 20)


def test_void_calls_and_overrides_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = _Override()
    qtbot.addWidget(label)
    label.show()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i))
        label.adjustSize()  # calls the Python sizeHint override
    lost = before - sys.getrefcount(None)
    # Other code may hold or drop a few references meanwhile; a leak loses one per call.
    assert lost < CALLS // 10, f"{lost} references to None lost in {CALLS} calls: pin another PySide6"
