"""Keyboard-wedge decoding and the keystroke-burst fallback (no /dev/uinput here to fake a device)."""

from __future__ import annotations

import pytest
from evdev import ecodes as e

from devices.errors import DeviceError
from devices.scanner.hid import BurstDetector, HidScanner, KeyDecoder

SHIFTED = {c: "1234567890"[i] for i, c in enumerate("!@#$%^&*()")}


def _keys(text: str) -> list[tuple[int, int]]:
    """Key events a US-layout wedge scanner sends for ``text``, then Enter."""
    names = {
        "/": "SLASH",
        ":": "SEMICOLON",
        ".": "DOT",
        "-": "MINUS",
        "?": "SLASH",
        "=": "EQUAL",
        "&": "7",
        "|": "BACKSLASH",
        " ": "SPACE",
        "_": "MINUS",
    }
    shifted = set(":?&|_") | set(SHIFTED)
    out = []
    for ch in text:
        shift = ch.isupper() or ch in shifted
        name = names.get(ch) or SHIFTED.get(ch) or ch.upper()
        code = e.ecodes[f"KEY_{name}"]
        if shift:
            out.append((e.KEY_LEFTSHIFT, 1))
        out += [(code, 1), (code, 0)]
        if shift:
            out.append((e.KEY_LEFTSHIFT, 0))
    return out + [(e.KEY_ENTER, 1), (e.KEY_ENTER, 0)]


def _decode(events, dec=None):
    dec = dec or KeyDecoder()
    done = [r for code, v in events if (r := dec.feed(code, v)) is not None]
    return done


def test_receipt_url_typed_by_a_wedge_is_decoded_exactly():
    url = "https://dvc.example.gov.vn/t/K7M4QX9T2R?v=1&p=1.001193"
    assert _decode(_keys(url)) == [(url, False)]


def test_caps_lock_and_repeats():
    dec = KeyDecoder()
    events = [
        (e.KEY_CAPSLOCK, 1),
        (e.KEY_CAPSLOCK, 0),
        (e.KEY_A, 1),
        (e.KEY_A, 2),
        (e.KEY_A, 0),
        (e.KEY_1, 1),
        (e.KEY_ENTER, 1),
    ]
    assert _decode(events, dec) == [("A1", False)]


def test_alt_keypad_code_points_give_vietnamese():
    # "Ữ" is U+1EEE = 7918: Alt held, keypad 7 9 1 8, Alt released
    ev = (
        [(e.KEY_LEFTALT, 1)]
        + [(getattr(e, f"KEY_KP{d}"), 1) for d in "7918"]
        + [(e.KEY_LEFTALT, 0), (e.KEY_ENTER, 1)]
    )
    assert _decode(ev) == [("Ữ", False)]


def test_endless_input_is_cut_and_flagged():
    dec = KeyDecoder(max_len=10)
    ev = [(e.KEY_A, 1)] * 50 + [(e.KEY_ENTER, 1)]
    assert _decode(ev, dec) == [("a" * 10, True)]


def test_lone_enter_is_no_scan():
    assert _decode([(e.KEY_ENTER, 1), (e.KEY_ENTER, 0)]) == []


def test_missing_device_is_a_device_error():
    with pytest.raises(DeviceError) as err:
        HidScanner("/dev/input/event-does-not-exist").start(lambda ev: None)
    assert err.value.code == "scanner.device_unavailable"


def test_burst_of_fast_keys_is_a_scan():
    b = BurstDetector(max_gap=0.035, min_len=6)
    t = 10.0
    for ch in "K7M4QX9T2R":
        assert b.key(ch, t) == ""
        t += 0.008
    assert b.enter(t) == (True, "K7M4QX9T2R")
    assert not b.pending()


def test_slow_typing_is_passed_on():
    b = BurstDetector(max_gap=0.035, min_len=6)
    assert b.key("a", 1.0) == ""
    assert b.pending()
    assert b.key("b", 1.2) == "a"  # the gap shows "a" was typed by a person
    assert b.expire(1.5) == "b"
    b.key("c", 2.0)
    assert b.enter(2.3) == (False, "c")


def test_short_fast_burst_is_not_a_scan():
    b = BurstDetector(max_gap=0.035, min_len=6)
    b.key("o", 1.0)
    b.key("k", 1.01)
    assert b.enter(1.02) == (False, "ok")
