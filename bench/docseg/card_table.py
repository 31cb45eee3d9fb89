"""Before → after for a detector change, in one process: every set of ``bench/docscan.py``, frame by frame.

    PYTHONPATH=$PWD python -m bench.docseg.card_table --against /tmp/main-copy --set seventh --set sixth

``--against DIR``: another checkout (``git archive main | tar -x -C DIR``), loaded beside this one
(:func:`bench.docseg.profile.detector_of`). For each set: mean IoU, missed documents, negatives
reported, "others" raised on one-document frames (false alarms) and on frames with more than
one (hits), the frames whose IoU changed by more than 0.005 (better, worse), ID cards and
licences apart, the card-on-a-form condition, and CPU per frame of the two detectors, timed in
turn (which goes first alternates), so a load that comes and goes weighs on both.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from bench.docscan import MANY, SETS
from bench.docseg.profile import detector_of
from devices.camera.docscan import DocumentDetector, quad_iou

CHANGED = 0.005  # IoU


def table(name: str, before_det, after_det) -> None:
    gen, _, count, seed = SETS[name]
    rows: dict[str, dict[str, list[float]]] = {"before": defaultdict(list), "after": defaultdict(list)}
    cpu = {"before": 0.0, "after": 0.0}
    better = worse = n = 0
    for k, s in enumerate(gen(seed, count)):
        n += 1
        got = {}
        order = [("before", before_det), ("after", after_det)]
        for label, det in order if k % 2 == 0 else order[::-1]:
            c0 = time.process_time()
            got[label] = det.detect(s.image)
            cpu[label] += time.process_time() - c0
        iou = {}
        for label, d in got.items():
            r = rows[label]
            if s.corners is None:
                r["negatives reported"].append(float(d is not None))
                continue
            v = quad_iou(d.corners, s.corners) if d is not None else 0.0
            iou[label] = v
            r["all"].append(v)
            r["missed"].append(float(d is None))
            r[f"kind {s.kind}"].append(v)
            if s.condition == "card_on_form":
                r["card_on_form"].append(v)
            flag = float(d is not None and d.others > 0)
            r["others: hits" if s.condition in MANY else "others: false alarms"].append(flag)
        if iou:
            better += iou["after"] > iou["before"] + CHANGED
            worse += iou["after"] < iou["before"] - CHANGED
    print(f"\n== {name}: {n} frames; changed {better + worse} (better {better}, worse {worse})", flush=True)
    keys = ["all", "missed", "negatives reported", "others: false alarms", "others: hits", "card_on_form"]
    keys += sorted(k for k in rows["after"] if k.startswith("kind "))
    for key in keys:
        b, a = rows["before"].get(key), rows["after"].get(key)
        if not a:
            continue
        assert b is not None
        if key in ("all", "card_on_form") or key.startswith("kind"):
            print(f"  {key:22} {len(a):>4}  {statistics.mean(b):.4f} → {statistics.mean(a):.4f}")
        else:
            print(f"  {key:22} {len(a):>4}  {int(sum(b))} → {int(sum(a))}")
    print(
        f"  CPU ms/frame            {1000 * cpu['before'] / n:.1f} → {1000 * cpu['after'] / n:.1f} "
        f"({cpu['after'] / max(cpu['before'], 1e-9):.3f}×)",
        flush=True,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", type=Path, required=True, help="the checkout to compare with (before)")
    ap.add_argument("--set", action="append", choices=list(SETS), help="only these sets (repeatable)")
    args = ap.parse_args()
    before, after = detector_of(args.against)(), DocumentDetector()
    for name in args.set or list(SETS):
        table(name, before, after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
