"""Command APDUs (short and extended length) and the transport seam every reader implements."""

from __future__ import annotations

from typing import Protocol

SW_OK = 0x9000


class Transport(Protocol):
    """Sends one command APDU, returns (response data, status word). Raises CardError subclasses."""

    def transmit(self, apdu: bytes) -> tuple[bytes, int]: ...


def build(cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None) -> bytes:
    """ISO 7816-4 encoding; extended length when data > 255 bytes or Le > 256 (Le 65536 -> 0000)."""
    header = bytes([cla, ins, p1, p2])
    extended = len(data) > 255 or (le is not None and le > 256)
    if not extended:
        body = (bytes([len(data)]) + data) if data else b""
        tail = b"" if le is None else bytes([le & 0xFF])
        return header + body + tail
    body = (b"\x00" + len(data).to_bytes(2, "big") + data) if data else b""
    if le is None:
        return header + body
    le_bytes = (le & 0xFFFF).to_bytes(2, "big")
    return header + body + (le_bytes if data else b"\x00" + le_bytes)


class CountingTransport:
    """Wraps a transport and counts the APDUs it sends (for figures and benchmarks)."""

    def __init__(self, inner: Transport):
        self.inner = inner
        self.count = 0

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.count += 1
        return self.inner.transmit(apdu)
