"""The Open311 extension's shared definitions: the one module both the kiosk's client and the
central server import (the central may import the kiosk's protocol; the kiosk never imports
the central). What each name means is documented in ``kiosk/central/PROTOCOL.md``.
"""

from __future__ import annotations

EXTENSION = "x_onestop"  # key of our block in the discovery document
EXTENSION_VERSION = 1
# Extension features a central may advertise (discovery ``x_onestop.features``).
FEATURES = (
    "procedures",
    "attachments",
    "applicant",
    "idempotency",
    "history",
    "agencies",
    "dossier_code",
    "tracking",
    "catalog",
)
# Where each extension lives unless discovery says otherwise (relative to the base URL).
DEFAULT_PATHS = {
    "procedure": "procedures/{code}.json",
    "catalog": "catalog.json",
    "agencies": "agencies.json",
    "track": "t/{code}.json",
}
# Attachment types both sides accept, and the bytes their files start with.
ATTACHMENT_TYPES = {
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "application/pdf": b"%PDF-",
}
