"""Runs one blocking domain call (sign-in talks to the central) off the GUI thread and
brings the result back as a queued signal. One call at a time; :meth:`wait` joins it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class BackgroundCall(QObject):
    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, fn: Callable[[], Any], name: str = "staff-call") -> bool:
        if self.busy:
            return False

        def run() -> None:
            try:
                result = fn()
            except BaseException as e:  # noqa: BLE001 - handed to the GUI thread, which decides
                self.failed.emit(e)
            else:
                self.succeeded.emit(result)

        self._thread = threading.Thread(target=run, name=name, daemon=False)
        self._thread.start()
        return True

    def wait(self, timeout: float = 15.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
