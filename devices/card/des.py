"""3DES primitives of ICAO 9303 Part 11 (BAC and 3DES secure messaging).

* ISO/IEC 9797-1 padding method 2 (``80`` then zeros to a block boundary);
* 2-key 3DES in CBC mode with a zero IV;
* the retail MAC (ISO/IEC 9797-1 MAC algorithm 3 with DES): single-DES CBC over every block
  with ``Ka``, then decrypt with ``Kb`` and encrypt with ``Ka`` on the last block;
* the key derivation function of Part 11 §9.7.1 (SHA-1, counter 1 = ENC, 2 = MAC) with DES
  parity adjusted.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

BLOCK = 8
ZERO_IV = bytes(BLOCK)
KDF_ENC = 1
KDF_MAC = 2


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2."""
    data = data + b"\x80"
    return data + bytes(-len(data) % BLOCK)


def unpad(data: bytes) -> bytes:
    """Remove padding method 2 (8- or 16-byte blocks); ValueError when it is not there."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80") or len(data) - len(stripped) >= 16:
        raise ValueError("bad ISO 9797-1 padding")
    return stripped[:-1]


def _k24(key: bytes) -> bytes:
    """8- and 16-byte DES keys as the 24-byte 3DES key they are equivalent to."""
    if len(key) == 8:
        return key * 3
    if len(key) == 16:
        return key + key[:8]
    return key


def _cipher(key: bytes, iv: bytes = ZERO_IV) -> Cipher:
    return Cipher(TripleDES(_k24(key)), modes.CBC(iv))


def encrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    """3DES-CBC (2-key for a 16-byte key, single DES for an 8-byte key); data already padded."""
    enc = _cipher(key, iv).encryptor()
    return enc.update(data) + enc.finalize()


def decrypt(key: bytes, data: bytes, iv: bytes = ZERO_IV) -> bytes:
    dec = _cipher(key, iv).decryptor()
    return dec.update(data) + dec.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 over ``data`` (already padded to 8 bytes)."""
    if len(data) % BLOCK or not data:
        raise ValueError("retail MAC input must be a non-empty multiple of 8 bytes")
    ka, kb = key[:8], key[8:16]
    last = encrypt(ka, data)[-BLOCK:]
    # one block with a zero IV: CBC is the plain block operation here
    return encrypt(ka, decrypt(kb, last))


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's lowest bit so the byte has odd parity (DES key convention)."""
    out = bytearray()
    for b in key:
        b &= 0xFE
        out.append(b | (bin(b).count("1") % 2 == 0))
    return bytes(out)


def kdf(seed: bytes, counter: int) -> bytes:
    """ICAO 9303-11 §9.7.1 key derivation for 3DES: a 16-byte key with adjusted parity."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big"), usedforsecurity=True).digest()  # noqa: S324 - ICAO mandates SHA-1 here
    return adjust_parity(digest[:16])
