"""The demo profile's central: the central's own program started in the background.

:func:`kiosk.demo_central.start_demo_central` runs ``python -m central serve`` as a separate
process (the kiosk never imports the central) and returns a handle with ``.url``,
``.api_key`` and ``.stop()``. Starting it takes a second or two, so it runs on a worker thread
and the window shows "connecting…" meanwhile; start-up never waits for it. If the central is
not installed the central indicator says so ("demo, on this kiosk" is not claimed).
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.demo_central import start_demo_central
from kiosk.logs import get_logger

log = get_logger(__name__)


def runner_available() -> bool:
    """The central's program is installed beside the kiosk (a demo or test install)."""
    try:
        return importlib.util.find_spec("central") is not None
    except (ImportError, ValueError):
        return False


class DemoCentral(QObject):
    ready = Signal(str)  # the sandbox's URL
    failed = Signal(str)  # a technical reason, for the log and staff

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self._handle: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def start(self) -> bool:
        if not runner_available():
            log.info("demo_central_unavailable", why="central not installed")
            return False
        self._thread = threading.Thread(target=self._run, name="demo-central-start", daemon=True)
        self._thread.start()
        return True

    def _run(self) -> None:
        try:
            handle = start_demo_central(self.data_dir / "sandbox")
        except Exception as e:  # noqa: BLE001 - the kiosk runs on without its demo central
            log.error("demo_central_failed", error_type=type(e).__name__)
            self.failed.emit(type(e).__name__)
            return
        with self._lock:
            if self._stopping.is_set():
                handle.stop()
                return
            self._handle = handle
        log.info("demo_central_started", url=str(handle.url))
        self.ready.emit(str(handle.url))

    @property
    def api_key(self) -> str | None:
        """The demo central's site key (demo profile only), once it is up."""
        with self._lock:
            return self._handle.api_key if self._handle is not None else None

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._lock:
            handle, self._handle = self._handle, None
        if handle is not None:
            try:
                handle.stop()
            except Exception as e:  # noqa: BLE001 - closing the window must not fail on it
                log.error("demo_central_stop_failed", error_type=type(e).__name__)
