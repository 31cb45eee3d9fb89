"""The detector's gate replayed over the stored tables of :mod:`bench.docseg.gate_table`: a threshold tried in seconds.

    PYTHONPATH=$PWD python -m bench.docseg.gate_replay                       # the shipped thresholds
    PYTHONPATH=$PWD python -m bench.docseg.gate_replay ACCEPT=0.65 ALONE=2    # others
    PYTHONPATH=$PWD python -m bench.docseg.gate_replay --sweep ACCEPT=0.6,0.7,0.8

Mirrors ``DocumentDetector.detect`` (devices/camera/docscan/detector.py) rule for rule; the
thresholds default to the detector's own constants. Per set: mean IoU, documents missed,
negatives reported, and the CPU per frame against the naive finder's (measured while the
tables were made: a shared machine inflates it; ``bench/docscan.py`` gives the figure to quote).
Only the four training/tuning sets and the photo negatives are in the tables.

Not replayed: the paper test (``devices/camera/docscan/paper.py``) that every answer but a
plain classic-alone one must also pass. The tables hold no picture, so the replay gives the
gate's answers before it; the test can only turn answers away (into the next path's, or
none). ``bench/docscan.py`` measures the whole detector.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from devices.camera.docscan import detector as D
from devices.camera.docscan.detector import _agreement
from devices.camera.docscan.geometry import quad_iou
from devices.camera.docscan.learned import IN_H, IN_W

NAMES = ("ACCEPT", "AGREE", "ALONE", "SAME", "FALLBACK", "ZOOM_BELOW", "SMALL_PAGE")


def load(small: Path, large: Path, net: Path, nolines: tuple[Path, Path] | None = None) -> list[dict]:
    """One row per frame: the classic pipeline at MIN_AREA and at CLASSIC_MIN_AREA, and the net.

    With ``nolines`` (the two classic tables made with ``--no-lines``), frames where the net sees
    no page take their classic answers from those, as the detector does.
    """
    rows = []
    tables = [pickle.loads(p.read_bytes()) for p in (small, large, net)]
    if nolines:
        bare = [pickle.loads(p.read_bytes()) for p in nolines]
        for i, n in enumerate(tables[2]):
            if n["learned"] is None:
                tables[0][i], tables[1][i] = bare[0][i], bare[1][i]
    for c, b, n in zip(*tables, strict=True):
        r = {**c, **n}
        for k in ("classic", "classic_sup", "classic_cpu", "classic_iou"):
            r[k + "_big"] = b[k]
        r["agree_big"] = (
            _agreement(b["classic"], n["prob"], c["W"] / IN_W, c["H"] / IN_H)
            if b["classic"] is not None
            else 0.0
        )
        r["lz"] = (
            quad_iou(r["learned"], r["zoom"]) if r["learned"] is not None and r["zoom"] is not None else 0.0
        )
        rows.append(r)
    return rows


def gate(r: dict, p: dict) -> tuple[float | None, float]:
    """(IoU of the answer or None, CPU seconds) under thresholds ``p``."""
    cpu = r["pre_cpu"] + r["net_cpu"]
    liou, conf, use = None, -1.0, False
    if r["learned"] is not None:
        liou, conf, use = r["learned_iou"], r["conf"], r["usable"]
        if r["mask_area"] < p["ZOOM_BELOW"]:
            cpu += r["zoom_cpu"]
            if r["zoom"] is not None and r["zoom_conf"] > conf:
                if r["lz"] < p["SAME"] or not use:
                    liou, use = r["zoom_iou"], r["zoom_usable"]
                conf = r["zoom_conf"]
    if use and conf >= p["ACCEPT"]:
        return liou, cpu + r["refine_cpu"]
    big = "" if r["mask_area"] < p["SMALL_PAGE"] else "_big"
    cpu += r["classic_cpu" + big]
    if r["classic" + big] is not None and (
        r["classic_sup" + big] >= p["ALONE"] or r["agree" + big] >= p["AGREE"]
    ):
        return r["classic_iou" + big], cpu
    if use and conf >= p["FALLBACK"]:
        return liou, cpu + r["refine_cpu"]
    return None, cpu


def report(rows: list[dict], p: dict) -> str:
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["set"]].append(r)
    out = []
    for name, rs in by.items():
        ious, fp, neg, cpu, naive = [], 0, 0, 0.0, 0.0
        for r in rs:
            v, c = gate(r, p)
            cpu, naive = cpu + c, naive + r["naive_cpu"]
            if r["truth"] is None:
                neg, fp = neg + 1, fp + (v is not None)
            else:
                ious.append(0.0 if v is None else v)
        mean = f"{statistics.mean(ious):.4f}" if ious else "  -   "
        missed = sum(1 for r in rs if r["truth"] is not None and gate(r, p)[0] is None)
        out.append(f"{name} {mean} missed {missed} neg {fp}/{neg} cpu {cpu / naive:.2f}x")
    return " | ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("overrides", nargs="*", help="NAME=VALUE")
    ap.add_argument("--sweep", default=None, help="NAME=V1,V2,...")
    ap.add_argument("--small", default="/tmp/gate-classic-0.008.pkl")
    ap.add_argument("--large", default="/tmp/gate-classic-0.03.pkl")
    ap.add_argument("--net", default="/tmp/gate-net.pkl")
    ap.add_argument(
        "--nolines", default="/tmp/gate-classic-nolines-0.008.pkl,/tmp/gate-classic-nolines-0.03.pkl"
    )
    args = ap.parse_args()
    p = {k: getattr(D, k) for k in NAMES}
    for o in args.overrides:
        k, v = o.split("=")
        p[k] = float(v)
    bare = args.nolines.split(",")
    rows = load(Path(args.small), Path(args.large), Path(args.net), (Path(bare[0]), Path(bare[1])))
    if args.sweep:
        k, vs = args.sweep.split("=")
        for v in vs.split(","):
            print(f"{k}={v}: {report(rows, {**p, k: float(v)})}")
    else:
        print(report(rows, p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
