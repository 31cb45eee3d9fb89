"""Drafts: a citizen's session saved at every wizard step, so a crash can be resumed by staff.

The step's data is encrypted (it holds names, ID numbers); the step name, index and times
are not, so staff can list resumable sessions without decrypting anything. Drafts of
abandoned sessions are wiped after a grace period (``[offline] draft_grace_hours``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from offline_cache.models import DraftRow
from offline_cache.records import Draft, DraftSummary, from_epoch

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
    ) -> DraftSummary:
        """Replace the session's draft with ``data`` (JSON-serialisable), durably."""
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
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["session_id"],
            set_={
                "procedure_code": stmt.excluded.procedure_code,
                "step": stmt.excluded.step,
                "step_index": stmt.excluded.step_index,
                "data": stmt.excluded.data,
                "updated_at": stmt.excluded.updated_at,
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

    def wipe(self, session_id: str) -> bool:
        with self._store.write() as s:
            return bool(s.execute(delete(DraftRow).where(DraftRow.session_id == session_id)).rowcount)  # type: ignore[attr-defined]

    def wipe_abandoned(self, grace_hours: float, *, actor: str = "system") -> int:
        """Wipe drafts untouched for ``grace_hours`` (the citizen has gone); audited."""
        cutoff = self._store.now() - grace_hours * 3600
        with self._store.write() as s:
            n = s.execute(delete(DraftRow).where(DraftRow.updated_at < cutoff)).rowcount  # type: ignore[attr-defined]
            if n:
                self._store.audit.append_in(
                    s, actor, "drafts.wipe_abandoned", {"count": n, "grace_hours": grace_hours}
                )
        return int(n)
