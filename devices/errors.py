"""Errors raised by drivers: a stable message-catalog ``code`` plus technical ``detail``.

``devices`` may not import ``kiosk``; the kiosk's message catalog (``kiosk/messages/``)
holds the Vietnamese and English words for each code.
"""

from __future__ import annotations

from common.errors import CodedError


class DeviceError(CodedError):
    code = "device.error"
