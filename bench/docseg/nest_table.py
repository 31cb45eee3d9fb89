"""The nesting's measures on every outline the verifier took inside the classic pipeline's best, so that its thresholds are set by measurement.

    PYTHONPATH=$PWD python bench/docseg/nest_table.py                        # the six generated sets, minutes
    PYTHONPATH=$PWD python bench/docseg/nest_table.py --sets sixth --count 40

Where the classic pipeline runs, its best outline may be a closed book, a magazine or a folder
with the page lying on it (``devices/camera/docscan/detector.py``, ``_nested``). For each outline
the verifier took that lies inside the best one (at most ``NEST_MAX`` of its area) this prints
how many of its sides have a band beyond them (``NEST_AWAY``), the share of that band that is the
inner page's own ground (:func:`devices.camera.docscan.paper.ground_between`), and what taking
the inner outline would do against the truth: ``GOOD`` (its IoU 0.2 above the outer's), ``BAD``
(0.2 below), ``same``, or ``NEG`` on a negative. ``NEST_SIDES`` and ``NEST_BAND`` were set where
the ``GOOD`` rows are (round 4: all at a band share under 0.01; the nearest ``BAD`` rows with
three sides at 0.04 and 0.07) and no negative is; the ``BAD`` rows they still take (a part of a
card held by fingers, fresh 35) the gate turns away, the card behind being its next choice. The sets of ``bench/docscan.py`` at their bench seeds
and default counts; never ``real`` (nobody tunes on it).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench.docscan import SETS  # noqa: E402
from devices.camera.docscan import DocumentDetector, quad_iou  # noqa: E402
from devices.camera.docscan import detector as D  # noqa: E402
from devices.camera.docscan.paper import ground_between, holds_paper  # noqa: E402

GENERATED = [name for name in SETS if name != "real"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(GENERATED))
    ap.add_argument("--count", type=int, default=None)
    args = ap.parse_args()
    if "real" in args.sets.split(","):
        ap.error("'real' is a check nobody tunes on")
    seen: list[tuple] = []
    original = D._nested

    def nested(best, fr, small):  # every call's outer outline, its candidates and the working copy
        seen.append((best, list(fr.passed), small))
        return original(best, fr, small)

    D._nested = nested  # type: ignore[assignment]
    det = DocumentDetector()
    rows = []
    for name in args.sets.split(","):
        gen, _, default_count, seed = SETS[name]
        for i, s in enumerate(gen(seed, args.count or default_count)):
            seen.clear()
            det.detect(s.image)
            for best, passed, small in seen:
                f = small.shape[1] / s.image.shape[1]
                outer = D.order_corners(best[1])
                reach = math.sqrt(cv2.contourArea(outer))
                for _, q, sup in passed:
                    inner = D.order_corners(q)
                    if cv2.contourArea(inner) > D.NEST_MAX * cv2.contourArea(outer):
                        continue
                    if (
                        min(cv2.pointPolygonTest(outer, (float(x), float(y)), True) for x, y in inner)
                        < -D.NEST_SLACK
                    ):
                        continue
                    mids = (inner + np.roll(inner, -1, axis=0)) / 2
                    away = sum(
                        cv2.pointPolygonTest(outer, (float(x), float(y)), True) > D.NEST_AWAY * reach
                        for x, y in mids
                    )
                    share = ground_between(outer, inner, small, 1.0)
                    if s.corners is None:
                        label = "NEG"
                    else:
                        truth = np.asarray(s.corners, np.float32) * f
                        a, b = quad_iou(outer, truth), quad_iou(inner, truth)
                        label = "GOOD" if b > a + 0.2 else "BAD" if a > b + 0.2 else "same"
                    ratio = cv2.contourArea(inner) / cv2.contourArea(outer)
                    rows.append(
                        (label, name, i, s.condition, away, share, holds_paper(inner, small, 1.0), sup, ratio)
                    )
    print("label set        frame condition       sides-away band-ground holds-paper support area-ratio")
    for r in sorted(rows, key=lambda r: (r[0], -r[4], r[5])):
        if r[0] != "same":
            print(
                f"{r[0]:5} {r[1]:8} {r[2]:5} {r[3]:15} {r[4]:10} {r[5]:11.3f} {r[6]!s:11} {r[7]:7.2f} {r[8]:10.2f}"
            )
    taken = [r for r in rows if r[4] >= D.NEST_SIDES and r[5] < D.NEST_BAND and r[6]]
    print(
        f"\nwith NEST_SIDES={D.NEST_SIDES}, NEST_BAND={D.NEST_BAND}: "
        + ", ".join(f"{k} {sum(r[0] == k for r in taken)}" for k in ("GOOD", "BAD", "same", "NEG"))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
