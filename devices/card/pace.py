"""PACE v2 with the generic mapping on elliptic curves (ICAO 9303 Part 11 §4.4, Appendix G.1).

Supported: id-PACE-ECDH-GM-AES-CBC-CMAC-128/-192/-256 on the standardized domain parameters 12
(NIST P-256) and 13 (brainpoolP256r1), with the MRZ (π = SHA-1(MRZ_information)) or the CAN
(π = its ASCII digits) as password. Steps, each a GENERAL AUTHENTICATE in a chain:

1. MSE:Set AT names the protocol and the password; the chip sends z = E(K_π, s).
2. Mapping: both sides exchange d·G; H = d_PCD · P_PICC; G' = s·G + H.
3. Key agreement on G': K = x(d'_PCD · P'_PICC); KS_enc, KS_mac from the KDF.
4. Tokens: CMAC(KS_mac, 7F49{06 OID, 86 other side's key}) both ways; a wrong password shows
   here (the chip answers 6300).
Then secure messaging is AES with SSC = 0.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from devices.card import aes, tlv
from devices.card.apdu import SW_OK, Transport, build
from devices.card.base import AccessKey, CanKey
from devices.card.ec import CURVES, Curve
from devices.card.errors import AccessUnsupported, CardStatus, SecureMessagingError, WrongKey
from devices.card.mrz import MrzKey
from devices.card.sm import SecureMessaging

PACE_GM_AES = {
    "0.4.0.127.0.7.2.2.4.2.2": 128,
    "0.4.0.127.0.7.2.2.4.2.3": 192,
    "0.4.0.127.0.7.2.2.4.2.4": 256,
}
PACE_AES128_OID = "0.4.0.127.0.7.2.2.4.2.2"
PACE_PREFIX = "0.4.0.127.0.7.2.2.4."
PASSWORD_MRZ, PASSWORD_CAN = 1, 2


@dataclass(frozen=True)
class PaceInfo:
    oid: str
    version: int
    parameter_id: int | None

    @property
    def supported(self) -> bool:
        return self.oid in PACE_GM_AES and self.version == 2 and (self.parameter_id or 0) in CURVES


def oid_bytes(dotted: str) -> bytes:
    from asn1crypto import core

    return bytes(core.ObjectIdentifier(dotted).contents)


def _oid(value: bytes) -> str:
    from asn1crypto import core

    return str(core.ObjectIdentifier.load(tlv.encode(0x06, value)).dotted)


def parse_card_access(data: bytes) -> list[PaceInfo]:
    """The PACEInfos in EF.CardAccess (a SET OF SecurityInfo); other infos are ignored."""
    out = []
    try:
        outer = tlv.read(data)
        if outer.tag != 0x31:
            return []
        for info in tlv.iterate(outer.value):
            parts = list(tlv.iterate(info.value))
            if len(parts) < 2 or parts[0].tag != 0x06:
                continue
            oid = _oid(parts[0].value)
            if not oid.startswith(PACE_PREFIX) or parts[1].tag != 0x02:
                continue
            param = int.from_bytes(parts[2].value, "big") if len(parts) > 2 and parts[2].tag == 0x02 else None
            out.append(PaceInfo(oid, int.from_bytes(parts[1].value, "big"), param))
    except (tlv.TlvError, ValueError):
        return []
    return out


def password(key: AccessKey) -> tuple[bytes, int]:
    if isinstance(key, CanKey):
        return key.can.encode("ascii"), PASSWORD_CAN
    return hashlib.sha1(key.information(), usedforsecurity=True).digest(), PASSWORD_MRZ  # noqa: S324 - ICAO


def auth_token(ks_mac: bytes, oid: str, point: bytes) -> bytes:
    data = tlv.encode(0x7F49, tlv.encode(0x06, oid_bytes(oid)) + tlv.encode(0x86, point))
    return aes.cmac8(ks_mac, data)


def _ga(transport: Transport, tag: int, value: bytes, last: bool = False) -> bytes:
    """One GENERAL AUTHENTICATE of the chain; the value of the answer's single data object."""
    body = tlv.encode(0x7C, tlv.encode(tag, value) if tag else b"")
    data, sw = transport.transmit(build(0x00 if last else 0x10, 0x86, 0x00, 0x00, body, le=256))
    if sw in (0x6300, 0x6982) or (sw & 0xFFF0) == 0x63C0:
        raise WrongKey(f"GENERAL AUTHENTICATE answered {sw:04X}")
    if sw != SW_OK:
        raise CardStatus(sw, "GENERAL AUTHENTICATE")
    try:
        outer = tlv.read(data)
        inner = tlv.read(outer.value)
    except tlv.TlvError:
        raise SecureMessagingError("malformed GENERAL AUTHENTICATE answer") from None
    if outer.tag != 0x7C:
        raise SecureMessagingError("GENERAL AUTHENTICATE answer is not a dynamic authentication template")
    return inner.value


def random_scalar(curve: Curve) -> int:
    return secrets.randbelow(curve.n - 1) + 1


def authenticate(
    transport: Transport,
    key: AccessKey,
    info: PaceInfo,
    scalar: Callable[[Curve], int] = random_scalar,
) -> SecureMessaging:
    """Run PACE; WrongKey when the chip refuses the password."""
    if not info.supported:
        raise AccessUnsupported(f"PACE variant {info.oid} / parameters {info.parameter_id} not supported")
    bits = PACE_GM_AES[info.oid]
    curve = CURVES[info.parameter_id or 0]
    pi, ref = password(key)
    mse = tlv.encode(0x80, oid_bytes(info.oid)) + tlv.encode(0x83, bytes([ref]))
    _, sw = transport.transmit(build(0x00, 0x22, 0xC1, 0xA4, mse))
    if sw != SW_OK:
        raise CardStatus(sw, "MSE:Set AT (PACE)")
    z = _ga(transport, 0, b"")
    s = int.from_bytes(aes.decrypt(aes.kdf(pi, aes.KDF_PACE, bits), z), "big")
    try:
        d_map = scalar(curve)
        chip_map = curve.decode(_ga(transport, 0x81, curve.encode(curve.mul(d_map, curve.g))))
        mapped = curve.add(curve.mul(s, curve.g), curve.mul(d_map, chip_map))
        if mapped is None:
            raise SecureMessagingError("PACE mapping gave the point at infinity")
        d_eph = scalar(curve)
        own_eph = curve.encode(curve.mul(d_eph, mapped))
        chip_eph_bytes = _ga(transport, 0x83, own_eph)
        chip_eph = curve.decode(chip_eph_bytes)
    except ValueError as e:
        raise SecureMessagingError(f"PACE: {e}") from None
    if chip_eph_bytes == own_eph:
        raise SecureMessagingError("PACE: the chip echoed our ephemeral key")
    shared = curve.mul(d_eph, chip_eph)
    if shared is None:
        raise SecureMessagingError("PACE: shared secret is the point at infinity")
    secret = shared[0].to_bytes(curve.size, "big")
    ks_enc, ks_mac = aes.kdf(secret, aes.KDF_ENC, bits), aes.kdf(secret, aes.KDF_MAC, bits)
    t_picc = _ga(transport, 0x85, auth_token(ks_mac, info.oid, chip_eph_bytes), last=True)
    if t_picc != auth_token(ks_mac, info.oid, own_eph):
        raise WrongKey("the chip's PACE token does not verify")
    return SecureMessaging(ks_enc, ks_mac, bytes(16), "aes")


__all__ = ["authenticate", "parse_card_access", "PaceInfo", "MrzKey"]
