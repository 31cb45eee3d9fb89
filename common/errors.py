"""The one root of every expected error: a stable message-catalog ``code`` plus technical ``detail``.

Each package subclasses it (``KioskError``, ``DeviceError``, ``ProvisioningError``,
``OfflineCacheError``) with its default code; the Vietnamese and English words for every code
live in ``kiosk/messages/``, where the CLI and the UI turn codes into text. ``detail`` is for
logs and technicians and never holds personal data.
"""

from __future__ import annotations

from typing import Any


class CodedError(Exception):
    """Subclasses name their code in the class line (``class DiskFull(StoreError, code="offline.disk_full")``),
    so a family of errors reads as a table and every member stays a type callers can ``except``."""

    code = "common.unexpected"

    def __init_subclass__(cls, code: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if code is not None:
            cls.code = code

    def __init__(self, detail: str = "", *, code: str | None = None):
        super().__init__(detail or (code or self.code))
        if code:
            self.code = code
        self.detail = detail
