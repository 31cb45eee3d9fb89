"""Errors of the offline cache, each with a stable message code.

``offline_cache`` cannot import ``kiosk``, so these are not ``KioskError``s; they carry a
``code`` (texts in ``kiosk/messages/offline.py``) and a ``detail`` for technicians, which
the CLI's last line of defence (``kiosk.commands._output.guarded``) and the UI turn into
words. ``detail`` never holds personal data.
"""

from __future__ import annotations

from common.errors import CodedError


class OfflineCacheError(CodedError):
    code = "offline.error"


class SchemaTooNewError(OfflineCacheError):
    """The database was written by a newer program: refusing beats corrupting it."""

    code = "offline.schema_too_new"


class StoreCorruptError(OfflineCacheError):
    code = "offline.corrupt"


class DiskFullError(OfflineCacheError):
    """No space left (or the file-size limit was hit): nothing was half-written."""

    code = "offline.disk_full"


class StoreLockedError(OfflineCacheError):
    code = "offline.locked"


class NotFoundError(OfflineCacheError):
    code = "offline.not_found"


class InvalidStateError(OfflineCacheError):
    code = "offline.invalid_state"


class DecryptionError(OfflineCacheError):
    """Ciphertext did not authenticate: wrong key or changed bytes."""

    code = "offline.decrypt_failed"


class PersonalDataError(OfflineCacheError):
    """Something that looks personal was about to be written in clear (audit details)."""

    code = "offline.personal_data"
