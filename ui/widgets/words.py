"""Citizen widget text from the domain catalog (kiosk/messages), in the language shown now.

Screens use their ``self.m(code)``; a widget has no shell, so it reads the language the
kiosk switched to last (:class:`ui.i18n.translator.Languages` keeps it on the application).
Widgets retranslate on Qt's LanguageChange, which the switch still sends.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.messages import text

LANGUAGE_PROPERTY = "kiosk_language"


def language() -> str:
    app = QCoreApplication.instance()
    lang = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return str(lang) if lang else "en"


def message(code: str, **values: object) -> str:
    return text(code, language(), **values)
