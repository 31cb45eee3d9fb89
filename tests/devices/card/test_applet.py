"""The card side behaves like a real chip: status words before and after access."""

from devices.card import bac
from devices.card.apdu import build
from devices.card.applet import AppletTransport, EmrtdApplet
from devices.card.lds import AID_MRTD


def applet(test_card, **kw):
    return EmrtdApplet(test_card.files, test_card.key, **kw)


def sw(r):
    return r[-2:].hex().upper()


def test_6982_before_access(test_card):
    a = applet(test_card)
    assert sw(a.process(build(0, 0xA4, 0x04, 0x0C, AID_MRTD))) == "9000"
    assert sw(a.process(build(0, 0xA4, 0x02, 0x0C, b"\x01\x1e"))) == "6982"
    assert sw(a.process(build(0, 0xB0, 0x81, 0x00, le=4))) == "6982"


def test_missing_file_6a82_and_plain_command_in_session_6987(test_card):
    a = applet(test_card)
    t = AppletTransport(a)
    t.transmit(build(0, 0xA4, 0x04, 0x0C, AID_MRTD))
    sm = bac.authenticate(t, test_card.key)
    data, status = sm.unprotect(*t.transmit(sm.protect(0, 0xA4, 0x02, 0x0C, b"\x01\x0f")))  # DG15
    assert status == 0x6A82
    assert sw(a.process(build(0, 0xA4, 0x02, 0x0C, b"\x01\x1e"))) == "6987"
    assert a.session is None  # the session is over


def test_bad_mac_6988_ends_the_session(test_card):
    a = applet(test_card)
    t = AppletTransport(a)
    t.transmit(build(0, 0xA4, 0x04, 0x0C, AID_MRTD))
    sm = bac.authenticate(t, test_card.key)
    cmd = bytearray(sm.protect(0, 0xA4, 0x02, 0x0C, b"\x01\x1e"))
    cmd[-3] ^= 1
    assert sw(a.process(bytes(cmd))) == "6988" and a.session is None


def test_short_response_that_cannot_fit_is_6700(test_card):
    a = applet(test_card)
    t = AppletTransport(a)
    t.transmit(build(0, 0xA4, 0x04, 0x0C, AID_MRTD))
    sm = bac.authenticate(t, test_card.key)
    sm.unprotect(*t.transmit(sm.protect(0, 0xA4, 0x02, 0x0C, b"\x01\x02")))
    _, status = sm.unprotect(*t.transmit(sm.protect(0, 0xB0, 0, 0, le=256)))
    assert status == 0x6700
