"""The tenth document set: kiosk tray scenes path-traced by LuxCoreRender, written blind.

Frames are 1600 x 1200 (a 2-megapixel 4:3 document camera). Which document, condition and scene
each frame shows is a function of (seed, index) (tenth_schedule); the scene is built in
tenth_layout, path-traced in a child process (tenth_worker: LuxCore must not share a process
with the caller's libraries) and cached as PNG + JSON under
``${KIOSK_BENCH_CACHE:-~/.cache/kiosk-bench}/doc_tenth/``, keyed by CODE_VERSION, seed, size
and index.

    python -m bench.datasets.doc_tenth --seed 10 --count 150
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from bench.datasets.tenth_schedule import CONDITIONS

__all__ = ["CODE_VERSION", "CONDITIONS", "SIZE", "Sample", "cache_dir", "samples"]

# 1 and 2 were stopped after 21 and 24 frames and deleted: 1 had blotchy light and dashed
# edges; 2 blurred glossy cards (LuxCore's albedo output is zero for gloss under 0.05)
CODE_VERSION = "3"
SIZE = (1600, 1200)


@dataclass
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray
    corners: np.ndarray | None


def cache_dir(seed: int, size: tuple[int, int] = SIZE) -> Path:
    root = Path(os.environ.get("KIOSK_BENCH_CACHE", Path.home() / ".cache" / "kiosk-bench"))
    return root / "doc_tenth" / f"v{CODE_VERSION}" / f"seed{seed}_{size[0]}x{size[1]}"


def _read(directory: Path, index: int) -> Sample:
    record = json.loads((directory / f"{index:04d}.json").read_text())
    image = cv2.imread(str(directory / f"{index:04d}.png"), cv2.IMREAD_COLOR)
    if image is None:
        raise OSError(f"unreadable cached frame {directory / f'{index:04d}.png'}")
    corners = None if record["corners"] is None else np.asarray(record["corners"], np.float32)
    return Sample(record["name"], record["condition"], record["kind"], image, corners)


def _worker(seed: int, size: tuple[int, int], out: Path, indices: list[int]) -> subprocess.Popen[bytes]:
    root = Path(__file__).resolve().parents[2]
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    cmd = [
        sys.executable,
        "-m",
        "bench.datasets.tenth_worker",
        "frames",
        "--seed",
        str(seed),
        "--size",
        f"{size[0]}x{size[1]}",
        "--out",
        str(out),
        "--indices",
        *map(str, indices),
    ]
    with (out / "worker.log").open("ab") as log:
        return subprocess.Popen(cmd, env=env, stdout=log, stderr=log)


def samples(seed: int, count: int, size: tuple[int, int] = SIZE) -> Iterator[Sample]:
    """The first `count` frames of `seed`, rendered on first use (one LuxCore thread) and cached."""
    directory = cache_dir(seed, size)
    missing = [i for i in range(count) if not (directory / f"{i:04d}.png").is_file()]
    worker = _worker(seed, size, directory, missing) if missing else None
    try:
        for i in range(count):
            png = directory / f"{i:04d}.png"
            while not png.is_file():
                if worker is None or worker.poll() is not None:
                    log = (directory / "worker.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"the renderer stopped before frame {i}; its log ends:\n{log}")
                time.sleep(0.2)
            yield _read(directory, i)
    finally:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            worker.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}")
    args = ap.parse_args(argv)
    size = tuple(int(v) for v in args.size.split("x"))
    assert len(size) == 2
    by_condition: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    t0 = time.perf_counter()
    for s in samples(args.seed, args.count, (size[0], size[1])):
        by_condition[s.condition] += 1
        by_kind[s.kind] += 1
        print(f"{s.name}  {time.perf_counter() - t0:7.1f} s", flush=True)
    print(
        f"{sum(by_kind.values())} frames in {time.perf_counter() - t0:.1f} s, cached in {cache_dir(args.seed, (size[0], size[1]))}"
    )
    print("conditions: " + ", ".join(f"{c} {by_condition[c]}" for c in CONDITIONS))
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
