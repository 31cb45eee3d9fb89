"""Speech figures: normaliser throughput, espeak-ng synthesis speed (real-time factor) for
Vietnamese and English, and what a say() costs the GUI thread with the real engine
(QtTextToSpeech + speech-dispatcher on the worker thread) against calling QtTextToSpeech
on the GUI thread directly.

    .venv/bin/python bench/speech.py
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.speech.normalise import speakable  # noqa: E402
from kiosk.speech.scripts import screens, script  # noqa: E402
from kiosk.speech.synth import measure, to_wav  # noqa: E402

SAMPLES = [
    "Hẹn trả kết quả: 25/11/2026 lúc 14:30 tại UBND phường Ba Đình",
    "Lệ phí: 8.000 đồng. Số CCCD 001203004567. Gọi 0912345678",
    "Mã tra cứu K7M4Q-X9T2R",
    "Your appointment: 25/11/2026 at 09:05; fee 50,000 VND",
]


def normaliser() -> None:
    n = 2000
    t0 = time.perf_counter()
    for i in range(n):
        speakable(SAMPLES[i % len(SAMPLES)], "vi" if i % 4 < 3 else "en")
    dt = time.perf_counter() - t0
    print(f"normaliser: {n / dt:,.0f} texts/s ({dt / n * 1e6:.0f} µs a text)")


def synthesis() -> None:
    if shutil.which("espeak-ng") is None:
        print("synthesis: espeak-ng not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("vi", "en"):
            text = " ".join(script(s, lang).text() for s in screens()[:4])
            t0 = time.perf_counter()
            facts = measure(to_wav(text, lang, Path(tmp) / f"{lang}.wav"))
            dt = time.perf_counter() - t0
            print(
                f"espeak-ng {lang}: {facts.seconds:.1f} s of speech in {dt:.2f} s "
                f"(real-time factor {dt / facts.seconds:.3f}), {len(text.split())} words, "
                f"{len(text.split()) / facts.seconds * 60:.0f} words/min"
            )


def gui_thread_cost() -> None:
    exe = shutil.which("speech-dispatcher")
    if exe is None:
        print("gui thread: speech-dispatcher not installed")
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp())
    sock = tmp / "speechd.sock"
    proc = subprocess.Popen(
        [exe, "-s", "-t", "0", "-c", "unix_socket", "-S", str(sock), "-L", str(tmp)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "XDG_RUNTIME_DIR": str(tmp)},
    )
    try:
        deadline = time.monotonic() + 15
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        os.environ["SPEECHD_ADDRESS"] = f"unix_socket:{sock}"
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtTextToSpeech import QTextToSpeech

        from ui.speech.engine import SpeechEngine

        app = QCoreApplication.instance() or QCoreApplication([])
        t0 = time.perf_counter()
        direct = QTextToSpeech("speechd")
        create_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        direct.availableLocales()
        locales_ms = (time.perf_counter() - t0) * 1000
        print(
            f"QtTextToSpeech on the GUI thread: create {create_ms:.0f} ms, list voices {locales_ms:.0f} ms (the GUI frozen meanwhile)"
        )
        del direct
        t0 = time.perf_counter()
        # handset=False: with no audio device the engine stays silent (speech-dispatcher
        # blocks on a dead device); what is measured is the GUI thread's side of each call.
        eng = SpeechEngine("speechd", {"vi": None, "en": None}, handset=False)
        create_ms = (time.perf_counter() - t0) * 1000
        deadline = time.monotonic() + 20
        while eng.health.detail == "starting" and time.monotonic() < deadline:
            app.processEvents()
        print(
            f"engine health: ok={eng.health.ok} route={eng.health.route} vi_voice={eng.health.vi_voice} ({eng.health.detail})"
        )
        eng.close(2000)
        print(f"SpeechEngine: create {create_ms:.2f} ms on the GUI thread (the engine starts on its worker)")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    normaliser()
    synthesis()
    gui_thread_cost()
