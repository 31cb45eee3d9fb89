"""QR decoding on generated 1080p camera frames: our pipeline vs zxing-cpp vs pyzbar, same run.

    .venv/bin/python bench/qr.py            # 120 frames (seed 2), a couple of minutes
    .venv/bin/python bench/qr.py --full     # 1000 frames
    .venv/bin/python bench/qr.py --thorough # also the still-image profile (slow retries)
    .venv/bin/python bench/qr.py --stills   # also a batch of JPEG files: `kiosk devices decode-qr` vs zxing-cpp

``--stills`` writes the frames as JPEG files (quality 92) and times, on the same files, the
batch command ``kiosk devices decode-qr --json FILE…`` (one process, start-up included, the
still-image profile) against zxing-cpp reading and decoding each file in this process
(``cv2.imread`` + ``read_barcodes``, its defaults), plus the same decoder in this process.

A frame counts as decoded when every expected payload comes back byte-exact (UTF-8
Vietnamese included); any other payload is a false positive. Times are per frame from the
BGR frame (greyscale conversion included), wall clock and process CPU, on this machine with
whatever else is running on it. The evaluation set is described in bench/datasets/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import zxingcpp  # noqa: E402

from bench.datasets.qr_set import CONDITIONS, NEGATIVES, samples  # noqa: E402
from devices.scanner.decode import QrDecoder  # noqa: E402
from devices.scanner.zbar import scan_qr  # noqa: E402


def zxing_reference(frame) -> list[bytes]:  # type: ignore[no-untyped-def]
    return [bytes(b.bytes) for b in zxingcpp.read_barcodes(frame, formats=zxingcpp.BarcodeFormat.QRCode)]


def pyzbar_plain(frame) -> list[bytes]:  # type: ignore[no-untyped-def]
    return [s.data for s in scan_qr(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=120)
    ap.add_argument("--full", action="store_true", help="1000 frames")
    ap.add_argument("--seed", type=int, default=2, help="seed 1 was used for tuning; 2 is held out")
    ap.add_argument("--thorough", action="store_true", help="also run the still-image profile")
    ap.add_argument("--stills", action="store_true", help="also the batch of still files (CLI vs zxing-cpp)")
    args = ap.parse_args()
    count = 1000 if args.full else args.count
    if args.stills:
        stills(args.seed, count)

    live, thorough = QrDecoder("live"), QrDecoder("thorough")
    decoders = {
        "ours (live)": lambda f: [d.data for d in live.decode(f)],
        "zxing-cpp": zxing_reference,
        "pyzbar (binary, full res)": pyzbar_plain,
    }
    if args.thorough:
        decoders["ours (thorough)"] = lambda f: [d.data for d in thorough.decode(f)]

    ok: dict[str, dict[str, int]] = {k: defaultdict(int) for k in decoders}
    fp: dict[str, int] = defaultdict(int)
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, float] = defaultdict(float)
    per_cond: dict[str, int] = defaultdict(int)
    for s in samples(args.seed, count):
        per_cond[s.condition] += 1
        expected = {e.encode("utf-8") for e in s.expected}
        for name, fn in decoders.items():
            c0, t0 = time.process_time(), time.perf_counter()
            got = set(fn(s.image))
            wall[name].append(time.perf_counter() - t0)
            cpu[name] += time.process_time() - c0
            if expected and expected <= got:
                ok[name][s.condition] += 1
            if got - expected:
                fp[name] += 1
    n = sum(per_cond.values())
    positives = sum(v for k, v in per_cond.items() if k not in NEGATIVES)
    negatives = n - positives
    print(
        f"QR benchmark: {n} frames 1920×1080 (seed {args.seed}): {positives} with codes, {negatives} negatives"
    )
    conds = [c for c in CONDITIONS if per_cond[c]]
    print(
        f"{'decoder':28} {'decoded':>9} {'rate':>6} {'FP':>3} {'ms/frame':>9} {'p95':>6} {'cpu ms':>7}  "
        + " ".join(f"{c[:9]:>9}" for c in conds)
    )
    for name in decoders:
        dec = sum(ok[name].values())
        ms = statistics.mean(wall[name]) * 1000
        p95 = sorted(wall[name])[int(0.95 * (len(wall[name]) - 1))] * 1000
        cols = " ".join(f"{ok[name][c]:>4}/{per_cond[c]:<4}" for c in conds)
        print(
            f"{name:28} {dec:>4}/{positives:<4} {dec / max(positives, 1):>6.1%} {fp[name]:>3} {ms:>9.1f} {p95:>6.1f} {cpu[name] / n * 1000:>7.1f}  {cols}"
        )
    return 0


def stills(seed: int, count: int) -> None:
    from devices.scanner.decode import read_image_file

    with tempfile.TemporaryDirectory() as tmp:
        expected: dict[str, set[bytes]] = {}
        for s in samples(seed, count):
            path = os.path.join(tmp, f"{s.name}.jpg")
            cv2.imwrite(path, s.image, [cv2.IMWRITE_JPEG_QUALITY, 92])
            expected[path] = {e.encode("utf-8") for e in s.expected}
        files = sorted(expected)
        positives = sum(bool(v) for v in expected.values())

        def tally(got: dict[str, set[bytes]]) -> tuple[int, int]:
            ok = sum(bool(expected[f]) and expected[f] <= got[f] for f in files)
            return ok, sum(bool(got[f] - expected[f]) for f in files)

        t0, c0 = time.perf_counter(), time.process_time()
        zx = {f: set(zxing_reference(cv2.imread(f))) for f in files}
        t_zx, c_zx = time.perf_counter() - t0, time.process_time() - c0
        thorough = QrDecoder("thorough")
        t0, c0 = time.perf_counter(), time.process_time()
        ours = {f: {d.data for d in thorough.decode(read_image_file(f))} for f in files}
        t_ours, c_ours = time.perf_counter() - t0, time.process_time() - c0
        root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "kiosk", "devices", "decode-qr", "--json", *files],
            capture_output=True, text=True, env=env, cwd=root, check=False,
        )  # fmt: skip
        t_cli = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        c_cli = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        first = []  # start-up to the first decode: the command on one file, five times
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "kiosk", "devices", "decode-qr", "--json", files[0]],
                capture_output=True, env=env, cwd=root, check=False,
            )  # fmt: skip
            first.append(time.perf_counter() - t0)
        rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        cli = {r["file"]: {c.encode("utf-8") for c in r["codes"]} for r in rows}
        cli = {f: cli.get(f, set()) for f in files}
    print(f"QR stills batch: {len(files)} JPEG files 1920×1080 (seed {seed}), {positives} with codes")
    print("(CPU = user + system seconds: steady on a shared machine, where wall clock is not)")
    print(
        f"{'':34} {'decoded':>9} {'FP':>3} {'wall s':>7} {'CPU s':>6} {'CPU ms/file':>11} {'CPU × zxing-cpp':>15}"
    )
    for name, got, t, c in (
        ("zxing-cpp (imread + decode)", zx, t_zx, c_zx),
        ("ours, thorough, in process", ours, t_ours, c_ours),
        ("kiosk devices decode-qr (CLI)", cli, t_cli, c_cli),
    ):
        ok, fp = tally(got)
        print(
            f"{name:34} {ok:>4}/{positives:<4} {fp:>3} {t:>7.2f} {c:>6.2f} {c / len(files) * 1000:>11.1f} {c / c_zx:>15.2f}"
        )
    print(
        f"kiosk devices decode-qr on one file (start-up to first decode): median {statistics.median(first):.2f} s of 5"
    )
    print()


if __name__ == "__main__":
    sys.exit(main())
