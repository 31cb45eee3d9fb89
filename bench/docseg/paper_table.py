"""The paper test's measure on every answer the detector gives before it, so that its thresholds are set by measurement.

    PYTHONPATH=$PWD python bench/docseg/paper_table.py                      # the five sets, a few minutes
    PYTHONPATH=$PWD python bench/docseg/paper_table.py --sets fifth --count 40

For each frame of the sets of ``bench/docscan.py`` (their bench seeds and default counts) the
detector runs with the paper test switched off; each answer's share of pale ground in its middle
(:func:`devices.camera.docscan.paper.pale_middle`, with paper's tint and with any tint) is
printed with the path that gave it (``sure``: the net's outline above ACCEPT; ``unsure``: the
classic pipeline or the net's fallback) and whether the frame holds a document. The thresholds
``MIN_PALE`` (unsure path) and ``MIN_PALE_SURE`` (sure path) sit between the negatives' shares and
the documents' lowest.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import cv2  # noqa: E402

from bench.docscan import SETS  # noqa: E402
from devices.camera.docscan import DocumentDetector, quad_iou  # noqa: E402
from devices.camera.docscan import detector as D  # noqa: E402
from devices.camera.docscan.paper import MAX_CARD_TINT, MAX_TINT, card_shaped, flattened, pale_middle  # noqa: E402


def _halved(img):
    small = img
    while max(small.shape[:2]) >= 2 * D.WORK_SIDE:
        hh, ww = small.shape[:2]
        small = cv2.resize(
            small[: hh - hh % 2, : ww - ww % 2], (ww // 2, hh // 2), interpolation=cv2.INTER_AREA
        )
    return small


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # never 'real' by default: it is the lead's check on real photographs, nobody tunes on it
    ap.add_argument("--sets", default=",".join(name for name in SETS if name != "real"))
    ap.add_argument("--count", type=int, default=None)
    ap.add_argument("--show", type=int, default=15, help="lowest documents shown per path")
    args = ap.parse_args()
    # the detector as it was before the test: every outline holds paper
    D.holds_paper = lambda *a, **k: True  # type: ignore[attr-defined]
    unsure: list[bool] = []
    original = D.DocumentDetector._classic

    def classic(self, *a, **k):  # the unsure path is the one that runs the classic pipeline
        unsure.append(True)
        return original(self, *a, **k)

    D.DocumentDetector._classic = classic  # type: ignore[method-assign]
    det = DocumentDetector()
    rows = []
    for name in args.sets.split(","):
        gen, _, default_count, seed = SETS[name]
        for i, s in enumerate(gen(seed, args.count or default_count)):
            unsure.clear()
            d = det.detect(s.image)
            if d is None:
                continue
            small = _halved(s.image)
            flat = flattened(d.corners, small, small.shape[1] / s.image.shape[1])
            paper = pale_middle(flat, MAX_CARD_TINT if card_shaped(d.corners) else MAX_TINT)
            any_tint = pale_middle(flat, math.inf)
            truth = None if s.corners is None else quad_iou(d.corners, s.corners)
            rows.append(
                (name, i, s.condition, "unsure" if unsure else "sure", d.source, truth, paper, any_tint)
            )
    for path in ("unsure", "sure"):
        mine = [r for r in rows if r[3] == path]
        print(f"\n== {path} path: {len(mine)} answers ({sum(r[5] is None for r in mine)} on negatives)")
        print("negatives:")
        for r in sorted((r for r in mine if r[5] is None), key=lambda r: r[6]):
            print(f"  {r[0]:8} {r[1]:4} {r[4]:8} paper-tint {r[6]:.3f}  any tint {r[7]:.3f}")
        print(f"the {args.show} documents with least ground (paper's tint):")
        for r in sorted((r for r in mine if r[5] is not None), key=lambda r: r[6])[: args.show]:
            print(
                f"  {r[0]:8} {r[1]:4} {r[2]:14} {r[4]:8} IoU {r[5]:.3f} paper-tint {r[6]:.3f}  any tint {r[7]:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
