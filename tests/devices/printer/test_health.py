from __future__ import annotations

from devices.printer.health import probe
from devices.settings import DeviceSettings


def test_simulated_is_ok(tmp_path):
    h = probe(DeviceSettings(printer="sim://", data_dir=str(tmp_path)))
    assert (h.kind, h.driver, h.state) == ("printer", "simulated", "ok")


def test_tcp_peer_near_end_is_a_warning(peer):
    peer.state.near_end = True
    h = probe(DeviceSettings(printer=peer.uri, printer_width_mm=58))
    assert (h.driver, h.state, h.figures["condition"], h.figures["width_dots"]) == (
        "escpos-network",
        "warn",
        "near_end",
        384,
    )


def test_cover_open_fails(peer):
    peer.state.cover_open = True
    assert probe(DeviceSettings(printer=peer.uri)).state == "fail"


def test_bad_setting_fails_with_reason():
    h = probe(DeviceSettings(printer="lpt://1"))
    assert h.state == "fail" and "unknown printer scheme" in h.detail
