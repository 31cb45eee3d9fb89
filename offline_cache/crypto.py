"""Encryption at rest: AES-256-GCM for personal fields and attachment files.

One 32-byte master key. With a TPM (the backend recorded in ``<data dir>/keys/keystore.json``
by :mod:`provisioning.secrets`) it comes from the TPM's random generator and is sealed to
that TPM in ``offline_store.tpm``; the demo profile keeps it in ``offline_store.key`` (0600).
A caller may also pass it to :meth:`offline_cache.store.Store.open` (``key=``). Sub-keys are derived with HKDF so the field key,
the file key and the audit-chain MAC key never coincide.

Ciphertext format: ``b"\\x01" + 12-byte random nonce + GCM ciphertext+tag``. The
associated data binds a ciphertext to its row or file (an outbox ID, a content hash), so
bytes moved from one record to another fail to decrypt instead of showing the wrong
citizen's data.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline_cache.errors import DecryptionError, OfflineCacheError
from provisioning.tpm import TpmError, create_file_once, read_record, sealed_secret

KEY_FILE = "offline_store.key"
KEY_BYTES = 32
_VERSION = b"\x01"
_NONCE = 12


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"onestop-offline/" + purpose).derive(
        master
    )


def derive_key(master: bytes, purpose: str) -> bytes:
    """A 32-byte sub-key of the master key for ``purpose`` (other stores' field keys, MAC keys)."""
    return _derive(master, purpose.encode())


def load_or_create_key(data_dir: Path) -> bytes:
    """The master key: unsealed from the TPM when this kiosk chose one, else the demo
    profile's file (created once, 0600, in a 0700 folder; concurrent first starts agree)."""
    keys = data_dir / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    os.chmod(keys, 0o700)
    try:
        record = read_record(data_dir)
        if record is not None and record.backend == "tpm" and record.tcti:
            return sealed_secret(data_dir, "offline_store", record, KEY_BYTES)
    except TpmError as e:
        raise OfflineCacheError(f"offline store key: {e}", code="offline.bad_key") from None
    path = keys / KEY_FILE
    if not path.exists():
        # Never replace an existing key: losing it would make every stored dossier unreadable.
        create_file_once(path, os.urandom(KEY_BYTES))
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise OfflineCacheError(
            f"{path}: expected {KEY_BYTES} bytes, found {len(key)}", code="offline.bad_key"
        )
    return key


class Cipher:
    """AES-GCM with purpose-separated keys; thread-safe (AESGCM objects are stateless)."""

    def __init__(self, master_key: bytes):
        if len(master_key) != KEY_BYTES:
            raise ValueError("the offline store key must be 32 bytes")
        self._fields = AESGCM(_derive(master_key, b"fields"))
        self._files = AESGCM(_derive(master_key, b"files"))
        self._mac_key = _derive(master_key, b"audit-mac")

    @staticmethod
    def _seal(aead: AESGCM, plain: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + aead.encrypt(nonce, plain, aad)

    @staticmethod
    def _open(aead: AESGCM, blob: bytes, aad: bytes) -> bytes:
        if len(blob) < 1 + _NONCE + 16 or blob[:1] != _VERSION:
            raise DecryptionError("not an encrypted record of a known format")
        try:
            return aead.decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], aad)
        except InvalidTag:
            raise DecryptionError("record does not authenticate (wrong key or altered bytes)") from None

    def encrypt_field(self, plain: bytes, aad: str) -> bytes:
        return self._seal(self._fields, plain, aad.encode())

    def decrypt_field(self, blob: bytes, aad: str) -> bytes:
        return self._open(self._fields, blob, aad.encode())

    def encrypt_file(self, plain: bytes, sha256: str) -> bytes:
        return self._seal(self._files, plain, sha256.encode())

    def decrypt_file(self, blob: bytes, sha256: str) -> bytes:
        return self._open(self._files, blob, sha256.encode())

    def mac(self, data: bytes) -> str:
        """Keyed hash for the audit chain: rewriting the chain needs the key, not just the file."""
        return hmac.new(self._mac_key, data, hashlib.sha256).hexdigest()
