"""Drafts: a citizen's session saved at every wizard step, so a crash, a power cut or a restart
loses nothing of what was entered or photographed.

The step's data is encrypted (it holds names, ID numbers); the step name, index and times
are not, so staff can list resumable sessions without decrypting anything. Photographed pages
are kept as they are taken (encrypted attachments linked to the draft, :meth:`Drafts.add_page`).
A draft is bound to the citizen's card by a keyed hash of its document number
(:meth:`Drafts.card_tag`), so the same card finds it again and nobody else can. Drafts of
abandoned sessions are wiped, pages included, after a grace period (``[offline] draft_grace_hours``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from offline_cache.errors import NotFoundError
from offline_cache.models import AttachmentRow, DraftPageRow, DraftRow, OutboxAttachmentRow
from offline_cache.records import Draft, DraftSummary, NewAttachment, from_epoch

if TYPE_CHECKING:
    from offline_cache.store import Store


def _aad(session_id: str) -> str:
    return "draft:" + session_id


def _summary(row: DraftRow) -> DraftSummary:
    return DraftSummary(
        session_id=row.session_id,
        procedure_code=row.procedure_code,
        step=row.step,
        step_index=row.step_index,
        created_at=from_epoch(row.created_at),  # type: ignore[arg-type]
        updated_at=from_epoch(row.updated_at),  # type: ignore[arg-type]
    )


class Drafts:
    def __init__(self, store: Store):
        self._store = store

    def save_step(
        self,
        session_id: str,
        step: str,
        data: Mapping[str, Any],
        *,
        step_index: int = 0,
        procedure_code: str | None = None,
        card_tag: str | None = None,
    ) -> DraftSummary:
        """Replace the session's draft with ``data`` (JSON-serialisable), durably. ``card_tag``
        (from :meth:`card_tag`) binds it to the citizen's card; once bound it stays bound."""
        if not session_id or len(session_id) > 64:
            raise ValueError("session_id must be 1-64 characters")
        blob = self._store.cipher.encrypt_field(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), _aad(session_id)
        )
        now = self._store.now()
        stmt = sqlite_insert(DraftRow).values(
            session_id=session_id,
            procedure_code=procedure_code,
            step=step,
            step_index=step_index,
            data=blob,
            created_at=now,
            updated_at=now,
            card_tag=card_tag,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["session_id"],
            set_={
                "procedure_code": stmt.excluded.procedure_code,
                "step": stmt.excluded.step,
                "step_index": stmt.excluded.step_index,
                "data": stmt.excluded.data,
                "updated_at": stmt.excluded.updated_at,
                "card_tag": func.coalesce(stmt.excluded.card_tag, DraftRow.card_tag),
            },
        )
        with self._store.write() as s:
            s.execute(stmt)
            row = s.get(DraftRow, session_id)
            assert row is not None
            return _summary(row)

    def load(self, session_id: str) -> Draft | None:
        with self._store.read() as s:
            row = s.get(DraftRow, session_id)
            if row is None:
                return None
            data = json.loads(self._store.cipher.decrypt_field(row.data, _aad(session_id)))
            return Draft(
                session_id=row.session_id,
                procedure_code=row.procedure_code,
                step=row.step,
                step_index=row.step_index,
                data=data,
                created_at=from_epoch(row.created_at),  # type: ignore[arg-type]
                updated_at=from_epoch(row.updated_at),  # type: ignore[arg-type]
            )

    def list_resumable(self, grace_hours: float | None = None) -> list[DraftSummary]:
        """Drafts staff may offer to resume, newest first (within the grace period if given)."""
        q = select(DraftRow).order_by(DraftRow.updated_at.desc())
        if grace_hours is not None:
            q = q.where(DraftRow.updated_at >= self._store.now() - grace_hours * 3600)
        with self._store.read() as s:
            return [_summary(r) for r in s.scalars(q)]

    # --- the card the draft belongs to ------------------------------------------------------
    def card_tag(self, document_number: str) -> str:
        """Keyed hash of a card's document number (domain-separated from the audit chain's use
        of the same key): equal for the same card, meaningless without the store's key."""
        return self._store.cipher.mac(b"draft-card:" + document_number.strip().upper().encode())

    def find_for_card(self, card_tag: str, grace_hours: float | None = None) -> DraftSummary | None:
        """The newest draft bound to this card (within the grace period if given)."""
        q = select(DraftRow).where(DraftRow.card_tag == card_tag).order_by(DraftRow.updated_at.desc())
        if grace_hours is not None:
            q = q.where(DraftRow.updated_at >= self._store.now() - grace_hours * 3600)
        with self._store.read() as s:
            row = s.scalars(q.limit(1)).first()
            return _summary(row) if row is not None else None

    # --- photographed pages -------------------------------------------------------------------
    def add_page(self, session_id: str, data: bytes, media_type: str = "image/jpeg") -> str:
        """Keep one photographed page with the draft now (encrypted, durable); returns its SHA-256.
        The draft row must exist (save a step first)."""
        atts = self._store.attachments
        ref = atts.write_file(NewAttachment(data, media_type, "draft_page"))
        with self._store.write() as s:
            if s.get(DraftRow, session_id) is None:
                raise NotFoundError("no draft for this session: save a step before its pages")
            atts.register(s, ref)
            s.execute(
                sqlite_insert(DraftPageRow)
                .values(session_id=session_id, sha256=ref.sha256)
                .on_conflict_do_nothing()
            )
        return ref.sha256

    def pages(self, session_id: str) -> dict[str, bytes]:
        """The draft's pages by SHA-256, decrypted and checked against their hashes."""
        with self._store.read() as s:
            shas = list(s.scalars(select(DraftPageRow.sha256).where(DraftPageRow.session_id == session_id)))
        return {sha: self._store.attachments.read(sha) for sha in shas}

    def drop_page(self, session_id: str, sha256: str) -> None:
        """A page retaken or removed: it no longer belongs to the draft (and goes if nothing uses it)."""
        with self._store.write() as s:
            s.execute(
                delete(DraftPageRow).where(
                    DraftPageRow.session_id == session_id, DraftPageRow.sha256 == sha256
                )
            )
            self._forget_unused(s, [sha256])

    # --- wiping -------------------------------------------------------------------------------
    def wipe(self, session_id: str) -> bool:
        """The draft and its pages, now (the session ended or was submitted)."""
        with self._store.write() as s:
            return self.wipe_in(s, session_id)

    def wipe_in(self, s: Session, session_id: str) -> bool:
        """:meth:`wipe` inside the caller's write transaction (the outbox's enqueue)."""
        shas = list(s.scalars(select(DraftPageRow.sha256).where(DraftPageRow.session_id == session_id)))
        n = s.execute(delete(DraftRow).where(DraftRow.session_id == session_id)).rowcount  # type: ignore[attr-defined]
        s.flush()
        self._forget_unused(s, shas)
        return bool(n)

    def wipe_abandoned(self, grace_hours: float, *, actor: str = "system") -> int:
        """Wipe drafts untouched for ``grace_hours`` (the citizen has gone), pages included; audited."""
        cutoff = self._store.now() - grace_hours * 3600
        with self._store.write() as s:
            old = select(DraftRow.session_id).where(DraftRow.updated_at < cutoff)
            shas = list(s.scalars(select(DraftPageRow.sha256).where(DraftPageRow.session_id.in_(old))))
            n = s.execute(delete(DraftRow).where(DraftRow.updated_at < cutoff)).rowcount  # type: ignore[attr-defined]
            self._forget_unused(s, shas)
            if n:
                self._store.audit.append_in(
                    s, actor, "drafts.wipe_abandoned", {"count": n, "grace_hours": grace_hours}
                )
        return int(n)

    def _forget_unused(self, s: Session, shas: list[str]) -> None:
        """Attachments among ``shas`` that no draft and no outbox entry uses: rows now, files
        once the transaction has committed (a crash in between leaves a file the retention
        purge collects, never a row without its file)."""
        if not shas:
            return
        used = select(DraftPageRow.sha256).union(select(OutboxAttachmentRow.sha256))
        gone = list(
            s.scalars(
                select(AttachmentRow.sha256).where(
                    AttachmentRow.sha256.in_(shas), AttachmentRow.sha256.not_in(used)
                )
            )
        )
        if not gone:
            return
        s.execute(delete(AttachmentRow).where(AttachmentRow.sha256.in_(gone)))
        atts = self._store.attachments

        def remove_files() -> None:
            for sha in gone:
                atts.path_for(sha).unlink(missing_ok=True)

        s.info["after_commit"].append(remove_files)
