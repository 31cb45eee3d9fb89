"""Where the tray-contrast self-test's thresholds come from.

For trays from white to dark (grey levels, then the named colours of the tests), a blank
white sheet is rendered on the tray (``tests/devices/camera/tray_scenes.py``: uneven lamp,
tilted sheet, lens blur, sensor noise σ 3 per channel, 1280×720) and

* the document detector's hit rate: frames where ``DocumentDetector`` finds the sheet with
  IoU ≥ 0.9 against the rendered corners;
* what :func:`devices.camera.tray.measure_tray` reports (median ΔE*ab, grey step, noise) and
  the verdict :func:`devices.camera.tray.judge` gives, and how often its sheet is the real one.

A threshold is worth having only where the hit rate actually changes: FAIL_DELTA_E and
WARN_DELTA_E in ``devices/camera/tray.py`` are read off this table.

Then, on scenes nobody here made or tuned on (``bench/datasets/doc_blind.py``, seed 2: printed
A4 pages on real photographs, desks, hands, shadows, a real lens), the same ΔE measured at each
page's true corners, and the detector's hit rate in each band the thresholds draw: does the
measure say what the detector will do on pages that are not blank and trays that are not ours?

The same on the fifth document set (``bench/datasets/doc_fifth.py``, seed 5: counters and trays
rendered in 3D with real lighting and shadows, every kind of document).

    .venv/bin/python bench/tray_contrast.py [--scenes 12] [--noise 3] [--blind 150] [--fifth 150]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devices.camera.docscan import DocumentDetector, quad_iou  # noqa: E402 - after the path set-up
from devices.camera.tray import FAIL_DELTA_E, WARN_DELTA_E, judge, measure_tray  # noqa: E402
from tests.devices.camera.tray_scenes import TRAYS, tray_scene  # noqa: E402

GREYS = (244, 242, 240, 238, 235, 232, 228, 224, 218, 210, 200, 180)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenes", type=int, default=12)
    ap.add_argument("--noise", type=float, default=3.0, help="sensor noise σ per channel (grey levels)")
    ap.add_argument("--blind", type=int, default=150, help="frames of the blind set to look at (0: skip)")
    ap.add_argument(
        "--fifth", type=int, default=150, help="frames of the fifth (3D) set to look at (0: skip)"
    )
    a = ap.parse_args()
    det = DocumentDetector()
    trays = [(f"grey {g}", (g, g, g)) for g in GREYS] + list(TRAYS.items())
    print(f"thresholds: fail below ΔE {FAIL_DELTA_E}, warn below ΔE {WARN_DELTA_E}; noise σ {a.noise}")
    print(
        f"{'tray':12} {'found':>6} {'ΔE':>6} {'step':>6} {'noise':>6} {'sheet ok':>8}  verdicts            ms"
    )
    for name, colour in trays:
        hits, des, steps, noises, right, times = 0, [], [], [], 0, []
        verdicts: Counter[str] = Counter()
        for seed in range(a.scenes):
            img, corners = tray_scene(colour, seed=1000 + seed, noise=a.noise)
            d = det.detect(img)
            hits += d is not None and quad_iou(d.corners, corners) >= 0.9
            t0 = time.perf_counter()
            tc = measure_tray(img, det)
            times.append((time.perf_counter() - t0) * 1000)
            verdicts[judge(tc)[0]] += 1
            if tc.found_by is not None:
                des.append(tc.delta_e)
                steps.append(tc.step)
                noises.append(tc.noise)
                right += _sheet_right(tc, img, corners)
        med = (lambda v: f"{statistics.median(v):6.1f}") if des else (lambda v: "     -")
        print(
            f"{name:12} {hits / a.scenes:6.0%} {med(des)} {med(steps)} {med(noises)} {right:>4}/{len(des):<3}  "
            f"{' '.join(f'{k} {verdicts[k]:2}' for k in ('pass', 'warn', 'fail'))}  {statistics.median(times):5.0f}"
        )
    if a.blind:
        held_out(f"blind set (seed 2, A4 pages in the first {a.blind} frames)", blind_a4(a.blind), det)
    if a.fifth:
        held_out(
            f"fifth set (seed 5, 3D-rendered counters and trays, first {a.fifth} frames)", fifth(a.fifth), det
        )


def held_out(name: str, frames: Iterator[Any], det: DocumentDetector) -> None:
    """Detector hit rate per ΔE band, ΔE measured at each document's true corners."""
    bands: dict[str, list[float]] = {"fail": [], "warn": [], "pass": []}  # detector IoU per band
    conditions: dict[str, list[float]] = {}
    for s in frames:
        tc = measure_tray(s.image, sheet=s.corners)
        d = det.detect(s.image)
        iou = quad_iou(d.corners, s.corners.astype(np.float32)) if d is not None else 0.0
        band = "fail" if tc.delta_e < FAIL_DELTA_E else "warn" if tc.delta_e < WARN_DELTA_E else "pass"
        bands[band].append(iou)
        conditions.setdefault(s.condition, []).append(tc.delta_e)
    print(f"\n{name}, ΔE at the true corners:")
    for band, ious in bands.items():
        if ious:
            hit = sum(v >= 0.9 for v in ious) / len(ious)
            print(
                f"  {band:4} band: {len(ious):3} documents, detector IoU ≥ 0.9 on {hit:.0%}, "
                f"mean IoU {statistics.mean(ious):.3f}"
            )
        else:
            print(f"  {band:4} band: no documents")
    print(
        "  median ΔE by condition: "
        + ", ".join(f"{c} {statistics.median(v):.1f}" for c, v in sorted(conditions.items()))
    )


def blind_a4(count: int) -> Iterator[Any]:
    from bench.datasets import doc_blind

    for i in range(count):
        if doc_blind.schedule(i)[1] == "a4":
            yield doc_blind.sample(2, i)


def fifth(count: int) -> Iterator[Any]:
    from bench.datasets import doc_fifth

    for i in range(count):
        s = doc_fifth.sample(5, i)
        if s.corners is not None:
            yield s


def _sheet_right(tc, img: np.ndarray, corners: np.ndarray) -> bool:
    """Whether the region measured is the rendered sheet (IoU ≥ 0.8: the smoothed path's
    outline is a rotated box, not the exact quadrilateral)."""
    return tc.corners is not None and quad_iou(np.asarray(tc.corners, np.float32), corners) >= 0.8


if __name__ == "__main__":
    main()
