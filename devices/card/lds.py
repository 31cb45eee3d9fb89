"""Logical Data Structure files (ICAO 9303 Part 10): EF.COM, DG1, DG2 face, DG14/DG15 raw.

Every parser takes the whole file as read (tag, length and value) and raises CorruptFile
for bytes that are not what the standard says, never anything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.card import tlv
from devices.card.errors import CorruptFile
from devices.card.mrz import Td1, parse_td1

#: file identifier and first tag of each elementary file we read
FILES: dict[str, tuple[int, int]] = {
    "COM": (0x011E, 0x60),
    "DG1": (0x0101, 0x61),
    "DG2": (0x0102, 0x75),
    "DG11": (0x010B, 0x6B),
    "DG12": (0x010C, 0x6C),
    "DG13": (0x010D, 0x6D),
    "DG14": (0x010E, 0x6E),
    "DG15": (0x010F, 0x6F),
    "SOD": (0x011D, 0x77),
}
#: DG tag as listed in EF.COM's tag list (5C) -> name
TAG_TO_NAME = {tag: name for name, (_fid, tag) in FILES.items()}
AID_MRTD = bytes.fromhex("A0000002471001")


def unwrap(name: str, data: bytes) -> bytes:
    """The value of the file's outer TLV, checking the tag and that nothing is truncated."""
    expected = FILES[name][1]
    try:
        obj = tlv.read(data)
    except tlv.TlvError as e:
        raise CorruptFile(f"{name}: {e}") from None
    if obj.tag != expected:
        raise CorruptFile(f"{name}: outer tag 0x{obj.tag:02X}, expected 0x{expected:02X}")
    return obj.value


@dataclass(frozen=True)
class Com:
    lds_version: str
    unicode_version: str
    data_groups: tuple[str, ...]  # e.g. ("DG1", "DG2", "DG13", "DG14")


def parse_com(data: bytes) -> Com:
    try:
        kids = tlv.children(unwrap("COM", data))
    except tlv.TlvError as e:
        raise CorruptFile(f"COM: {e}") from None
    if 0x5C not in kids:
        raise CorruptFile("COM: no tag list (5C)")
    names = []
    for t in kids[0x5C]:
        names.append(TAG_TO_NAME.get(t, f"0x{t:02X}"))
    lds = kids.get(0x5F01, b"").decode("ascii", "replace")
    uni = kids.get(0x5F36, b"").decode("ascii", "replace")
    return Com(lds, uni, tuple(names))


def parse_dg1(data: bytes) -> Td1:
    """The MRZ in DG1 (tag 5F1F). Check digits are reported, not enforced (the SOD protects DG1)."""
    try:
        kids = tlv.children(unwrap("DG1", data))
    except tlv.TlvError as e:
        raise CorruptFile(f"DG1: {e}") from None
    raw = kids.get(0x5F1F)
    if raw is None:
        raise CorruptFile("DG1: no MRZ (5F1F)")
    text = raw.decode("ascii", "replace")
    if len(text) != 90:
        raise CorruptFile(f"DG1: MRZ of {len(text)} characters; only TD1 (90) is supported")
    try:
        return parse_td1(text, strict=False)
    except Exception as e:  # noqa: BLE001 - BadMrz or mrz package errors: the file is unusable
        raise CorruptFile(f"DG1: {e}") from None


@dataclass(frozen=True)
class FaceImage:
    format: str  # "jpeg" | "jpeg2000"
    data: bytes
    width: int | None = None
    height: int | None = None

    @property
    def mime(self) -> str:
        return "image/jpeg" if self.format == "jpeg" else "image/jp2"

    def __repr__(self) -> str:  # never dump the picture into logs
        return f"FaceImage({self.format}, {len(self.data)} bytes, {self.width}x{self.height})"


_JPEG = b"\xff\xd8\xff"
_JP2 = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
_J2K = b"\xff\x4f\xff\x51"


def _find_biometric_block(value: bytes) -> bytes | None:
    """Depth-first search for the first biometric data block (5F2E or 7F2E)."""
    try:
        for obj in tlv.iterate(value):
            if obj.tag in (0x5F2E, 0x7F2E):
                return obj.value
            if obj.tag in (0x7F61, 0x7F60, 0xA1, 0x7F2E) or (obj.tag >> 8) == 0x7F:
                found = _find_biometric_block(obj.value)
                if found is not None:
                    return found
    except tlv.TlvError:
        return None
    return None


def parse_dg2(data: bytes) -> FaceImage:
    """The first face image: ISO/IEC 19794-5 record inside the CBEFF biometric data block."""
    block = _find_biometric_block(unwrap("DG2", data))
    if block is None:
        raise CorruptFile("DG2: no biometric data block")
    width = height = None
    start = None
    fmt = None
    if block.startswith(b"FAC\x00") and len(block) >= 46:
        # 14-byte general header, 20-byte facial record header, 8 bytes per feature point,
        # 12-byte image information (type, data type, width, height, …), then the image.
        points = int.from_bytes(block[18:20], "big")
        info = 14 + 20 + 8 * points
        if len(block) >= info + 12:
            data_type = block[info + 1]
            width = int.from_bytes(block[info + 2 : info + 4], "big")
            height = int.from_bytes(block[info + 4 : info + 6], "big")
            start = info + 12
            fmt = "jpeg2000" if data_type == 1 else "jpeg"
    if start is None or not (block[start:].startswith((_JPEG, _JP2, _J2K))):
        # Tolerate headers that do not add up: find the image by its signature.
        hits = [(block.find(sig), f) for sig, f in ((_JPEG, "jpeg"), (_JP2, "jpeg2000"), (_J2K, "jpeg2000"))]
        hits = [(pos, f) for pos, f in hits if pos >= 0]
        if not hits:
            raise CorruptFile("DG2: no JPEG or JPEG 2000 image in the biometric block")
        start, fmt = min(hits)
    image = block[start:]
    fmt = "jpeg" if image.startswith(_JPEG) else "jpeg2000"
    return FaceImage(fmt, image, width, height)
