"""The detector made cheaper must give the same answers: record the frozen one's, compare a new run.

    PYTHONPATH=$PWD python -m bench.docseg.same_answers cache                  # the frames, once (~3 GB)
    PYTHONPATH=$PWD python -m bench.docseg.same_answers record --out /tmp/speed-docscan/frozen.pkl
    PYTHONPATH=$PWD python -m bench.docseg.same_answers compare --against /tmp/speed-docscan/frozen.pkl

Every frame of the six sets of ``bench/docscan.py`` (at their bench seeds and default counts),
its photo negatives and its real photographs. Only the frames are stored, never the ground truth: an answer is
compared with the frozen answer, not with the truth. Record a new reference whenever answers
change on purpose (the paper test of round 3 turned away answers on negatives, and nothing on a
document, of the five sets).

Two answers are the same when both are None, or both are found by the same path and every
corner (TL, TR, BR, BL) lies within ``TOLERANCE`` pixels of the frozen one's. 0.05 px is far
below what the IoU can tell (a corner moved 0.05 px changes the IoU of a 100 px card by about
1e-3 at most) yet above floating-point reordering noise (float32 sums in another order, a
resize's rounding): a change in any decision (another candidate, another threshold crossed)
moves corners by pixels, not hundredths. CPU per frame is ``time.process_time`` around
``detect`` (all threads of the process, which is what the machine pays), per set.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path("/tmp/speed-docscan")
TOLERANCE = 0.05  # px, per corner coordinate pair (Euclidean)
# the six generated sets, the photo negatives and the real photographs (answers compared with
# answers only: no truth is read, so nothing here tunes on ``real``)
SETS = ("tuning", "heldout", "blind", "fresh", "fifth", "sixth", "photoneg", "real")


def cache() -> None:
    from bench.datasets import doc_set
    from bench.docscan import SETS as BENCH_SETS

    ROOT.mkdir(exist_ok=True)
    for name, (gen, _, count, seed) in BENCH_SETS.items():
        if name not in SETS:
            continue  # a set kept back to be reported once (bench/docscan.py says which) is not cached here
        n = 0
        for i, s in enumerate(gen(seed, count)):
            np.save(ROOT / f"{name}-{i:04d}.npy", s.image)  # the image only: no truth is kept
            n += 1
        (ROOT / f"{name}.count").write_text(str(n))
        print(name, n, flush=True)
    for i in range(120):  # bench/docscan.py's photo negatives: seed 9, 120 frames
        np.save(ROOT / f"photoneg-{i:04d}.npy", doc_set.photo_negative(9, i).image)
    (ROOT / "photoneg.count").write_text("120")


def frames(name: str, step: int = 1):
    n = int((ROOT / f"{name}.count").read_text())
    for i in range(0, n, step):
        yield i, np.load(ROOT / f"{name}-{i:04d}.npy")


def answers(step: int = 1, sets: tuple[str, ...] = SETS) -> dict[str, dict]:
    """Per set: each frame's answer (corners or None, and the path) and the CPU of each detect."""
    from devices.camera.docscan import DocumentDetector

    det = DocumentDetector()
    det.detect(np.zeros((720, 1280, 3), np.uint8))  # the model loaded outside the figures
    out: dict[str, dict] = {}
    for name in sets:
        got, cpu = {}, {}
        for i, img in frames(name, step):
            c0 = time.process_time()
            d = det.detect(img)
            cpu[i] = time.process_time() - c0
            got[i] = None if d is None else (d.source, np.asarray(d.corners, np.float64).copy())
        out[name] = {"answers": got, "cpu": cpu}
        print(f"{name}: {len(got)} frames, CPU {1000 * np.mean(list(cpu.values())):.2f} ms/frame", flush=True)
    return out


def differ(a, b) -> float | None:
    """None when the two answers are the same; else how far apart (inf for another path or None)."""
    if a is None and b is None:
        return None
    if a is None or b is None or a[0] != b[0]:
        return float("inf")
    dist = float(np.linalg.norm(a[1] - b[1], axis=1).max())
    return None if dist <= TOLERANCE else dist


def compare(frozen: dict, new: dict) -> int:
    bad = 0
    print(
        f"{'set':9} {'frames':>6} {'differ':>6} {'max Δ px':>9} {'CPU before':>11} {'CPU after':>10} {'ratio':>6}"
    )
    for name, run in new.items():
        old = frozen[name]
        common = [i for i in run["answers"] if i in old["answers"]]
        worst, diffs = 0.0, []
        for i in common:
            a, b = old["answers"][i], run["answers"][i]
            if a is not None and b is not None and a[0] == b[0]:
                worst = max(worst, float(np.linalg.norm(a[1] - b[1], axis=1).max()))
            d = differ(a, b)
            if d is not None:
                diffs.append((i, d, a, b))
        before = 1000 * np.mean([old["cpu"][i] for i in common])
        after = 1000 * np.mean([run["cpu"][i] for i in common])
        print(
            f"{name:9} {len(common):>6} {len(diffs):>6} {worst:>9.4f} {before:>9.2f}ms {after:>8.2f}ms "
            f"{after / before:>6.2f}"
        )
        for i, d, a, b in diffs:
            fmt = lambda x: "None" if x is None else f"{x[0]} {np.round(x[1], 2).tolist()}"  # noqa: E731
            print(f"   {name}-{i:04d}: {d:.3f} px   frozen {fmt(a)}   new {fmt(b)}")
        bad += len(diffs)
    print(f"frames whose answer differs: {bad}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["cache", "record", "compare"])
    ap.add_argument("--out", type=Path, default=ROOT / "frozen.pkl")
    ap.add_argument("--against", type=Path, action="append", help="recorded answers (repeatable: merged)")
    ap.add_argument("--step", type=int, default=1, help="every step-th frame (a quick look)")
    ap.add_argument("--set", action="append", choices=SETS, help="only these sets (repeatable)")
    args = ap.parse_args()
    sets = tuple(args.set) if args.set else SETS
    if args.what == "cache":
        cache()
        return 0
    run = answers(args.step, sets)
    if args.what == "record":
        args.out.write_bytes(pickle.dumps(run))
        return 0
    frozen: dict[str, dict] = {}
    for path in args.against or [ROOT / "frozen.pkl"]:
        frozen.update(pickle.loads(path.read_bytes()))
    return 1 if compare(frozen, run) else 0


if __name__ == "__main__":
    sys.exit(main())
