"""Retention: finished dossiers and their attachments do not stay on the kiosk forever.

Accepted and rejected entries older than ``retention_days`` (counted from when the
central answered) are deleted with the attachment files no other entry uses; abandoned
drafts past their grace period go too. Entries still pending or waiting for staff are
never purged, whatever their age: they are the citizen's only copy. The rows go in one
transaction together with an audit entry; files are removed only after that commit, so a
crash leaves unreferenced files (collected next time), never rows without files. A dry run
reports the same list and changes nothing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from offline_cache.models import AttachmentRow, DraftRow, OutboxAttachmentRow, OutboxRow
from offline_cache.records import FINAL_STATES, PurgeReport, from_epoch

if TYPE_CHECKING:
    from offline_cache.store import Store

# Files and temporaries younger than this are left alone: they may belong to a dossier
# being submitted right now (file written, row not yet committed).
ORPHAN_GRACE_S = 24 * 3600.0


class Retention:
    def __init__(self, store: Store):
        self._store = store

    def purge(
        self,
        retention_days: float,
        *,
        draft_grace_hours: float | None = None,
        dry_run: bool = False,
        actor: str = "system",
    ) -> PurgeReport:
        now = self._store.now()
        cutoff = now - retention_days * 86400
        draft_cutoff = now - draft_grace_hours * 3600 if draft_grace_hours is not None else None
        # An attachment no entry uses may still belong to a draft (a scan taken mid-wizard).
        orphan_cutoff = now - max(ORPHAN_GRACE_S, (draft_grace_hours or 0) * 3600)
        final = [s.value for s in FINAL_STATES]
        with self._store.write() as s:
            expired = select(OutboxRow.id).where(OutboxRow.state.in_(final), OutboxRow.finished_at < cutoff)
            ids = list(s.scalars(expired.order_by(OutboxRow.finished_at)))
            # Subqueries, not literal lists: a purge after months offline may cover more
            # entries than SQLite accepts as parameters.
            still_used = select(OutboxAttachmentRow.sha256).where(
                OutboxAttachmentRow.outbox_id.not_in(expired)
            )
            # Attachments used only by purged entries, or by none and old enough.
            candidates = s.execute(
                select(AttachmentRow.sha256, AttachmentRow.size).where(
                    AttachmentRow.sha256.not_in(still_used),
                    AttachmentRow.sha256.in_(
                        select(OutboxAttachmentRow.sha256).where(OutboxAttachmentRow.outbox_id.in_(expired))
                    )
                    | (AttachmentRow.created_at < orphan_cutoff),
                )
            ).all()
            drafts = 0
            if draft_cutoff is not None:
                drafts = len(
                    s.scalars(select(DraftRow.session_id).where(DraftRow.updated_at < draft_cutoff)).all()
                )
            report = PurgeReport(
                dry_run=dry_run,
                cutoff=from_epoch(cutoff),  # type: ignore[arg-type]
                entries=tuple(ids),
                attachments=len(candidates),
                attachment_bytes=sum(c.size for c in candidates),
                drafts=drafts,
            )
            if dry_run:
                s.rollback()
                return report
            shas = [c.sha256 for c in candidates]
            for chunk in _chunks(ids):
                s.execute(delete(OutboxRow).where(OutboxRow.id.in_(chunk)))  # links go by cascade
            for chunk in _chunks(shas):
                s.execute(delete(AttachmentRow).where(AttachmentRow.sha256.in_(chunk)))
            if draft_cutoff is not None:
                s.execute(delete(DraftRow).where(DraftRow.updated_at < draft_cutoff))
            if ids or shas or drafts:
                self._store.audit.append_in(
                    s,
                    actor,
                    "retention.purge",
                    {
                        "entries": len(ids),
                        "attachments": len(shas),
                        "bytes": report.attachment_bytes,
                        "drafts": drafts,
                        "retention_days": retention_days,
                    },
                )
            s.info["after_commit"].append(lambda: self._remove_files(shas))
        return report

    def _remove_files(self, shas: list[str]) -> None:
        atts = self._store.attachments
        for sha in shas:
            atts.path_for(sha).unlink(missing_ok=True)
        self._collect_orphan_files()

    def _collect_orphan_files(self) -> None:
        """Files no row names (a crash between writing the file and committing the row)."""
        atts = self._store.attachments
        limit = time.time() - ORPHAN_GRACE_S  # file times are wall-clock, whatever the store clock
        with self._store.read() as s:
            known = set(s.scalars(select(AttachmentRow.sha256)))
        for sub in atts.dir.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                if f.name in known:
                    continue
                try:
                    if f.stat().st_mtime < limit:
                        f.unlink()
                except FileNotFoundError:
                    continue


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
