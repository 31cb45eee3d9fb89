"""The engine against a real speech-dispatcher (espeak-ng module), started privately by the
test: it starts off the GUI thread, finds the Vietnamese voice, and with no audio device
(this machine, CI) stays silent and says why instead of failing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from ui.speech.engine import SpeechEngine

pytestmark = pytest.mark.qt


@pytest.fixture
def speechd(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    exe = shutil.which("speech-dispatcher")
    if exe is None:
        pytest.skip("speech-dispatcher not installed (setup.sh)")
    sock = tmp_path / "speechd.sock"
    proc = subprocess.Popen(
        [exe, "-s", "-t", "0", "-c", "unix_socket", "-S", str(sock), "-L", str(tmp_path)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)},
    )
    deadline = time.monotonic() + 15
    while not sock.exists():  # a condition with a deadline: the socket appears when it listens
        assert proc.poll() is None, "speech-dispatcher exited"
        assert time.monotonic() < deadline, "speech-dispatcher never listened"
        time.sleep(0.05)
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{sock}")
    try:
        yield sock
    finally:
        # speech-dispatcher ignores SIGTERM while its audio output hangs: kill its group.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def test_speechd_engine_finds_vietnamese_and_reports_no_audio(qtbot, speechd):
    eng = SpeechEngine("speechd", {"vi": None, "en": None}, handset=False)
    # Connecting to speech-dispatcher takes seconds (bench/speech.py): never on the GUI thread.
    # The constructor returned before any result: the GUI hears only through a queued signal.
    assert eng.health.detail == "starting"
    try:
        qtbot.waitUntil(lambda: eng.health.detail != "starting", timeout=15_000)
        tts = eng._worker._tts
        assert tts is not None and tts.thread() is eng._thread is not QThread.currentThread()
        h = eng.health
        assert h.engine == "speechd" and h.vi_voice
        if not (Path("/dev/snd").exists() or shutil.which("pactl")):
            assert not h.ok and h.route == "none" and "audio" in h.detail
        # Silent engine: a say() goes nowhere (speech-dispatcher would block on a dead device).
        eng.say("xin chào ông bà", "vi", 0.0, 0.7)
        eng.stop()
    finally:
        eng.close()
    assert not eng._thread.isRunning()


def test_engine_none_is_silent_and_says_so(qtbot):
    eng = SpeechEngine("none", {"vi": None, "en": None}, handset=False)
    try:
        qtbot.waitUntil(lambda: eng.health.detail != "starting")
        assert not eng.health.ok and "none" in eng.health.detail
        eng.say("xin chào", "vi", 0.0, 1.0)  # nothing happens, nothing breaks
    finally:
        eng.close()


def test_handset_declared_makes_speech_private(qtbot):
    eng = SpeechEngine("none", {"vi": None, "en": None}, handset=True)
    try:
        qtbot.waitUntil(lambda: eng.health.detail != "starting")
        assert eng.private
    finally:
        eng.close()
