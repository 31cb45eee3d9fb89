"""Scanner controller: scans from a driver thread arrive routed, on the GUI thread; keystroke fallback."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from devices.scanner.serial import SerialScanner
from devices.scanner.simulated import SimulatedScanner
from kiosk import tracking
from kiosk.scan_routing import ScanKind
from ui.devices.scanner import KeystrokeScanFilter, ScannerController

pytestmark = pytest.mark.qt

CODE = "K7M4QX9T2" + tracking.check_symbol("K7M4QX9T2")


def test_simulated_scans_arrive_routed_on_the_gui_thread(qtbot):
    ctl = ScannerController()
    sim = SimulatedScanner()
    ctl.start(sim)
    threads = []
    ctl.scanned.connect(lambda r: threads.append(threading.current_thread() is threading.main_thread()))
    try:
        with qtbot.waitSignal(ctl.scanned, timeout=5000) as got:
            sim.inject(f"https://dvc.example.gov.vn/t/{CODE}")
        assert got.args[0].kind == ScanKind.RECEIPT and got.args[0].tracking_code == CODE
        with qtbot.waitSignal(ctl.rejected, timeout=5000) as bad:
            sim.inject(b"\xff\xfe\x00")
        assert bad.args[0].reason == "scanner.binary"
    finally:
        ctl.close()
    assert threads == [True]


def test_serial_scanner_through_a_pty_reaches_the_screen(qtbot):
    master, slave = os.openpty()
    import tty

    tty.setraw(slave)
    ctl = ScannerController()
    scanner = SerialScanner(os.ttyname(slave), terminator="CR")
    ctl.start(scanner)
    try:
        assert scanner.opened.wait(5)
        with qtbot.waitSignal(ctl.scanned, timeout=5000) as got:
            os.write(master, CODE.encode() + b"\r")
        assert got.args[0].source == "serial" and got.args[0].kind == ScanKind.RECEIPT
    finally:
        ctl.close()
        os.close(master)
        os.close(slave)


def test_missing_device_becomes_a_device_error_signal(qtbot):
    from devices.scanner.hid import HidScanner

    ctl = ScannerController()
    with qtbot.waitSignal(ctl.failed, timeout=2000) as err:
        ctl.start(HidScanner("/dev/input/event-nope"))
    assert err.args[0] == "scanner.device_unavailable"
    ctl.close()


def _press(widget, ch: str | None, key=None):
    k = key if key is not None else Qt.Key(ord(ch.upper()))
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, k, Qt.KeyboardModifier.NoModifier, ch or "")
    )


def test_keystroke_burst_becomes_a_scan_and_never_reaches_the_field(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    f = KeystrokeScanFilter(max_gap_ms=1000, min_len=6)  # generous gap: the test is not a timing test
    f.install()
    got: list[str] = []
    f.scanText.connect(got.append)
    try:
        for ch in CODE:
            _press(field, ch)
        _press(field, "\r", Qt.Key.Key_Return)
    finally:
        f.uninstall()
    assert got == [CODE]
    assert field.text() == ""


def test_slow_typing_reaches_the_field(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    f = KeystrokeScanFilter(max_gap_ms=1, min_len=6)
    f.install()
    try:
        _press(field, "a")
        qtbot.waitUntil(lambda: field.text() == "a", timeout=2000)  # released once the gap passes
        _press(field, "b")
        _press(field, "\r", Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: field.text() == "ab", timeout=2000)
    finally:
        f.uninstall()
