"""Builds the files of an eMRTD for a person: EF.COM, DG1, DG2, DG13 and a signed EF.SOD.

Used by the simulated card of the demo profile and by the virtual card of the tests: the
same bytes a real CCCD carries, following ICAO 9303 Part 10 (and DG13 as ``dg13.py`` reads it).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from mrz.base.functions import hash_string
from mrz.generator.td1 import TD1CodeGenerator
from unidecode import unidecode

from devices.card import tlv
from devices.card.mrz import NO_EXPIRY
from devices.card.sod import LDS_SECURITY_OBJECT_OID, LdsSecurityObject


@dataclass(frozen=True)
class Person:
    personal_number: str  # 12 digits
    full_name: str  # with diacritics
    birth: date
    sex: str  # "M" | "F"
    issued: date
    expiry: date | None  # None: no expiry
    place_of_origin: str = ""
    place_of_residence: str = ""
    ethnicity: str = "Kinh"
    religion: str = "Không"
    nationality: str = "Việt Nam"
    identifying_marks: str = ""
    father: str = ""
    mother: str = ""
    spouse: str = ""
    old_id: str = ""
    face_seed: int = 0

    @property
    def document_number(self) -> str:
        return self.personal_number[-9:]

    @property
    def mrz_expiry(self) -> str:
        return self.expiry.strftime("%y%m%d") if self.expiry else NO_EXPIRY

    def __repr__(self) -> str:
        return "Person(***)"


def mrz_text(p: Person) -> str:
    """The TD1 MRZ as printed on the back of the card (names without diacritics)."""
    parts = unidecode(p.full_name).upper().replace("-", " ").split()
    surname, given = parts[0], " ".join(parts[1:])
    optional = p.personal_number + hash_string(p.personal_number)
    expiry = p.mrz_expiry
    gen = TD1CodeGenerator(
        "ID", "VNM", p.document_number, p.birth.strftime("%y%m%d"), p.sex,
        "000101" if expiry == NO_EXPIRY else expiry, "VNM", surname, given, optional_data1=optional, force=True,
    )  # fmt: skip
    l1, l2, l3 = str(gen).split("\n")
    if expiry == NO_EXPIRY:  # the generator wants a date: put the fillers in and redo the checks
        l2 = l2[:8] + expiry + hash_string(expiry) + l2[15:29]
        l2 += hash_string(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return "\n".join((l1, l2, l3))


def build_com(groups: list[int]) -> bytes:
    tags = bytes({1: 0x61, 2: 0x75, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F}[g] for g in groups)
    body = tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000") + tlv.encode(0x5C, tags)
    return tlv.encode(0x60, body)


def build_dg1(mrz: str) -> bytes:
    return tlv.encode(0x61, tlv.encode(0x5F1F, mrz.replace("\n", "").encode("ascii")))


def build_dg2(image: bytes, width: int, height: int, jpeg2000: bool = False) -> bytes:
    """DG2 with one ISO/IEC 19794-5 facial record in a CBEFF biometric information template."""
    facial = (
        (20 + 12 + len(image)).to_bytes(4, "big")  # facial record data length
        + (0).to_bytes(2, "big")  # feature points
        + bytes([0, 0, 0])  # gender, eye colour, hair colour
        + bytes(3)  # property mask
        + bytes(2)  # expression
        + bytes(3)  # pose angles
        + bytes(3)  # pose angle uncertainty
        + bytes([1, 1 if jpeg2000 else 0])  # full frontal; JPEG / JPEG 2000
        + width.to_bytes(2, "big")
        + height.to_bytes(2, "big")
        + bytes([1, 2])  # 24-bit RGB; digital camera
        + bytes(4)  # device type, quality
        + image
    )
    record = b"FAC\x00010\x00" + (14 + len(facial)).to_bytes(4, "big") + (1).to_bytes(2, "big") + facial
    header = tlv.encode(
        0xA1,
        tlv.encode(0x80, b"\x01\x01")
        + tlv.encode(0x81, b"\x02")
        + tlv.encode(0x87, b"\x01\x01")
        + tlv.encode(0x88, b"\x00\x08"),
    )
    bit = tlv.encode(0x7F60, header + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + bit))


def _field(number: int, *values: bytes) -> bytes:
    return tlv.encode(0x30, tlv.encode(0x02, bytes([number])) + b"".join(values))


def _utf8(s: str) -> bytes:
    return tlv.encode(0x0C, s.encode("utf-8"))


def build_dg13(p: Person) -> bytes:
    def dmy(d: date | None) -> str:
        return d.strftime("%d/%m/%Y") if d else "Không thời hạn"

    body = b"".join(
        [
            _field(1, tlv.encode(0x13, p.personal_number.encode("ascii"))),
            _field(2, _utf8(p.full_name)),
            _field(3, tlv.encode(0x13, dmy(p.birth).encode("ascii"))),
            _field(4, _utf8("Nam" if p.sex == "M" else "Nữ")),
            _field(5, _utf8(p.nationality)),
            _field(6, _utf8(p.ethnicity)),
            _field(7, _utf8(p.religion)),
            _field(8, _utf8(p.place_of_origin)),
            _field(9, _utf8(p.place_of_residence)),
            _field(10, _utf8(p.identifying_marks)),
            _field(11, tlv.encode(0x13, dmy(p.issued).encode("ascii"))),
            _field(12, _utf8(dmy(p.expiry))),
            _field(13, tlv.encode(0x30, _utf8(p.father)), tlv.encode(0x30, _utf8(p.mother))),
            _field(14, _utf8(p.spouse)),
            _field(15, _utf8("")),
            _field(16, tlv.encode(0x13, p.old_id.encode("ascii"))),
        ]
    )
    return tlv.encode(0x6D, tlv.encode(0x02, b"\x01") + body)


# ---- faces -----------------------------------------------------------------------------------


def synthetic_face(seed: int, target_bytes: int = 20_000, size: tuple[int, int] = (360, 480)) -> bytes:
    """A deterministic, face-like JPEG of about ``target_bytes`` (no real person's likeness)."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    w, h = size
    img = Image.new("RGB", size, (228, 232, 240))
    d = ImageDraw.Draw(img)
    skin = tuple(int(x) for x in rng.integers([180, 130, 100], [235, 190, 160]))
    hair = tuple(int(x) for x in rng.integers(10, 60, 3))
    d.ellipse((w * 0.22, h * 0.08, w * 0.78, h * 0.55), fill=hair)
    d.rectangle((w * 0.12, h * 0.72, w * 0.88, h), fill=tuple(int(x) for x in rng.integers(20, 200, 3)))
    d.rectangle((w * 0.42, h * 0.55, w * 0.58, h * 0.75), fill=skin)
    d.ellipse((w * 0.27, h * 0.15, w * 0.73, h * 0.65), fill=skin)
    for ex in (0.4, 0.6):
        d.ellipse((w * ex - 12, h * 0.36 - 6, w * ex + 12, h * 0.36 + 6), fill=(40, 30, 30))
    d.arc((w * 0.4, h * 0.45, w * 0.6, h * 0.56), 20, 160, fill=(150, 60, 60), width=4)
    base = np.asarray(img).astype(np.int16)
    noise = rng.normal(0, 9, base.shape).astype(np.int16)
    pixels = Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))
    lo, hi, best = 5, 95, b""
    while lo <= hi:  # the highest quality whose size stays under the target
        q = (lo + hi) // 2
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=q)
        if out.tell() <= target_bytes:
            best, lo = out.getvalue(), q + 1
        else:
            hi = q - 1
    if not best:
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=5)
        best = out.getvalue()
    return best


# ---- signing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pki:
    csca_cert: x509.Certificate
    ds_cert: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey = field(repr=False)

    def csca_pem(self) -> bytes:
        return self.csca_cert.public_bytes(serialization.Encoding.PEM)


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    )


def make_pki(label: str = "Demo", now: datetime | None = None) -> Pki:
    """A CSCA and a document signer under it (ECDSA P-256), valid from yesterday for 10 years."""
    now = now or datetime.now(UTC)
    start, end = now - timedelta(days=1), now + timedelta(days=3650)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca_name = _name(f"CSCA {label}")
    csca = (
        x509.CertificateBuilder()
        .subject_name(csca_name)
        .issuer_name(csca_name)
        .public_key(csca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(csca_key, hashes.SHA256())
    )
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds = (
        x509.CertificateBuilder()
        .subject_name(_name(f"Document Signer {label}"))
        .issuer_name(csca_name)
        .public_key(ds_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .sign(csca_key, hashes.SHA256())
    )
    return Pki(csca, ds, ds_key)


@cache
def demo_pki() -> Pki:
    """The simulated card's signer, made once per process; its CSCA is the demo trust store."""
    return make_pki("Demo (simulated)")


def build_sod(groups: dict[int, bytes], pki: Pki) -> bytes:
    """EF.SOD: SHA-256 hashes of ``groups`` in an LDSSecurityObject, signed by the DS (ECDSA)."""
    lso = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "data_group_hash_values": [
                {"data_group_number": n, "data_group_hash_value": hashlib.sha256(groups[n]).digest()}
                for n in sorted(groups)
            ],
        }
    )
    econtent = lso.dump()
    attrs = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [LDS_SECURITY_OBJECT_OID]},
            {"type": "message_digest", "values": [hashlib.sha256(econtent).digest()]},
        ]
    )
    signature = pki.ds_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
    ds_asn1 = asn1_x509.Certificate.load(pki.ds_cert.public_bytes(serialization.Encoding.DER))
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": ds_asn1.issuer,
                        "serial_number": ds_asn1.serial_number,
                    }
                }
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": attrs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": LDS_SECURITY_OBJECT_OID, "content": econtent},
            "certificates": [ds_asn1],
            "signer_infos": [signer],
        }
    )
    return tlv.encode(0x77, cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


def build_dg15(public_key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> bytes:
    spki = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return tlv.encode(0x6F, spki)


def aa_info(signature_oid: str = "0.4.0.127.0.7.1.1.4.1.3") -> bytes:
    """ActiveAuthenticationInfo (id-AA, version 1, ecdsa-plain-SHA256 by default)."""
    from asn1crypto import core

    def oid(dotted: str) -> bytes:
        return bytes(core.ObjectIdentifier(dotted).dump())

    return tlv.encode(0x30, oid("2.23.136.1.1.5") + tlv.encode(0x02, b"\x01") + oid(signature_oid))


def build_dg14_aa(signature_oid: str = "0.4.0.127.0.7.1.1.4.1.3") -> bytes:
    """DG14 with just an ActiveAuthenticationInfo."""
    return tlv.encode(0x6E, tlv.encode(0x31, aa_info(signature_oid)))


def build_files(
    p: Person,
    pki: Pki,
    face: bytes | None = None,
    face_size: tuple[int, int] = (360, 480),
    aa_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None,
    ca_key: ec.EllipticCurvePrivateKey | None = None,
    ca_protocol: str = "0.4.0.127.0.7.2.2.3.2.1",
) -> dict[str, bytes]:
    """Every file of the card, by name ("COM", "DG1", "DG2", "DG13", ["DG14", "DG15",] "SOD")."""
    face = face if face is not None else synthetic_face(p.face_seed, size=face_size)
    dgs = {1: build_dg1(mrz_text(p)), 2: build_dg2(face, *face_size), 13: build_dg13(p)}
    extra = b""
    if aa_key is not None:
        dgs[15] = build_dg15(aa_key.public_key())
        if isinstance(aa_key, ec.EllipticCurvePrivateKey):
            extra = aa_info()
    if ca_key is not None or extra:
        from devices.card.ca import build_dg14

        spki = None
        if ca_key is not None:
            spki = ca_key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        dgs[14] = build_dg14(spki, ca_protocol, extra)
    files = {"COM": build_com(sorted(dgs))}
    files.update({f"DG{n}": v for n, v in dgs.items()})
    files["SOD"] = build_sod(dgs, pki)
    return files
