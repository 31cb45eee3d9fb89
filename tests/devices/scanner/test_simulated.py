from __future__ import annotations

import queue
import threading

from devices.scanner.base import Scanner, open_scanner
from devices.scanner.simulated import SimulatedScanner


def test_simulated_scanner_delivers_on_its_own_thread():
    s = open_scanner("sim")
    assert isinstance(s, SimulatedScanner) and isinstance(s, Scanner)
    got: queue.Queue = queue.Queue()
    s.start(lambda ev: got.put((ev, threading.current_thread().name)))
    try:
        s.inject("Nguyễn")
        ev, thread = got.get(timeout=5)
    finally:
        s.stop()
    assert ev.data == "Nguyễn".encode() and ev.source == "sim" and thread == "scanner-sim"
    assert "Nguy" not in repr(ev)
