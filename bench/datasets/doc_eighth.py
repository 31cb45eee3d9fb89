"""The eighth document scene set: counters and trays rendered with Blender Cycles, written blind.

Each frame is planned by bench/datasets/eighth_plan.py (a function of seed and index), its
documents are drawn by eighth_print.py, its counter photographs come from gimp-data
(eighth_photos.py), and Blender builds and renders the scene (eighth_blender.py, run as a
subprocess since Blender's Python is its own). The truth is the document's corners projected by
Blender's camera. Frames are cached as PNG + JSON under
``${KIOSK_BENCH_CACHE:-~/.cache/kiosk-bench}/doc_eighth/``.

    python -m bench.datasets.doc_eighth --seed 8 --count 150
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw

from bench.datasets import eighth_print as printing
from bench.datasets.eighth_photos import PICTURES, SURFACES, pattern_png
from bench.datasets.eighth_plan import CONDITIONS, frame_plan

__all__ = ["CODE_VERSION", "CONDITIONS", "Sample", "samples"]

#: Bump when a change alters the frames (the cache is keyed by it).
CODE_VERSION = "eighth-4"
BLENDER_SCRIPT = Path(__file__).with_name("eighth_blender.py")
MAX_ATTEMPTS = 8


@dataclass
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray
    corners: np.ndarray | None


class BlenderMissing(RuntimeError):
    """The ``blender`` command is not installed (apt-get install blender)."""


def blender_path() -> str | None:
    return shutil.which("blender")


def cache_dir() -> Path:
    root = os.environ.get("KIOSK_BENCH_CACHE") or str(Path.home() / ".cache" / "kiosk-bench")
    return Path(root) / "doc_eighth"


def _key(seed: int, index: int, width: int, height: int) -> str:
    return f"{CODE_VERSION}-s{seed}-{index:04d}-{width}x{height}"


# ---------------------------------------------------------------- files the plan names


def sentinel_print() -> Image.Image:
    """White with a black square in its top-left corner: which corner is TL shows in the render."""
    img = Image.new("RGB", (800, 800), (255, 255, 255))
    ImageDraw.Draw(img).rectangle((60, 60, 260, 260), fill=(0, 0, 0))
    return img


def _draw(spec: dict[str, Any]) -> Image.Image:
    rng = random.Random(spec["seed"])
    what = spec["what"]
    if what == "sentinel":
        return sentinel_print()
    if what == "receipt":
        return printing.receipt(rng, spec["width_mm"], spec["length_mm"])
    if what == "passport_facing_page":
        return printing.passport_facing_page(rng)
    person = printing.Person(rng)
    if what == "form":
        return printing.form(rng, tuple(spec["size_mm"]), person)
    draw = {
        "cccd_front": printing.cccd_front,
        "cccd_back": printing.cccd_back,
        "licence_front": printing.licence_front,
        "licence_back": printing.licence_back,
        "passport_data_page": printing.passport_data_page,
    }[what]
    return draw(rng, person)


def _ticket(number: int) -> Image.Image:
    """A queue ticket from the counter's number machine."""
    img = Image.new("RGB", (300, 400), (244, 243, 238))
    d = ImageDraw.Draw(img)
    d.text((40, 30), "SỐ THỨ TỰ", font=printing.font(printing._SANS_BOLD, 36), fill=(40, 40, 40))
    d.text((50, 100), f"{number:04d}", font=printing.font(printing._SANS_BOLD, 90), fill=(20, 20, 20))
    d.text(
        (40, 250),
        f"Quầy {number % 6 + 1} - Tư pháp",
        font=printing.font(printing._SANS, 26),
        fill=(40, 40, 40),
    )
    d.text((40, 300), "Vui lòng chờ gọi số", font=printing.font(printing._SANS, 24), fill=(60, 60, 60))
    return img


def _save(img: Image.Image, path: Path) -> str:
    img.save(path)
    return str(path)


def resolve_files(plan: dict[str, Any], work: Path, photos: Path) -> dict[str, Any]:
    """Draws the plan's prints and fetches its photographs; returns the plan with file paths filled in."""
    rng = random.Random(plan["seed"])
    surf = plan["surface"]
    if surf.get("photo"):
        surf["texture"] = str(pattern_png(rng.choice(SURFACES[surf["photo"]]), photos, repeat=4))
    doc = plan.get("document")
    if doc is not None:
        doc["material"]["texture"] = _save(_draw(doc["print"]), work / "document.png")
        if doc.get("facing_print"):
            doc["facing_material"] = {
                "texture": _save(_draw(doc["facing_print"]), work / "facing.png"),
                "roughness": 0.6,
            }
    for k, item in enumerate(plan["clutter"]):
        if item["type"] == "phone":
            item["screen"] = str(pattern_png(PICTURES[item["picture"] % len(PICTURES)], photos, repeat=3))
        elif item["type"] == "ticket":
            item["texture"] = _save(_ticket(item["ticket"]), work / f"ticket{k}.png")
        elif item["type"] == "flyer":
            item["texture"] = _save(_draw(item["print"]), work / f"paper{k}.png")
    return plan


# ---------------------------------------------------------------- rendering


def run_blender(plan: dict[str, Any], work: Path, *, timeout_s: float = 900) -> dict[str, Any]:
    """Renders one plan; returns Blender's JSON (corners, or why it refused) with the PNG's path."""
    exe = blender_path()
    if exe is None:
        raise BlenderMissing("blender is not installed: apt-get install blender")
    plan_path, png, meta = work / "plan.json", work / "frame.png", work / "frame.json"
    plan_path.write_text(json.dumps(plan))
    cmd = [
        exe,
        "-b",
        "--factory-startup",
        "-noaudio",
        "-t",
        "1",
        "-P",
        str(BLENDER_SCRIPT),
        "--",
        str(plan_path),
        str(png),
        str(meta),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    if not meta.exists():
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise RuntimeError(f"blender failed (exit {proc.returncode}):\n{tail}")
    out = json.loads(meta.read_text())
    out["png"] = str(png)
    return out


def _camera_pipeline(image: np.ndarray, exposure: float, seed: int) -> np.ndarray:
    """What a webcam's processor does to the light it gets: denoise, then its own sensor's grain.

    The denoiser stands in for the camera's (and for OpenImageDenoise, which Debian's Blender
    lacks) and takes most of Cycles' sampling noise; more gain (a dark scene pushed up) leaves
    more grain.
    """
    rng = np.random.default_rng(seed)
    image = cv2.fastNlMeansDenoisingColored(np.ascontiguousarray(image), None, 3, 3, 5, 11)
    sigma = 0.8 + 1.5 * max(0.0, -exposure) + rng.uniform(0, 0.7)
    noisy = image.astype(np.float32) + rng.normal(0, sigma, image.shape).astype(np.float32)
    return np.clip(noisy + 0.5, 0, 255).astype(np.uint8)


def render_frame(seed: int, index: int, width: int, height: int) -> tuple[np.ndarray, dict[str, Any]]:
    """Plans, draws and renders frame ``index``, planning again when a corner fell out of view."""
    photos = cache_dir() / "photos"
    with tempfile.TemporaryDirectory(prefix="eighth-") as tmp:
        work = Path(tmp)
        for attempt in range(MAX_ATTEMPTS):
            plan = resolve_files(frame_plan(seed, index, attempt, width, height), work, photos)
            started = time.monotonic()
            out = run_blender(plan, work)
            if "rejected" in out:
                continue
            rgb = np.asarray(Image.open(out["png"]).convert("RGB"))
            bgr = _camera_pipeline(rgb[:, :, ::-1], plan["exposure"], plan["seed"])
            meta = {
                "condition": plan["condition"],
                "kind": plan["kind"],
                "corners": [c[:2] for c in out["corners"]] if out["corners"] else None,
                "attempt": attempt,
                "render_s": round(time.monotonic() - started, 1),
                "negative_subject": plan.get("negative_subject"),
                "surface": plan["surface"]["name"],
                "code_version": CODE_VERSION,
                "blender": out.get("blender"),
            }
            return np.ascontiguousarray(bgr), meta
    raise RuntimeError(
        f"frame {index} of seed {seed}: no plan kept the document in view in {MAX_ATTEMPTS} attempts"
    )


def _write_cached(stem: Path, image: np.ndarray, meta: dict[str, Any]) -> None:
    stem.parent.mkdir(parents=True, exist_ok=True)
    # per-process temporary names: two renderers may meet on the same frame (same bytes, either wins)
    tmp_png, tmp_json = (
        stem.with_suffix(f".{os.getpid()}.tmp.png"),
        stem.with_suffix(f".{os.getpid()}.tmp.json"),
    )
    Image.fromarray(image[:, :, ::-1]).save(tmp_png)
    tmp_json.write_text(json.dumps(meta))
    tmp_png.replace(stem.with_suffix(".png"))
    tmp_json.replace(stem.with_suffix(".json"))  # the JSON last: its presence means the pair is whole


def load_or_render(
    seed: int, index: int, width: int = 1280, height: int = 960, *, render: bool = True
) -> Sample | None:
    stem = cache_dir() / _key(seed, index, width, height)
    if stem.with_suffix(".json").exists() and stem.with_suffix(".png").exists():
        meta = json.loads(stem.with_suffix(".json").read_text())
        image = np.asarray(Image.open(stem.with_suffix(".png")).convert("RGB"))[:, :, ::-1]
    elif render:
        image, meta = render_frame(seed, index, width, height)
        _write_cached(stem, image, meta)
    else:
        return None
    corners = np.asarray(meta["corners"], dtype=np.float32) if meta["corners"] else None
    return Sample(
        name=f"eighth-{index:04d}-{meta['condition']}-{meta['kind']}",
        condition=meta["condition"],
        kind=meta["kind"],
        image=np.ascontiguousarray(image),
        corners=corners,
    )


def samples(
    seed: int, count: int, width: int = 1280, height: int = 960, *, render: bool = True
) -> Iterator[Sample]:
    """Frames 0..count-1 of ``seed``: read from the cache, rendered when missing (unless ``render`` is False)."""
    for index in range(count):
        sample = load_or_render(seed, index, width, height, render=render)
        if sample is not None:
            yield sample


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=960)
    ap.add_argument("--cached-only", action="store_true", help="read what is cached, render nothing")
    args = ap.parse_args(argv)
    by_condition: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    started = time.monotonic()
    for sample in samples(args.seed, args.count, args.width, args.height, render=not args.cached_only):
        by_condition[sample.condition] += 1
        by_kind[sample.kind] += 1
        print(f"{sample.name}  {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    total = sum(by_kind.values())
    print(
        f"{total} frames of seed {args.seed} ({CODE_VERSION}) in {cache_dir()}, {time.monotonic() - started:.1f} s"
    )
    for name in CONDITIONS:
        print(f"  {name:20s} {by_condition[name]}")
    for kind, n in sorted(by_kind.items()):
        print(f"  {kind:20s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
