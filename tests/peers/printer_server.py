"""A receipt printer on TCP 9100 for tests: parses ESC/POS, prints raster to images, answers status.

What it understands (ESC/POS, as an Epson TM-class printer does):

* ``ESC @`` init, ``ESC a n`` justification (applies to raster too), ``ESC J n`` feed n dots,
  ``ESC d n`` feed n lines, ``ESC 2`` / ``ESC 3 n`` line spacing, ``ESC E n``, ``ESC !``,
  ``ESC M``, ``ESC t``, ``ESC -``, ``ESC G``, ``ESC R`` (accepted, no effect on images),
  ``ESC p m t1 t2`` (drawer kick), ``LF`` / ``CR`` and plain text (kept as text lines).
* ``GS v 0 m xL xH yL yH d…`` raster, drawn onto the current page (m: 1 double width, 2
  double height); ``GS V m`` / ``GS V m n`` cut (ends the page); ``GS ( k`` / ``GS ( L`` and
  ``GS 8 L`` skipped by their length fields; ``GS a n`` (automatic status back) noted.
* ``DLE EOT n`` (n = 1..4, real-time: answered even when stopped) and ``GS r n`` (n = 1, 2,
  answered in turn, and not while stopped by paper end, cover open or an error) from
  :class:`PeerState`.

Faults: ``state`` (offline, cover open, paper near end, paper end, cutter error, silent),
``paper_rows`` (the roll runs out after that many dot rows: the rest of the raster is lost and
status turns to paper end), ``close_after`` (bytes of a connection after which the server
drops it, as a printer switched off mid-job), ``refuse`` (close each connection at once).
"""

from __future__ import annotations

import os
import pty
import selectors
import socket
import threading
import tty
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

ESC, GS, DLE, LF, CR = 0x1B, 0x1D, 0x10, 0x0A, 0x0D

_ESC_ONE_ARG = set(b"aEJd3!M-GRt V")  # each takes one parameter byte
_GS_ONE_ARG = set(b"!aBfHhwb")


@dataclass
class PeerState:
    offline: bool = False
    cover_open: bool = False
    paper_end: bool = False
    near_end: bool = False
    cutter_error: bool = False
    silent: bool = False  # no answer to status queries at all

    def dle_eot(self, n: int) -> int:
        stopped = self.offline or self.cover_open or self.paper_end or self.cutter_error
        if n == 1:
            return 0x12 | (0x08 if stopped else 0) | (0x20 if self.cutter_error else 0)
        if n == 2:
            return (
                0x12
                | (0x04 if self.cover_open else 0)
                | (0x20 if self.paper_end else 0)
                | (0x40 if self.cutter_error else 0)
            )
        if n == 3:
            return 0x12 | (0x08 if self.cutter_error else 0)
        return 0x12 | (0x0C if self.near_end or self.paper_end else 0) | (0x60 if self.paper_end else 0)

    def gs_r(self, n: int) -> int:
        if n == 1:  # paper sensor: bits 0-1 near end, bits 2-3 paper end
            return (0x03 if self.near_end or self.paper_end else 0) | (0x0C if self.paper_end else 0)
        return 0x00  # n = 2: drawer


@dataclass
class Page:
    rows: list[np.ndarray] = field(default_factory=list)  # bool rows, True = black dot
    text: list[str] = field(default_factory=list)
    cut: bool = False

    def image(self, width: int) -> Image.Image:
        if not self.rows:
            return Image.new("L", (width, 1), 255)
        black = np.vstack(self.rows)
        return Image.fromarray(np.where(black, 0, 255).astype(np.uint8), mode="L")


class _NeedMore(Exception):
    pass


class PrinterServer:
    """Start with :meth:`start` (or as a context manager); ``port`` is picked by the OS."""

    def __init__(self, paper_dots: int = 576, host: str = "127.0.0.1"):
        self.paper_dots = paper_dots
        self.state = PeerState()
        self.paper_rows: int | None = None
        self.close_after: int | None = None
        self.refuse = False
        self.pages: list[Page] = []  # finished (cut) pages
        self.current = Page()
        self.torn: list[Page] = []  # partial pages removed when paper was loaded
        self.unknown: list[bytes] = []
        self.status_queries: list[bytes] = []
        self.connections = 0
        self.bytes_received = 0
        self._align = 0
        self._line_dots = 30
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._drop = threading.Event()
        self._sock = socket.create_server((host, 0))
        self.host, self.port = host, self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name=f"printer-peer:{self.port}")

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}?timeout=2&print_timeout=2"

    def start(self) -> PrinterServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def __enter__(self) -> PrinterServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def load_paper(self, rows: int | None = None) -> None:
        with self._cond:
            if self.current.rows or self.current.text:
                self.torn.append(self.current)  # staff tear off what came out before the roll ended
                self.current = Page()
            self.paper_rows = rows
            self.state.paper_end = False
            self.state.near_end = False

    def drop_connection(self) -> None:
        """Close the current connection, as a printer switched off and on between jobs."""
        self._drop.set()
        with self._cond:
            self._cond.wait_for(lambda: not self._drop.is_set(), 5)

    def wait_pages(self, n: int, timeout: float = 5.0) -> list[Page]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.pages) >= n, timeout):
                raise TimeoutError(f"{len(self.pages)} pages after {timeout}s, wanted {n}")
            return list(self.pages)

    def wait_connections(self, n: int, timeout: float = 5.0) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: self.connections >= n, timeout):
                raise TimeoutError(f"{self.connections} connections, wanted {n}")

    # -- serving -------------------------------------------------------------------------

    def _serve(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self._sock, selectors.EVENT_READ)
        try:
            while not self._stop.is_set():
                if not sel.select(timeout=0.05):
                    continue
                conn, _ = self._sock.accept()
                with self._cond:
                    self.connections += 1
                    self._cond.notify_all()
                if self.refuse:
                    conn.close()
                    continue
                self._handle(conn)
        finally:
            sel.close()

    def _handle(self, conn: socket.socket) -> None:
        buf = bytearray()
        got = 0
        conn.settimeout(0.05)
        with conn:
            while not self._stop.is_set():
                if self._drop.is_set():
                    conn.shutdown(socket.SHUT_RDWR)
                    with self._cond:
                        self._drop.clear()
                        self._cond.notify_all()
                    return
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                if self.close_after is not None and got + len(chunk) > self.close_after:
                    chunk = chunk[: max(0, self.close_after - got)]
                    buf += chunk
                    self._consume(buf, conn.sendall)
                    self.close_after = None  # the printer comes back for the next connection
                    conn.shutdown(socket.SHUT_RDWR)
                    return
                got += len(chunk)
                with self._cond:
                    self.bytes_received += len(chunk)
                buf += chunk
                self._consume(buf, conn.sendall)

    def _consume(self, buf: bytearray, reply: Callable[[bytes], object]) -> None:
        with self._cond:
            while buf:
                try:
                    used = self._one(buf, reply)
                except _NeedMore:
                    break
                del buf[:used]
            self._cond.notify_all()

    def _one(self, b: bytearray, reply: Callable[[bytes], object]) -> int:
        c = b[0]
        if c == DLE:
            need(b, 3)
            if b[1] == 0x04 and 1 <= b[2] <= 4:
                self.status_queries.append(bytes(b[:3]))
                if not self.state.silent:
                    reply(bytes([self.state.dle_eot(b[2])]))
                return 3
            self.unknown.append(bytes(b[:3]))
            return 3
        if c == ESC:
            need(b, 2)
            cmd = b[1]
            if cmd == ord("@"):
                self._align, self._line_dots = 0, 30
                return 2
            if cmd == ord("2"):
                self._line_dots = 30
                return 2
            if cmd == ord("p"):
                need(b, 5)
                return 5
            if cmd in _ESC_ONE_ARG:
                need(b, 3)
                n = b[2]
                if cmd == ord("a"):
                    self._align = n % 48 if n >= 48 else n
                elif cmd == ord("3"):
                    self._line_dots = n
                elif cmd == ord("J"):
                    self._feed(n)
                elif cmd == ord("d"):
                    self._feed(n * self._line_dots)
                return 3
            self.unknown.append(bytes(b[:2]))
            return 2
        if c == GS:
            need(b, 2)
            cmd = b[1]
            if cmd == ord("v"):
                need(b, 8)
                if b[2] not in (0x30, 0x00):
                    self.unknown.append(bytes(b[:3]))
                    return 3
                m, x, y = b[3], b[4] | b[5] << 8, b[6] | b[7] << 8
                need(b, 8 + x * y)
                self._raster(m & 0x0F, x, y, bytes(b[8 : 8 + x * y]))
                return 8 + x * y
            if cmd == ord("V"):
                need(b, 3)
                m = b[2]
                if m in (0, 1, 48, 49):
                    self._cut()
                    return 3
                need(b, 4)
                self._feed(b[3])
                self._cut()
                return 4
            if cmd == ord("r"):
                need(b, 3)
                self.status_queries.append(bytes(b[:3]))
                st = self.state
                # not real-time: a stopped printer answers only once it runs again
                if not (st.silent or st.paper_end or st.cover_open or st.offline or st.cutter_error):
                    reply(bytes([self.state.gs_r(b[2] % 48 if b[2] >= 48 else b[2])]))
                return 3
            if cmd == ord("(") or cmd == ord("8"):
                need(b, 5)
                if cmd == ord("8"):  # GS 8 L p1 p2 p3 p4
                    need(b, 7)
                    n = b[3] | b[4] << 8 | b[5] << 16 | b[6] << 24
                    need(b, 7 + n)
                    return 7 + n
                n = b[3] | b[4] << 8
                need(b, 5 + n)
                return 5 + n
            if cmd in (ord("L"), ord("W")):
                need(b, 4)
                return 4
            if cmd in _GS_ONE_ARG:
                need(b, 3)
                return 3
            self.unknown.append(bytes(b[:2]))
            return 2
        if c == LF:
            self._feed(self._line_dots)
            return 1
        if c == CR:
            return 1
        # plain text up to the next control byte
        end = 0
        while end < len(b) and b[end] >= 0x20:
            end += 1
        if end == 0:
            self.unknown.append(bytes(b[:1]))
            return 1
        self.current.text.append(bytes(b[:end]).decode("cp437", "replace"))
        return end

    # -- paper ---------------------------------------------------------------------------

    def _take_paper(self, rows: int) -> int:
        """How many of ``rows`` dot rows still reach the paper; running out flips the status."""
        if self.state.paper_end:
            return 0
        if self.paper_rows is None:
            return rows
        take = min(rows, self.paper_rows)
        self.paper_rows -= take
        if self.paper_rows <= 0 and take < rows:
            self.state.paper_end = True
            self.state.near_end = True
        return take

    def _feed(self, dots: int) -> None:
        n = self._take_paper(dots)
        self.current.rows.extend(np.zeros((n, self.paper_dots), dtype=bool))

    def _raster(self, m: int, width_bytes: int, rows: int, data: bytes) -> None:
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8).reshape(rows, width_bytes), axis=1).astype(
            bool
        )
        if m & 1:
            bits = np.repeat(bits, 2, axis=1)
        if m & 2:
            bits = np.repeat(bits, 2, axis=0)
        bits = bits[:, : self.paper_dots]
        w = bits.shape[1]
        left = {0: 0, 1: (self.paper_dots - w) // 2, 2: self.paper_dots - w}.get(self._align, 0)
        n = self._take_paper(bits.shape[0])
        canvas = np.zeros((n, self.paper_dots), dtype=bool)
        canvas[:, left : left + w] = bits[:n]
        self.current.rows.extend(canvas)

    def _cut(self) -> None:
        if self.state.paper_end:
            return  # stopped: what came out stays in ``current`` until paper is loaded
        self.current.cut = True
        self.pages.append(self.current)
        self.current = Page()


def need(b: bytearray, n: int) -> int:
    if len(b) < n:
        raise _NeedMore
    return n


class SerialPrinterPeer(PrinterServer):
    """The same printer on a serial line: a pty whose slave end is the kiosk's ``/dev/pts/N``."""

    def __init__(self, paper_dots: int = 576, baudrate: int = 19200):
        super().__init__(paper_dots)
        self._sock.close()
        self._master, slave = pty.openpty()
        tty.setraw(slave)
        self.device = os.ttyname(slave)
        self._slave = slave  # kept open so the line stays up between the driver's opens
        self.baudrate = baudrate
        self._thread = threading.Thread(target=self._serve_pty, name=f"printer-peer:{self.device}")

    @property
    def uri(self) -> str:
        return f"serial://{self.device}?baudrate={self.baudrate}&timeout=1&print_timeout=2"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        os.close(self._master)
        os.close(self._slave)

    def _serve_pty(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self._master, selectors.EVENT_READ)
        buf = bytearray()
        try:
            while not self._stop.is_set():
                if not sel.select(timeout=0.05):
                    continue
                try:
                    chunk = os.read(self._master, 65536)
                except OSError:
                    continue
                with self._cond:
                    self.bytes_received += len(chunk)
                buf += chunk
                self._consume(buf, lambda data: os.write(self._master, data))
        finally:
            sel.close()
