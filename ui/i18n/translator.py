"""Switching the interface language at run time.

Source strings are English (``self.tr("…")``); Vietnamese comes from ``kiosk_vi.qm``, built
from ``ui/i18n/vi/*.ts``. Installing or removing the translator makes Qt send a
LanguageChange event to every widget, which re-runs their ``retranslate()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

from kiosk.logs import get_logger

log = get_logger(__name__)
HERE = Path(__file__).resolve().parent


def qm_path(lang: str) -> Path:
    return HERE / f"kiosk_{lang}.qm"


def ensure_built() -> None:
    """Rebuild the .qm files when a .ts source is newer (a developer edited one)."""
    for lang_dir in (p for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("_")):
        sources = list(lang_dir.glob("*.ts"))
        qm = qm_path(lang_dir.name)
        if sources and (not qm.exists() or max(s.stat().st_mtime for s in sources) > qm.stat().st_mtime):
            from ui.i18n.build import build

            try:
                build()
            except (OSError, SystemExit, Exception) as e:  # noqa: BLE001 - start in English rather than not at all
                log.error("translations_build_failed", error_type=type(e).__name__)
            return


class Languages:
    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.current = "en"

    def set(self, lang: str) -> bool:
        """Switch to ``lang`` ("vi" or "en"); False if its translation cannot be loaded."""
        if lang == self.current:
            return True
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if lang != "en":
            t = QTranslator(app)
            if not t.load(str(qm_path(lang))):
                log.error("translation_missing", lang=lang, path=str(qm_path(lang)))
                self.current = "en"
                app.setProperty("kiosk_language", "en")
                return False
            app.installTranslator(t)
            self._translator = t
        self.current = lang
        # Citizen widgets take their words from the domain catalog in this language
        # (ui.widgets.words).
        app.setProperty("kiosk_language", lang)
        # Qt posts LanguageChange to every widget; deliver it now so that the next frame (or
        # a screenshot taken right away) is already in the new language.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return True

    def close(self) -> None:
        """Remove our translator (tests create several windows in one process)."""
        if self._translator is not None:
            QCoreApplication.instance().removeTranslator(self._translator)
            self._translator.deleteLater()
            self._translator = None
        self.current = "en"
        QCoreApplication.instance().setProperty("kiosk_language", "en")
