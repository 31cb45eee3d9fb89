"""PACE against ICAO 9303 Part 11 Appendix G.1 (ECDH generic mapping, brainpoolP256r1, AES-128)."""

import pytest

from devices.card import pace
from devices.card.errors import WrongKey
from devices.card.mrz import MrzKey

H = bytes.fromhex
CARD_ACCESS = H("31143012060A04007F0007020204020202010202010D")
KEY = MrzKey("T22000129", "640812", "101031")
D_MAP = 0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99
D_EPH = 0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595
EXCHANGE = [
    ("0022C1A40F800A04007F00070202040202830101", "9000"),
    ("10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000"),
    (
        "10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
        "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00",
        "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
        "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000",
    ),
    (
        "10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
        "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200",
        "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
        "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000",
    ),
    ("008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000"),
]


class Scripted:
    def __init__(self, exchange):
        self.exchange = list(exchange)

    def transmit(self, apdu):
        expected, answer = self.exchange.pop(0)
        assert apdu.hex().upper() == expected
        r = H(answer)
        return r[:-2], int.from_bytes(r[-2:], "big")


def test_card_access_names_pace_gm_aes128_brainpool():
    (info,) = pace.parse_card_access(CARD_ACCESS)
    assert (info.oid, info.version, info.parameter_id, info.supported) == (
        "0.4.0.127.0.7.2.2.4.2.2",
        2,
        13,
        True,
    )


def test_appendix_g1_byte_for_byte():
    (info,) = pace.parse_card_access(CARD_ACCESS)
    scalars = iter([D_MAP, D_EPH])
    t = Scripted(EXCHANGE)
    sm = pace.authenticate(t, KEY, info, scalar=lambda curve: next(scalars))
    assert not t.exchange
    assert (sm.ks_enc, sm.ks_mac) == (
        H("F5F0E35C0D7161EE6724EE513A0D9A7F"),
        H("FE251C7858B356B24514B3BD5F4297D1"),
    )
    assert sm.algorithm == "aes" and sm.ssc == bytes(16)


def test_wrong_password_is_a_wrong_key():
    (info,) = pace.parse_card_access(CARD_ACCESS)
    scalars = iter([D_MAP, D_EPH])
    exchange = EXCHANGE[:4] + [(EXCHANGE[4][0], "6300")]
    with pytest.raises(WrongKey):
        pace.authenticate(Scripted(exchange), KEY, info, scalar=lambda curve: next(scalars))
