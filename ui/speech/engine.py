"""The voice: QtTextToSpeech (speech-dispatcher + espeak-ng) on a thread of its own.

Creating the engine connects to (or spawns) speech-dispatcher, and every call is a socket
round trip: none of it may stall the GUI. The engine object lives on a worker thread and is
driven by queued signals; it reports back whether it can speak at all. Engine "none", a
missing plugin, an engine in error, no voice for the language or no audio output: the kiosk
works silently and :attr:`SpeechEngine.health` says why (for staff, never for citizens).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QObject, QThread, Signal, Slot

from kiosk.logs import get_logger
from kiosk.speech.route import Route, detect

log = get_logger(__name__)

LOCALES = {"vi": QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam), "en": QLocale("en_GB")}


@dataclass(frozen=True)
class Health:
    ok: bool
    engine: str
    route: str  # kiosk.speech.route.Route value
    detail: str  # technical, for staff: no personal data
    vi_voice: bool = False  # the engine offers a Vietnamese voice


class _Worker(QObject):
    health = Signal(object)  # Health
    speaking = Signal(bool)

    def __init__(self, engine: str, voices: dict[str, str | None], handset: bool) -> None:
        super().__init__()
        self._engine_name = engine
        self._voices = voices
        self._handset = handset
        self._tts = None

    @Slot()
    def start(self) -> None:
        self.check()

    @Slot()
    def check(self) -> None:
        """(Re)detect the audio route and, the first time, create the engine."""
        info = detect(handset=self._handset)
        if self._engine_name == "none":
            self.health.emit(
                Health(False, "none", info.route.value, "speech engine 'none' in the configuration")
            )
            return
        if self._tts is None:
            try:
                from PySide6.QtTextToSpeech import QTextToSpeech

                if self._engine_name not in QTextToSpeech.availableEngines():
                    self.health.emit(
                        Health(False, self._engine_name, info.route.value, "engine plugin not installed")
                    )
                    return
                self._tts = QTextToSpeech(self._engine_name, self)
                self._tts.stateChanged.connect(
                    lambda s: self.speaking.emit(s == QTextToSpeech.State.Speaking)
                )
            except Exception as e:  # noqa: BLE001 - any failure here means: silent, reported
                self.health.emit(Health(False, self._engine_name, info.route.value, f"{type(e).__name__}"))
                return
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._tts.state() == QTextToSpeech.State.Error:
            detail = f"engine error: {self._tts.errorString()}"
            self.health.emit(Health(False, self._engine_name, info.route.value, detail))
            return
        vi = any(loc.language() == QLocale.Language.Vietnamese for loc in self._tts.availableLocales())
        if info.route is Route.NONE:
            self.health.emit(Health(False, self._engine_name, info.route.value, info.detail, vi))
            return
        detail = (
            info.detail if vi else f"{info.detail}; no Vietnamese voice (install speech-dispatcher-espeak-ng)"
        )
        self.health.emit(Health(True, self._engine_name, info.route.value, detail, vi))

    @Slot(str, str, float, float)
    def say(self, text: str, lang: str, rate: float, volume: float) -> None:
        tts = self._tts
        if tts is None:
            return
        tts.stop()
        locale = LOCALES.get(lang, LOCALES["vi"])
        if tts.locale() != locale:
            tts.setLocale(locale)
        wanted = self._voices.get(lang)
        if wanted:
            for v in tts.availableVoices():
                if v.name() == wanted:
                    tts.setVoice(v)
                    break
        tts.setRate(rate)
        tts.setVolume(volume)
        tts.say(text)

    @Slot()
    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    @Slot()
    def release(self) -> None:
        if self._tts is not None:
            self._tts.stop()
            # Deleted here, on its own thread, before the thread ends.
            self._tts.setParent(None)
            self._tts = None


class SpeechEngine(QObject):
    health_changed = Signal(object)  # Health
    speaking_changed = Signal(bool)
    _say = Signal(str, str, float, float)
    _stop = Signal()
    _check = Signal()
    _release = Signal()

    def __init__(
        self, engine: str, voices: dict[str, str | None], handset: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.health = Health(False, engine, Route.NONE.value, "starting")
        self.speaking = False
        self._thread = QThread()
        self._thread.setObjectName("speech")
        self._worker = _Worker(engine, voices, handset)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._say.connect(self._worker.say)
        self._stop.connect(self._worker.stop)
        self._check.connect(self._worker.check)
        self._release.connect(self._worker.release)
        self._worker.health.connect(self._on_health)
        self._worker.speaking.connect(self._on_speaking)
        self._thread.start()

    def _on_health(self, health: Health) -> None:
        if health != self.health:
            self.health = health
            log.info(
                "speech_health", ok=health.ok, engine=health.engine, route=health.route, detail=health.detail
            )
            self.health_changed.emit(health)

    def _on_speaking(self, on: bool) -> None:
        self.speaking = on
        self.speaking_changed.emit(on)

    @property
    def private(self) -> bool:
        return self.health.route == Route.HEADPHONES.value

    def say(self, text: str, lang: str, rate: float, volume: float) -> None:
        # Only to a working engine with somewhere to play: speech-dispatcher speaking into a
        # dead audio device blocks inside Qt's plugin, GIL held, and would freeze the GUI too.
        if self.health.ok:
            self._say.emit(text, lang, rate, volume)

    def stop(self) -> None:
        self._stop.emit()

    def recheck(self) -> None:
        self._check.emit()

    def close(self, timeout_ms: int = 5000) -> None:
        if self._thread.isRunning():
            self._release.emit()
            self._thread.quit()
            if not self._thread.wait(timeout_ms):
                # speech-dispatcher can hang on a dead audio device, and the worker with it:
                # keep the thread object alive (destroying a running QThread aborts) and go on.
                log.warning("speech_thread_stuck", engine=self.health.engine)
                _stuck.append((self._thread, self._worker))


_stuck: list[tuple[QThread, QObject]] = []
