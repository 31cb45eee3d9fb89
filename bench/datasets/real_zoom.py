"""The viewing aid the real-photograph labels were read with: pictures for a person, no detection.

Labelling a corner by hand means looking at it closely. This draws what a person needs to
read coordinates off a photograph and nothing else (no edge, contour or corner finding):

- an overview, downscaled, with a grid labelled in the photograph's own pixels, to find each
  corner to within ~10 px;
- for up to four points, a crop around each, enlarged ``scale`` times with a one-pixel grid
  (red every 8 px, labelled) and, unless ``--no-mark``, a cyan cross at the point: move the
  point until the cross sits on the corner. Without the cross (a second, blind reading) the
  coordinates are read off the grid.

    python -m bench.datasets.real_zoom PHOTO --overview OUT.png
    python -m bench.datasets.real_zoom PHOTO --at 89.5,359.5 --at 796.5,352.5 OUT.png [--half 32] [--scale 8] [--no-mark]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

RED, GREY, CYAN, INK = (0, 0, 255), (140, 140, 140), (255, 255, 0), (0, 0, 200)
OUTSIDE = (255, 0, 255)  # magenta where the window runs off the photograph
PAD = 34  # room for the axis labels


def overview(image: np.ndarray, max_side: int = 900, step: int = 50) -> np.ndarray:
    h, w = image.shape[:2]
    s = min(1.0, max_side / max(h, w))
    small = cv2.resize(image, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
    pad = 40
    out = np.full((small.shape[0] + pad, small.shape[1] + pad, 3), 255, np.uint8)
    out[pad:, pad:] = small
    for v in range(0, max(w, h), step):
        major = v % (2 * step) == 0
        colour = RED if major else (0, 160, 255)
        if v < w:
            x = pad + round(v * s)
            cv2.line(out, (x, pad), (x, out.shape[0]), colour, 1)
            if major:
                cv2.putText(out, str(v), (x - 10, pad - 8), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (0, 0, 0), 1)
        if v < h:
            y = pad + round(v * s)
            cv2.line(out, (pad, y), (out.shape[1], y), colour, 1)
            if major:
                cv2.putText(out, str(v), (0, y + 4), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (0, 0, 0), 1)
    return out


def crop(
    image: np.ndarray, x: float, y: float, half: int = 32, scale: int = 8, mark: bool = True
) -> np.ndarray:
    """A (2·half)² window around (x, y), enlarged with a pixel grid; pixel centres are integers."""
    h, w = image.shape[:2]
    x0, y0 = int(round(x)) - half, int(round(y)) - half
    window = np.full((2 * half, 2 * half, 3), OUTSIDE, np.uint8)
    xs0, ys0, xs1, ys1 = max(0, x0), max(0, y0), min(w, x0 + 2 * half), min(h, y0 + 2 * half)
    if xs1 > xs0 and ys1 > ys0:
        window[ys0 - y0 : ys1 - y0, xs0 - x0 : xs1 - x0] = image[ys0:ys1, xs0:xs1]
    big = cv2.resize(window, (2 * half * scale, 2 * half * scale), interpolation=cv2.INTER_NEAREST)
    for i in range(2 * half + 1):
        for v, vertical in ((x0 + i, True), (y0 + i, False)):
            if v % 8 and scale < 8:
                continue  # too dense to read: only the labelled lines
            colour = RED if v % 8 == 0 else GREY
            a = (i * scale, 0) if vertical else (0, i * scale)
            b = (i * scale, big.shape[0]) if vertical else (big.shape[1], i * scale)
            cv2.line(big, a, b, colour, 1)
    if mark:
        px, py = (x - x0 + 0.5) * scale, (y - y0 + 0.5) * scale
        for d in (-1, 1):
            cv2.line(big, (int(px + 3 * d), int(py)), (int(px + 14 * d), int(py)), CYAN, 1)
            cv2.line(big, (int(px), int(py + 3 * d)), (int(px), int(py + 14 * d)), CYAN, 1)
    out = np.full((big.shape[0] + PAD, big.shape[1] + PAD, 3), 255, np.uint8)
    out[PAD:, PAD:] = big
    for i in range(2 * half):
        if (x0 + i) % 8 == 0:
            cv2.putText(
                out, str(x0 + i), (PAD + i * scale - 8, PAD - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.38, INK, 1
            )
        if (y0 + i) % 8 == 0:
            cv2.putText(out, str(y0 + i), (0, PAD + i * scale + 4), cv2.FONT_HERSHEY_SIMPLEX, 0.38, INK, 1)
    return out


def sheet(
    image: np.ndarray, points: list[tuple[float, float]], half: int = 32, scale: int = 8, mark: bool = True
) -> np.ndarray:
    """Up to four crops in a 2×2 sheet, titled TL, TR, BR, BL (and the point when marked)."""
    tiles = []
    for (x, y), tag in zip(points, ("TL", "TR", "BR", "BL"), strict=False):
        tile = crop(image, x, y, half, scale, mark)
        title = f"{tag} {x:g},{y:g}" if mark else tag
        cv2.putText(tile, title, (2, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 120, 0), 1)
        tiles.append(tile)
    if len(tiles) % 2:
        tiles.append(np.full_like(tiles[0], 255))
    gap = np.full((tiles[0].shape[0], 12, 3), 255, np.uint8)
    rows = [np.hstack([tiles[i], gap, tiles[i + 1]]) for i in range(0, len(tiles), 2)]
    spacer = np.full((12, rows[0].shape[1], 3), 255, np.uint8)
    out = rows[0]
    for row in rows[1:]:
        out = np.vstack([out, spacer, row])
    return out


def _point(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: write a point as X,Y (pixels), e.g. 89.5,359.5") from exc
    return x, y


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("photo", type=Path)
    ap.add_argument("out", type=Path, nargs="?", help="the PNG to write (crops)")
    ap.add_argument("--overview", type=Path, help="write the gridded overview to this PNG instead")
    ap.add_argument("--at", type=_point, action="append", default=[], help="a point X,Y (up to four)")
    ap.add_argument("--half", type=int, default=32, help="half the window's side, in photograph pixels")
    ap.add_argument("--scale", type=int, default=8, help="enlargement")
    ap.add_argument("--no-mark", action="store_true", help="no cross at the points (a blind reading)")
    args = ap.parse_args(argv)
    image = cv2.imread(str(args.photo), cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    if image is None:
        print(f"real_zoom: {args.photo}: not found or not an image", file=sys.stderr)
        return 1
    if args.overview:
        cv2.imwrite(str(args.overview), overview(image))
        return 0
    if not args.at or len(args.at) > 4 or args.out is None:
        print("real_zoom: give one to four --at X,Y points and the PNG to write", file=sys.stderr)
        return 2
    cv2.imwrite(str(args.out), sheet(image, args.at, args.half, args.scale, not args.no_mark))
    return 0


if __name__ == "__main__":
    sys.exit(main())
