"""Cold start of the kiosk program: from process launch to the first painted attract screen.

Each run starts a fresh ``.venv/bin/kiosk --windowed`` process (a new interpreter, nothing
preloaded) with
``KIOSK_EXIT_AFTER_FIRST_PAINT=1``, which prints ``first-paint`` once the attract screen's
first frame is painted and exits. The clock runs in this process, from just before the
launch to the moment that line arrives.

One uncounted run first warms the OS file cache and writes the bytecode a deployed kiosk
has (``PYTHONDONTWRITEBYTECODE`` is dropped for the child: with it set, as in some shells,
every run would compile ~200 modules and measure the compiler, not the kiosk).

On a machine without a display it starts its own Xvfb (1080×1920) so that the real xcb
platform is measured; ``--offscreen`` measures Qt's offscreen platform instead.

    .venv/bin/python bench/startup.py [--runs 7] [--offscreen]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / ".venv" / "bin" / "kiosk"
TARGET_S = 1.0  # issue #20: median on a quiet machine


def start_xvfb() -> tuple[subprocess.Popen | None, str | None]:
    if not shutil.which("Xvfb"):
        return None, None
    for n in range(90, 120):
        if Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            continue
        proc = subprocess.Popen(
            ["Xvfb", f":{n}", "-screen", "0", "1080x1920x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return proc, f":{n}"
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.kill()
    return None, None


def one_run(env: dict[str, str]) -> tuple[float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(KIOSK), "--windowed"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    inside = float("nan")
    wall = float("nan")
    for line in proc.stdout:
        if line.startswith("first-paint "):
            wall = time.perf_counter() - t0
            inside = float(line.split()[1])
            break
    _out, err = proc.communicate(timeout=60)
    if proc.returncode != 0 or wall != wall:
        raise SystemExit(f"kiosk did not paint (exit {proc.returncode}):\n{err[-2000:]}")
    return wall, inside


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform instead of X")
    opts = ap.parse_args()
    if not KIOSK.exists():
        raise SystemExit(f"{KIOSK} not found: run `bash setup.sh install` first")
    data = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    env = dict(os.environ, KIOSK_EXIT_AFTER_FIRST_PAINT="1", KIOSK_DATA_DIR=str(data))
    env["KIOSK_CONFIG"] = str(data / "none.toml")  # demo profile, never the machine's own config
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    xvfb = None
    if opts.offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
        platform = "offscreen"
    elif os.environ.get("DISPLAY"):
        platform = f"xcb on {os.environ['DISPLAY']}"
    else:
        xvfb, display = start_xvfb()
        if display:
            env["DISPLAY"] = display
            env.pop("QT_QPA_PLATFORM", None)
            platform = f"xcb on Xvfb {display} 1080x1920"
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
            platform = "offscreen (no Xvfb found)"
    try:
        one_run(env)  # warm-up: file cache and bytecode
        runs = [one_run(env) for _ in range(opts.runs)]
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
        shutil.rmtree(data, ignore_errors=True)
    walls = [w for w, _ in runs]
    insides = [i for _, i in runs]
    print(f"startup: {opts.runs} runs, platform {platform}")
    print(
        "  launch -> first painted attract screen: "
        f"min {min(walls):.3f} s  median {statistics.median(walls):.3f} s  max {max(walls):.3f} s"
    )
    print(
        "  of which after ui.app was imported:     "
        f"min {min(insides):.3f} s  median {statistics.median(insides):.3f} s  max {max(insides):.3f} s"
    )
    med = statistics.median(walls)
    print(f"  target median <= {TARGET_S} s: {'met' if med <= TARGET_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
