"""BAC against ICAO 9303 Part 11 Appendix D.3, through a scripted transport."""

import pytest

from devices.card import bac
from devices.card.errors import WrongKey
from devices.card.mrz import MrzKey

from . import icao_vectors as v


class Scripted:
    """A transport that answers from a list and records what it was sent."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def transmit(self, apdu):
        self.sent.append(apdu)
        return self.answers.pop(0)


def key():
    return MrzKey(v.DOC, v.BIRTH, v.EXPIRY)


def test_seed_and_keys_match_appendix_d2():
    assert key().information() == v.MRZ_INFORMATION
    assert bac.seed(key()) == v.K_SEED
    keys = bac.derive_keys(key())
    assert (keys.k_enc, keys.k_mac) == (v.K_ENC, v.K_MAC)


def test_handshake_sends_the_published_apdus_and_derives_the_session():
    t = Scripted([(v.RND_IC, 0x9000), (v.RESP_DATA, 0x9000)])
    randoms = iter([v.RND_IFD, v.K_IFD])
    sm = bac.authenticate(t, key(), random=lambda n: next(randoms))
    assert t.sent[0] == bytes.fromhex("0084000008")
    assert t.sent[1] == bytes.fromhex("0082000028") + v.CMD_DATA + b"\x28"
    assert (sm.ks_enc, sm.ks_mac, sm.ssc) == (v.KS_ENC, v.KS_MAC, v.SSC)


def test_6300_is_a_wrong_key():
    t = Scripted([(v.RND_IC, 0x9000), (b"", 0x6300)])
    with pytest.raises(WrongKey):
        bac.authenticate(t, key())


def test_a_forged_card_cryptogram_is_refused():
    forged = bytearray(v.RESP_DATA)
    forged[-1] ^= 1
    t = Scripted([(v.RND_IC, 0x9000), (bytes(forged), 0x9000)])
    randoms = iter([v.RND_IFD, v.K_IFD])
    with pytest.raises(WrongKey):
        bac.authenticate(t, key(), random=lambda n: next(randoms))
