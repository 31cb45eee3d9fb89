"""Speech to a WAV file, for tests and the CLI: espeak-ng's Vietnamese and English voices.

QtTextToSpeech's speech-dispatcher engine speaks to the sound card only (it does not
implement ``synthesize()``), so files are written by calling espeak-ng directly, the same
synthesizer speech-dispatcher drives on the kiosk. :func:`measure` reads the file back with
the standard library to say whether it holds speech (duration, loudness).
"""

from __future__ import annotations

import array
import math
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import KioskError

VOICES = {"vi": "vi", "en": "en-gb"}
# espeak-ng's rate is words a minute; the kiosk's rate is Qt's -1.0 … 1.0 around normal.
BASE_WPM = 160


class SynthError(KioskError):
    code = "speech.synth_failed"


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng")


def _command(lang: str, rate: float, volume: float) -> list[str]:
    exe = espeak_binary()
    if exe is None:
        raise SynthError("espeak-ng is not installed (apt-get install espeak-ng)", code="speech.no_engine")
    wpm = max(80, min(450, round(BASE_WPM * (1.0 + rate * 0.5))))
    amplitude = max(0, min(200, round(100 * volume)))
    return [exe, "-v", VOICES.get(lang, lang), "-s", str(wpm), "-a", str(amplitude)]


def _run(cmd: list[str], text: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            cmd + ["--stdin"], input=text.encode("utf-8"), capture_output=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SynthError(f"espeak-ng could not run: {type(e).__name__}") from None


def play(text: str, lang: str, *, rate: float = 0.0, volume: float = 1.0) -> None:
    """Speak through the default sound device; SynthError(code speech.no_audio) when there is none."""
    proc = _run(_command(lang, rate, volume), text)
    if proc.returncode != 0:
        raise SynthError(
            f"espeak-ng could not play ({proc.returncode}): {proc.stderr.decode(errors='replace')[:200]}",
            code="speech.no_audio",
        )


def to_wav(text: str, lang: str, out: Path, *, rate: float = 0.0, volume: float = 1.0) -> Path:
    """Synthesise ``text`` (already speakable) into ``out``; raises SynthError."""
    proc = _run(_command(lang, rate, volume) + ["-w", str(out)], text)
    if proc.returncode != 0 or not out.exists():
        raise SynthError(
            f"espeak-ng failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[:200]}"
        )
    return out


@dataclass(frozen=True)
class WavFacts:
    seconds: float
    sample_rate: int
    rms: float  # of the whole file, full scale = 1.0
    voiced_share: float  # share of 20 ms frames louder than -40 dBFS


def measure(path: Path) -> WavFacts:
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise SynthError(f"{path}: expected 16-bit samples")
        rate, channels = w.getframerate(), w.getnchannels()
        samples = array.array("h", w.readframes(w.getnframes()))
    if channels > 1:
        samples = samples[::channels]
    n = len(samples)
    if n == 0:
        return WavFacts(0.0, rate, 0.0, 0.0)
    rms = math.sqrt(sum(s * s for s in samples) / n) / 32768
    frame = max(1, rate // 50)
    loud = total = 0
    for i in range(0, n - frame + 1, frame):
        chunk = samples[i : i + frame]
        total += 1
        if math.sqrt(sum(s * s for s in chunk) / frame) / 32768 > 0.01:
            loud += 1
    return WavFacts(n / rate, rate, rms, loud / total if total else 0.0)
