"""The kiosk's own Ed25519 key pair: created once, private key never leaves the kiosk.

Demo profile: a PEM file with 0600 permissions under ``<data dir>/keys/``. A real
deployment keeps the private key in the OS keyring or a TPM (see README); only this module
touches the key, so swapping the storage changes nothing else. Used to sign receipts' QR
codes and (after enrollment) every request to the central.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_FILE = "kiosk_ed25519.pem"


@dataclass(frozen=True)
class KioskKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def public_raw(self) -> bytes:
        return self.public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        """``SHA256:`` + first 16 bytes of the public key's hash, base32 (short enough to read out)."""
        digest = hashlib.sha256(self.public_raw).digest()[:16]
        return "SHA256:" + base64.b32encode(digest).decode().rstrip("=")

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.public_raw).hexdigest()[:16]

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def keys_dir(data_dir: Path) -> Path:
    d = data_dir / "keys"
    d.mkdir(parents=True, exist_ok=True)
    os.chmod(d, 0o700)
    return d


def load_or_create_kiosk_key(data_dir: Path) -> KioskKey:
    path = keys_dir(data_dir) / KEY_FILE
    if path.exists():
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(loaded, Ed25519PrivateKey):
            raise ValueError(f"{path}: not an Ed25519 private key")
        return KioskKey(loaded)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # A unique temporary name, then a link that fails if another process won the race: two
    # processes starting at once end up with the same key, never with two different ones.
    fd, tmp_name = tempfile.mkstemp(prefix=".key-", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            return load_or_create_kiosk_key(data_dir)
    finally:
        os.unlink(tmp_name)
    return KioskKey(key)


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False
