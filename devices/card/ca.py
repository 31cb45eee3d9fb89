"""Chip Authentication (ICAO 9303 Part 11 §6.2): the chip proves it holds DG14's private key
and the session moves to fresh keys from a static-ephemeral ECDH.

Supported: id-CA-ECDH-3DES-CBC-CBC (MSE:Set KAT, 00 22 41 A6 with DO'91' = our ephemeral key)
and id-CA-ECDH-AES-CBC-CMAC-128/192/256 (MSE:Set AT 41 A4 then GENERAL AUTHENTICATE with
DO'80'), on curves 12 (P-256) and 13 (brainpoolP256r1), named or given explicitly in DG14.
Both commands go under the current secure messaging; the next command uses the new keys with
SSC 0. A chip without the key cannot answer that next command: the read fails there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from asn1crypto import keys

from devices.card import aes, des, tlv
from devices.card.apdu import SW_OK
from devices.card.ec import CURVES, Curve
from devices.card.errors import CardStatus, CorruptFile
from devices.card.lds import unwrap
from devices.card.pace import _oid, oid_bytes, random_scalar
from devices.card.sm import SecureMessaging

ID_PK_ECDH = "0.4.0.127.0.7.2.2.1.2"
CA_ECDH = {
    "0.4.0.127.0.7.2.2.3.2.1": ("3des", 128),
    "0.4.0.127.0.7.2.2.3.2.2": ("aes", 128),
    "0.4.0.127.0.7.2.2.3.2.3": ("aes", 192),
    "0.4.0.127.0.7.2.2.3.2.4": ("aes", 256),
}
PASSED, NOT_SUPPORTED = "passed", "not_supported"
_NAMED = {"secp256r1": 12, "brainpoolp256r1": 13}


@dataclass(frozen=True)
class ChipKey:
    curve: Curve
    point: tuple[int, int]
    protocol: str  # a CA_ECDH OID
    key_id: int | None


def _curve_of(spki: keys.PublicKeyInfo) -> Curve | None:
    params = spki["algorithm"]["parameters"]
    if params.name == "named":
        pid = _NAMED.get(str(params.chosen.native))
        return CURVES[pid] if pid else None
    if params.name == "specified":
        spec = params.chosen
        p = spec["field_id"]["parameters"].native
        a = int.from_bytes(spec["curve"]["a"].native, "big")
        b = int.from_bytes(spec["curve"]["b"].native, "big")
        return next((c for c in CURVES.values() if (c.p, c.a, c.b) == (p, a, b)), None)
    return None


def chip_key_from_dg14(dg14: bytes) -> ChipKey | None:
    """The chip's static ECDH key and the CA protocol DG14 names; None when it offers no CA we speak."""
    try:
        infos = list(tlv.iterate(tlv.read(unwrap("DG14", dg14)).value))
    except tlv.TlvError:
        raise CorruptFile("DG14: not a SET OF SecurityInfo") from None
    public: dict[int | None, tuple[Curve, tuple[int, int]]] = {}
    protocols: list[tuple[str, int | None]] = []
    for info in infos:
        parts = list(tlv.iterate(info.value))
        if not parts or parts[0].tag != 0x06:
            continue
        oid = _oid(parts[0].value)
        key_id = int.from_bytes(parts[2].value, "big") if len(parts) > 2 and parts[2].tag == 0x02 else None
        if oid == ID_PK_ECDH and len(parts) > 1:
            try:
                spki = keys.PublicKeyInfo.load(tlv.encode(parts[1].tag, parts[1].value))
                curve = _curve_of(spki)
                if curve is not None:
                    public[key_id] = (curve, curve.decode(bytes(spki["public_key"].native)))
            except (ValueError, KeyError, TypeError):
                raise CorruptFile("DG14: unreadable chip authentication key") from None
        elif oid in CA_ECDH:
            protocols.append((oid, key_id))
    for oid, key_id in protocols:
        if key_id in public or (key_id is None and len(public) == 1):
            curve, point = public[key_id] if key_id in public else next(iter(public.values()))
            return ChipKey(curve, point, oid, key_id)
    return None


def session_keys(secret: bytes, protocol: str) -> SecureMessaging:
    cipher, bits = CA_ECDH[protocol]
    if cipher == "3des":
        return SecureMessaging(des.kdf(secret, des.KDF_ENC), des.kdf(secret, des.KDF_MAC), bytes(8), "3des")
    return SecureMessaging(aes.kdf(secret, 1, bits), aes.kdf(secret, 2, bits), bytes(16), "aes")


def authenticate(
    command: Callable[..., tuple[bytes, int]],
    chip: ChipKey,
    scalar: Callable[[Curve], int] = random_scalar,
) -> SecureMessaging:
    """Run CA over the current session's ``command``; the SecureMessaging to use from now on."""
    curve = chip.curve
    d = scalar(curve)
    own = curve.encode(curve.mul(d, curve.g))
    key_ref = tlv.encode(0x84, bytes([chip.key_id])) if chip.key_id is not None else b""
    if CA_ECDH[chip.protocol][0] == "3des":
        _, sw = command(0x22, 0x41, 0xA6, tlv.encode(0x91, own) + key_ref)
        if sw != SW_OK:
            raise CardStatus(sw, "MSE:Set KAT (chip authentication)")
    else:
        _, sw = command(0x22, 0x41, 0xA4, tlv.encode(0x80, oid_bytes(chip.protocol)) + key_ref)
        if sw != SW_OK:
            raise CardStatus(sw, "MSE:Set AT (chip authentication)")
        _, sw = command(0x86, 0x00, 0x00, tlv.encode(0x7C, tlv.encode(0x80, own)), 256)
        if sw != SW_OK:
            raise CardStatus(sw, "GENERAL AUTHENTICATE (chip authentication)")
    shared = curve.mul(d, chip.point)
    assert shared is not None
    return session_keys(shared[0].to_bytes(curve.size, "big"), chip.protocol)


def build_dg14(
    spki: bytes | None = None, ca_protocol: str = "0.4.0.127.0.7.2.2.3.2.1", extra_infos: bytes = b""
) -> bytes:
    """DG14 with a ChipAuthenticationPublicKeyInfo (``spki``: SubjectPublicKeyInfo DER) and a
    ChipAuthenticationInfo for ``ca_protocol``, plus any other SecurityInfos (e.g. for AA)."""
    body = extra_infos
    if spki is not None:
        body += tlv.encode(0x30, tlv.encode(0x06, oid_bytes(ID_PK_ECDH)) + spki)
        body += tlv.encode(0x30, tlv.encode(0x06, oid_bytes(ca_protocol)) + tlv.encode(0x02, b"\x01"))
    return tlv.encode(0x6E, tlv.encode(0x31, body))
