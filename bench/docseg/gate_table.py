"""Both paths' answers on every benchmark frame, once, so that the detector's gate is set by measurement.

    PYTHONPATH=$PWD python -m bench.docseg.gate_table cache                       # the sets' frames, once
    PYTHONPATH=$PWD python -m bench.docseg.gate_table classic --min-area 0.008   # and 0.03, each also --no-lines
    PYTHONPATH=$PWD python -m bench.docseg.gate_table net [--model F] --out /tmp/gate-net.pkl
    PYTHONPATH=$PWD python -m bench.docseg.gate_replay [NAME=VALUE ...]           # the gate over them

The gate (``devices/camera/docscan/detector.py``) picks between the net's outline and the
classic pipeline's. Running the detector once per candidate rule would re-run the classic
pipeline (most of the time) for every threshold tried; this stores, per frame, what each path
says and what it costs (the classic pipeline's once, it does not depend on the model; the net's
per model), and :mod:`bench.docseg.gate_replay` replays a rule set over the tables in seconds.
Only the four training/tuning sets (bench seeds 1-4) and the photo negatives are used here.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from bench.datasets import doc_blind, doc_fresh, doc_heldout, doc_set
from devices.camera.docscan import quad_iou
from devices.camera.docscan.detector import DocumentDetector, _agreement, _corners_in_view
from devices.camera.docscan.geometry import plausible
from devices.camera.docscan.learned import IN_H, IN_W, Segmenter, quad_from_mask

SETS = {
    "tuning": (doc_set.samples, 195, 1),
    "heldout": (doc_heldout.samples, 165, 2),
    "blind": (doc_blind.samples, 150, 3),
    "fresh": (doc_fresh.samples, 150, 4),
}
ROOT = Path("/tmp/gate-bench")


def cache() -> None:
    ROOT.mkdir(exist_ok=True)
    for name, (gen, count, seed) in SETS.items():
        meta = []
        for i, s in enumerate(gen(seed, count)):
            np.save(ROOT / f"{name}-{i:04d}.npy", s.image)
            meta.append((s.condition, getattr(s, "kind", "none"), s.corners))
        (ROOT / f"{name}.meta").write_bytes(pickle.dumps(meta))
        print(name, len(meta), flush=True)
    meta = []
    for i in range(120):
        s = doc_set.photo_negative(9, i)
        np.save(ROOT / f"photoneg-{i:04d}.npy", s.image)
        meta.append(("negative", "none", None))
    (ROOT / "photoneg.meta").write_bytes(pickle.dumps(meta))


def frames(names: list[str]):
    for name in names:
        meta = pickle.loads((ROOT / f"{name}.meta").read_bytes())
        for i, (cond, kind, corners) in enumerate(meta):
            yield name, cond, kind, corners, np.load(ROOT / f"{name}-{i:04d}.npy")


def _cpu(fn, *a):
    c0 = time.process_time()
    out = fn(*a)
    return out, time.process_time() - c0


def _pre(img: np.ndarray, work_side: int) -> tuple[np.ndarray, np.ndarray]:
    """The detector's own halvings to the working copy, and the full-resolution grey."""
    small = img
    while max(small.shape[:2]) >= 2 * work_side:
        hh, ww = small.shape[:2]
        small = cv2.resize(
            small[: hh - hh % 2, : ww - ww % 2], (ww // 2, hh // 2), interpolation=cv2.INTER_AREA
        )
    return small, cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def classic_table(min_area: float, names: list[str], lines: bool = True) -> list[dict]:
    """Per frame: the truth, the naive finder's CPU, the classic pipeline's outline and CPU."""
    from bench.docscan import naive_contour

    det = DocumentDetector(segmenter=None, min_area=min_area)
    rows = []
    for name, cond, kind, truth, img in frames(names):
        H, W = img.shape[:2]
        _, naive = _cpu(naive_contour, img)
        (small, gray), t_pre = _cpu(_pre, img, det.work_side)
        found, t_cl = _cpu(det._classic, img, small, gray, min_area, lines)
        r = dict(set=name, condition=cond, kind=kind, truth=truth, W=W, H=H, naive_cpu=naive, pre_cpu=t_pre)
        r["area"] = 0.0 if truth is None else abs(cv2.contourArea(np.asarray(truth, np.float32))) / (H * W)
        r["classic"], r["classic_sup"], r["classic_cpu"] = None, 0.0, t_cl
        r["classic_iou"] = 0.0
        if found:  # the classic pipeline's first choice (a page on a book before the book)
            r["classic"] = det._detection(found[0][0], found[0][1], W, H).corners
            r["classic_sup"] = found[0][1]
            if truth is not None:
                r["classic_iou"] = quad_iou(r["classic"], truth)
        rows.append(r)
        if len(rows) % 100 == 0:
            print(len(rows), flush=True)
    return rows


def net_table(model: str | None, min_area: float, names: list[str], classic: list[dict]) -> list[dict]:
    """Per frame: the net's probability map's summary, its refined outline, its agreement with classic's."""
    seg = Segmenter(Path(model)) if model else Segmenter()
    det = DocumentDetector(segmenter=seg, min_area=min_area)
    rows = []
    for (_name, _, _, truth, img), c in zip(frames(names), classic, strict=True):
        H, W = img.shape[:2]
        small, gray = _pre(img, det.work_side)

        def net(small=small):
            p = seg.probability(small)
            return p, quad_from_mask(p, min_area)

        (prob, mq), t_net = _cpu(net)
        sx, sy = W / IN_W, H / IN_H
        r = dict(net_cpu=t_net, prob_max=float(prob.max()), conf=-1.0, mask_area=0.0, usable=False)
        r.update(learned=None, learned_iou=0.0, refine_cpu=0.0, agree=0.0, prob=prob)
        if mq is not None:
            full = det._to_frame(mq.corners, sx, sy)
            r.update(conf=mq.confidence, mask_area=mq.area)
            r["usable"] = _corners_in_view(full, W, H) >= 3 and plausible(full, W, H)
            q, r["refine_cpu"] = _cpu(det._refined, full, small, gray, sx)
            r["learned"] = det._detection(q, 0, W, H).corners
            if truth is not None:
                r["learned_iou"] = quad_iou(r["learned"], truth)
        r.update(zoom_conf=-1.0, zoom_usable=False, zoom_iou=0.0, zoom_cpu=0.0, zoom=None)
        if mq is not None and mq.area < 0.15:
            z, r["zoom_cpu"] = _cpu(det._zoomed, img, small, full)
            if z is not None:
                zq, zfull, zx = z
                r["zoom_conf"] = zq.confidence
                r["zoom_usable"] = _corners_in_view(zfull, W, H) >= 3 and plausible(zfull, W, H)
                q, t = _cpu(det._refined, zfull, small, gray, zx)
                r["zoom_cpu"] += t
                r["zoom"] = det._detection(q, 0, W, H).corners
                if truth is not None:
                    r["zoom_iou"] = quad_iou(r["zoom"], truth)
        if c["classic"] is not None:
            r["agree"] = _agreement(c["classic"], prob, sx, sy)
        rows.append(r)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["cache", "classic", "net"])
    ap.add_argument("--model", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--classic-table", default="/tmp/gate-classic-0.01.pkl")
    ap.add_argument("--min-area", type=float, default=0.01)
    ap.add_argument("--sets", default="tuning,heldout,blind,fresh,photoneg")
    ap.add_argument("--no-lines", action="store_true", help="classic: without the line candidates")
    args = ap.parse_args()
    names = args.sets.split(",")
    if args.what == "cache":
        cache()
    elif args.what == "classic":
        tag = "-nolines" if args.no_lines else ""
        out = Path(args.out or f"/tmp/gate-classic{tag}-{args.min_area}.pkl")
        out.write_bytes(pickle.dumps(classic_table(args.min_area, names, not args.no_lines)))
    else:
        classic = pickle.loads(Path(args.classic_table).read_bytes())
        out = Path(args.out or "/tmp/gate-net.pkl")
        out.write_bytes(pickle.dumps(net_table(args.model, args.min_area, names, classic)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
