"""AES primitives of ICAO 9303 Part 11 for PACE and AES secure messaging.

* padding method 2 on 16-byte blocks; AES-CBC; AES-CMAC (truncated to 8 bytes for SM and tokens);
* KDF (§9.7.1): SHA-1 for 128-bit keys, SHA-256 for 192/256-bit keys, counter 1 ENC, 2 MAC, 3 PACE.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 16
KDF_ENC, KDF_MAC, KDF_PACE = 1, 2, 3


def pad(data: bytes) -> bytes:
    data = data + b"\x80"
    return data + bytes(-len(data) % BLOCK)


def encrypt(key: bytes, data: bytes, iv: bytes = bytes(BLOCK)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def decrypt(key: bytes, data: bytes, iv: bytes = bytes(BLOCK)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def encrypt_block(key: bytes, block: bytes) -> bytes:
    """One block, no chaining (CBC with a zero IV on one block is exactly that)."""
    return encrypt(key, block)


def cmac8(key: bytes, data: bytes) -> bytes:
    c = cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()[:8]


def kdf(secret: bytes, counter: int, key_bits: int = 128) -> bytes:
    h = hashlib.sha1 if key_bits == 128 else hashlib.sha256
    return h(secret + counter.to_bytes(4, "big")).digest()[: key_bits // 8]
