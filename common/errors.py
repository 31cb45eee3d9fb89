"""The one root of every expected error: a stable message-catalog ``code`` plus technical ``detail``.

Each package subclasses it (``KioskError``, ``DeviceError``, ``ProvisioningError``,
``OfflineCacheError``) with its default code; the Vietnamese and English words for every code
live in ``kiosk/messages/``, where the CLI and the UI turn codes into text. ``detail`` is for
logs and technicians and never holds personal data.
"""

from __future__ import annotations


class CodedError(Exception):
    code = "common.unexpected"

    def __init__(self, detail: str = "", *, code: str | None = None):
        super().__init__(detail or (code or self.code))
        if code:
            self.code = code
        self.detail = detail
