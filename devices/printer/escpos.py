"""The real printer: python-escpos over USB, serial, raw TCP 9100 or a file, picked by URI.

``usb://04B8:0202`` (hex VID:PID), ``serial:///dev/ttyUSB0?baudrate=19200``,
``tcp://10.0.0.5:9100`` (port optional), ``file:///dev/usb/lp0`` (write-only: no status).
Optional query keys for every URI: ``timeout`` (seconds to wait for a status answer, default 3)
and ``print_timeout`` (seconds a job may take to come out, default 30).

python-escpos builds the commands and owns the transports; this module opens and closes
them explicitly (never through its lazy ``device`` property), sends images as GS v 0 bands
(:mod:`devices.printer.raster`) and reads real-time status (:mod:`devices.printer.status`).
Each printer object belongs to one thread (the print worker); it asserts so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from devices.printer import raster, status
from devices.printer.base import PrinterError, width_dots
from devices.printer.status import PrinterStatus

log = logging.getLogger(__name__)

ESC_INIT = b"\x1b@"
FEED_AND_PARTIAL_CUT = b"\x1dVB"  # GS V 66 n: feed n dots to the cutter, then partial cut
CUT_FEED_DOTS = 24
GS_R_PAPER = b"\x1dr\x01"  # GS r 1: transmit paper sensor status (processed in order, after the job)


@dataclass(frozen=True)
class PrinterUri:
    scheme: str  # usb | serial | tcp | file
    target: str  # "04B8:0202", "/dev/ttyUSB0", "10.0.0.5", "/tmp/out.bin"
    port: int = 9100
    baudrate: int = 19200
    timeout: float = 3.0
    print_timeout: float = 30.0  # how long a job may take to come out before we stop waiting
    vid: int = 0
    pid: int = 0

    @property
    def display(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.target}:{self.port}"
        if self.scheme == "serial":
            return f"serial://{self.target}?baudrate={self.baudrate}"
        return f"{self.scheme}://{self.target}"


def parse_uri(uri: str) -> PrinterUri:
    """Parse a printer URI; PrinterError(code="printer.bad_uri") says what is wrong."""
    parts = urlsplit(uri.strip())
    q = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    try:
        timeout = float(q.get("timeout", 3.0))
        if not 0 < timeout <= 120:
            raise ValueError
    except ValueError:
        raise PrinterError(f"{uri}: timeout must be 0-120 seconds", code="printer.bad_uri") from None
    try:
        print_timeout = float(q.get("print_timeout", 30.0))
        if not 0 < print_timeout <= 600:
            raise ValueError
    except ValueError:
        raise PrinterError(f"{uri}: print_timeout must be 0-600 seconds", code="printer.bad_uri") from None
    scheme = parts.scheme.lower()
    if scheme == "tcp":
        if not parts.hostname:
            raise PrinterError(f"{uri}: expected tcp://host[:port]", code="printer.bad_uri")
        try:
            port = parts.port or 9100
        except ValueError:
            raise PrinterError(f"{uri}: bad port", code="printer.bad_uri") from None
        return PrinterUri("tcp", parts.hostname, port=port, timeout=timeout, print_timeout=print_timeout)
    if scheme == "usb":
        ids = (parts.netloc or parts.path.strip("/")).split(":")
        try:
            vid, pid = (int(x, 16) for x in ids)
            if not (0 <= vid <= 0xFFFF and 0 <= pid <= 0xFFFF):
                raise ValueError
        except ValueError:
            raise PrinterError(
                f"{uri}: expected usb://VID:PID in hex (usb://04B8:0202)", code="printer.bad_uri"
            ) from None
        return PrinterUri(
            "usb", f"{vid:04X}:{pid:04X}", vid=vid, pid=pid, timeout=timeout, print_timeout=print_timeout
        )
    if scheme == "serial":
        if not parts.path:
            raise PrinterError(
                f"{uri}: expected serial:///dev/ttyUSB0?baudrate=19200", code="printer.bad_uri"
            )
        try:
            baud = int(q.get("baudrate", 19200))
        except ValueError:
            raise PrinterError(f"{uri}: baudrate must be a number", code="printer.bad_uri") from None
        return PrinterUri("serial", parts.path, baudrate=baud, timeout=timeout, print_timeout=print_timeout)
    if scheme == "file":
        if not parts.path:
            raise PrinterError(f"{uri}: expected file:///path", code="printer.bad_uri")
        return PrinterUri("file", parts.path, timeout=timeout, print_timeout=print_timeout)
    raise PrinterError(
        f"{uri}: unknown printer scheme {scheme!r} (usb, serial, tcp, file, sim)", code="printer.bad_uri"
    )


class EscposPrinter:
    """A receipt printer driven through python-escpos (see module docstring)."""

    def __init__(self, uri: str, width_mm: int = 80):
        self.uri = parse_uri(uri)
        self.name = self.uri.display
        self.driver = {"tcp": "escpos-network"}.get(self.uri.scheme, f"escpos-{self.uri.scheme}")
        self.width_dots = width_dots(width_mm)
        self._dev: object | None = None
        self._owner: threading.Thread | None = None
        self.last_job_confirmed = False  # the printer answered GS r after the last job

    # -- connection ---------------------------------------------------------------------

    def _make(self) -> object:
        u = self.uri
        if u.scheme == "tcp":
            from escpos.printer import Network

            return Network(host=u.target, port=u.port, timeout=u.timeout)
        if u.scheme == "serial":
            from escpos.printer import Serial

            return Serial(devfile=u.target, baudrate=u.baudrate, timeout=u.timeout)
        if u.scheme == "usb":
            from escpos.printer import Usb

            if not Usb.is_usable():
                raise PrinterError("pyusb is not installed", code="printer.unreachable")
            return Usb(idVendor=u.vid, idProduct=u.pid, timeout=int(u.timeout * 1000))
        from escpos.printer import File

        return File(devfile=u.target)

    def open(self) -> None:
        self._check_thread()
        if self._dev is not None:
            return
        dev = self._make()
        try:
            dev.open(raise_not_found=True)  # type: ignore[attr-defined]
        except Exception as e:  # noqa: BLE001 - every transport raises its own kind
            dev.device = None  # type: ignore[attr-defined]  # keep __del__ from reopening
            raise PrinterError(
                " ".join(f"{self.name}: {e.__class__.__name__}: {e}".split()), code="printer.unreachable"
            ) from None
        self._dev = dev
        log.info("printer_open uri=%s driver=%s", self.name, self.driver)

    def close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            try:
                dev.close()  # type: ignore[attr-defined]
            except Exception as e:  # noqa: BLE001 - closing a broken link must not raise
                log.info("printer_close_failed uri=%s error=%s", self.name, e.__class__.__name__)
            dev.device = None  # type: ignore[attr-defined]

    def __enter__(self) -> EscposPrinter:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_thread(self) -> None:
        me = threading.current_thread()
        if self._owner is None or not self._owner.is_alive():
            self._owner = me
        assert self._owner is me, f"printer {self.name} used from {me.name}, owned by {self._owner.name}"

    # -- I/O ------------------------------------------------------------------------------

    def _send(self, data: bytes) -> None:
        if self._dev is None:
            self.open()
        try:
            self._dev._raw(data)  # type: ignore[union-attr]
        except Exception as e:  # noqa: BLE001 - socket.error, SerialException, USBError …
            self.close()
            raise PrinterError(
                f"{self.name}: send failed: {e.__class__.__name__}: {e}", code="printer.interrupted"
            ) from None

    def _read_byte(
        self,
        wait: float | None = None,
        accept: Callable[[int], bool] = status.is_status_byte,
        *,
        link_must_hold: bool = False,
    ) -> int | None:
        """The newest byte that ``accept`` takes, or None if none came within ``wait`` seconds.

        Bytes it does not take (a late GS r answer while DLE EOT is awaited) are skipped. With
        ``link_must_hold`` a closed or broken link raises ``printer.interrupted`` instead.
        """
        assert self._dev is not None
        deadline = time.monotonic() + (wait if wait is not None else self.uri.timeout)
        while time.monotonic() < deadline:
            try:
                if self.uri.scheme == "serial":
                    # python-escpos's Serial._read asks for 16 bytes and so always waits out the
                    # timeout; a status answer is one byte: take it as soon as it arrives.
                    port = self._dev.device  # type: ignore[attr-defined]
                    got = port.read(1)
                    if got and port.in_waiting:
                        got += port.read(port.in_waiting)
                else:
                    got = self._dev._read()  # type: ignore[attr-defined]
            except TimeoutError:
                continue
            except Exception as e:  # noqa: BLE001 - a dead link reads as "no answer"
                log.info("printer_read_failed uri=%s error=%s", self.name, e.__class__.__name__)
                if link_must_hold:
                    self.close()
                    raise PrinterError(
                        f"{self.name}: link broke: {e.__class__.__name__}", code="printer.interrupted"
                    ) from None
                return None
            if got:
                for b in reversed(got):
                    if accept(b):
                        return b
                continue
            if self.uri.scheme == "tcp":  # recv() returned b"": the peer closed the connection
                if link_must_hold:
                    self.close()
                    raise PrinterError(
                        f"{self.name}: printer closed the connection", code="printer.interrupted"
                    )
                return None
        return None

    def _wait_printed(self) -> bool:
        """GS r 1 is answered only once everything sent before it has been processed (DLE EOT
        is answered at once, even with the receipt still in the buffer): wait for it, so the
        status read after a job describes the paper after the receipt, not before. A link that
        closes meanwhile means the job may be lost: ``printer.interrupted``, never a quiet
        reconnect that would count it as printed."""
        if self.uri.scheme == "file":
            return False
        self._send(GS_R_PAPER)
        answer = self._read_byte(self.uri.print_timeout, accept=lambda b: b & 0x90 == 0, link_must_hold=True)
        if answer is None:
            log.info("printer_job_unconfirmed uri=%s", self.name)
        return answer is not None

    def status(self) -> PrinterStatus:
        self._check_thread()
        if self.uri.scheme == "file":
            return status.NOT_READABLE
        reused = self._dev is not None
        result = self._status_once()
        if reused and not result.raw and not result.online:
            # the link kept from the last job may be stale (printer power-cycled, idle
            # connection dropped): ask once more on a fresh connection before saying offline
            self.close()
            result = self._status_once()
        return result

    def _status_once(self) -> PrinterStatus:
        try:
            if self._dev is None:
                self.open()
        except PrinterError as e:
            return PrinterStatus(reachable=False, online=False, detail=e.detail)
        try:
            result = status.read_status(self._send, self._read_byte)
        except PrinterError as e:
            return PrinterStatus(reachable=False, online=False, detail=e.detail)
        if not result.online and not result.raw:
            self.close()  # a silent link is reopened next time
        return result

    def print_image(self, image: Image.Image) -> None:
        """ESC @, the image as GS v 0 bands (threshold, so bring dithered parts pre-dithered), feed and cut."""
        self._check_thread()
        img = raster.fit_width(image, self.width_dots)
        mono = img if img.mode == "1" else raster.to_mono(img)
        self._send(ESC_INIT)
        for band in raster.gs_v0(mono):
            self._send(band)
        self._send(FEED_AND_PARTIAL_CUT + bytes([CUT_FEED_DOTS]))
        self.last_job_confirmed = self._wait_printed()
