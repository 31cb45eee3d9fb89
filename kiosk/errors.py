"""Base of every error the domain shows to a person: a stable code plus technical detail."""

from __future__ import annotations


class KioskError(Exception):
    """An expected failure with a message-catalog ``code`` (see :mod:`kiosk.messages`).

    ``detail`` is for logs and technicians; it must not contain personal data.
    """

    code = "common.unexpected"

    def __init__(self, detail: str = "", *, code: str | None = None, **values: object):
        super().__init__(detail or (code or self.code))
        if code:
            self.code = code
        self.detail = detail
        self.values = values

    def user_text(self, lang: str = "vi") -> str:
        from kiosk.messages import text

        return text(self.code, lang, **self.values)
