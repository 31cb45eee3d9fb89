"""BER-TLV as ICAO 9303 Part 10 uses it: one- and two-byte tags, short and long lengths."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


class TlvError(ValueError):
    """The bytes are not well-formed BER-TLV (truncated, or a length past the end)."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    end: int  # offset just past this object in the buffer it was read from


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def encode(tag: int, value: bytes) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big") + encode_length(len(value)) + value


def read_header(buf: bytes, pos: int = 0) -> tuple[int, int, int]:
    """(tag, length, offset of the value) of the object at ``pos``."""
    try:
        tag = buf[pos]
        pos += 1
        if tag & 0x1F == 0x1F:  # multi-byte tag
            while True:
                b = buf[pos]
                tag = (tag << 8) | b
                pos += 1
                if not b & 0x80:
                    break
        first = buf[pos]
        pos += 1
        if first < 0x80:
            length = first
        else:
            n = first & 0x7F
            if n == 0 or n > 4:
                raise TlvError(f"unsupported length form 0x{first:02X}")
            if pos + n > len(buf):
                raise TlvError("truncated length")
            length = int.from_bytes(buf[pos : pos + n], "big")
            pos += n
    except IndexError:
        raise TlvError("truncated TLV header") from None
    return tag, length, pos


def read(buf: bytes, pos: int = 0) -> Tlv:
    tag, length, start = read_header(buf, pos)
    if start + length > len(buf):
        raise TlvError(f"TLV 0x{tag:X} claims {length} bytes, only {len(buf) - start} present")
    return Tlv(tag, bytes(buf[start : start + length]), start + length)


def iterate(buf: bytes) -> Iterator[Tlv]:
    """Every top-level object in ``buf``, in order."""
    pos = 0
    while pos < len(buf):
        if buf[pos] in (0x00, 0xFF) and all(b == buf[pos] for b in buf[pos:]):
            return  # trailing padding some cards leave after the last object
        obj = read(buf, pos)
        yield obj
        pos = obj.end


def children(buf: bytes) -> dict[int, bytes]:
    """Top-level objects as a dict (the first one wins when a tag repeats)."""
    out: dict[int, bytes] = {}
    for obj in iterate(buf):
        out.setdefault(obj.tag, obj.value)
    return out
