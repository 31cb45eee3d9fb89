"""What reading the machine-readable zone changes, set by set: every changed answer, IoU before → after, and its CPU.

    PYTHONPATH=$PWD python -m bench.docseg.mrz_table --set seventh --set sixth
    PYTHONPATH=$PWD python -m bench.docseg.mrz_table            # every set of bench/docscan.py

"Before" is the detector's outline without the zone (``DocumentDetector._outline``, what
``detect`` returned before :func:`devices.camera.docscan.detector.by_zone`), "after" is
``by_zone`` on it: both on the same frame in the same process, so the changed frames and the
added CPU are exact (no second run to drift under load). A frame is listed when its corners
moved (by more than 0.05 px) or its zone's format was found; the IoU with the truth, the corner
order against the truth's (TL, TR, BR, BL as seen upright) and the condition are printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

import numpy as np

from bench.docscan import SETS
from devices.camera.docscan import DocumentDetector, order_corners, quad_iou, warp
from devices.camera.docscan.detector import by_zone, read_zone
from devices.camera.orientation import detect_orientation

MOVED = 0.05  # px: as bench/docseg/same_answers.py


def _order_ok(corners: np.ndarray, truth: np.ndarray) -> bool:
    dist = np.linalg.norm(corners[:, None, :] - truth[None, :, :], axis=2)
    return bool((dist.argmin(axis=1) == np.arange(4)).all())


def _print_order(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The corners in the order the print's look gives (the session without a zone): seen order, then upright's turns."""
    seen = order_corners(corners)
    turns = detect_orientation(warp(image, seen)).turns
    return np.roll(seen, turns, axis=0)  # a quarter turn clockwise makes the old BL the new TL


def run(name: str, det: DocumentDetector) -> None:
    gen, _, count, seed = SETS[name]
    cpu_outline = cpu_zone = cpu_read = 0.0
    before: dict[str, list[float]] = defaultdict(list)
    after: dict[str, list[float]] = defaultdict(list)
    order = [0, 0]
    fp = [0, 0]
    read = [0, 0, 0]  # outlines with a zone: reading order right from the zone, from the print's look
    n = 0
    print(f"\n== {name}")
    for i, s in enumerate(gen(seed, count)):
        n += 1
        c0 = time.process_time()
        d0 = det._outline(s.image)
        c1 = time.process_time()
        d1 = by_zone(d0, s.image) if d0 is not None else None
        c2 = time.process_time()
        cpu_outline += c1 - c0
        cpu_zone += c2 - c1
        if s.corners is None:
            fp[0] += d0 is not None
            fp[1] += d1 is not None
            if d1 is not None and d1.mrz:
                print(f"  {i:4d} negative ({s.name}): zone {d1.mrz} found on a negative")
            continue
        i0 = quad_iou(d0.corners, s.corners) if d0 is not None else 0.0
        i1 = quad_iou(d1.corners, s.corners) if d1 is not None else 0.0
        for key in ("all", s.condition, f"kind {s.kind}"):
            before[key].append(i0)
            after[key].append(i1)
        if d0 is not None and d1 is not None:
            o0, o1 = _order_ok(d0.corners, s.corners), _order_ok(d1.corners, s.corners)
            order[0] += o0
            order[1] += o1
            c3 = time.process_time()
            d2 = read_zone(d1, s.image)  # once per captured page, not per frame
            cpu_read += time.process_time() - c3
            if d2.mrz:
                read[0] += 1
                read[1] += _order_ok(d2.corners, s.corners)
                read[2] += _order_ok(_print_order(s.image, d2.corners), s.corners)
            moved = float(np.abs(d1.corners - d0.corners).max()) > MOVED
            if moved or d1.mrz:
                print(
                    f"  {i:4d} {s.condition:16} {s.kind:9} zone {d1.mrz or '-':3} IoU {i0:.3f} → {i1:.3f}"
                    f"  corner order {'right' if o0 else 'wrong'} → {'right' if o1 else 'wrong'}"
                )
    m0, m1 = statistics.mean(before["all"]), statistics.mean(after["all"])
    print(
        f"{name}: {n} frames; mean IoU {m0:.4f} → {m1:.4f}; corner order right {order[0]} → {order[1]}; "
        f"negatives reported {fp[0]} → {fp[1]}"
    )
    if read[0]:
        print(
            f"outlines with a zone (read_zone, at capture): {read[0]}; reading order right from the zone {read[1]}, "
            f"from the print's look (orientation.upright) {read[2]}"
        )
    print(
        f"CPU: outline {cpu_outline / n * 1000:.2f} ms/frame, zone {cpu_zone / n * 1000:.3f} ms/frame "
        f"(+{100 * cpu_zone / max(cpu_outline, 1e-9):.1f} %); at capture, read_zone "
        f"{cpu_read / max(1, len(before['all'])) * 1000:.3f} ms/document"
    )
    for key in sorted(before):
        if key != "all" and (key.startswith("kind passport") or "passport" in key):
            b, a = before[key], after[key]
            print(f"  {key:20} n {len(b):3}  {statistics.mean(b):.3f} → {statistics.mean(a):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", choices=list(SETS), help="default: every set")
    args = ap.parse_args()
    det = DocumentDetector()
    for name in args.set or list(SETS):
        run(name, det)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
