"""Document corners on generated 1280×720 frames: mean IoU (SmartDoc 2015's Jaccard index) and time.

    .venv/bin/python bench/docscan.py          # 180 frames (seed 2, held out), about a minute
    .venv/bin/python bench/docscan.py --full   # 900 frames

IoU is that of the detected quadrilateral with the ground truth; a missed document counts
0. Negatives (empty desks) must give no document. ``corner order`` counts detections whose
four corners each land nearest their own ground-truth corner (TL, TR, BR, BL as seen upright).
Also timed: the quality checks on the detected page. The set is described in
bench/datasets/README.md; the detector was tuned on seed 1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from bench.datasets.doc_set import CONDITIONS, samples  # noqa: E402
from devices.camera.docscan import DocumentDetector, quad_iou  # noqa: E402
from devices.camera.quality import assess  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=180)
    ap.add_argument("--full", action="store_true", help="900 frames")
    ap.add_argument("--seed", type=int, default=2)
    args = ap.parse_args()
    count = 900 if args.full else args.count

    det = DocumentDetector()
    ious: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, list[float]] = defaultdict(list)
    wall, cpu_total, qual = [], 0.0, []
    fp = negatives = order_ok = found = 0
    for s in samples(args.seed, count):
        c0, t0 = time.process_time(), time.perf_counter()
        d = det.detect(s.image)
        wall.append(time.perf_counter() - t0)
        cpu_total += time.process_time() - c0
        if d is not None:
            t1 = time.perf_counter()
            assess(s.image, d)
            qual.append(time.perf_counter() - t1)
        if s.corners is None:
            negatives += 1
            fp += d is not None
            continue
        iou = quad_iou(d.corners, s.corners) if d is not None else 0.0
        if d is not None:
            found += 1
            dist = np.linalg.norm(d.corners[:, None, :] - s.corners[None, :, :], axis=2)
            order_ok += bool((dist.argmin(axis=1) == np.arange(4)).all())
        ious[s.condition].append(iou)
        ious["all"].append(iou)
        kinds[s.kind].append(iou)
    n = len(wall)
    allv = ious["all"]
    print(
        f"Document benchmark: {n} frames 1280×720 (seed {args.seed}): {len(allv)} documents, {negatives} negatives"
    )
    print(
        f"mean IoU {statistics.mean(allv):.4f}   median {statistics.median(allv):.4f}   IoU ≥ 0.90: {sum(v >= 0.9 for v in allv)}/{len(allv)}   missed: {len(allv) - found}"
    )
    print(f"documents reported on negatives: {fp}/{negatives}   corner order right: {order_ok}/{found}")
    ms = statistics.mean(wall) * 1000
    p95 = sorted(wall)[int(0.95 * (n - 1))] * 1000
    print(
        f"detection: {ms:.1f} ms/frame (p95 {p95:.1f}), CPU {cpu_total / n * 1000:.1f} ms/frame;  quality checks: {statistics.mean(qual) * 1000 if qual else 0:.1f} ms/frame"
    )
    print("by condition: " + "  ".join(f"{c} {statistics.mean(ious[c]):.3f}" for c in CONDITIONS if ious[c]))
    print(
        "by kind:      "
        + "  ".join(f"{k} {statistics.mean(v):.3f} (n={len(v)})" for k, v in sorted(kinds.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
