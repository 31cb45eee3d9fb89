"""Local store for drafts, outbox, attachments, catalog cache and audit log; the sync engine.

No Qt, no kiosk: the sender that talks to the central is injected. Public API::

    from offline_cache import Store, SyncEngine, NewAttachment, Accepted, Rejected, RetryLater, NeedsStaff
    store = Store.open(data_dir)             # store.drafts / .outbox / .attachments / .audit / .catalog / .retention
    engine = SyncEngine(store, sender); engine.start(); engine.status(); engine.stop()
"""

from offline_cache.errors import (
    DecryptionError,
    DiskFullError,
    InvalidStateError,
    NotFoundError,
    OfflineCacheError,
    PersonalDataError,
    SchemaTooNewError,
    StoreCorruptError,
    StoreLockedError,
)
from offline_cache.records import (
    Accepted,
    AttachmentRef,
    AuditEntry,
    AuditVerification,
    CatalogSnapshot,
    Draft,
    DraftSummary,
    NeedsStaff,
    NewAttachment,
    OutboxEntry,
    OutboxState,
    OutgoingDossier,
    PurgeReport,
    QueueStatus,
    Rejected,
    RetryLater,
    Sender,
    SendResult,
    SyncStatus,
    TokenResolver,
)
from offline_cache.store import Store
from offline_cache.sync import SyncEngine

__all__ = [
    "Accepted",
    "AttachmentRef",
    "AuditEntry",
    "AuditVerification",
    "CatalogSnapshot",
    "DecryptionError",
    "DiskFullError",
    "Draft",
    "DraftSummary",
    "InvalidStateError",
    "NeedsStaff",
    "NewAttachment",
    "NotFoundError",
    "OfflineCacheError",
    "OutboxEntry",
    "OutboxState",
    "OutgoingDossier",
    "PersonalDataError",
    "PurgeReport",
    "QueueStatus",
    "Rejected",
    "RetryLater",
    "SchemaTooNewError",
    "SendResult",
    "Sender",
    "Store",
    "StoreCorruptError",
    "StoreLockedError",
    "SyncEngine",
    "SyncStatus",
    "TokenResolver",
]
