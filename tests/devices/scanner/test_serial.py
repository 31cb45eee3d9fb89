"""The serial scanner against a real pseudo-terminal: the kernel's tty is the peer."""

from __future__ import annotations

import os
import queue
import tty

import pytest

from devices.errors import DeviceError
from devices.scanner.base import MAX_SCAN_BYTES, ScanEvent, open_scanner
from devices.scanner.serial import LineSplitter, SerialScanner, parse_terminator

CCCD = "001089012345|123456789|Nguyễn Thị Hồng Nhung|01011990|Nữ|Hà Nội|15082021"


@pytest.fixture
def pty_pair():
    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    yield master, name
    for fd in (master, slave):
        try:
            os.close(fd)
        except OSError:
            pass


def _scanner(name: str, **kw) -> tuple[SerialScanner, queue.Queue, queue.Queue]:
    scans: queue.Queue[ScanEvent] = queue.Queue()
    errors: queue.Queue[DeviceError] = queue.Queue()
    s = SerialScanner(name, reopen_s=0.05, **kw)
    s.start(scans.put, errors.put)
    if not name.startswith("/dev/does-not"):
        assert s.opened.wait(5)  # pyserial flushes pending input when it opens the port
    return s, scans, errors


@pytest.mark.parametrize(
    "terminator, end", [("CR", b"\r"), ("LF", b"\n"), ("CRLF", b"\r\n"), ("auto", b"\r\n"), ("0x04", b"\x04")]
)
def test_given_a_pty_when_a_scan_is_written_then_its_exact_utf8_bytes_arrive(pty_pair, terminator, end):
    master, name = pty_pair
    s, scans, _ = _scanner(name, terminator=terminator)
    try:
        os.write(master, CCCD.encode("utf-8") + end + b"K7M4QX9T2R" + end)
        first, second = scans.get(timeout=5), scans.get(timeout=5)
    finally:
        s.stop()
    assert first.data.decode("utf-8") == CCCD and first.source == "serial" and not first.truncated
    assert second.data == b"K7M4QX9T2R"
    assert scans.empty()


def test_a_scan_split_across_writes_is_reassembled(pty_pair):
    master, name = pty_pair
    s, scans, _ = _scanner(name, terminator="CR")
    try:
        data = CCCD.encode("utf-8") + b"\r"
        for i in range(0, len(data), 7):
            os.write(master, data[i : i + 7])
        got = scans.get(timeout=5)
    finally:
        s.stop()
    assert got.data.decode("utf-8") == CCCD


def test_idle_terminator_none_ends_a_scan_after_silence(pty_pair):
    master, name = pty_pair
    s, scans, _ = _scanner(name, terminator="none", idle_s=0.05)
    try:
        os.write(master, b"HELLO123")
        got = scans.get(timeout=5)
    finally:
        s.stop()
    assert got.data == b"HELLO123"


def test_hostile_endless_line_is_cut_and_flagged(pty_pair):
    master, name = pty_pair
    s, scans, _ = _scanner(name, terminator="CR")
    try:
        os.write(master, b"A" * (MAX_SCAN_BYTES + 5000) + b"\r" + b"OK\r")
        big, ok = scans.get(timeout=10), scans.get(timeout=5)
    finally:
        s.stop()
    assert big.truncated and len(big.data) == MAX_SCAN_BYTES
    assert ok.data == b"OK" and not ok.truncated


def test_missing_port_is_reported_once_and_stop_still_works():
    s, scans, errors = _scanner("/dev/does-not-exist-tty")
    try:
        err = errors.get(timeout=5)
    finally:
        s.stop()
    assert err.code == "scanner.device_unavailable"
    assert errors.empty() and scans.empty()


def test_unplugged_port_is_reported(pty_pair):
    master, name = pty_pair
    s, scans, errors = _scanner(name, terminator="CR")
    try:
        os.write(master, b"ONE\r")
        assert scans.get(timeout=5).data == b"ONE"
        os.close(master)  # the far end goes away: reads fail with EIO
        err = errors.get(timeout=5)
    finally:
        s.stop()
    assert err.code == "scanner.device_unavailable"


def test_line_splitter_is_pure_and_handles_crlf_once():
    ls = LineSplitter("auto")
    assert ls.feed(b"A\r\nB\rC\n\n") == [(b"A", False), (b"B", False), (b"C", False)]


@pytest.mark.parametrize("bad", ["XYZ", "0x1FF", "0xZZ"])
def test_bad_terminator_setting_is_refused(bad):
    with pytest.raises(DeviceError) as e:
        parse_terminator(bad)
    assert e.value.code == "scanner.bad_setting"


def test_open_scanner_parses_the_setting():
    s = open_scanner("serial:///dev/ttyACM0?baudrate=115200&terminator=CRLF")
    assert isinstance(s, SerialScanner) and s.port == "/dev/ttyACM0" and s.baudrate == 115200
    assert open_scanner("none") is None
    with pytest.raises(DeviceError):
        open_scanner("serial:///dev/ttyACM0?baudrate=fast")
    with pytest.raises(DeviceError):
        open_scanner("bluetooth:xx")
