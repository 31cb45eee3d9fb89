"""Errors raised by drivers: a stable message-catalog ``code`` plus technical ``detail``.

``devices`` may not import ``kiosk``; the kiosk's message catalog (``kiosk/messages/``)
holds the Vietnamese and English words for each code.
"""

from __future__ import annotations


class DeviceError(Exception):
    code = "device.error"

    def __init__(self, detail: str = "", *, code: str | None = None):
        super().__init__(detail or (code or self.code))
        if code:
            self.code = code
        self.detail = detail
