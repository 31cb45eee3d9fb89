"""Basic Access Control (ICAO 9303 Part 11 §4.3 and Appendix D).

``K_seed = SHA-1(MRZ_information)[:16]``; ``K_enc``/``K_mac`` from the KDF. The terminal asks
GET CHALLENGE for RND.IC, sends E_IFD ‖ M_IFD in MUTUAL AUTHENTICATE, checks the card's
answer and derives the session keys from K.IFD ⊕ K.IC. SSC = RND.IC[4:8] ‖ RND.IFD[4:8].
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from devices.card import des
from devices.card.apdu import SW_OK, Transport, build
from devices.card.errors import CardStatus, SecureMessagingError, WrongKey
from devices.card.mrz import MrzKey
from devices.card.sm import SecureMessaging

SW_WRONG_KEY = 0x6300
#: Status words that also mean "the key is wrong" on some chips (authentication failed).
WRONG_KEY_SWS = {0x6300, 0x6982, 0x6988}


@dataclass(frozen=True)
class BacKeys:
    k_enc: bytes
    k_mac: bytes


def seed(key: MrzKey) -> bytes:
    return hashlib.sha1(key.information(), usedforsecurity=True).digest()[:16]  # noqa: S324 - ICAO mandates SHA-1


def keys_from_seed(k_seed: bytes) -> BacKeys:
    return BacKeys(des.kdf(k_seed, des.KDF_ENC), des.kdf(k_seed, des.KDF_MAC))


def derive_keys(key: MrzKey) -> BacKeys:
    return keys_from_seed(seed(key))


def mutual_auth_data(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes) -> bytes:
    """E_IFD ‖ M_IFD for MUTUAL AUTHENTICATE."""
    e_ifd = des.encrypt(keys.k_enc, rnd_ifd + rnd_ic + k_ifd)
    return e_ifd + des.retail_mac(keys.k_mac, des.pad(e_ifd))


def session_from_response(
    keys: BacKeys, response: bytes, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
) -> SecureMessaging:
    """Verify the card's E_IC ‖ M_IC and derive the session (KS_enc, KS_mac, SSC)."""
    if len(response) != 40:
        raise SecureMessagingError(f"MUTUAL AUTHENTICATE answered {len(response)} bytes, expected 40")
    e_ic, m_ic = response[:32], response[32:]
    if des.retail_mac(keys.k_mac, des.pad(e_ic)) != m_ic:
        raise WrongKey("card's authentication cryptogram does not verify")
    r = des.decrypt(keys.k_enc, e_ic)
    if r[:8] != rnd_ic or r[8:16] != rnd_ifd:
        raise WrongKey("card's nonces do not match")
    k_ic = r[16:32]
    ks_seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    session = keys_from_seed(ks_seed)
    return SecureMessaging(session.k_enc, session.k_mac, rnd_ic[4:] + rnd_ifd[4:])


def authenticate(
    transport: Transport, key: MrzKey, random: Callable[[int], bytes] = os.urandom
) -> SecureMessaging:
    """Run BAC over ``transport``; WrongKey when the chip refuses the key."""
    keys = derive_keys(key)
    rnd_ic, sw = transport.transmit(build(0x00, 0x84, 0x00, 0x00, le=8))
    if sw != SW_OK or len(rnd_ic) != 8:
        raise CardStatus(sw, "GET CHALLENGE")
    rnd_ifd, k_ifd = random(8), random(16)
    data = mutual_auth_data(keys, rnd_ic, rnd_ifd, k_ifd)
    resp, sw = transport.transmit(build(0x00, 0x82, 0x00, 0x00, data, le=40))
    if sw in WRONG_KEY_SWS:
        raise WrongKey(f"MUTUAL AUTHENTICATE answered {sw:04X}")
    if sw != SW_OK:
        raise CardStatus(sw, "MUTUAL AUTHENTICATE")
    return session_from_response(keys, resp, rnd_ic, rnd_ifd, k_ifd)
