"""Headphones are told apart from the open speaker by the sound server's own sink list."""

from __future__ import annotations

from kiosk.speech.route import Route, detect, route_from_sinks


def _sink(active: str, availability: str = "available", desc: str = "") -> dict:
    return {
        "name": "alsa_output.pci-0000_00_1f.3.analog-stereo",
        "active_port": active,
        "ports": [
            {"name": "analog-output-speaker", "description": "Speakers", "availability": "available"},
            {"name": active, "description": desc, "availability": availability},
        ],
    }


def test_headphones_plugged() -> None:
    assert route_from_sinks([_sink("analog-output-headphones", desc="Headphones")]).route is Route.HEADPHONES


def test_headphone_port_but_jack_empty_is_the_speaker() -> None:
    info = route_from_sinks([_sink("analog-output-headphones", "not available", "Headphones")])
    assert info.route is Route.SPEAKER


def test_speaker() -> None:
    assert route_from_sinks([_sink("analog-output-speaker", desc="Speakers")]).route is Route.SPEAKER


def test_usb_headset() -> None:
    sink = {"name": "alsa_output.usb-headset", "active_port": "analog-output", "ports": [
        {"name": "analog-output", "description": "USB Headset", "availability": "unknown"}]}  # fmt: skip
    assert route_from_sinks([sink]).route is Route.HEADPHONES


def test_no_outputs() -> None:
    assert route_from_sinks([]).route is Route.NONE


def test_declared_handset() -> None:
    assert detect(handset=True).route is Route.HEADPHONES
