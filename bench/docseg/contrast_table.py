"""Mean IoU and misses by the edge contrast between each document and the tray round it, for any set.

    PYTHONPATH=$PWD python -m bench.docseg.contrast_table --set ninth [--against /tmp/main-copy]

A document's contrast is ΔE*ab (CIE 1976) between the median L*a*b* of a band 3–8 px inside its
true outline and that of a band 3–8 px outside it (full-resolution frame pixels), the figure the
tray self-test (:mod:`devices.camera.tray`) judges a tray by; the bands are its verdict's lines,
``FAIL_DELTA_E`` and ``WARN_DELTA_E``. ``--against DIR``: another checkout (``git archive main |
tar -x -C DIR``) run on the same frames, in turn (which goes first alternates), for before → after
and CPU per frame of each. ``--json FILE``: every document's contrast and IoU, one row a frame.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import cv2
import numpy as np

from bench.docscan import SETS
from bench.docseg.profile import detector_of
from devices.camera.docscan import DocumentDetector, quad_iou
from devices.camera.tray import FAIL_DELTA_E, WARN_DELTA_E

NEAR, FAR = 3, 8  # px: the bands either side of the true outline
BANDS = ((0.0, FAIL_DELTA_E), (FAIL_DELTA_E, WARN_DELTA_E), (WARN_DELTA_E, float("inf")))


def edge_delta_e(image: np.ndarray, corners: np.ndarray) -> float | None:
    """ΔE*ab between the bands just inside and just outside ``corners`` (4×2, frame pixels); None where a band is empty."""
    h, w = image.shape[:2]
    q = np.asarray(corners, np.float64).reshape(-1, 2)
    # a crop round the outline: the morphology then costs the document's size, not the frame's
    x0, y0 = (np.floor(q.min(axis=0)) - FAR - 2).astype(int).clip(0)
    x1, y1 = np.ceil(q.max(axis=0)) + FAR + 3
    x1, y1 = int(min(x1, w)), int(min(y1, h))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    crop = image[y0:y1, x0:x1]
    mask = np.zeros(crop.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round((q - [x0, y0]) * 4).astype(np.int32)], 1, shift=2)

    def disc(r: int) -> np.ndarray:
        return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))

    inside = cv2.erode(mask, disc(NEAR)) & ~cv2.erode(mask, disc(FAR)) & 1
    outside = cv2.dilate(mask, disc(FAR)) & ~cv2.dilate(mask, disc(NEAR)) & 1
    if inside.sum() < 20 or outside.sum() < 20:
        return None  # a sliver, or a document filling the frame
    lab = cv2.cvtColor(crop.astype(np.float32) / 255.0, cv2.COLOR_BGR2LAB)  # L* 0–100, a*, b*
    a = np.median(lab[inside.astype(bool)], axis=0)
    b = np.median(lab[outside.astype(bool)], axis=0)
    return float(np.linalg.norm(a - b))


def band_of(delta_e: float) -> int:
    return next(k for k, (lo, hi) in enumerate(BANDS) if lo <= delta_e < hi)


def _label(k: int) -> str:
    lo, hi = BANDS[k]
    return f"ΔE < {hi:g}" if lo == 0 else f"ΔE ≥ {lo:g}" if hi == float("inf") else f"ΔE {lo:g}–{hi:g}"


def table(name: str, count: int | None, detectors: dict[str, DocumentDetector], dump: list[dict]) -> None:
    gen, _, default_count, seed = SETS[name]
    n = 0
    cpu = dict.fromkeys(detectors, 0.0)
    negatives = {label: [0, 0] for label in detectors}  # reported, of
    rows: list[dict] = []
    for k, s in enumerate(gen(seed, count or default_count)):
        n += 1
        order = list(detectors.items())
        got = {}
        for label, det in order if k % 2 == 0 else order[::-1]:
            c0 = time.process_time()
            got[label] = det.detect(s.image)
            cpu[label] += time.process_time() - c0
        if s.corners is None:
            for label, d in got.items():
                negatives[label][0] += d is not None
                negatives[label][1] += 1
            continue
        de = edge_delta_e(s.image, s.corners)
        row = {
            "set": name,
            "index": k,
            "name": s.name,
            "condition": s.condition,
            "kind": s.kind,
            "delta_e": de,
        }
        for label, d in got.items():
            row[label] = quad_iou(d.corners, s.corners) if d is not None else None
        rows.append(row)
    dump += rows
    labels = list(detectors)
    print(f"\n== {name}: {n} frames, {len(rows)} documents", flush=True)
    print(
        f"  {'band':14} {'docs':>5}  "
        + "  ".join(f"{lab + ' IoU':>13} {lab + ' missed':>14}" for lab in labels)
    )
    groups = [
        (_label(b), [r for r in rows if r["delta_e"] is not None and band_of(r["delta_e"]) == b])
        for b in range(3)
    ]
    groups.append(("all", rows))
    for title, group in groups:
        if not group:
            print(f"  {title:14} {0:>5}")
            continue
        cells = []
        for label in labels:
            ious = [r[label] or 0.0 for r in group]
            cells.append(f"{statistics.mean(ious):>13.3f} {sum(r[label] is None for r in group):>14d}")
        print(f"  {title:14} {len(group):>5}  " + "  ".join(cells))
    for label in labels:
        rep, of = negatives[label]
        print(f"  {label}: negatives reported {rep}/{of}; CPU {1000 * cpu[label] / max(n, 1):.1f} ms/frame")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", choices=list(SETS), required=True, help="repeatable")
    ap.add_argument("--count", type=int, help="frames of each set (its default otherwise)")
    ap.add_argument("--against", type=Path, help="the checkout to compare with (before)")
    ap.add_argument("--json", type=Path, help="write every document's contrast and IoU here")
    args = ap.parse_args()
    detectors: dict[str, DocumentDetector] = {}
    if args.against:
        detectors["before"] = detector_of(args.against)()
    detectors["after" if args.against else "now"] = DocumentDetector()
    dump: list[dict] = []
    for name in args.set:
        table(name, args.count, detectors, dump)
    if args.json:
        args.json.write_text(json.dumps(dump, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
