"""When the kiosk speaks, and what: the screen's script on arrival, the focused control's
name, role and state when focus moves, the receipt on the done screen, and the last words
again on request. Touching the screen stops speech; volume has three steps and the rate a
slower setting, both reset at the end of every session.

Speech mode starts when a citizen asks for it (the Listen button, any keypad key) and ends
with the session. Personal data goes to the voice only through headphones
(:mod:`kiosk.speech.privacy`). What was said is kept in :attr:`transcript` for the session's
length (tests and the Repeat key read it) and wiped with the session.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QTextEdit, QWidget

from kiosk.config import SpeechSection
from kiosk.messages import text as message
from kiosk.speech import scripts
from kiosk.speech.privacy import audible
from kiosk.speech.scripts import Utterance, utterance
from ui.speech.engine import Health, SpeechEngine
from ui.widgets.accessible import is_panel, spoken_name

HINT_INTERVAL_S = 1.5
# Screens whose every visible text is read on arrival (a receipt, an incident reference).
READ_ALL = {"submit_done", "error"}
# A citizen's identity on screen: labels named for it, or any text with an ID-like number.
# (A file's status, the officer's name or the agency are not the citizen's personal data.)
PERSONAL_NAME = re.compile(r"(^|_)(name|number|birth|address|applicant|person|second|phone|id)(_|$)")
PERSONAL_TEXT = re.compile(r"\d{9,12}")
PERSONAL_PROP = "personalData"


def is_personal(lab: QLabel, root: QWidget) -> bool:
    if PERSONAL_TEXT.search(lab.text()):
        return True
    w: QWidget | None = lab
    while w is not None and w is not root:
        if w.property(PERSONAL_PROP) or PERSONAL_NAME.search(w.objectName() or ""):
            return True
        w = w.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[tuple[str, bool]]:
    """Visible label texts under ``root`` in reading order, each with "is personal data"."""
    from ui.speech.keypad import ROW_PX

    labels = [lab for lab in root.findChildren(QLabel) if lab.isVisible() and lab.text().strip()]
    win = root.window()
    labels.sort(
        key=lambda lab: (
            lab.mapTo(win, lab.rect().topLeft()).y() // ROW_PX,
            lab.mapTo(win, lab.rect().topLeft()).x(),
        )
    )
    return [(lab.text(), is_personal(lab, root)) for lab in labels]


class SpeechController(QObject):
    active_changed = Signal(bool)
    volume_changed = Signal(int)  # step 1..3
    slow_changed = Signal(bool)
    health_changed = Signal(object)

    def __init__(
        self,
        settings: SpeechSection,
        language: Callable[[], str],
        engine_factory: Callable[[], SpeechEngine] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._language = language
        self._factory = engine_factory or (
            lambda: SpeechEngine(
                settings.engine if settings.enabled else "none",
                {"vi": settings.voice_vi, "en": settings.voice_en},
                settings.handset,
                self,
            )
        )
        self.engine: SpeechEngine | None = None
        self.active = False
        self.volume_step = 2
        self.slow = False
        self.transcript: list[str] = []
        self._last: list[str] = []
        self._screen = ""
        self._last_hint = -HINT_INTERVAL_S

    # --- state ------------------------------------------------------------------------
    @property
    def health(self) -> Health | None:
        return self.engine.health if self.engine is not None else None

    def activate(self) -> None:
        """Speech mode on (Listen button, keypad): starts the engine on first use."""
        if self.engine is None:
            self.engine = self._factory()
            self.engine.health_changed.connect(self.health_changed)
        else:
            self.engine.recheck()
        if not self.active:
            self.active = True
            self.active_changed.emit(True)

    def reset(self) -> None:
        """End of session: silence, default volume and rate, speech mode off, nothing kept."""
        self.stop()
        self.transcript.clear()
        self._last = []
        if self.volume_step != 2:
            self.volume_step = 2
            self.volume_changed.emit(2)
        if self.slow:
            self.slow = False
            self.slow_changed.emit(False)
        if self.active:
            self.active = False
            self.active_changed.emit(False)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    # --- what to say --------------------------------------------------------------------
    def speak(self, lines: list[Utterance], *, remember: bool = True) -> list[str]:
        """Say ``lines`` now (interrupting), as privacy allows; returns what was said."""
        if not self.active:
            return []
        lang = self._language()
        private = self.engine is not None and self.engine.private
        said = audible(lines, private=private, lang=lang)
        if not said:
            return []
        if remember:
            self._last = said
        self.transcript.extend(said)
        if self.engine is not None and self.engine.health.ok:
            vols = self.settings.volumes
            rate = self.settings.slow_rate if self.slow else self.settings.rate
            self.engine.say(" ".join(said), lang, rate, vols[self.volume_step - 1])
        return said

    def screen(self, screen_id: str, root: QWidget | None = None, *, overlay: bool = False) -> list[str]:
        self._screen = screen_id
        lang = self._language()
        lines: list[Utterance] = []
        try:
            s = scripts.script(screen_id, lang)
            lines += [Utterance(x) for x in s.lines(with_keys=not overlay)]
        except scripts.UnknownScreenScript:
            pass
        if root is not None and screen_id in READ_ALL:
            title = lines[0].text if lines else ""
            for raw, personal in visible_texts(root):
                u = utterance(raw, lang, personal=personal)
                if u.text and u.text != title:
                    lines.append(u)
        return self.speak(lines)

    def announce(self, lab: QLabel) -> list[str]:
        """A status, error or result that just changed on screen (a ``LiveLabel``): said at once,
        interrupting, as privacy allows; nothing when speech is off."""
        if not self.active:
            return []
        return self.speak([utterance(lab.text(), self._language(), personal=is_personal(lab, lab.window()))])

    def read_all(self, root: QWidget) -> list[str]:
        """Every visible text under ``root``, top to bottom; personal ones as privacy allows."""
        lang = self._language()
        return self.speak([utterance(raw, lang, personal=personal) for raw, personal in visible_texts(root)])

    def guidance(self, raw: str) -> list[str]:
        """Live guidance (the document camera's hints): at most one every
        HINT_INTERVAL_S, so that a flickering hint is not a stream of words."""
        now = time.monotonic()
        if now - self._last_hint < HINT_INTERVAL_S:
            return []
        self._last_hint = now
        return self.speak([utterance(raw, self._language())], remember=False)

    def focus(self, w: QWidget) -> list[str]:
        return self.speak([self.describe(w)])

    def describe(self, w: QWidget) -> Utterance:
        lang = self._language()
        parts: list[str] = []
        personal = False
        if isinstance(w, QAbstractButton) or is_panel(w):
            name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
            parts.append(spoken_name(name))
            if isinstance(w, QAbstractButton) and w.isCheckable():
                parts.append(message("speech.checked" if w.isChecked() else "speech.unchecked", lang))
            else:
                parts.append(message("speech.button", lang))
            if w.accessibleDescription():
                parts.append(spoken_name(w.accessibleDescription()))
        elif isinstance(w, QLineEdit | QTextEdit):
            parts.append(spoken_name(w.accessibleName() or w.placeholderText()))
            parts.append(message("speech.field", lang))
            content = w.text() if isinstance(w, QLineEdit) else w.toPlainText()
            if isinstance(w, QLineEdit) and w.echoMode() != QLineEdit.EchoMode.Normal:
                content = ""
            parts.append(content or message("speech.empty", lang))
            personal = bool(content)
        else:
            parts.append(spoken_name(w.accessibleName()))
        return utterance(", ".join(p for p in parts if p), lang, personal=personal)

    def repeat(self) -> list[str]:
        if not self._last:
            return self.help()
        return self.speak([Utterance(x) for x in self._last])

    def help(self) -> list[str]:
        lang = self._language()
        try:
            s = scripts.script(self._screen, lang)
            return self.speak([Utterance(x) for x in s.lines()])
        except scripts.UnknownScreenScript:
            return self.speak([Utterance(message("speech.keys", lang))])

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()

    # --- controls ---------------------------------------------------------------------
    def louder(self) -> None:
        self.set_volume(min(3, self.volume_step + 1))

    def softer(self) -> None:
        self.set_volume(max(1, self.volume_step - 1))

    def cycle_volume(self) -> None:
        self.set_volume(self.volume_step % 3 + 1)

    def set_volume(self, step: int) -> None:
        if step != self.volume_step:
            self.volume_step = step
            self.volume_changed.emit(step)
        self.speak(
            [utterance(message("speech.volume", self._language(), n=step), self._language())], remember=False
        )

    def toggle_slow(self) -> None:
        self.slow = not self.slow
        self.slow_changed.emit(self.slow)
        code = "speech.slower" if self.slow else "speech.normal_rate"
        self.speak([utterance(message(code, self._language()), self._language())], remember=False)


class TouchStopsSpeech(QObject):
    """Application filter: a touch or click anywhere stops speech at once."""

    def __init__(self, controller: SpeechController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            if self.controller.engine is not None and shiboken6.isValid(self.controller.engine):
                self.controller.stop()
        return False


def focused_widget() -> QWidget | None:
    return QApplication.focusWidget()
