"""Secure messaging with 3DES session keys (ICAO 9303 Part 11 §9.8).

Command: the class byte gets ``0x0C``; data goes encrypted in DO'87' (padding indicator 01),
the expected length in DO'97', and a retail MAC over SSC ‖ padded header ‖ DOs in DO'8E'.
Response: DO'87' (data), DO'99' (the status word), DO'8E' (MAC over SSC ‖ DO'87' ‖ DO'99').
The send sequence counter is incremented before each command and again before each response.
"""

from __future__ import annotations

from devices.card import aes, des, tlv
from devices.card.apdu import build
from devices.card.errors import SecureMessagingError


class SecureMessaging:
    """3DES (after BAC) or AES (after PACE with an AES cipher suite) secure messaging.

    AES differs only in its block (16), its SSC (16 bytes), the IV (the SSC encrypted with
    KS_enc) and the MAC (AES-CMAC truncated to 8 bytes), all over 16-byte padding.
    """

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: bytes, algorithm: str = "3des"):
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self.algorithm = algorithm
        self.block = 16 if algorithm == "aes" else 8
        self._ssc = int.from_bytes(ssc, "big")

    @property
    def ssc(self) -> bytes:
        return self._ssc.to_bytes(self.block, "big")

    def _next_ssc(self) -> bytes:
        self._ssc = (self._ssc + 1) % (1 << (8 * self.block))
        return self.ssc

    def _pad(self, data: bytes) -> bytes:
        return aes.pad(data) if self.block == 16 else des.pad(data)

    def _encrypt(self, ssc: bytes, data: bytes) -> bytes:
        if self.block == 16:
            return aes.encrypt(self.ks_enc, self._pad(data), aes.encrypt_block(self.ks_enc, ssc))
        return des.encrypt(self.ks_enc, self._pad(data))

    def _decrypt(self, ssc: bytes, data: bytes) -> bytes:
        if self.block == 16:
            return aes.decrypt(self.ks_enc, data, aes.encrypt_block(self.ks_enc, ssc))
        return des.decrypt(self.ks_enc, data)

    def _mac(self, data: bytes) -> bytes:
        if self.block == 16:
            return aes.cmac8(self.ks_mac, self._pad(data))
        return des.retail_mac(self.ks_mac, self._pad(data))

    def protect(
        self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = None
    ) -> bytes:
        cla |= 0x0C
        header = bytes([cla, ins, p1, p2])
        ssc = self._next_ssc()
        do87 = tlv.encode(0x87, b"\x01" + self._encrypt(ssc, data)) if data else b""
        do97 = b""
        if le is not None:
            do97 = tlv.encode(0x97, bytes([le & 0xFF]) if le <= 256 else (le & 0xFFFF).to_bytes(2, "big"))
        mac = self._mac(ssc + self._pad(header) + do87 + do97)
        body = do87 + do97 + tlv.encode(0x8E, mac)
        # Le of the protected command: 00 (short) or 0000 (extended) = "everything"
        return build(
            cla, ins, p1, p2, body, 65536 if (le is not None and le > 256) or len(body) > 255 else 256
        )

    def unprotect(self, data: bytes, sw: int) -> tuple[bytes, int]:
        """(plain data, status word from DO'99'). A plain error status (no DOs) is passed through."""
        ssc = self._next_ssc()  # the card advanced the counter for its answer too
        if not data:
            return b"", sw
        do87: bytes | None = None
        inner_sw: int | None = None
        mac: bytes | None = None
        mac_start = len(data)
        try:
            pos = 0
            for obj in tlv.iterate(data):
                if mac is not None:
                    raise SecureMessagingError("data object after the MAC")
                if obj.tag == 0x8E:
                    mac, mac_start = obj.value, pos
                elif obj.tag == 0x87:
                    do87 = obj.value
                elif obj.tag == 0x99 and len(obj.value) == 2:
                    inner_sw = int.from_bytes(obj.value, "big")
                pos = obj.end
        except tlv.TlvError as e:
            raise SecureMessagingError(f"malformed protected response: {e}") from None
        if mac is None or inner_sw is None:
            raise SecureMessagingError("protected response lacks DO8E or DO99")
        if mac != self._mac(ssc + data[:mac_start]):
            raise SecureMessagingError("response MAC does not verify")
        if do87 is None:
            return b"", inner_sw
        if not do87 or do87[0] != 0x01 or (len(do87) - 1) % self.block:
            raise SecureMessagingError("DO87 is not padded cipher text")
        try:
            return des.unpad(self._decrypt(ssc, do87[1:])), inner_sw
        except ValueError:
            raise SecureMessagingError("DO87 padding is wrong") from None
