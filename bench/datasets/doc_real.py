"""Real photographs of documents, corners placed by hand (issue #20): the set nobody here made.

Every other document set is generated; this one is camera pictures that ship inside registry
packages, labelled by a person who never ran the detector, by looking at zoomed crops of each
corner (no detector, contour finder or edge tool placed a point). ``real_labels.json`` holds,
per photograph, where it comes from (package, version, path in the package, licence), the
corners TL, TR, BR, BL as the document reads upright, which corners are hidden, and notes.

- Positives: photographs from the npm package ``jscanify`` (MIT), copied under ``real/`` with
  their EXIF orientation applied and downscaled (``real/SOURCES.md``): nothing for a kiosk to
  install.
- Negatives (no document may be reported): photographs of the Debian package ``opencv-doc``
  (already in setup.sh for the lens-calibration tests), read where the package installs them.

The set is small (8 documents, 8 negatives): it says whether figures hold on real pictures,
not how they split by condition.

    samples(seed, count) -> Iterator[Sample]   # the seed only orders the photographs
    sample(seed, index) -> Sample
    labels() -> list[Label]                    # the label file, checked

    python -m bench.datasets.doc_real [--save DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
LABELS = HERE / "real_labels.json"
CONDITIONS = ("plain", "rotated", "perspective", "curled", "fills_frame", "negative")
KINDS = ("a4", "receipt", "banknote")  # "a4": a whole page (the photographs show US Letter)
CORNER_NAMES = ("TL", "TR", "BR", "BL")
# how each package's files come onto a machine, for the message when one is missing
INSTALL = {
    "deb:opencv-doc": "install the Debian package opencv-doc (setup.sh does: apt-get install opencv-doc)",
    "npm:jscanify": "it is a copy kept in the repository under bench/datasets/real/ (see real/SOURCES.md); restore it from git",
}


class MissingPhotograph(FileNotFoundError):
    """A labelled photograph is not on this machine; the message names the package that brings it."""


class BadLabel(ValueError):
    """The label file is inconsistent; the message names the photograph and the field."""


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str  # "none" on negatives
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None  # 4×2 float32: TL, TR, BR, BL as the document reads upright


@dataclass(frozen=True)
class Label:
    file: str  # relative to bench/datasets, or absolute where a Debian package installs it
    package: str  # "npm:NAME" or "deb:NAME"
    version: str
    path_in_package: str
    licence: str
    size: tuple[int, int]  # width, height
    kind: str
    condition: str
    corners: np.ndarray | None  # 4×2 float32
    hidden: tuple[bool, ...] | None
    tolerance_px: tuple[float, ...] | None  # how far each corner may be off, as labelled
    notes: str
    first_reading: np.ndarray | None = None
    second_reading: np.ndarray | None = None

    @property
    def name(self) -> str:
        return "real-" + Path(self.file).stem

    @property
    def path(self) -> Path:
        p = Path(self.file)
        return p if p.is_absolute() else HERE / p


def _points(entry: dict, key: str, where: str) -> np.ndarray | None:
    value = entry.get(key)
    if value is None:
        return None
    pts = np.asarray(value, dtype=np.float32)
    if pts.shape != (4, 2) or not np.isfinite(pts).all():
        raise BadLabel(f"{where}: '{key}' must be four [x, y] points (TL, TR, BR, BL), got {value!r}")
    return pts


def _flags(entry: dict, key: str, where: str, kind: type | tuple[type, ...], what: str) -> tuple | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 4 or not all(isinstance(v, kind) for v in value):
        raise BadLabel(f"{where}: '{key}' must list four {what}, one per corner, got {value!r}")
    return tuple(value)


def _label(entry: dict, index: int) -> Label:
    where = f"{entry.get('file', f'photo #{index}')}"
    for key in ("file", "package", "version", "path_in_package", "licence", "kind", "condition", "notes"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise BadLabel(
                f"{where}: field '{key}' is missing or empty (every photograph needs its provenance)"
            )
    if entry["package"] not in INSTALL:
        raise BadLabel(f"{where}: package {entry['package']!r} is not one of {sorted(INSTALL)}")
    size = entry.get("size")
    if not (isinstance(size, list) and len(size) == 2 and all(isinstance(v, int) and v > 0 for v in size)):
        raise BadLabel(f"{where}: 'size' must be [width, height] in pixels, got {size!r}")
    corners = _points(entry, "corners", where)
    negative = entry["condition"] == "negative"
    if entry["condition"] not in CONDITIONS:
        raise BadLabel(f"{where}: condition {entry['condition']!r} is not one of {CONDITIONS}")
    if negative != (entry["kind"] == "none") or (not negative and entry["kind"] not in KINDS):
        raise BadLabel(f"{where}: kind {entry['kind']!r} does not fit condition {entry['condition']!r}")
    if negative != (corners is None):
        raise BadLabel(f"{where}: a negative has no corners and a document has four")
    hidden = _flags(entry, "hidden", where, bool, "true/false values")
    tolerance = _flags(entry, "tolerance_px", where, (int, float), "numbers of pixels")
    if not negative and (hidden is None or tolerance is None):
        raise BadLabel(f"{where}: a document needs 'hidden' and 'tolerance_px' for each corner")
    return Label(
        file=entry["file"],
        package=entry["package"],
        version=entry["version"],
        path_in_package=entry["path_in_package"],
        licence=entry["licence"],
        size=(size[0], size[1]),
        kind=entry["kind"],
        condition=entry["condition"],
        corners=corners,
        hidden=hidden,
        tolerance_px=None if tolerance is None else tuple(float(t) for t in tolerance),
        notes=entry["notes"],
        first_reading=_points(entry, "first_reading", where),
        second_reading=_points(entry, "second_reading", where),
    )


def labels(path: Path = LABELS) -> list[Label]:
    """Every labelled photograph, in the file's order; a bad entry raises :class:`BadLabel`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BadLabel(f"{path}: cannot read the label file ({exc})") from exc
    photos = data.get("photos") if isinstance(data, dict) else None
    if not isinstance(photos, list) or not photos:
        raise BadLabel(f"{path}: expected an object with a non-empty list 'photos'")
    out = [_label(e, i) for i, e in enumerate(photos)]
    names = Counter(lb.name for lb in out)
    if dupes := [n for n, c in names.items() if c > 1]:
        raise BadLabel(f"{path}: the same photograph is labelled twice: {dupes}")
    return out


def load(label: Label) -> np.ndarray:
    """The photograph as BGR uint8, exactly as labelled (its size is checked)."""
    if not label.path.is_file():
        raise MissingPhotograph(
            f"{label.path}: not found. It comes from {label.package} {label.version} "
            f"({label.path_in_package}): {INSTALL[label.package]}."
        )
    # orientation ignored: the label's pixels are the stored pixels (the copies carry no EXIF)
    image = cv2.imread(str(label.path), cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    if image is None:
        raise MissingPhotograph(f"{label.path}: unreadable as an image; reinstall {label.package}")
    h, w = image.shape[:2]
    if (w, h) != label.size:
        raise BadLabel(
            f"{label.path}: is {w}x{h} but was labelled at {label.size[0]}x{label.size[1]}; "
            f"another version of {label.package} than {label.version}?"
        )
    return image


@cache
def _labels() -> tuple[Label, ...]:
    return tuple(labels())


def _order(seed: int) -> list[int]:
    return [int(i) for i in np.random.default_rng([seed, 20]).permutation(len(_labels()))]


def sample(seed: int, index: int) -> Sample:
    label = _labels()[_order(seed)[index]]
    return Sample(label.name, label.condition, label.kind, load(label), label.corners)


def samples(seed: int, count: int) -> Iterator[Sample]:
    """All labelled photographs (at most ``count``), in an order set by ``seed``."""
    for index in range(min(count, len(_labels()))):
        yield sample(seed, index)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--save", type=Path, help="write each photograph with its labelled corners drawn into this folder"
    )
    args = ap.parse_args(argv)
    by_cond: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    try:
        for s in samples(0, len(_labels())):
            by_cond[s.condition] += 1
            by_kind[s.kind] += 1
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                img = s.image.copy()
                if s.corners is not None:
                    cv2.polylines(
                        img, [np.round(s.corners).astype(np.int32)], True, (0, 255, 0), 2, cv2.LINE_AA
                    )
                    cv2.circle(img, tuple(int(v) for v in np.round(s.corners[0])), 9, (0, 0, 255), -1)
                cv2.imwrite(str(args.save / f"{s.name}.png"), img)
    except (MissingPhotograph, BadLabel) as exc:
        print(f"doc_real: {exc}", file=sys.stderr)
        return 1
    print(f"{sum(by_cond.values())} photographs")
    print("by condition: " + ", ".join(f"{c} {by_cond[c]}" for c in CONDITIONS))
    print("by kind: " + ", ".join(f"{k} {by_kind[k]}" for k in (*KINDS, "none")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
