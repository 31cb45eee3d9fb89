"""Per-session display preferences: language, text size, contrast.

They change on a touch and go back to the configured defaults when a session ends, so the
next citizen never inherits someone else's choices.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.i18n.translator import Languages
from ui.theme import HIGH_CONTRAST, STANDARD, Palette

SCALES = (100, 150, 200)


class DisplayPrefs(QObject):
    changed = Signal()  # text size or contrast: the style sheet must be rebuilt
    language_changed = Signal(str)

    def __init__(self, default_language: str, default_scale: int, default_contrast: bool, parent=None):
        super().__init__(parent)
        self.languages = Languages()
        self.defaults = (default_language, default_scale, default_contrast)
        self.scale = default_scale
        self.high_contrast = default_contrast
        self.languages.set(default_language)

    @property
    def language(self) -> str:
        return self.languages.current

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else STANDARD

    def set_language(self, lang: str) -> None:
        if lang != self.languages.current and self.languages.set(lang):
            self.language_changed.emit(lang)

    def set_scale(self, scale: int) -> None:
        if scale not in SCALES:
            raise ValueError(f"text scale must be one of {SCALES}")
        if scale != self.scale:
            self.scale = scale
            self.changed.emit()

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.changed.emit()

    def reset(self) -> None:
        lang, scale, contrast = self.defaults
        self.set_language(lang)
        self.set_scale(scale)
        self.set_high_contrast(contrast)

    def close(self) -> None:
        self.languages.close()
