"""The process that renders tenth-set frames (LuxCore must be loaded after numpy and OpenCV,
and crashes at interpreter exit, so it lives in a child process that leaves with os._exit).

    python -m bench.datasets.tenth_worker frames --seed 10 --size 1600x1200 --out DIR --indices 0 1 2
    python -m bench.datasets.tenth_worker sentinel --size 640x480 --seed 3
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import cv2  # noqa: F401  (before pyluxcore: see tenth_render)
import numpy as np

from bench.datasets.tenth_layout import compose
from bench.datasets.tenth_optics import develop
from bench.datasets.tenth_render import render
from bench.datasets.tenth_schedule import plan


def render_frame(seed: int, index: int, size: tuple[int, int], out: Path) -> None:
    frame = plan(seed, index)
    t0 = time.perf_counter()
    comp = compose(frame, size)
    linear, timings = render(comp.stage, comp.camera, comp.spp)
    image = develop(linear, comp.sensor, np.random.default_rng([20_010, seed, index]))
    corners = None if comp.corners_world is None else comp.camera.project(comp.corners_world).tolist()
    record = {
        "name": frame.name,
        "condition": frame.condition,
        "kind": frame.kind,
        "corners": corners,
        "size": list(size),
        "spp": comp.spp,
        "seconds": {**timings, "total_s": time.perf_counter() - t0},
    }
    out.mkdir(parents=True, exist_ok=True)
    tmp_png, tmp_json = out / f".{index:04d}.png", out / f".{index:04d}.json"
    cv2.imwrite(str(tmp_png), image)
    tmp_json.write_text(json.dumps(record))
    # the PNG last: a reader takes the PNG's presence to mean the frame is complete
    tmp_json.rename(out / f"{index:04d}.json")
    tmp_png.rename(out / f"{index:04d}.png")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["frames", "sentinel"])
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--size", default="1600x1200")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--indices", nargs="*", type=int, default=[])
    args = ap.parse_args(argv)
    w, h = (int(v) for v in args.size.split("x"))
    if args.what == "frames":
        for i in args.indices:
            render_frame(args.seed, i, (w, h), args.out)
            print(f"rendered {i}", flush=True)
    else:
        from bench.datasets.tenth_sentinel import check

        print(json.dumps(check(args.seed, (w, h))), flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
