"""EF.SOD (ICAO 9303 Part 10 §4.6.2): a CMS SignedData over the LDSSecurityObject.

LDSSecurityObject ::= SEQUENCE { version INTEGER, hashAlgorithm AlgorithmIdentifier,
  dataGroupHashValues SEQUENCE OF DataGroupHash, ldsVersionInfo OPTIONAL }
DataGroupHash ::= SEQUENCE { dataGroupNumber INTEGER, dataGroupHashValue OCTET STRING }
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import algos, cms, core

from devices.card.errors import CorruptFile
from devices.card.lds import unwrap

LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


@dataclass(frozen=True)
class Sod:
    hash_algorithm: str  # hashlib name: "sha256", "sha1", …
    dg_hashes: dict[int, bytes]
    econtent: bytes  # the DER of the LDSSecurityObject, as signed
    signed_data: cms.SignedData


def parse_sod(data: bytes) -> Sod:
    try:
        info = cms.ContentInfo.load(unwrap("SOD", data))
        if info["content_type"].native != "signed_data":
            raise CorruptFile("SOD: not a CMS SignedData")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].dotted != LDS_SECURITY_OBJECT_OID:
            raise CorruptFile("SOD: content is not an LDSSecurityObject")
        econtent = encap["content"].contents
        lso = LdsSecurityObject.load(econtent)
        algo = lso["hash_algorithm"]["algorithm"].native
        hashes = {
            int(h["data_group_number"].native): bytes(h["data_group_hash_value"].native)
            for h in lso["data_group_hash_values"]
        }
        if not signed["signer_infos"]:
            raise CorruptFile("SOD: no signer")
    except CorruptFile:
        raise
    except Exception as e:  # noqa: BLE001 - asn1crypto raises many kinds of errors on bad DER
        raise CorruptFile(f"SOD: {e.__class__.__name__}") from None
    return Sod(algo, hashes, econtent, signed)
