"""Active Authentication (ICAO 9303 Part 11 §6.1): the chip proves it holds DG15's private key.

The terminal sends INTERNAL AUTHENTICATE with an 8-byte random challenge; the chip signs it.
* RSA: ISO/IEC 9796-2 digital signature scheme 1 (partial message recovery). The recovered
  block is ``6A ‖ M1 ‖ H ‖ trailer``: trailer ``BC`` means SHA-1, ``xx CC`` names the hash
  (33 SHA-1, 38 SHA-224, 34 SHA-256, 36 SHA-384, 35 SHA-512); H = hash(M1 ‖ challenge).
* ECDSA: a plain ``r ‖ s`` signature (BSI TR-03111) over the challenge, with the hash named
  in DG14's ActiveAuthenticationInfo (SHA-256 assumed when DG14 does not say).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from devices.card import tlv
from devices.card.apdu import SW_OK
from devices.card.errors import CorruptFile
from devices.card.lds import unwrap

PASSED = "passed"
FAILED = "failed"
NOT_SUPPORTED = "not_supported"

_TRAILER_HASH = {0x33: "sha1", 0x38: "sha224", 0x34: "sha256", 0x36: "sha384", 0x35: "sha512"}
_HASH_ID = {v: k for k, v in _TRAILER_HASH.items()}
_EC_HASH: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512,
}  # fmt: skip
# ecdsa-plain-SHAxxx (BSI TR-03111) and ecdsa-with-SHAxxx (X9.62) OIDs -> hash
_AA_OIDS = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1", "0.4.0.127.0.7.1.1.4.1.2": "sha224", "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384", "0.4.0.127.0.7.1.1.4.1.5": "sha512",
    "1.2.840.10045.4.1": "sha1", "1.2.840.10045.4.3.1": "sha224", "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384", "1.2.840.10045.4.3.4": "sha512",
}  # fmt: skip
AA_INFO_OID = "2.23.136.1.1.5"

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey


def parse_dg15(data: bytes) -> PublicKey:
    try:
        key = serialization.load_der_public_key(unwrap("DG15", data))
    except ValueError:
        raise CorruptFile("DG15: not a SubjectPublicKeyInfo") from None
    if not isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        raise CorruptFile(f"DG15: unsupported key type {type(key).__name__}")
    return key


def _oid(raw_value: bytes) -> str:
    from asn1crypto import core

    return core.ObjectIdentifier.load(tlv.encode(0x06, raw_value)).dotted


def ec_hash_from_dg14(dg14: bytes | None) -> str:
    """The signature hash named by DG14's ActiveAuthenticationInfo, else SHA-256.

    DG14 = SET OF SecurityInfo; ActiveAuthenticationInfo = SEQUENCE { id-AA, version, algorithm OID }.
    """
    if not dg14:
        return "sha256"
    try:
        for info_set in tlv.iterate(unwrap("DG14", dg14)):
            for info in tlv.iterate(info_set.value):
                parts = list(tlv.iterate(info.value))
                if len(parts) >= 3 and parts[0].tag == 0x06 and _oid(parts[0].value) == AA_INFO_OID:
                    if parts[2].tag == 0x06:
                        return _AA_OIDS.get(_oid(parts[2].value), "sha256")
    except (tlv.TlvError, CorruptFile, ValueError):
        return "sha256"
    return "sha256"


def verify_rsa(key: rsa.RSAPublicKey, challenge: bytes, signature: bytes) -> bool:
    n, e = key.public_numbers().n, key.public_numbers().e
    k = (n.bit_length() + 7) // 8
    m = pow(int.from_bytes(signature, "big"), e, n).to_bytes(k, "big")
    if m[-1] == 0xBC:
        algo, trailer = "sha1", 1
    elif m[-1] == 0xCC and m[-2] in _TRAILER_HASH:
        algo, trailer = _TRAILER_HASH[m[-2]], 2
    else:
        return False
    if m[0] & 0xC0 != 0x40 or not m[0] & 0x20:  # 01 (header) and partial recovery bit
        return False
    h_len = hashlib.new(algo).digest_size
    m1, digest = m[1 : -(h_len + trailer)], m[-(h_len + trailer) : -trailer]
    return hashlib.new(algo, m1 + challenge).digest() == digest


def sign_rsa(key: rsa.RSAPrivateKey, challenge: bytes, algo: str = "sha1") -> bytes:
    """The chip's side (for the simulated and virtual cards)."""
    n, d = key.private_numbers().public_numbers.n, key.private_numbers().d
    k = (n.bit_length() + 7) // 8
    h_len = hashlib.new(algo).digest_size
    trailer = b"\xbc" if algo == "sha1" else bytes([_HASH_ID[algo], 0xCC])
    m1 = os.urandom(k - h_len - len(trailer) - 1)
    m = b"\x6a" + m1 + hashlib.new(algo, m1 + challenge).digest() + trailer
    m = bytes([m[0] & 0x7F]) + m[1:]  # keep it below n
    return pow(int.from_bytes(m, "big"), d, n).to_bytes(k, "big")


def verify_ec(key: ec.EllipticCurvePublicKey, challenge: bytes, signature: bytes, algo: str) -> bool:
    half = len(signature) // 2
    if not signature or len(signature) % 2:
        return False
    der = encode_dss_signature(
        int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    )
    try:
        key.verify(der, challenge, ec.ECDSA(_EC_HASH[algo]()))
    except InvalidSignature:
        return False
    return True


def authenticate(
    command: Callable[..., tuple[bytes, int]],
    dg15: bytes,
    dg14: bytes | None = None,
    random: Callable[[int], bytes] = os.urandom,
) -> tuple[str, str]:
    """(passed | failed, detail). ``command(ins, p1, p2, data, le)`` sends under secure messaging."""
    key = parse_dg15(dg15)
    challenge = random(8)
    signature, sw = command(0x88, 0x00, 0x00, challenge, 256)
    if sw != SW_OK or not signature:
        return FAILED, f"INTERNAL AUTHENTICATE answered {sw:04X}"
    if isinstance(key, rsa.RSAPublicKey):
        ok = verify_rsa(key, challenge, signature)
    else:
        ok = verify_ec(key, challenge, signature, ec_hash_from_dg14(dg14))
    return (PASSED, "") if ok else (FAILED, "the chip's signature does not verify (possible cloned chip)")
