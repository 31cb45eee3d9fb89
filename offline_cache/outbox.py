"""The outbox: submitted dossiers waiting for (or done with) the central.

States: ``queued → sending → accepted | rejected | needs-staff``; ``sending`` and
``queued`` entries go back to the sync engine after a crash and are sent again *with the
same idempotency key*, so the central stores each dossier once. An entry is marked
``sending`` (and its attempt counted) in a committed transaction *before* the network
call, like ODK Collect marks a record failed before uploading: a crash mid-send can only
lead to a resend with the same key, never to a lost or silently doubled dossier.

Enqueuing is one transaction: attachment rows, the entry, its links and (optionally) the
removal of the citizen's draft commit together; the attachment files are already on disk.
When :meth:`Outbox.enqueue` returns, the dossier is durable: that is when the kiosk may
tell the citizen it is saved.
"""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, literal_column, select, update
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnClause

from common.durable import atomic_write
from offline_cache.errors import DecryptionError, InvalidStateError, NotFoundError
from offline_cache.models import AttachmentRow, MetaRow, OutboxAttachmentRow, OutboxRow
from offline_cache.records import (
    DOSSIER,
    KINDS,
    PENDING_STATES,
    Accepted,
    AttachmentRef,
    NeedsStaff,
    NewAttachment,
    OutboxEntry,
    OutboxState,
    OutgoingDossier,
    QueueStatus,
    Rejected,
    RetryLater,
    SendResult,
    from_epoch,
)

if TYPE_CHECKING:
    from offline_cache.store import Store

_PENDING = [s.value for s in PENDING_STATES]
# A claimed entry is not handed out again for this long (longer than any HTTP call may
# take); after a crash, SyncEngine.start() releases such entries at once instead.
SENDING_LEASE_S = 300.0
_ROWID: ColumnClause[int] = literal_column("outbox.rowid")  # insertion order breaks ties of equal timestamps
_MAX_ERROR = 500


def _aad(entry_id: str) -> str:
    return "outbox:" + entry_id


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_ERROR else text[: _MAX_ERROR - 1] + "…"


class Outbox:
    def __init__(self, store: Store):
        self._store = store

    # --- enqueue -----------------------------------------------------------------------

    def enqueue(
        self,
        submission: Mapping[str, Any],
        attachments: Sequence[NewAttachment | AttachmentRef] = (),
        *,
        procedure_code: str,
        entry_id: str | None = None,
        tracking_code: str | None = None,
        idempotency_key: str | None = None,
        draft_session_id: str | None = None,
        kind: str = DOSSIER,
    ) -> str:
        """Queue a submitted dossier; returns its entry ID once it is durably stored.

        ``submission`` is JSON-serialisable (it is encrypted). ``entry_id`` lets the caller
        choose the client-generated ID (default: a random UUID); enqueuing the same ID again
        with the same submission returns it unchanged, so a retried "submit" tap is harmless.
        ``idempotency_key``: the key the central will see on every attempt (default: a random
        UUID; the kiosk passes ``Submission.idempotency_key``). ``draft_session_id``: the
        citizen's draft, removed in the same transaction. ``kind``: ``"dossier"``, or
        ``"monitoring"`` for a batch of anonymous events (same exactly-once path; listings
        and the queue status show dossiers unless asked).
        """
        if kind not in KINDS:
            raise ValueError(f"outbox kind must be one of {KINDS}")
        entry_id = entry_id or uuid.uuid4().hex
        if len(entry_id) > 64 or not entry_id.isprintable():
            raise ValueError("entry_id must be at most 64 printable characters")
        clear = json.dumps(
            {"submission": submission}, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        # Files first (durable before any row names them), outside the writer lock.
        refs = [
            self._store.attachments.write_file(a) if isinstance(a, NewAttachment) else a for a in attachments
        ]
        blob = self._store.cipher.encrypt_field(clear.encode(), _aad(entry_id))
        now = self._store.now()
        with self._store.write() as s:
            existing = s.get(OutboxRow, entry_id)
            if existing is not None:
                if self._decrypt(existing) != clear:
                    raise InvalidStateError(
                        f"outbox entry {entry_id} already exists with a different dossier"
                    )
                return entry_id
            for ref, given in zip(refs, attachments, strict=True):
                if isinstance(ref, NewAttachment):  # pragma: no cover - narrowed above
                    raise TypeError
                # A retention purge may have removed an identical file between our write and
                # this transaction (it deletes under the same writer lock): write it again.
                if not self._store.attachments.path_for(ref.sha256).exists():
                    if not isinstance(given, NewAttachment):
                        raise NotFoundError(f"attachment {ref.sha256[:12]}… is no longer stored")
                    self._store.attachments.write_file(given)
                self._store.attachments.register(s, ref)
            s.add(
                OutboxRow(
                    id=entry_id,
                    idempotency_key=idempotency_key or str(uuid.uuid4()),
                    procedure_code=procedure_code,
                    tracking_code=tracking_code,
                    state=OutboxState.QUEUED.value,
                    payload=blob,
                    created_at=now,
                    updated_at=now,
                    attempts=0,
                    next_attempt_at=now,
                    kind=kind,
                )
            )
            s.flush()
            for pos, ref in enumerate(refs):
                s.add(OutboxAttachmentRow(outbox_id=entry_id, position=pos, sha256=ref.sha256, role=ref.role))
            if draft_session_id:
                self._store.drafts.wipe_in(s, draft_session_id)
        return entry_id

    def _decrypt(self, row: OutboxRow) -> str:
        return self._store.cipher.decrypt_field(row.payload, _aad(row.id)).decode()

    # --- reading -----------------------------------------------------------------------

    @staticmethod
    def _attachments_of(s: Session, subset: Any) -> dict[str, builtins.list[AttachmentRef]]:
        """Attachment references of the entries whose IDs ``subset`` selects, in one query."""
        out: dict[str, builtins.list[AttachmentRef]] = {}
        rows = s.execute(
            select(OutboxAttachmentRow.outbox_id, OutboxAttachmentRow.role, AttachmentRow)
            .join(AttachmentRow, AttachmentRow.sha256 == OutboxAttachmentRow.sha256)
            .where(OutboxAttachmentRow.outbox_id.in_(subset))
            .order_by(OutboxAttachmentRow.outbox_id, OutboxAttachmentRow.position)
        )
        for outbox_id, role, a in rows:
            out.setdefault(outbox_id, []).append(
                AttachmentRef(sha256=a.sha256, size=a.size, media_type=a.media_type, role=role)
            )
        return out

    def _entry(
        self, s: Session, row: OutboxRow, attachments: builtins.list[AttachmentRef] | None = None
    ) -> OutboxEntry:
        if attachments is None:
            attachments = self._attachments_of(s, [row.id]).get(row.id, [])
        return OutboxEntry(
            id=row.id,
            idempotency_key=row.idempotency_key,
            procedure_code=row.procedure_code,
            tracking_code=row.tracking_code,
            state=OutboxState(row.state),
            created_at=from_epoch(row.created_at),  # type: ignore[arg-type]
            updated_at=from_epoch(row.updated_at),  # type: ignore[arg-type]
            attempts=row.attempts,
            next_attempt_at=from_epoch(row.next_attempt_at),
            last_error=row.last_error,
            request_id=row.request_id,
            token=row.token,
            reasons=tuple(json.loads(row.reasons)) if row.reasons else (),
            attachments=tuple(attachments),
        )

    def resolve_id(self, id_or_prefix: str) -> str:
        """An exact entry ID, or a unique prefix of one (at least 6 characters) as staff type it."""
        with self._store.read() as s:
            if s.get(OutboxRow, id_or_prefix) is not None:
                return id_or_prefix
            if len(id_or_prefix) >= 6:
                ids = s.scalars(
                    select(OutboxRow.id)
                    .where(OutboxRow.id.startswith(id_or_prefix, autoescape=True))
                    .limit(2)
                ).all()
                if len(ids) == 1:
                    return ids[0]
                if len(ids) > 1:
                    raise NotFoundError(
                        f"{id_or_prefix!r} matches more than one outbox entry; type more of it"
                    )
        raise NotFoundError(f"no outbox entry {id_or_prefix!r}")

    def get(self, entry_id: str) -> OutboxEntry:
        with self._store.read() as s:
            row = s.get(OutboxRow, self.resolve_id(entry_id))
            if row is None:
                raise NotFoundError(f"no outbox entry {entry_id!r}")
            return self._entry(s, row)

    def list(
        self,
        states: Iterable[OutboxState | str] | None = None,
        *,
        limit: int = 200,
        offset: int = 0,
        kinds: Iterable[str] = (DOSSIER,),
    ) -> list[OutboxEntry]:
        """Entries oldest first (what waits longest comes first); dossiers unless ``kinds`` says."""
        q = (
            select(OutboxRow)
            .options(defer(OutboxRow.payload))  # listings never need the encrypted dossier
            .where(OutboxRow.kind.in_(list(kinds)))
            .order_by(OutboxRow.created_at, _ROWID)
            .limit(limit)
            .offset(offset)
        )
        if states is not None:
            q = q.where(OutboxRow.state.in_([OutboxState(x).value for x in states]))
        with self._store.read() as s:
            rows = s.scalars(q).all()
            # The same selection as a subquery: no parameter per entry, however long the list.
            atts = self._attachments_of(s, q.with_only_columns(OutboxRow.id)) if rows else {}
            return [self._entry(s, r, atts.get(r.id, [])) for r in rows]

    def submission(self, entry_id: str) -> Mapping[str, Any]:
        """The decrypted dossier (personal data: for sending, export and staff review only)."""
        with self._store.read() as s:
            row = s.get(OutboxRow, self.resolve_id(entry_id))
            assert row is not None
            return json.loads(self._decrypt(row))["submission"]  # type: ignore[no-any-return]

    def status(self, kinds: Iterable[str] = (DOSSIER,)) -> QueueStatus:
        """The queue as the UI and staff see it: dossiers only unless ``kinds`` says (a citizen's
        "waiting to send" must not count anonymous event batches)."""
        of_kind = OutboxRow.kind.in_(list(kinds))
        with self._store.read() as s:
            counts = {st.value: 0 for st in OutboxState}
            for state, n in s.execute(
                select(OutboxRow.state, func.count()).where(of_kind).group_by(OutboxRow.state)
            ):
                counts[state] = n
            oldest, next_at = s.execute(
                select(func.min(OutboxRow.created_at), func.min(OutboxRow.next_attempt_at)).where(
                    OutboxRow.state.in_(_PENDING), of_kind
                )
            ).one()
            meta = {m.key: m.value for m in s.scalars(select(MetaRow))}
        now = self._store.now()

        def ts(key: str) -> Any:
            return from_epoch(float(meta[key])) if key in meta else None

        return QueueStatus(
            counts=counts,
            pending=counts["queued"] + counts["sending"],
            oldest_pending_age_s=max(0.0, now - oldest) if oldest is not None else None,
            next_attempt_at=from_epoch(next_at),
            last_success_at=ts("last_success_at"),
            last_attempt_at=ts("last_attempt_at"),
            last_error=meta.get("last_error") or None,
        )

    # --- the sync engine's side --------------------------------------------------------

    def claim_due(self, now: float | None = None) -> OutgoingDossier | None:
        """Mark the next due entry ``sending`` (committed) and hand it out, or None.

        A claimed entry is leased for ``SENDING_LEASE_S``; one left ``sending`` by a crash is
        released by :meth:`recover_interrupted` and keeps its key.
        An entry whose payload no longer decrypts goes to ``needs-staff``, not to the central.
        """
        now = self._store.now() if now is None else now
        while True:
            # Not fsynced: if a power cut loses the mark, the entry is simply queued again.
            with self._store.write(durable=False) as s:
                row = s.scalars(
                    select(OutboxRow)
                    .where(OutboxRow.state.in_(_PENDING), OutboxRow.next_attempt_at <= now)
                    .order_by(OutboxRow.created_at, _ROWID)  # first come, first sent
                    .limit(1)
                ).first()
                if row is None:
                    return None
                try:
                    clear = json.loads(self._decrypt(row))
                except (DecryptionError, ValueError) as e:
                    self._finish(
                        s, row, OutboxState.NEEDS_STAFF, now, error=f"stored dossier unreadable: {e}"
                    )
                    continue
                row.state = OutboxState.SENDING.value
                row.attempts += 1
                row.updated_at = now
                row.next_attempt_at = now + SENDING_LEASE_S
                self._meta(s, last_attempt_at=repr(now))
                entry = self._entry(s, row)
                kind = row.kind
            return OutgoingDossier(
                entry_id=entry.id,
                idempotency_key=entry.idempotency_key,
                procedure_code=entry.procedure_code,
                tracking_code=entry.tracking_code,
                submission=clear["submission"],
                attachments=entry.attachments,
                attempt=entry.attempts,
                read_attachment=self._store.attachments.read,
                kind=kind,
            )

    def record_result(
        self, entry_id: str, result: SendResult, *, next_attempt_at: float | None = None
    ) -> OutboxEntry:
        """Store what the central answered. Only an entry still ``sending`` is changed."""
        now = self._store.now()
        # Not fsynced: losing an answer to a power cut means one more send with the same
        # idempotency key, which the central answers from its record (no duplicate).
        with self._store.write(durable=False) as s:
            row = s.get(OutboxRow, entry_id)
            if row is None:
                raise NotFoundError(f"no outbox entry {entry_id!r}")
            if row.state != OutboxState.SENDING.value:
                raise InvalidStateError(f"outbox entry {entry_id} is {row.state}, not sending")
            if isinstance(result, Accepted):
                row.request_id, row.token = result.request_id, result.token
                self._finish(s, row, OutboxState.ACCEPTED, now)
                self._meta(s, last_success_at=repr(now), last_error="")
            elif isinstance(result, Rejected):
                row.reasons = json.dumps(list(result.reasons), ensure_ascii=False)
                self._finish(s, row, OutboxState.REJECTED, now)
                # The central answered: the link works, whatever it thought of the dossier.
                self._meta(s, last_success_at=repr(now), last_error="")
            elif isinstance(result, NeedsStaff):
                self._finish(s, row, OutboxState.NEEDS_STAFF, now, error=result.reason)
                self._meta(s, last_error=_clip(result.reason))
            elif isinstance(result, RetryLater):
                row.state = OutboxState.QUEUED.value
                row.last_error = _clip(result.error)
                row.next_attempt_at = now if next_attempt_at is None else next_attempt_at
                row.updated_at = now
                self._meta(s, last_error=_clip(result.error))
            else:  # pragma: no cover - exhaustive over SendResult
                raise TypeError(f"not a send result: {result!r}")
            return self._entry(s, row)

    @staticmethod
    def _finish(s: Session, row: OutboxRow, state: OutboxState, now: float, error: str | None = None) -> None:
        row.state = state.value
        row.updated_at = now
        row.finished_at = now if state in (OutboxState.ACCEPTED, OutboxState.REJECTED) else None
        row.next_attempt_at = None
        row.last_error = (
            _clip(error) if error else (None if state is OutboxState.ACCEPTED else row.last_error)
        )

    def _meta(self, s: Session, **values: str) -> None:
        for key, value in values.items():
            s.merge(MetaRow(key=key, value=value))

    def recover_interrupted(self) -> int:
        """Entries left ``sending`` by a crash become due now, keeping their idempotency key.

        Call once at start, before the first claim (the sync engine does)."""
        now = self._store.now()
        with self._store.write() as s:
            result = s.execute(
                update(OutboxRow)
                .where(OutboxRow.state == OutboxState.SENDING.value)
                .values(state=OutboxState.QUEUED.value, next_attempt_at=now, updated_at=now)
            )
            return int(result.rowcount)  # type: ignore[attr-defined]

    def pending_tokens(self, limit: int = 20) -> builtins.list[tuple[str, str]]:
        """Accepted entries still waiting for the central's request ID: ``(entry_id, token)``."""
        with self._store.read() as s:
            rows = s.execute(
                select(OutboxRow.id, OutboxRow.token)
                .where(
                    OutboxRow.state == OutboxState.ACCEPTED.value,
                    OutboxRow.request_id.is_(None),
                    OutboxRow.token.is_not(None),
                )
                .order_by(OutboxRow.finished_at)
                .limit(limit)
            ).all()
        return [(r[0], r[1]) for r in rows if r[1] is not None]

    def set_request_id(self, entry_id: str, request_id: str) -> None:
        with self._store.write() as s:
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == entry_id, OutboxRow.request_id.is_(None))
                .values(request_id=request_id, updated_at=self._store.now())
            )

    # --- staff actions -----------------------------------------------------------------

    def retry(self, entry_id: str, *, actor: str = "staff") -> OutboxEntry:
        """Send again as soon as possible (same idempotency key): from needs-staff or a long backoff."""
        now = self._store.now()
        with self._store.write() as s:
            row = s.get(OutboxRow, self.resolve_id(entry_id))
            assert row is not None
            if row.state in (OutboxState.ACCEPTED.value, OutboxState.REJECTED.value):
                raise InvalidStateError(
                    f"outbox entry {row.id} is {row.state}: the central has answered, there is nothing to retry"
                )
            previous = row.state
            row.state = OutboxState.QUEUED.value
            row.next_attempt_at = now
            row.updated_at = now
            self._store.audit.append_in(s, actor, "outbox.retry", {"entry": row.id, "from": previous})
            return self._entry(s, row)

    def export(self, entry_id: str, out_dir: Path, *, actor: str = "staff") -> Path:
        """Write the dossier in clear for staff to carry by hand: ``<out>/<id>/`` with
        ``dossier.json``, the attachments and ``SHA256SUMS``. Audited; the folder holds
        personal data, so it is created 0700 and its files 0600."""
        entry = self.get(entry_id)
        submission = self.submission(entry.id)
        dest = Path(out_dir) / entry.id
        from offline_cache.store import translated

        with translated():
            dest.mkdir(parents=True, exist_ok=True, mode=0o700)
            sums = []
            files = []
            for pos, ref in enumerate(entry.attachments):
                ext = _EXTENSIONS.get(ref.media_type, ".bin")
                name = f"{pos + 1:02d}-{_safe(ref.role)}{ext}"
                atomic_write(dest / name, self._store.attachments.read(ref))
                sums.append(f"{ref.sha256}  {name}")
                files.append(
                    {"file": name, "sha256": ref.sha256, "media_type": ref.media_type, "role": ref.role}
                )
            doc = {
                "entry_id": entry.id,
                "idempotency_key": entry.idempotency_key,
                "procedure_code": entry.procedure_code,
                "tracking_code": entry.tracking_code,
                "state": entry.state.value,
                "created_at": entry.created_at.isoformat(),
                "request_id": entry.request_id,
                "submission": submission,
                "attachments": files,
            }
            atomic_write(dest / "dossier.json", json.dumps(doc, ensure_ascii=False, indent=2).encode())
            atomic_write(dest / "SHA256SUMS", ("\n".join(sums) + "\n").encode() if sums else b"")
        self._store.audit.append(actor, "outbox.export", {"entry": entry.id, "files": len(files)})
        return dest


_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/pdf": ".pdf",
    "image/webp": ".webp",
    "application/json": ".json",
}


def _safe(role: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in role)[:40] or "attachment"
