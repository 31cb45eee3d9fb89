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


def test_aes_256_secure_messaging_recorded_exchange():
    """AES SM (after PACE): a SELECT and two READ BINARYs of EF.COM as published in gmrtd's
    tests (a real passport's session: KS_enc/KS_mac AES-256, SSC 0x20)."""
    h = bytes.fromhex
    sm = SecureMessaging(
        h("74B94F408BBB2CD92571FD5B6370A94CCE7A2FA42AE3EB4DA47B97CE6EAA24C6"),
        h("9E28D5D9FF1D979BE752E8926BF0E1D35A440FC0AEFC4AA3BC5610055AC8B113"),
        (0x20).to_bytes(16, "big"),
        "aes",
    )
    assert sm.protect(0, 0xA4, 0x02, 0x0C, h("011E")) == h(
        "0CA4020C1D8711011D35E7EB510E21A0DD12380D9AD2B92D8E0828CB68B81D3FAFC000"
    )
    assert sm.unprotect(h("990290008E08E083EAA61ADABFCE"), 0x9000) == (b"", 0x9000)
    assert sm.protect(0, 0xB0, 0, 0, le=4) == h("0CB000000D9701048E084AFC933E0CDBE5F000")
    plain, sw = sm.unprotect(h("871101D8059A9CF835105082CA2B1837E4AEC0990290008E08B36DB56761D706BB"), 0x9000)
    assert (plain, sw) == (h("60185F01"), 0x9000)
    assert sm.protect(0, 0xB0, 0, 4, le=0x16) == h("0CB000040D9701168E0811F7EFC907D1F27400")
    plain, sw = sm.unprotect(
        h(
            "87210142E919C115FAF69350B01813D77A9E8D91912A7F717AFD073F199070E61B79C6990290008E083382E3D983F44136"
        ),
        0x9000,
    )
    assert h("60185F01") + plain == h("60185F0104303130385F36063034303030305C06617563766D6E")
    assert sm.ssc == (0x26).to_bytes(16, "big")
