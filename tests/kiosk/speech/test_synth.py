"""Synthesis through the real engine (espeak-ng, the synthesizer speech-dispatcher drives):
the WAV holds speech of a plausible length, slower when asked, measured with stdlib wave."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.speech.normalise import speakable
from kiosk.speech.synth import measure, to_wav

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng not installed (setup.sh)"
)


@pytest.mark.parametrize(
    ("raw", "lang"),
    [("Lệ phí 8.000 đồng, hẹn trả 25/11/2026", "vi"), ("Your dossier has been received.", "en")],
)
def test_wav_is_speech_of_plausible_duration(tmp_path: Path, raw: str, lang: str) -> None:
    words = speakable(raw, lang)
    facts = measure(to_wav(words, lang, tmp_path / "out.wav"))
    n_words = len(words.split())
    # Plausible: between 100 and 400 words a minute (syllables for Vietnamese).
    assert n_words / 400 * 60 < facts.seconds < n_words / 100 * 60, (facts, n_words)
    assert facts.rms > 0.02
    assert facts.voiced_share > 0.4


def test_slow_rate_is_slower(tmp_path: Path) -> None:
    words = speakable("Đưa mã QR trên giấy biên nhận vào dưới đèn của máy quét.", "vi")
    normal = measure(to_wav(words, "vi", tmp_path / "n.wav"))
    slow = measure(to_wav(words, "vi", tmp_path / "s.wav", rate=-0.4))
    assert slow.seconds > normal.seconds * 1.15


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox not installed")
def test_sox_agrees_on_duration(tmp_path: Path) -> None:
    # An independent reader of the same file.
    out = to_wav("xin chào ông bà", "vi", tmp_path / "x.wav")
    soxi = subprocess.run(["soxi", "-D", str(out)], capture_output=True, text=True, check=True)
    assert abs(float(soxi.stdout) - measure(out).seconds) < 0.01


def test_silence_measures_as_silence(tmp_path: Path) -> None:
    import wave

    p = tmp_path / "silent.wav"
    with wave.open(str(p), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"\0\0" * 22050)
    facts = measure(p)
    assert facts.seconds == pytest.approx(1.0) and facts.rms == 0 and facts.voiced_share == 0
