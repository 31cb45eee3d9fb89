"""Zones read with every check digit right, set by set: on the true outline and on the detector's, and the CPU of a read.

    PYTHONPATH=$PWD python -m bench.docseg.mrz_reads --set eighth --set seventh

For each frame whose document holds a zone the finder sees (:func:`.mrz_band.find_band` on the
truth's corners; the detector's ``detect`` then ``read_zone``, as a capture does), the page is
flattened as the session stores it and :func:`.mrz_read.read_zone_text` reads it. A read is
"right" when it equals the zone printed, known for the eighth set (its plan is drawn again and
the zone it printed kept); elsewhere the printed zone is unknown and only the reads are counted.
Nothing read is printed: the bench says counts, never a zone's text.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from bench.docscan import SETS
from devices.camera.docscan import DocumentDetector, warp
from devices.camera.docscan.detector import read_zone
from devices.camera.docscan.mrz_band import find_band, upright_from
from devices.camera.docscan.mrz_read import read_zone_text

CACHE = Path.home() / ".cache" / "kiosk-bench" / "doc_eighth"


def eighth_zone(index: int, seed: int = 8) -> str | None:
    """The zone the eighth set printed on frame ``index`` (its plan drawn again), or None."""
    from bench.datasets import doc_eighth, eighth_print
    from bench.datasets.eighth_plan import frame_plan

    metas = sorted(CACHE.glob(f"eighth-*-s{seed}-{index:04d}-*.json"))
    if not metas:
        return None
    plan = frame_plan(seed, index, json.loads(metas[-1].read_text()).get("attempt", 0))
    spec = plan.get("document", {}).get("print", {})
    if spec.get("what") not in ("passport_data_page", "cccd_back"):
        return None
    kept: list[str] = []
    originals = eighth_print.passport_mrz, eighth_print.cccd_mrz
    try:
        eighth_print.passport_mrz = lambda *a: kept.append(originals[0](*a)) or kept[-1]  # type: ignore[assignment]
        eighth_print.cccd_mrz = lambda *a: kept.append(originals[1](*a)) or kept[-1]  # type: ignore[assignment]
        doc_eighth._draw(spec)
    finally:
        eighth_print.passport_mrz, eighth_print.cccd_mrz = originals
    return kept[-1].strip() if kept else None


def _read(image: np.ndarray, corners: np.ndarray, fmt: str) -> tuple[str | None, float]:
    page = warp(image, corners, kind="passport" if fmt == "TD3" else "card", ordered=True)
    c0 = time.process_time()
    reading = read_zone_text(page, fmt)
    return (None if reading is None else reading.text), time.process_time() - c0


def run(name: str, det: DocumentDetector) -> None:
    gen, _, count, seed = SETS[name]
    tally = {k: [0, 0, 0, 0] for k in ("true outline", "detector")}  # zones, reads, right, wrong
    cpu: list[float] = []
    for i, s in enumerate(gen(seed, count)):
        truth = eighth_zone(i, seed) if name == "eighth" and s.kind in ("passport", "id_card") else None
        outlines = []
        if s.corners is not None:
            band = find_band(s.image, np.asarray(s.corners, np.float32))
            if band is not None:
                outlines.append(("true outline", upright_from(s.corners, band.side), band.fmt))
        found = det.detect(s.image)
        if found is not None:
            found = read_zone(found, s.image)
            if found.mrz in ("TD3", "TD1"):
                outlines.append(("detector", found.corners, found.mrz))
        for key, corners, fmt in outlines:
            text, dt = _read(s.image, np.asarray(corners, np.float32), fmt)
            cpu.append(dt)
            t = tally[key]
            t[0] += 1
            if text is not None:
                t[1] += 1
                if truth is not None:
                    t[2 if text == truth else 3] += 1
                if s.corners is None or s.kind not in ("passport", "id_card"):
                    print(f"  {i:4d} {s.kind}: a zone read on what holds none")
    for key, (zones, reads, right, wrong) in tally.items():
        known = f"; right {right}, wrong {wrong}" if name == "eighth" else ""
        print(f"{name} {key}: zones {zones}, read with every check digit right {reads}{known}")
    if cpu:
        print(
            f"{name}: CPU of a read {1000 * float(np.mean(cpu)):.0f} ms mean, {1000 * max(cpu):.0f} ms max ({len(cpu)} reads)"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", choices=list(SETS), help="default: every set")
    args = ap.parse_args()
    det = DocumentDetector()
    for name in args.set or list(SETS):
        run(name, det)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
