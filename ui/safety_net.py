"""The safety net: an uncaught exception anywhere becomes a calm screen, never a dead kiosk.

Installed as ``sys.excepthook`` (which PySide6 also calls for exceptions raised in slots and
in overridden event handlers) and ``threading.excepthook``. Each incident gets a reference
number, one structured log entry without personal data, and a queued signal to the GUI
thread (safe from any thread) that shows the error screen.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from kiosk.app_state.incident import incident_fields, new_reference
from kiosk.logs import get_logger

log = get_logger(__name__)


class SafetyNet(QObject):
    incident = Signal(str)  # reference number; connected (queued across threads) to the window

    def __init__(self, current_screen: Callable[[], str | None] = lambda: None, parent=None):
        super().__init__(parent)
        self._current_screen = current_screen
        self._old_sys = None
        self._old_thread = None
        self.installed = False
        self.recent: list[float] = []

    def install(self) -> None:
        if self.installed:
            return
        self._old_sys, self._old_thread = sys.excepthook, threading.excepthook
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        self.installed = True

    def uninstall(self) -> None:
        if not self.installed:
            return
        if sys.excepthook == self._sys_hook:
            sys.excepthook = self._old_sys
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._old_thread
        self.installed = False

    def _sys_hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._old_sys is not None:
            self._old_sys(exc_type, exc, tb)  # Ctrl+C on a developer's console still stops it
            return
        self.report(exc_type, tb, threading.current_thread().name)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.report(args.exc_type, args.exc_traceback, args.thread.name if args.thread else "?")

    def report(self, exc_type: type[BaseException] | None, tb: TracebackType | None, thread: str) -> str:
        reference = new_reference()
        try:
            screen = self._current_screen()
        except Exception:  # noqa: BLE001 - the hook must never raise
            screen = None
        try:
            log.error(
                "uncaught_exception", **incident_fields(reference, exc_type, tb, thread=thread, screen=screen)
            )
        except Exception:  # noqa: BLE001, S110 - a broken log must not hide the incident from the citizen
            pass
        now = time.monotonic()
        self.recent = [t for t in self.recent if now - t < 60] + [now]
        self.incident.emit(reference)
        return reference
