"""The demo profile's scanner: scans are injected (by the demo's buttons or by tests).

``inject()`` may be called from any thread; delivery happens on the scanner's own thread,
as with real hardware, so screen code sees the same threading in the demo as on a kiosk.
"""

from __future__ import annotations

import queue
import threading
import time

from devices.scanner.base import ErrorCallback, ScanCallback, ScanEvent


class SimulatedScanner:
    driver = "simulated"
    name = "simulated scanner"

    def __init__(self) -> None:
        self._q: queue.Queue[bytes | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("scanner already started")
        self._thread = threading.Thread(target=self._run, args=(on_scan,), name="scanner-sim")
        self._thread.start()

    def inject(self, payload: str | bytes) -> None:
        self._q.put(payload.encode("utf-8") if isinstance(payload, str) else bytes(payload))

    def stop(self) -> None:
        t, self._thread = self._thread, None
        if t is not None:
            self._q.put(None)
            if t is not threading.current_thread():
                t.join(5)

    def _run(self, on_scan: ScanCallback) -> None:
        while True:
            item = self._q.get()
            if item is None:
                return
            on_scan(ScanEvent(item, "sim", time.monotonic()))
