"""USB-serial (CDC-ACM) QR scanners: one scan per line, the terminator configurable.

Terminators: ``CR`` (most scanners' factory suffix), ``LF``, ``CRLF``, ``TAB``, ``ETX``,
``auto`` (CR or LF, a CRLF pair counting once), ``none`` (a scan ends after ``idle_s`` of
silence), or a hex byte like ``0x04``. A line longer than ``MAX_SCAN_BYTES`` is cut there
and flagged (routing then refuses it); the rest up to the next terminator is dropped. If
the port disappears (unplugged), ``on_error`` is told once and the reader keeps trying to
reopen it every ``reopen_s`` seconds until stopped.
"""

from __future__ import annotations

import logging
import threading
import time

import serial as pyserial

from devices.errors import DeviceError
from devices.scanner.base import MAX_SCAN_BYTES, ErrorCallback, ScanCallback, ScanEvent

log = logging.getLogger(__name__)

TERMINATORS = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t", "ETX": b"\x03"}


def parse_terminator(name: str) -> bytes | None:
    """Bytes ending a scan; None for ``auto`` (CR or LF) … raises DeviceError on nonsense."""
    n = name.strip()
    if n.upper() in TERMINATORS:
        return TERMINATORS[n.upper()]
    if n.lower() in ("auto", ""):
        return None
    if n.lower() == "none":
        return b""
    if n.lower().startswith("0x"):
        try:
            v = int(n, 16)
        except ValueError:
            v = -1
        if 0 <= v <= 255:
            return bytes([v])
    raise DeviceError(f"unknown terminator {name[:20]!r}", code="scanner.bad_setting")


class LineSplitter:
    """Bytes in, complete scans out. Pure: the serial reader and the tests share it."""

    def __init__(self, terminator: str = "auto", max_len: int = MAX_SCAN_BYTES):
        self.term = parse_terminator(terminator)
        self.max_len = max_len
        self._buf = bytearray()
        self._overflow = False
        self._skip_lf = False

    def feed(self, data: bytes) -> list[tuple[bytes, bool]]:
        """(payload, truncated) for each scan completed by ``data``."""
        out: list[tuple[bytes, bool]] = []
        for b in data:
            ch = bytes([b])
            if self.term is None:  # auto: CR or LF; LF right after CR is the same line end
                if ch == b"\n" and self._skip_lf:
                    self._skip_lf = False
                    continue
                self._skip_lf = ch == b"\r"
                if ch in (b"\r", b"\n"):
                    self._end(out)
                    continue
            elif self.term:
                self._buf += ch
                if self._buf.endswith(self.term):
                    del self._buf[-len(self.term) :]
                    self._end(out)
                    continue
                if len(self._buf) > self.max_len + len(self.term):
                    self._overflow = True
                    del self._buf[self.max_len :]
                continue
            else:  # none: only idle flushes end a scan
                pass
            self._buf += ch
            if len(self._buf) > self.max_len:
                self._overflow = True
                del self._buf[self.max_len :]
        return out

    def flush(self) -> list[tuple[bytes, bool]]:
        """End of input (idle timeout): what is buffered is one scan."""
        out: list[tuple[bytes, bool]] = []
        self._end(out)
        return out

    def _end(self, out: list[tuple[bytes, bool]]) -> None:
        if self._buf or self._overflow:
            out.append((bytes(self._buf[: self.max_len]), self._overflow))
        self._buf.clear()
        self._overflow = False


class SerialScanner:
    driver = "serial"

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        terminator: str = "auto",
        idle_s: float = 0.08,
        reopen_s: float = 2.0,
    ):
        self.name = port
        self.port = port
        self.baudrate = baudrate
        self.terminator = terminator
        parse_terminator(terminator)  # refuse a bad setting now, not on the thread
        self.idle_s = idle_s
        self.reopen_s = reopen_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.opened = threading.Event()  # set while the port is open (pyserial flushes input on open)

    def start(self, on_scan: ScanCallback, on_error: ErrorCallback | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("scanner already started")
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_scan, on_error), name="scanner-serial", daemon=False
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        t, self._thread = self._thread, None
        if t is not None and t is not threading.current_thread():
            t.join(5)

    def _open(self) -> pyserial.Serial:
        try:
            return pyserial.Serial(self.port, self.baudrate, timeout=0.05)
        except (pyserial.SerialException, OSError, ValueError) as e:
            raise DeviceError(
                f"{e.__class__.__name__}: cannot open {self.port}", code="scanner.device_unavailable"
            ) from None

    def _run(self, on_scan: ScanCallback, on_error: ErrorCallback | None) -> None:
        reported = False
        while not self._stop.is_set():
            try:
                port = self._open()
            except DeviceError as e:
                if not reported and on_error is not None:
                    on_error(e)
                reported = True
                self._stop.wait(self.reopen_s)
                continue
            reported = False
            log.info("serial_scanner_open port=%s", self.port)
            self.opened.set()
            try:
                self._read(port, on_scan)
            except (pyserial.SerialException, OSError) as e:
                log.warning("serial_scanner_lost error=%s", e.__class__.__name__)
                if on_error is not None:
                    on_error(DeviceError(f"{e.__class__.__name__}", code="scanner.device_unavailable"))
                reported = True
                self._stop.wait(self.reopen_s)
            finally:
                self.opened.clear()
                port.close()

    def _read(self, port: pyserial.Serial, on_scan: ScanCallback) -> None:
        lines = LineSplitter(self.terminator)
        last = time.monotonic()
        while not self._stop.is_set():
            data = port.read(max(1, port.in_waiting))
            now = time.monotonic()
            done = lines.feed(data) if data else []
            if data:
                last = now
            elif now - last >= self.idle_s and lines.term == b"":
                done = lines.flush()
            for payload, cut in done:
                on_scan(ScanEvent(payload, "serial", time.monotonic(), cut))
