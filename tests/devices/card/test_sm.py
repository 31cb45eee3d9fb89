"""Secure messaging against ICAO 9303 Part 11 Appendix D.4 (SELECT EF.COM, two READ BINARYs)."""

import pytest

from devices.card import tlv
from devices.card.errors import SecureMessagingError
from devices.card.sm import SecureMessaging

from . import icao_vectors as v


def session():
    return SecureMessaging(v.KS_ENC, v.KS_MAC, v.SSC)


def test_appendix_d4_exchange_byte_for_byte():
    sm = session()
    assert sm.protect(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("011E")) == v.SELECT_COM
    assert sm.unprotect(v.SELECT_COM_RESP, 0x9000) == (b"", 0x9000)
    assert sm.protect(0x00, 0xB0, 0x00, 0x00, le=4) == v.READ_4
    assert sm.unprotect(v.READ_4_RESP, 0x9000) == (v.READ_4_PLAIN, 0x9000)
    assert sm.protect(0x00, 0xB0, 0x00, 0x04, le=0x12) == v.READ_18
    assert sm.unprotect(v.READ_18_RESP, 0x9000) == (v.READ_18_PLAIN, 0x9000)
    assert sm.ssc.hex().upper() == "887022120C06C22C"


def test_tampered_response_fails_the_mac():
    sm = session()
    sm.protect(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("011E"))
    bad = bytearray(v.SELECT_COM_RESP)
    bad[3] ^= 0x01  # the status word inside DO99
    with pytest.raises(SecureMessagingError):
        sm.unprotect(bytes(bad), 0x9000)


def test_counter_off_by_one_is_caught():
    sm = session()
    sm.protect(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("011E"))
    sm.protect(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("011E"))  # a second command with no answer
    with pytest.raises(SecureMessagingError):
        sm.unprotect(v.SELECT_COM_RESP, 0x9000)


def test_plain_error_status_passes_through():
    sm = session()
    sm.protect(0x00, 0xB0, 0x00, 0x00, le=4)
    assert sm.unprotect(b"", 0x6988) == (b"", 0x6988)


def test_extended_length_command_encoding():
    cmd = session().protect(0x00, 0xB0, 0x00, 0x00, le=4096)
    assert cmd[4] == 0x00 and cmd[-2:] == b"\x00\x00"  # extended Lc and Le
    body = cmd[7:-2]
    objs = {o.tag: o.value for o in tlv.iterate(body)}
    assert objs[0x97] == (4096).to_bytes(2, "big") and len(objs[0x8E]) == 8
