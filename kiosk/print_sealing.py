"""Encryption at rest for what the printer keeps (job images, unprinted-receipt PDFs).

The printer driver cannot import the key store, so the kiosk builds the encrypt/decrypt pair
here and injects it (:class:`devices.printer.jobs.JobSealer`). The key is a sub-key of the
offline store's master key: sealed in the TPM when the kiosk has one, the demo profile's key
file otherwise. AES-256-GCM; the context (job ID and file name) is the associated data, so a
file moved to another job does not decrypt.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from devices.printer.jobs import JobSealer
from offline_cache.crypto import derive_key, load_or_create_key

_VERSION = b"\x01"


def job_sealer(data_dir: Path) -> JobSealer:
    aead = AESGCM(derive_key(load_or_create_key(Path(data_dir)), "print-jobs"))

    def seal(plain: bytes, context: str) -> bytes:
        nonce = os.urandom(12)
        return _VERSION + nonce + aead.encrypt(nonce, plain, context.encode())

    def open_(blob: bytes, context: str) -> bytes:
        if blob[:1] != _VERSION:
            raise ValueError("not a sealed print file")
        return aead.decrypt(blob[1:13], blob[13:], context.encode())

    return JobSealer(seal, open_)
