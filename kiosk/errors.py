"""Base of every error the domain shows to a person: a stable code plus technical detail."""

from __future__ import annotations

from common.errors import CodedError


class KioskError(CodedError):
    """An expected failure with a message-catalog ``code`` (see :mod:`kiosk.messages`) and the
    values its text needs. ``detail`` is for logs and technicians; it must not contain personal data.
    """

    def __init__(self, detail: str = "", *, code: str | None = None, **values: object):
        super().__init__(detail, code=code)
        self.values = values

    def user_text(self, lang: str = "vi") -> str:
        from kiosk.messages import text

        return text(self.code, lang, **self.values)
