"""Local store for drafts, outbox, attachments, catalog cache and audit log; the sync engine. No Qt, no kiosk."""
