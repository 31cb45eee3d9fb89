"""Local store for drafts, outbox, attachments, catalog cache and audit log; the sync engine.

No Qt, no kiosk: the sender that talks to the central is injected. Records crossing the
API are frozen dataclasses (:mod:`offline_cache.records`), never ORM rows. Errors carry a
message code (texts in ``kiosk/messages/offline.py``). Public API::

    store = Store.open(data_dir)        # one per process; migrates after a backup, or refuses
    store.drafts.save_step(session_id, step, data, step_index=2, procedure_code="…")
    store.drafts.load(session_id) / .list_resumable(grace_hours) / .wipe(session_id)
    entry_id = store.outbox.enqueue(submission_dict, [NewAttachment(bytes, mime, role)],
                                    procedure_code="…", entry_id=…, idempotency_key=…,
                                    draft_session_id=session_id)   # durable when it returns
    store.outbox.list(states) / .get(id) / .status() / .retry(id, actor=…) / .export(id, dir)
    store.attachments.put(bytes, mime) / .read(ref)     # AES-GCM files, by SHA-256
    store.audit.append(actor, action, details) / .verify() / .sink(actor)
    store.catalog.get() / .put(data, version=…, etag=…) / .mark_fresh()
    store.retention.purge(retention_days, draft_grace_hours=…, dry_run=True)
    engine = SyncEngine(store, sender, concurrency=3); engine.start(); engine.wake()
    engine.status(); engine.stop()

The kiosk's sender and wiring are in ``kiosk/outbox_sender.py`` (``enqueue_submission``,
``OutboxSender``, ``build_sync_engine``).
"""

# The package's API is every error and every record; each module lists its own (``__all__``).
from typing import TYPE_CHECKING

from common.lazy import lazy_attributes
from offline_cache import errors, records
from offline_cache.errors import *  # noqa: F403
from offline_cache.records import *  # noqa: F403

__all__ = ["Store", "SyncEngine"]
__all__ += errors.__all__
__all__ += records.__all__

if TYPE_CHECKING:
    from offline_cache.store import Store
    from offline_cache.sync import SyncEngine

# The store and the sync engine (SQLAlchemy) load on first use, not with the package: the
# kiosk's first screen names records and errors without opening the database.
__getattr__, __dir__ = lazy_attributes(
    __name__,
    {"Store": "offline_cache.store", "SyncEngine": "offline_cache.sync"},
    eager=(*errors.__all__, *records.__all__),
)
