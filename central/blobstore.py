"""Attachment bytes by content hash (SHA-256), behind one small interface.

The database keeps only which dossier cites which hash (``o311_attachments``); the bytes live
here, stored once however many dossiers cite them. :class:`FileBlobStore` is the default:
``<blob dir>/ab/cd/<sha256>``, files 0600 in directories 0700, written to a unique temporary
file, fsynced and linked into place, so a crash never leaves a half-written blob under its
name and two workers writing the same blob at once both succeed.

The scans are personal data: each file is encrypted with AES-256-GCM under the central's blob
key (``<data>/central/blob_aes256.key``, 0600, made once), its name bound in as associated
data, so a copied blob folder (a backup, a shared file system) shows nothing, and a file
swapped or altered is refused on reading, never served. The key belongs in a TPM or a secret
store where the central has one; back it up with the signing key (without it the blobs are lost).

A blob is written *before* the database transaction that cites it commits: if that commit
fails, an uncited blob remains (harmless, content-addressed; a sweep can remove blobs no row
cites), never a row citing a missing blob.

An object store (S3-compatible, e.g. MinIO or a ministry's Ceph) would implement the same
methods: ``put`` as a PUT of key ``sha256`` with ``If-None-Match: *`` (or a HEAD first)
and the SHA-256 sent as a checksum the store verifies, ``get`` as a GET that re-hashes what it
reads, ``has`` as a HEAD, ``older_than``/``delete`` as a listing by last-modified and a DELETE (for
:func:`sweep`). It needs credentials held by the central (in the TPM or a secret
store, not in the settings file), server-side encryption at rest (the scans are personal
data), a private bucket with no public ACLs, versioning or object lock for backups, and a
lifecycle rule that never expires objects a dossier still cites.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from common.durable import fsync_path

SHA256_HEX = re.compile(r"[0-9a-f]{64}")
DIR_MODE = 0o700
FILE_MODE = 0o600
MAGIC = b"KBLOB1"  # format of an encrypted blob file: MAGIC, 12-byte nonce, AES-GCM ciphertext
KEY_FILE = "blob_aes256.key"


class BlobError(ValueError):
    pass


class BlobStore(Protocol):
    def put(self, sha256: str, data: bytes) -> None:
        """Store ``data`` under its hash; raises :class:`BlobError` if the hash does not match."""
        ...

    def get(self, sha256: str) -> bytes | None:
        """The bytes, or None if no such blob."""
        ...

    def has(self, sha256: str) -> bool: ...

    def older_than(self, seconds: float) -> Iterator[str]:
        """Names of blobs written more than ``seconds`` ago (for the sweep of uncited blobs)."""
        ...

    def delete_if_older(self, sha256: str, seconds: float) -> bool:
        """Remove the blob if it is still older than ``seconds`` (a new writer renews it)."""
        ...


def check_hash(sha256: str, data: bytes) -> None:
    if not SHA256_HEX.fullmatch(sha256):
        raise BlobError("a blob name is 64 lowercase hexadecimal digits (SHA-256)")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BlobError("the bytes do not match their SHA-256")


def open_blob_store(blob_dir: Path, data_dir: Path) -> FileBlobStore:
    """The central's blob store: files under ``blob_dir``, encrypted with the data dir's key."""
    return FileBlobStore(blob_dir, load_or_create_blob_key(data_dir))


def private_dir(path: Path) -> Path:
    """``path`` and its missing parents created 0700; an existing directory is tightened to 0700."""
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)  # above the central's own folder: not ours
        path.mkdir(exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path


def load_or_create_blob_key(data_dir: Path) -> bytes:
    """The central's blob key: made once (0600); concurrent first starts all end with the same key."""
    folder = private_dir(Path(data_dir) / "central")
    path = folder / KEY_FILE
    if not path.exists():
        tmp = folder / f".{KEY_FILE}.{secrets.token_hex(6)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(AESGCM.generate_key(bit_length=256))
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)  # never replaces a key another process made first
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_bytes()
    if len(key) != 32:
        raise BlobError(f"{path} is not a 32-byte AES key: restore it from the backup of the central's keys")
    return key


class FileBlobStore:
    def __init__(self, root: Path, key: bytes) -> None:
        self.root = private_dir(Path(root))
        self._aead = AESGCM(key)

    def _path(self, sha256: str) -> Path:
        if not SHA256_HEX.fullmatch(sha256):
            raise BlobError("a blob name is 64 lowercase hexadecimal digits (SHA-256)")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, sha256: str, data: bytes) -> None:
        check_hash(sha256, data)
        dest = self._path(sha256)
        if dest.exists():
            os.utime(dest)  # renewed: a sweep running now must not take a blob about to be cited
            return
        folder = dest.parent
        # One level at a time: mkdir(parents=True) gives the parents the umask's mode, not ours.
        folder.parent.mkdir(exist_ok=True, mode=DIR_MODE)
        folder.mkdir(exist_ok=True, mode=DIR_MODE)
        tmp = folder / f".{sha256}.{secrets.token_hex(6)}.tmp"
        nonce = secrets.token_bytes(12)
        sealed = MAGIC + nonce + self._aead.encrypt(nonce, data, sha256.encode())
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(sealed)
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, dest)  # never replaces: a twin that won the race wrote the same bytes
            except FileExistsError:
                pass
            fsync_path(folder)
        finally:
            tmp.unlink(missing_ok=True)

    def get(self, sha256: str) -> bytes | None:
        try:
            sealed = self._path(sha256).read_bytes()
        except FileNotFoundError:
            return None
        if not sealed.startswith(MAGIC):
            raise BlobError(f"blob {sha256[:12]}… is not in the store's format (replaced or damaged)")
        nonce, body = sealed[len(MAGIC) : len(MAGIC) + 12], sealed[len(MAGIC) + 12 :]
        try:
            data = self._aead.decrypt(nonce, body, sha256.encode())
        except InvalidTag:
            raise BlobError(
                f"blob {sha256[:12]}… fails its integrity check (altered, or another key)"
            ) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise BlobError(f"blob {sha256[:12]}… does not match its SHA-256")
        return data

    def has(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def older_than(self, seconds: float) -> Iterator[str]:
        cutoff = time.time() - seconds
        for path in self.root.glob("??/??/*"):
            if SHA256_HEX.fullmatch(path.name) and path.stat().st_mtime < cutoff:
                yield path.name

    def delete_if_older(self, sha256: str, seconds: float) -> bool:
        path = self._path(sha256)
        try:
            if path.stat().st_mtime >= time.time() - seconds:
                return False
        except FileNotFoundError:
            return False
        path.unlink(missing_ok=True)
        return True


def sweep(store: BlobStore, cited: Callable[[], set[str]], min_age_s: float) -> list[str]:
    """Remove blobs no attachment row cites. Only blobs older than ``min_age_s``: a submission
    writes its blobs before its rows commit, so a fresh uncited blob may be one in flight."""
    candidates = list(store.older_than(min_age_s))
    if not candidates:
        return []
    keep = cited()  # read after listing: a row committed meanwhile still protects its blob
    # A submission citing an old blob renews it (put) before its row commits: re-checked here.
    return [n for n in candidates if n not in keep and store.delete_if_older(n, min_age_s)]
