"""Errors of the offline cache, each with a stable message code.

``offline_cache`` cannot import ``kiosk``, so these are not ``KioskError``s; they carry a
``code`` (texts in ``kiosk/messages/offline.py``) and a ``detail`` for technicians, which
the CLI's last line of defence (``kiosk.commands._output.guarded``) and the UI turn into
words. ``detail`` never holds personal data.
"""

from __future__ import annotations

from common.errors import CodedError

__all__ = [
    "DecryptionError",
    "DiskFullError",
    "InvalidStateError",
    "NotFoundError",
    "OfflineCacheError",
    "PersonalDataError",
    "SchemaTooNewError",
    "StoreCorruptError",
    "StoreLockedError",
]


class OfflineCacheError(CodedError, code="offline.error"): ...


class SchemaTooNewError(OfflineCacheError, code="offline.schema_too_new"): ...  # refusing beats corrupting


class StoreCorruptError(OfflineCacheError, code="offline.corrupt"): ...


class DiskFullError(OfflineCacheError, code="offline.disk_full"): ...  # nothing was half-written


class StoreLockedError(OfflineCacheError, code="offline.locked"): ...


class NotFoundError(OfflineCacheError, code="offline.not_found"): ...


class InvalidStateError(OfflineCacheError, code="offline.invalid_state"): ...


class DecryptionError(OfflineCacheError, code="offline.decrypt_failed"): ...  # wrong key or changed bytes


class PersonalDataError(OfflineCacheError, code="offline.personal_data"): ...  # personal data in clear
