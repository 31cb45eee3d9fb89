from __future__ import annotations

import os

from devices.scanner.health import probe
from devices.settings import DeviceSettings


def test_probe_states(tmp_path):
    assert probe(DeviceSettings(scanner="sim")).state == "ok"
    assert probe(DeviceSettings(scanner="none")).state == "absent"
    assert probe(DeviceSettings(scanner="hid:/dev/input/event-nope")).state == "absent"
    assert probe(DeviceSettings(scanner="serial:///dev/tty-nope")).state == "fail"
    assert probe(DeviceSettings(scanner="bogus")).state == "fail"
    master, slave = os.openpty()
    try:
        assert probe(DeviceSettings(scanner=f"serial://{os.ttyname(slave)}?baudrate=9600")).state == "ok"
    finally:
        os.close(master)
        os.close(slave)
