"""Passive authentication (ICAO 9303 Part 11 §5.1) in three honest levels.

1. every data group read hashes to the value in the SOD;
2. the SOD's signature verifies with its document signer (DS) certificate, and the signed
   ``messageDigest`` attribute is the hash of the LDSSecurityObject;
3. the DS certificate was issued (signature verified) by a CSCA in the configured trust
   store, and both are within their validity at the time of reading.

``verified``: 1-3 hold. ``signer_untrusted``: 1 and 2 hold, 3 does not (no or wrong CSCA).
``failed``: a hash or the SOD signature does not verify (tampering or a broken chip).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from devices.card.errors import CorruptFile
from devices.card.sod import Sod, parse_sod

log = logging.getLogger(__name__)

VERIFIED = "verified"
SIGNER_UNTRUSTED = "signer_untrusted"
FAILED = "failed"
UNVERIFIED = "unverified"  # nothing checked: QR data, or no SOD

_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


@dataclass(frozen=True)
class PassiveResult:
    level: str
    hashes_ok: bool
    signature_ok: bool
    chain_ok: bool
    checked_groups: tuple[int, ...] = ()
    mismatched_groups: tuple[int, ...] = ()
    signer: str = ""  # DS certificate subject (an authority, not a person)
    detail: str = ""
    active_authentication: str = "not_supported"  # passed | failed | not_supported
    notes: tuple[str, ...] = field(default_factory=tuple)


def load_csca_store(folder: str | Path | None) -> list[x509.Certificate]:
    """Every certificate (PEM or DER, one or many per file) in ``folder``; [] when none."""
    if not folder:
        return []
    out: list[x509.Certificate] = []
    root = Path(folder)
    if not root.is_dir():
        log.warning("csca_store_missing path=%s", root)
        return []
    for path in sorted(root.iterdir()):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        try:
            if b"-----BEGIN CERTIFICATE-----" in raw:
                out.extend(x509.load_pem_x509_certificates(raw))
            else:
                out.append(x509.load_der_x509_certificate(raw))
        except ValueError:
            log.warning("csca_file_unreadable file=%s", path.name)
    return out


def _ds_certificate(signed: cms.SignedData, signer: cms.SignerInfo) -> x509.Certificate:
    sid = signer["sid"]
    certs = [c.chosen for c in signed["certificates"] or [] if c.name == "certificate"]
    for cert in certs:
        if sid.name == "issuer_and_serial_number":
            if (
                cert.issuer == sid.chosen["issuer"]
                and cert.serial_number == sid.chosen["serial_number"].native
            ):
                return x509.load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(cert.dump())
    raise CorruptFile("SOD: the document signer certificate is not in the SOD")


def _verify_signature(cert: x509.Certificate, signer: cms.SignerInfo, message: bytes) -> None:
    algo = signer["signature_algorithm"]
    digest_name = signer["digest_algorithm"]["algorithm"].native
    sig_name = algo.signature_algo
    try:
        digest_name = algo.hash_algo
    except ValueError:
        pass  # "rsaEncryption" / "ecPublicKey" name no hash: the digest algorithm applies
    hash_cls = _HASHES.get(digest_name)
    if hash_cls is None:
        raise InvalidSignature(f"unsupported digest {digest_name}")
    key = cert.public_key()
    signature = signer["signature"].native
    if isinstance(key, rsa.RSAPublicKey):
        if sig_name == "rsassa_pss":
            params = algo["parameters"]
            pss = padding.PSS(
                mgf=padding.MGF1(_HASHES[params["mask_gen_algorithm"]["parameters"]["algorithm"].native]()),
                salt_length=params["salt_length"].native,
            )
            key.verify(signature, message, pss, hash_cls())
        else:
            key.verify(signature, message, padding.PKCS1v15(), hash_cls())
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, message, ec.ECDSA(hash_cls()))
    else:
        raise InvalidSignature(f"unsupported key type {type(key).__name__}")


def _chains(ds: x509.Certificate, store: list[x509.Certificate], now: datetime) -> tuple[bool, str]:
    if not store:
        return False, "no CSCA certificates configured"
    if not ds.not_valid_before_utc <= now <= ds.not_valid_after_utc:
        return False, "document signer certificate outside its validity"
    for csca in store:
        if csca.subject != ds.issuer:
            continue
        try:
            ds.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        if not csca.not_valid_before_utc <= now <= csca.not_valid_after_utc:
            return False, "the issuing CSCA certificate is outside its validity"
        return True, ""
    return False, "document signer not issued by a trusted CSCA"


def verify(
    sod_bytes: bytes,
    groups: dict[int, bytes],
    csca_store: list[x509.Certificate],
    now: datetime | None = None,
) -> PassiveResult:
    """Check ``groups`` (DG number -> the file's bytes as read) against the SOD."""
    now = now or datetime.now(UTC)
    try:
        sod: Sod = parse_sod(sod_bytes)
    except CorruptFile as e:
        return PassiveResult(FAILED, False, False, False, detail=str(e))
    hash_cls = _HASHES.get(sod.hash_algorithm)
    if hash_cls is None:
        return PassiveResult(FAILED, False, False, False, detail=f"unsupported hash {sod.hash_algorithm}")
    mismatched = []
    for number, content in sorted(groups.items()):
        expected = sod.dg_hashes.get(number)
        if expected is None or hashlib.new(sod.hash_algorithm, content).digest() != expected:
            mismatched.append(number)
    hashes_ok = not mismatched
    checked = tuple(sorted(groups))
    signer = sod.signed_data["signer_infos"][0]
    try:
        ds = _ds_certificate(sod.signed_data, signer)
        signed_attrs = signer["signed_attrs"]
        digest_algo = signer["digest_algorithm"]["algorithm"].native
        if signed_attrs:
            digests = [a["values"][0].native for a in signed_attrs if a["type"].native == "message_digest"]
            if not digests or digests[0] != hashlib.new(digest_algo, sod.econtent).digest():
                raise InvalidSignature("messageDigest does not match the LDSSecurityObject")
            message = signed_attrs.untag().dump(force=True)
            # DER of the attributes as a SET OF (tag 31), as RFC 5652 §5.4 says
            message = b"\x31" + message[1:]
        else:
            message = sod.econtent
        _verify_signature(ds, signer, message)
        signature_ok = True
        sig_detail = ""
    except (InvalidSignature, CorruptFile, ValueError, KeyError) as e:
        signature_ok = False
        ds = None
        sig_detail = f"SOD signature: {e or e.__class__.__name__}"
    signer_name = ds.subject.rfc4514_string() if ds is not None else ""
    if not hashes_ok or not signature_ok:
        detail = "; ".join(
            d
            for d in (
                f"hash mismatch in DG{', DG'.join(map(str, mismatched))}" if mismatched else "",
                sig_detail,
            )
            if d
        )
        return PassiveResult(
            FAILED, hashes_ok, signature_ok, False, checked, tuple(mismatched), signer_name, detail
        )
    assert ds is not None
    chain_ok, chain_detail = _chains(ds, csca_store, now)
    level = VERIFIED if chain_ok else SIGNER_UNTRUSTED
    return PassiveResult(level, True, True, chain_ok, checked, (), signer_name, chain_detail)
