"""Attachments (scans, face images): encrypted files named by the SHA-256 of their clear bytes.

A file is written (temporary name, fsync, rename, fsync of the folder) *before* the
database row that refers to it is committed, so a crash leaves at worst an unreferenced
file (removed by the retention purge), never a row pointing at nothing. Identical content
is stored once. Reading decrypts and checks the hash, so a damaged file is reported, not
sent.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from common.durable import atomic_write
from offline_cache.errors import NotFoundError, StoreCorruptError
from offline_cache.models import AttachmentRow
from offline_cache.records import AttachmentRef, NewAttachment

if TYPE_CHECKING:
    from offline_cache.store import Store


class AttachmentStore:
    def __init__(self, store: Store):
        self._store = store
        self.dir = store.root / "attachments"
        self.dir.mkdir(exist_ok=True)
        self.dir.chmod(0o700)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise NotFoundError("not a SHA-256 attachment reference")
        return self.dir / sha256[:2] / sha256

    def write_file(self, att: NewAttachment) -> AttachmentRef:
        """Encrypt and durably write the file (no database row yet)."""
        from offline_cache.store import translated

        sha = hashlib.sha256(att.data).hexdigest()
        path = self.path_for(sha)
        with translated():
            if not path.exists():
                path.parent.mkdir(exist_ok=True)
                atomic_write(path, self._store.cipher.encrypt_file(att.data, sha))
        return AttachmentRef(sha256=sha, size=len(att.data), media_type=att.media_type, role=att.role)

    def register(self, session: Session, ref: AttachmentRef) -> None:
        """Record a written file inside the caller's write transaction (idempotent)."""
        session.execute(
            sqlite_insert(AttachmentRow)
            .values(sha256=ref.sha256, size=ref.size, media_type=ref.media_type, created_at=self._store.now())
            .on_conflict_do_nothing(index_elements=["sha256"])
        )

    def put(
        self, data: bytes, media_type: str = "application/octet-stream", role: str = "attachment"
    ) -> AttachmentRef:
        """Store one attachment now (e.g. a scan taken during the wizard); returns its reference."""
        ref = self.write_file(NewAttachment(data, media_type, role))
        with self._store.write() as s:
            self.register(s, ref)
        return ref

    def read(self, ref: AttachmentRef | str) -> bytes:
        """The clear bytes, verified against the hash they are filed under."""
        from offline_cache.store import translated

        sha = ref.sha256 if isinstance(ref, AttachmentRef) else ref
        path = self.path_for(sha)
        with translated():
            try:
                blob = path.read_bytes()
            except FileNotFoundError:
                raise NotFoundError(f"attachment {sha[:12]}… is missing from {self.dir}") from None
        data = self._store.cipher.decrypt_file(blob, sha)
        if hashlib.sha256(data).hexdigest() != sha:
            raise StoreCorruptError(f"attachment {sha[:12]}… does not match its hash")
        return data

    def exists(self, sha256: str) -> bool:
        with self._store.read() as s:
            return s.scalar(select(AttachmentRow.sha256).where(AttachmentRow.sha256 == sha256)) is not None
