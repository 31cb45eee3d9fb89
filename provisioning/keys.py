"""The kiosk's own Ed25519 key pair: created once, private key never leaves the kiosk.

With a TPM (``[security] key_store``, see :mod:`provisioning.secrets`) the 32-byte Ed25519
seed comes from the TPM's random generator and is sealed to that TPM
(``<data dir>/keys/kiosk_ed25519.tpm``): a copy of the data dir on another machine does not
unseal. TPMs do not sign Ed25519, so the seed is unsealed into this process's memory while
it runs. Demo profile (no TPM): a PEM file with 0600 permissions in the same folder. Only
this module touches the key. Used to sign receipts' QR codes and (after enrollment) every
request to the central.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from provisioning.secrets import SecuritySettings, ensure_backend
from provisioning.tpm import create_file_once, sealed_secret

KEY_FILE = "kiosk_ed25519.pem"
SEALED_NAME = "kiosk_ed25519"


@dataclass(frozen=True)
class KioskKey:
    private: Ed25519PrivateKey
    backend: str = "file"  # "tpm": sealed in the TPM; "file": the demo profile's PEM file

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


def load_or_create_kiosk_key(data_dir: Path, *, settings: SecuritySettings | None = None) -> KioskKey:
    """``settings``: the key store to choose at the first start (default: the kiosk's
    ``[security]`` configuration; a program with a configuration of its own passes its own)."""
    record = ensure_backend(data_dir, settings)
    if record.backend == "tpm" and record.tcti:
        seed = sealed_secret(data_dir, SEALED_NAME, record, 32)
        return KioskKey(Ed25519PrivateKey.from_private_bytes(seed), backend="tpm")
    path = keys_dir(data_dir) / KEY_FILE
    if not path.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # Concurrent first starts: the first link wins and everybody loads that one key.
        create_file_once(path, pem)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return KioskKey(loaded, backend="file")


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False
