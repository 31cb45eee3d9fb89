"""The QR scanner seen from Qt: every scan arrives routed (receipt, CCCD, staff …) as a signal.

    ctl = ScannerController()
    ctl.scanned.connect(screen.on_scan)        # kiosk.scan_routing.ScanRoute, accepted kinds
    ctl.rejected.connect(screen.on_bad_scan)   # ScanRoute with kind REJECTED/UNKNOWN and a reason code
    ctl.start(open_scanner(settings.scanner))  # HID, serial, camera or simulated
    ...
    ctl.close()

The driver's thread calls back here; routing (pure, fast) runs on that thread and the result
is emitted, so Qt queues it to the GUI thread. The screen decides what a kind means where it
is (at the home screen a receipt opens its status; a CCCD QR starts identification).

:class:`KeystrokeScanFilter` is the fallback for a wedge scanner that cannot be grabbed: an
application-wide event filter that holds printable keys back while they come faster than a
person types, turns a fast burst ending in Enter into a scan, and gives everything else back
to the focused widget as the keys it was.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from devices.errors import DeviceError
from devices.scanner.base import ScanEvent, Scanner
from devices.scanner.hid import BurstDetector
from kiosk.scan_routing import ScanKind, ScanRoute, route
from ui.devices.base import DeviceController

log = logging.getLogger(__name__)


class ScannerController(DeviceController):
    scanned = Signal(object)  # ScanRoute (receipt, cccd, staff, enrollment)
    rejected = Signal(object)  # ScanRoute (rejected or unknown; .reason is a message code)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._scanner: Scanner | None = None

    @property
    def scanner(self) -> Scanner | None:
        return self._scanner

    def start(self, scanner: Scanner | None) -> None:
        self.close()
        self._scanner = scanner
        if scanner is not None:
            try:
                scanner.start(self._on_scan, self._on_error)
            except DeviceError as e:
                self._scanner = None
                self.failed.emit(e.code, e.detail)

    def deliver(self, payload: str | bytes, source: str = "keyboard") -> None:
        """A payload from elsewhere (the keystroke fallback, a camera screen): routed and emitted."""
        self._emit(route(payload, source))

    def close(self) -> None:
        s, self._scanner = self._scanner, None
        if s is not None:
            s.stop()

    # driver thread
    def _on_scan(self, ev: ScanEvent) -> None:
        if ev.truncated:  # the driver cut an endless input: never ours
            self._emit(ScanRoute(ScanKind.REJECTED, reason="scanner.too_long", source=ev.source))
        else:
            self._emit(route(ev.data, ev.source))

    def _on_error(self, e: DeviceError) -> None:
        self.failed.emit(e.code, e.detail)

    def _emit(self, r: ScanRoute) -> None:
        (self.scanned if r.accepted else self.rejected).emit(r)


class KeystrokeScanFilter(QObject):
    """Application event filter recognising a wedge scanner's keystroke bursts."""

    scanText = Signal(str)

    def __init__(self, max_gap_ms: int = 35, min_len: int = 6, parent: QObject | None = None):
        super().__init__(parent)
        self.detector = BurstDetector(max_gap_ms / 1000.0, min_len)
        self._held: list[QKeyEvent] = []
        self._target: Any = None
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max_gap_ms + 5)
        self._timer.timeout.connect(self._expire)

    def install(self, app: QApplication | None = None) -> None:
        (app or QApplication.instance()).installEventFilter(self)  # type: ignore[union-attr]

    def uninstall(self, app: QApplication | None = None) -> None:
        self._timer.stop()
        inst = app or QApplication.instance()
        if inst is not None:
            inst.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not obj.isWidgetType():
            return False  # the same key is offered to the window too; act once, on the widget
        ev = event  # QKeyEvent
        assert isinstance(ev, QKeyEvent)
        now = time.monotonic()
        if ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self._held:
                return False
            self._timer.stop()
            is_scan, text = self.detector.enter(now)
            if is_scan:
                self._held.clear()
                self.scanText.emit(text)
                return True
            self._replay()
            return False  # the Enter itself goes on
        txt = ev.text()
        if (
            len(txt) != 1
            or not txt.isprintable()
            or ev.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._timer.stop()
            self._replay()
            return False
        typed = self.detector.key(txt, now)
        if typed:
            self._replay()
        self._target = obj
        self._held.append(QKeyEvent(ev.type(), ev.key(), ev.modifiers(), ev.text()))
        self._timer.start()
        return True

    def _expire(self) -> None:
        self.detector.expire(time.monotonic() + 1.0)
        self._replay()

    def _replay(self) -> None:
        held, self._held = self._held, []
        if self._target is None:
            return
        self._replaying = True
        try:
            for ev in held:
                QApplication.sendEvent(self._target, ev)
        finally:
            self._replaying = False
