"""The ninth document scene set: 1080p document-camera frames rendered by VTK's real-time
physically based rasteriser, written blind (without reading the detector or the other sets).

``python -m bench.datasets.doc_ninth --seed 9 --count 150`` renders what is not cached and
prints the counts per condition and kind. Frames are cached as PNG + JSON under
``${KIOSK_BENCH_CACHE:-~/.cache/kiosk-bench}/doc_ninth/``, keyed by seed, index, size and
CODE_VERSION. See NINTH.md beside this file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from bench.datasets.ninth_plan import CONDITIONS, plan

__all__ = ["CODE_VERSION", "CONDITIONS", "Sample", "samples"]

#: Bumped whenever a frame's pixels or truth would change; cached frames of other versions are
#: ignored (not deleted). ninth-2: read noise was ten times a webcam's (dim frames were snow).
#: ninth-3: past ~26 image-based-light renderers in one window textures stopped binding (from
#: frame 43 of seed 9 on); 12 panoramas now (6 offices, 2 strengths) and a cap on renderers.
#: ninth-4: a reopened form that dipped in the middle sank through the tray; paper now rests
#: on its lowest point.
CODE_VERSION = "ninth-4"

WIDTH, HEIGHT = 1920, 1080


@dataclass
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray
    corners: np.ndarray | None


def cache_dir() -> Path:
    root = os.environ.get("KIOSK_BENCH_CACHE") or str(Path.home() / ".cache" / "kiosk-bench")
    return Path(root) / "doc_ninth"


def _paths(seed: int, index: int, width: int, height: int) -> tuple[Path, Path]:
    stem = cache_dir() / f"s{seed}-{index:04d}-{width}x{height}-{CODE_VERSION}"
    return stem.with_suffix(".png"), stem.with_suffix(".json")


def render_sample(seed: int, index: int, width: int = WIDTH, height: int = HEIGHT) -> Sample:
    """Render one frame (no cache)."""
    # Imported here: reading a cached set needs neither VTK nor an OpenGL context.
    from bench.datasets import ninth_camera, ninth_render, ninth_stage

    p = plan(seed, index)
    scene = ninth_stage.build(p)
    rendered = ninth_render.render(scene, width, height)
    image = ninth_camera.develop(rendered, scene.camera, scene.look, p.rng(7))
    return Sample(p.name, p.condition, p.kind, image, rendered.corners)


def sample(seed: int, index: int, width: int = WIDTH, height: int = HEIGHT, cache: bool = True) -> Sample:
    png, meta = _paths(seed, index, width, height)
    if cache and png.exists() and meta.exists():
        info = json.loads(meta.read_text())
        corners = None if info["corners"] is None else np.array(info["corners"], np.float32)
        image = cv2.imread(str(png), cv2.IMREAD_COLOR)
        if image is not None:
            return Sample(info["name"], info["condition"], info["kind"], image, corners)
    s = render_sample(seed, index, width, height)
    if cache:
        png.parent.mkdir(parents=True, exist_ok=True)
        tmp = png.with_suffix(".tmp.png")
        cv2.imwrite(str(tmp), s.image)
        tmp.replace(png)
        corners = None if s.corners is None else s.corners.tolist()
        info = {
            "name": s.name,
            "condition": s.condition,
            "kind": s.kind,
            "corners": corners,
            "code_version": CODE_VERSION,
        }
        meta.write_text(json.dumps(info))
    return s


def samples(
    seed: int, count: int, width: int = WIDTH, height: int = HEIGHT, cache: bool = True
) -> Iterator[Sample]:
    for index in range(count):
        yield sample(seed, index, width, height, cache)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--start", type=int, default=0, help="first index (to render a range)")
    ap.add_argument("--width", type=int, default=WIDTH)
    ap.add_argument("--height", type=int, default=HEIGHT)
    args = ap.parse_args(argv)
    conditions: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    t0 = time.monotonic()
    for index in range(args.start, args.count):
        t = time.monotonic()
        s = sample(args.seed, index, args.width, args.height)
        conditions[s.condition] += 1
        kinds[s.kind] += 1
        print(f"{s.name}: {time.monotonic() - t:.1f} s", file=sys.stderr, flush=True)
    print(f"{sum(kinds.values())} frames in {time.monotonic() - t0:.1f} s, cached in {cache_dir()}")
    for name, counter in (("condition", conditions), ("kind", kinds)):
        print(f"per {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
