"""The whole detector on the six sets' benchmark frames, once per model file: a model compared with another.

    PYTHONPATH=$PWD python -m bench.docseg.model_table cache                     # the frames, once
    PYTHONPATH=$PWD python -m bench.docseg.model_table run [--model F] [--sets tuning,sixth] [ACCEPT=0.8 ...]

``bench/docscan.py`` renders every frame again on every run (the fifth generator takes seconds a
frame); this keeps the frames (and their truth) of the six training/tuning sets at the
benchmark's seeds and default counts, plus its 120 photo negatives, in ``ROOT``, and prints the
same figures as ``bench/docscan.py`` (mean IoU, documents missed, negatives reported, by
condition and kind, CPU against the naive contour finder) for ``DocumentDetector`` with the
given model file, and the detector's gate constants optionally overridden (``NAME=VALUE``: the
whole detector under another gate, where ``bench/docseg/gate_replay.py`` replays the four
older sets' stored answers). The frames are the same ones ``bench/docscan.py`` scores, so its figures and
these agree; quote ``bench/docscan.py``'s. Never the held-out sets (``real``, the seventh).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path("/tmp/docseg-model-table")
SETS = ("tuning", "heldout", "blind", "fresh", "fifth", "sixth", "photoneg")


def cache(names: list[str]) -> None:
    from bench.datasets import doc_set
    from bench.docscan import SETS as BENCH_SETS

    ROOT.mkdir(exist_ok=True)
    for name in names:
        if (ROOT / f"{name}.meta").exists():
            continue
        if name == "photoneg":  # bench/docscan.py's photo negatives: seed 9, 120 frames
            samples: Iterator = (doc_set.photo_negative(9, i) for i in range(120))
        else:
            gen, _, count, seed = BENCH_SETS[name]
            samples = gen(seed, count)
        meta = []
        for i, s in enumerate(samples):
            np.save(ROOT / f"{name}-{i:04d}.npy", s.image)
            meta.append((s.condition, getattr(s, "kind", "none"), s.corners))
        (ROOT / f"{name}.meta").write_bytes(pickle.dumps(meta))
        print(name, len(meta), flush=True)


def run(names: list[str], model: str | None, overrides: list[str]) -> None:
    from bench.docscan import naive_contour
    from devices.camera.docscan import DocumentDetector, quad_iou
    from devices.camera.docscan import detector as D
    from devices.camera.docscan.learned import Segmenter, sha256

    for o in overrides:
        const, value = o.split("=")
        if not isinstance(getattr(D, const, None), float):
            raise SystemExit(f"{const}: not one of the detector's constants")
        setattr(D, const, float(value))
        print(f"{const} = {value}")

    seg = Segmenter(Path(model)) if model else Segmenter()
    print(f"model {seg.path} sha256 {sha256(seg.path)[:16]}")
    det = DocumentDetector(segmenter=seg)
    det.detect(np.zeros((720, 1280, 3), np.uint8))  # the model loaded outside the figures
    for name in names:
        meta = pickle.loads((ROOT / f"{name}.meta").read_bytes())
        by_cond: dict[str, list[float]] = defaultdict(list)
        by_kind: dict[str, list[float]] = defaultdict(list)
        ious: list[float] = []
        fp = negatives = missed = 0
        reported: list[int] = []  # the negatives a document was reported on, by frame index
        cpu = naive = 0.0
        for i, (cond, kind, truth) in enumerate(meta):
            img = np.load(ROOT / f"{name}-{i:04d}.npy")
            c0 = time.process_time()
            d = det.detect(img)
            cpu += time.process_time() - c0
            c0 = time.process_time()
            naive_contour(img)
            naive += time.process_time() - c0
            if truth is None:
                negatives += 1
                fp += d is not None
                if d is not None:
                    reported.append(i)
                continue
            v = quad_iou(d.corners, truth) if d is not None else 0.0
            missed += d is None
            ious.append(v)
            by_cond[cond].append(v)
            by_kind[kind].append(v)
        line = f"{name:9} {len(meta):4} frames"
        if ious:
            line += f"  mean IoU {statistics.mean(ious):.4f}  ≥0.90 {sum(v >= 0.9 for v in ious)}/{len(ious)}"
            line += f"  missed {missed}"
        line += f"  negatives {fp}/{negatives}  CPU {cpu / max(naive, 1e-9):.2f}× naive"
        line += f" ({1000 * cpu / len(meta):.1f} ms/frame)"
        print(line + (f"  (on {', '.join(map(str, reported))})" if reported else ""), flush=True)
        for label, table in (("", by_cond), ("kind ", by_kind)):
            for key, vals in sorted(table.items()):
                print(f"    {label}{key:16} {len(vals):4} {statistics.mean(vals):.3f}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["cache", "run"])
    ap.add_argument("--model", default=None, help="an ONNX model file (default: the shipped one)")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("overrides", nargs="*", help="NAME=VALUE: a gate constant of the detector")
    args = ap.parse_args()
    names = args.sets.split(",")
    if args.what == "cache":
        cache(names)
    else:
        run(names, args.model, args.overrides)
    return 0


if __name__ == "__main__":
    sys.exit(main())
