"""Can this kiosk speak? The facts a technician and the self-test need, without the GUI: the
engine chosen, speech-dispatcher and espeak-ng installed, a Vietnamese voice, and an audio
output (headphones, speaker or none)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import asdict, dataclass
from typing import Any

from kiosk.config import SpeechSection
from kiosk.speech.route import detect


@dataclass(frozen=True)
class SpeechReadiness:
    engine: str
    speech_dispatcher: bool
    espeak_ng: bool
    vietnamese_voice: bool
    route: str  # "headphones" | "speaker" | "none"
    detail: str

    @property
    def ok(self) -> bool:
        return (
            self.engine != "none"
            and self.speech_dispatcher
            and self.vietnamese_voice
            and self.route != "none"
        )

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def readiness(settings: SpeechSection) -> SpeechReadiness:
    espeak = shutil.which("espeak-ng")
    vi_voice = False
    if espeak:
        try:
            voices = subprocess.run(  # noqa: S603 - fixed argv
                [espeak, "--voices=vi"], capture_output=True, text=True, timeout=10, check=False
            )
            vi_voice = any(line.split()[1:2] == ["vi"] for line in voices.stdout.splitlines()[1:])
        except (OSError, subprocess.TimeoutExpired):
            vi_voice = False
    route = detect(handset=settings.handset)
    return SpeechReadiness(
        engine=settings.engine if settings.enabled else "none",
        speech_dispatcher=shutil.which("speech-dispatcher") is not None,
        espeak_ng=espeak is not None,
        vietnamese_voice=vi_voice,
        route=route.route.value,
        detail=route.detail,
    )
