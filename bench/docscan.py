"""Document corners on five independently generated sets (all five tuned on now): mean IoU (SmartDoc 2015's Jaccard index) and time.

    .venv/bin/python bench/docscan.py                # every set in SETS, a few minutes
    .venv/bin/python bench/docscan.py --set fifth    # one set
    .venv/bin/python bench/docscan.py --full         # five times as many frames
    .venv/bin/python bench/docscan.py --classic      # the hand-written pipeline alone (no learned segmenter)

Generators written apart (bench/datasets/README.md): ``tuning`` (``doc_set``: OpenCV
rendering, 1280×720, pinhole camera, scikit-image photographs of its own share) and
``heldout`` (``doc_heldout``: Pillow rendering, Vietnamese text, 1280×960, homography
camera, a disjoint share of photographs, fingers across a side). ``blind`` (``doc_blind``:
numpy/OpenCV rendering, 1440×960, pinhole camera with lens distortion, curled sheets,
mate-backgrounds photographs, hands and pens) and ``fresh`` (``doc_fresh``: its own thin-lens
camera with rolling shutter, a Bayer sensor developed like a camera's, 1600×1200 tray and
1920×1080 wide views, facet-bent sheets, lomiri-wallpapers photographs, held fingers, objects
over an edge, glass and metal trays) were each written by an engineer who read neither the
detector nor the other generators, and each was reported on once, before anyone tuned on it.
``fifth`` (``doc_fifth``: a real 3D rasteriser, OpenGL on Mesa's llvmpipe: sheets as meshes
that curl, fold, sag over the counter's edge or are held up in the air, soft shadows from a
shadow map under window, ceiling and lamp light, depth-of-field from the rendered depth,
passport data pages beside A4, cards and receipts, closed books, magazines, picture frames and
keyboards as negatives, plasma-workspace-wallpapers photographs) was written by a fifth
engineer who read neither the detector nor any other generator, and reported once for issue
#20 with the detector frozen. **All five are training and tuning sets now** (bench seeds 1-5
here; the learned segmenter trains at seeds 1001 and up): the detector's gate and its paper
test (``devices/camera/docscan/paper.py``) were set on these figures, so none of them says how
the detector generalises any more. That figure comes from sets written after the detector is
frozen, which the lead adds here and reports once. ``real`` is not generated: eight real
photographs of documents (pages, a receipt, a banknote) and eight of scenes without one, from
registry packages, with corners placed by hand (``bench/datasets/doc_real.py``); nobody tunes on it.
``found by`` says which path gave each detection: ``learned`` (the net's outline) or
``classic`` (the hand-written pipeline, run only when the net is unsure).
IoU is that of the detected quadrilateral with the ground truth; a missed document counts
0. Negatives must give no document. ``corner order`` counts detections whose four corners
each land nearest their own ground-truth corner (TL, TR, BR, BL as seen upright).

Reference: a naive OpenCV contour finder (grey, blur, Canny, largest 4-point contour) on
the same frames: its IoU and its time per frame, so the detector's cost reads as a multiple.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench.datasets import (  # noqa: E402
    doc_blind,
    doc_eighth,
    doc_fifth,
    doc_fresh,
    doc_heldout,
    doc_ninth,
    doc_real,
    doc_set,
    doc_seventh,
    doc_sixth,
    doc_stripes,
    doc_tenth,
)
from devices.camera.docscan import DocumentDetector, quad_iou  # noqa: E402
from devices.camera.quality import assess  # noqa: E402

# conditions with more than one document in view: the detector's "others" flag should fire there
# (an open passport is one document; it is counted apart, see devices/camera/docscan/__init__.py)
MANY = ("two_cards", "card_on_form", "overlap", "on_other_papers")


# one line per set: name: (samples(seed, count), conditions, default count, seed)
SETS: dict[str, tuple[Callable[[int, int], Iterator], tuple[str, ...], int, int]] = {
    "tuning": (doc_set.samples, doc_set.CONDITIONS, 195, 1),
    "heldout": (doc_heldout.samples, doc_heldout.CONDITIONS, 165, 2),
    "blind": (doc_blind.samples, doc_blind.CONDITIONS, 150, 3),  # written blind; tuned on since
    "fresh": (
        doc_fresh.samples,
        doc_fresh.CONDITIONS,
        150,
        4,
    ),  # written blind, reported once; tuned on since
    # written by other hands, blind to the detector and to the other sets, rendered in 3D;
    # reported once (issue #20), tuned on since
    "fifth": (doc_fifth.samples, doc_fifth.CONDITIONS, 150, 5),
    # written by other hands, blind to the detector and to the other sets, path-traced (Mitsuba 3);
    # added after round 3 froze the detector and reported once (issue #20)
    "sixth": (doc_sixth.samples, doc_sixth.CONDITIONS, 150, 6),  # tuned on since round 4
    # written by other hands, blind to the detector and to the other sets, ray-traced (POV-Ray):
    # a kiosk's tray, half of it small cards and passports; added when round 5 (a retrained net,
    # a cheaper pipeline) was frozen, reported once (issue #20)
    "seventh": (doc_seventh.samples, doc_seventh.CONDITIONS, 150, 7),
    # pages under a blind's or a window's straight shadows at any period, angle and depth
    # (numpy/Pillow, bench/datasets/doc_stripes.py): written with the stripes fix, tuned on
    "stripes": (doc_stripes.samples, doc_stripes.CONDITIONS, 70, 11),
    # written by other hands, blind to the detector and to the other sets, rendered with Blender
    # Cycles (bench/datasets/EIGHTH.md); added when round 9 (cards on forms, straight shadows,
    # passports by their zone, ONNX Runtime) was frozen, reported once (issue #20)
    "eighth": (doc_eighth.samples, doc_eighth.CONDITIONS, 150, 8),
    # written by other hands, blind to the detector and to the other sets, rendered by VTK's
    # real-time PBR rasteriser at 1080p (bench/datasets/NINTH.md); added when round 10 (lone and
    # tinted cards, a card beside a ticket, zones drawn another way) was frozen, reported once
    "ninth": (doc_ninth.samples, doc_ninth.CONDITIONS, 150, 9),
    # written by other hands, blind to the detector and to the other sets, path-traced by
    # LuxCoreRender at 1600x1200 (bench/datasets/TENTH.md); added when round 11 (pale trays, a
    # hand over the document) was frozen, reported once (issue #20)
    "tenth": (doc_tenth.samples, doc_tenth.CONDITIONS, 150, 10),
    # real photographs (jscanify's test photos; opencv-doc's as negatives), corners placed by
    # hand by an engineer who never ran the detector; reported at round 3 (issue #20). Never
    # tuned on: eight documents are a check that figures hold on real pictures, not a training set
    "real": (doc_real.samples, doc_real.CONDITIONS, 16, 0),
}


def naive_contour(frame: np.ndarray) -> np.ndarray | None:
    """The textbook finder: largest contour that simplifies to four points, on a 500 px copy."""
    f = 500 / max(frame.shape[:2])
    small = cv2.resize(frame, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edges = cv2.Canny(gray, 75, 200)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        approx = cv2.approxPolyDP(c, 0.02 * cv2.arcLength(c, True), True)
        if len(approx) == 4 and cv2.contourArea(approx) > 0.03 * gray.size:
            return approx.reshape(4, 2).astype(np.float32) / f
    return None


def run(name: str, count: int, seed: int, det: DocumentDetector) -> None:
    gen, conditions, _, _ = SETS[name]
    ious: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, list[float]] = defaultdict(list)
    naive_ious: list[float] = []
    wall, naive_wall, qual = [], [], []
    cpu_total = naive_cpu = 0.0
    fp = naive_fp = negatives = order_ok = found = 0
    sources: dict[str, int] = defaultdict(int)
    flagged: dict[str, list[bool]] = defaultdict(list)  # "many", "one", "passport_open"
    size = ""
    for s in gen(seed, count):
        size = f"{s.image.shape[1]}×{s.image.shape[0]}"
        c0, t0 = time.process_time(), time.perf_counter()
        d = det.detect(s.image)
        wall.append(time.perf_counter() - t0)
        cpu_total += time.process_time() - c0
        c0, t0 = time.process_time(), time.perf_counter()
        nv = naive_contour(s.image)
        naive_wall.append(time.perf_counter() - t0)
        naive_cpu += time.process_time() - c0
        if d is not None:
            sources[d.source] += 1
            t1 = time.perf_counter()
            assess(s.image, d)
            qual.append(time.perf_counter() - t1)
        if s.corners is None:
            negatives += 1
            fp += d is not None
            naive_fp += nv is not None
            continue
        many = "many" if s.condition in MANY else s.condition if s.condition == "passport_open" else "one"
        flagged[many].append(d is not None and d.others > 0)  # of all frames: a missed one is not flagged
        iou = quad_iou(d.corners, s.corners) if d is not None else 0.0
        naive_ious.append(quad_iou(nv, s.corners) if nv is not None else 0.0)
        if d is not None:
            found += 1
            dist = np.linalg.norm(d.corners[:, None, :] - s.corners[None, :, :], axis=2)
            order_ok += bool((dist.argmin(axis=1) == np.arange(4)).all())
        ious[s.condition].append(iou)
        ious["all"].append(iou)
        kinds[s.kind].append(iou)
    n = len(wall)
    allv = ious["all"]
    ms, naive_ms = statistics.mean(wall) * 1000, statistics.mean(naive_wall) * 1000
    p95 = sorted(wall)[int(0.95 * (n - 1))] * 1000
    print(f"\n== {name} set: {n} frames {size} (seed {seed}): {len(allv)} documents, {negatives} negatives")
    print(
        f"mean IoU {statistics.mean(allv):.4f}   median {statistics.median(allv):.4f}   "
        f"IoU ≥ 0.90: {sum(v >= 0.9 for v in allv)}/{len(allv)}   missed: {len(allv) - found}"
    )
    print(f"documents reported on negatives: {fp}/{negatives}   corner order right: {order_ok}/{found}")
    print(
        f"more than one document flagged: hits {sum(flagged['many'])}/{len(flagged['many'])}, "
        f"false alarms {sum(flagged['one'])}/{len(flagged['one'])}"
        + (
            f", open passports {sum(flagged['passport_open'])}/{len(flagged['passport_open'])}"
            if flagged["passport_open"]
            else ""
        )
    )
    print("found by: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    print(
        f"detection: {ms:.1f} ms/frame (p95 {p95:.1f}), CPU {cpu_total / n * 1000:.1f} ms/frame;  "
        f"quality checks: {statistics.mean(qual) * 1000 if qual else 0:.1f} ms/frame"
    )
    print(
        f"naive contour finder: {naive_ms:.1f} ms/frame, CPU {naive_cpu / n * 1000:.1f} ms/frame, "
        f"mean IoU {statistics.mean(naive_ious):.4f}, {naive_fp}/{negatives} negatives reported"
    )
    print(
        f"detector / naive time: {ms / naive_ms:.2f}× wall, {cpu_total / max(naive_cpu, 1e-9):.2f}× CPU "
        "(CPU is the steadier figure on a shared machine)"
    )
    print(f"{'condition':16} {'n':>4} {'mean IoU':>9} {'≥ 0.90':>7} {'min':>6}")
    for c in conditions:
        if ious[c]:
            v = ious[c]
            print(
                f"{c:16} {len(v):>4} {statistics.mean(v):>9.3f} {sum(x >= 0.9 for x in v):>7} {min(v):>6.3f}"
            )
    for k, v in sorted(kinds.items()):
        print(
            f"kind {k:11} {len(v):>4} {statistics.mean(v):>9.3f} {sum(x >= 0.9 for x in v):>7} {min(v):>6.3f}"
        )


def photo_negatives(count: int, seed: int, det: DocumentDetector) -> None:
    """False documents on photographs alone (tuning share, crops at 1-3x): the stress test of "null"."""
    fp = 0
    for i in range(count):
        fp += det.detect(doc_set.photo_negative(seed, i).image) is not None
    print(
        f"\n== photo negatives (tuning share of photographs, seed {seed}): documents reported on {fp}/{count}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--set", choices=[*SETS, "both", "all"], default="all", help="one set, or all (both: the same)"
    )
    ap.add_argument("--count", type=int, default=None, help="frames per set (default: the set's own)")
    ap.add_argument("--full", action="store_true", help="five times the default count")
    ap.add_argument("--seed", type=int, default=None, help="default: the set's own")
    ap.add_argument(
        "--classic", action="store_true", help="the hand-written pipeline alone (no learned segmenter)"
    )
    args = ap.parse_args()
    det = DocumentDetector(segmenter=None) if args.classic else DocumentDetector()
    for name in list(SETS) if args.set in ("both", "all") else [args.set]:
        _, _, default_count, default_seed = SETS[name]
        count = args.count or default_count * (5 if args.full else 1)
        run(name, count, args.seed if args.seed is not None else default_seed, det)
    if args.set in ("tuning", "both", "all"):
        photo_negatives(120 * (5 if args.full else 1), 9, det)
    return 0


if __name__ == "__main__":
    sys.exit(main())
