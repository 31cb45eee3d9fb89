"""Where the document detector's CPU goes: milliseconds per frame per stage, per set, beside the naive finder's.

    PYTHONPATH=$PWD python -m bench.docseg.same_answers cache      # the frames, once
    PYTHONPATH=$PWD python -m bench.docseg.profile                 # every cached set
    PYTHONPATH=$PWD python -m bench.docseg.profile --set sixth --set real --repeat 2
    PYTHONPATH=$PWD python -m bench.docseg.profile --against /tmp/main-copy   # before → after, frame by frame

The frames are those :mod:`bench.docseg.same_answers` caches (``bench/docscan.py``'s sets at
their bench seeds and default counts, and its photo negatives); nothing here reads a ground
truth, so ``real`` may be timed (only timed: nobody tunes on it). Each stage is a function of
the detector wrapped in a timer; a stage's figure is its own CPU time (``time.process_time``:
every thread of the process, which is what the machine pays), what it calls among the other
stages left out, so the stages add up to the detector's total. "other" is the rest of
``detect`` (the halvings of the frame, the gate). The naive contour finder
(``bench/docscan.py``'s ``naive_contour``) is timed on the same frames, alternating with the
detector frame by frame so a load that comes and goes weighs on both; ``× naive`` is the ratio
of the two totals, as ``bench/docscan.py`` prints it. The wrapped run costs a little more than a
plain one (a few microseconds a call): ``--plain`` times the detector unwrapped.

``--against DIR`` loads the detector of another checkout (``git archive main | tar -x -C DIR``)
into the same process and times the two unwrapped, frame by frame in turn with the naive
finder: on a machine shared with other work, CPU figures of separate runs wander by ±10 %,
the ratio of two detectors timed on the same frames in turn much less.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from bench.docseg.same_answers import ROOT, SETS, frames

# (module, attribute, stage): the detector's own calls are wrapped where the detector looks them up
STAGES: tuple[tuple[str, str, str], ...] = (
    ("devices.camera.docscan.learned:Segmenter", "probability", "net pass"),
    ("devices.camera.docscan.detector", "quad_from_mask", "net outline"),
    ("devices.camera.docscan.learned", "snap_sides", "net outline snap"),
    ("devices.camera.docscan.detector:DocumentDetector", "_zoomed", "net window"),
    ("devices.camera.docscan.detector:DocumentDetector", "_refined", "net snap"),
    ("devices.camera.docscan.detector", "refine_sides", "refine full-res"),
    ("devices.camera.docscan.detector", "holds_paper", "paper test"),
    ("devices.camera.docscan.detector:DocumentDetector", "_classic", "classic planes"),
    ("devices.camera.docscan.detector:DocumentDetector", "_best", "edge candidates"),
    ("devices.camera.docscan.detector", "pale_region_contours", "pale regions"),
    ("devices.camera.docscan.detector", "line_quads", "line candidates"),
    ("devices.camera.docscan.candidates", "plane_segments", "LSD"),
    ("devices.camera.docscan.detector:DocumentDetector", "_judge_all", "verifier"),
    ("devices.camera.docscan.detector", "_nested", "nesting"),
    ("devices.camera.docscan.detector", "expand", "expand"),
    ("devices.camera.docscan.detector", "card_on_page", "card on the page"),
)
COUNTED = {"classic planes": "classic runs", "line candidates": "line candidates run"}


class Timers:
    """Own CPU time per stage: a stage's time less that of the stages it calls."""

    def __init__(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[float] = []  # per open stage: the time its nested stages took

    def wrap(self, stage: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._stack.append(0.0)
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - c0
                nested = self._stack.pop()
                self.own[stage] += spent - nested
                self.calls[stage] += 1
                if self._stack:
                    self._stack[-1] += spent

        return timed


@contextmanager
def instrumented(timers: Timers) -> Iterator[None]:
    import importlib

    saved = []
    for where, attr, stage in STAGES:
        mod_name, _, cls = where.partition(":")
        owner = importlib.import_module(mod_name)
        if cls:
            owner = getattr(owner, cls)
        original = owner.__dict__[attr]
        saved.append((owner, attr, original))
        setattr(
            owner,
            attr,
            staticmethod(timers.wrap(stage, original.__func__))
            if isinstance(original, staticmethod)
            else timers.wrap(stage, original),
        )
    try:
        yield
    finally:
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)


def detector_of(root: Path) -> type:
    """``DocumentDetector`` as the checkout at ``root`` has it, loaded beside this one (its own modules)."""
    import importlib

    ours = {k: sys.modules.pop(k) for k in list(sys.modules) if k == "devices" or k.startswith("devices.")}
    sys.path.insert(0, str(root))
    try:
        cls = importlib.import_module("devices.camera.docscan").DocumentDetector
        where = Path(sys.modules[cls.__module__].__file__ or "")
    finally:
        sys.path.remove(str(root))
        for k in [k for k in sys.modules if k == "devices" or k.startswith("devices.")]:
            del sys.modules[k]
        sys.modules.update(ours)
    if not where.resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"{root}: its detector did not load from there")
    return cls


def profile(name: str, repeat: int, plain: bool, against: type | None = None) -> None:
    from bench.docscan import naive_contour
    from devices.camera.docscan import DocumentDetector

    det = DocumentDetector()
    images = [img for _, img in frames(name)]
    timers = Timers()
    total = naive = before = 0.0
    other = against() if against is not None else None
    for _ in range(repeat):
        for k, img in enumerate(images):
            if other is not None and k % 2:  # each first on every other frame: neither finds it warm
                c0 = time.process_time()
                other.detect(img)
                before += time.process_time() - c0
            if plain or other is not None:
                c0 = time.process_time()
                det.detect(img)
                total += time.process_time() - c0
            else:
                with instrumented(timers):
                    c0 = time.process_time()
                    det.detect(img)
                    total += time.process_time() - c0
            if other is not None and not k % 2:
                c0 = time.process_time()
                other.detect(img)
                before += time.process_time() - c0
            c0 = time.process_time()
            naive_contour(img)
            naive += time.process_time() - c0
    n = len(images) * repeat
    size = f"{images[0].shape[1]}×{images[0].shape[0]}" if images else "-"
    print(
        f"\n== {name}: {len(images)} frames ({size} first) × {repeat}: detector {1000 * total / n:.2f} ms/frame, "
        f"naive {1000 * naive / n:.2f} ms/frame, {total / max(naive, 1e-9):.2f}× naive (CPU)"
    )
    if other is not None:
        print(
            f"   against: {1000 * before / n:.2f} ms/frame, {before / max(naive, 1e-9):.2f}× naive; "
            f"this one takes {total / max(before, 1e-9):.3f} of its time"
        )
    if plain or other is not None:
        return
    counted = ", ".join(f"{label} on {timers.calls[s] / repeat:.0f}" for s, label in COUNTED.items())
    print(f"   {counted} of {len(images)} frames")
    rest = total - sum(timers.own.values())
    rows = sorted(timers.own.items(), key=lambda kv: -kv[1]) + [("other", rest)]
    for stage, spent in rows:
        print(f"   {stage:18} {1000 * spent / n:7.2f} ms/frame  {100 * spent / max(total, 1e-9):5.1f} %")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--set", action="append", choices=SETS, help="a cached set (repeatable; default: every cached one)"
    )
    ap.add_argument("--repeat", type=int, default=1, help="run each set this many times (steadier figures)")
    ap.add_argument("--plain", action="store_true", help="the detector unwrapped: totals only")
    ap.add_argument("--against", type=Path, help="another checkout's detector, timed frame by frame in turn")
    args = ap.parse_args()
    sets = args.set or [name for name in SETS if (Path(ROOT) / f"{name}.count").exists()]
    if not sets:
        print(f"no cached frames in {ROOT}: run `python -m bench.docseg.same_answers cache` first")
        return 1
    from devices.camera.docscan import DocumentDetector

    against = detector_of(args.against) if args.against else None
    for cls in (DocumentDetector, against):
        if cls is not None:
            cls().detect(np.zeros((720, 1280, 3), np.uint8))  # the model loaded outside the figures
    for name in sets:
        profile(name, args.repeat, args.plain, against)
    return 0


if __name__ == "__main__":
    sys.exit(main())
