"""Four-corner document detection in a camera frame and the warp to a flat, upright scan.

Detection works on a small copy of the frame (long side 400 px). Three sources propose
quadrilaterals and one verifier judges them all:

1. edges: Canny on the lightness and on both colour-opponent channels (Lab), thresholds
   above the texture's own gradient level (a noisy cloth must not drown the outline), closed
   by a small dilation; every large contour's convex hull and the contour itself,
   simplified and reduced to four sides (the longest, or the best supported by outline
   points) that are extended and intersected: this restores a corner hidden under a thumb;
2. pale regions (when the edges give no outline seen all round): lightness, and lightness
   less colourfulness, split at Otsu's level and above, edges cut out, outer contours as
   in 1 — on a photograph the outline drowns among stronger edges, the paper does not;
3. straight lines (when still no outline is seen all round): LSD segments on the three Lab
   planes merged into lines, two near-parallel pairs crossing at a plausible angle, ranked
   by how much of each side segments cover — for sheets lying across other sheets and
   fingers breaking a side, where no contour follows the sheet.

The verifier: a plausible quadrilateral (convex, at most 4 % beyond the frame, angles a
35° tilt can produce, at least ``MIN_AREA`` of the frame); a colour step across the
outline, measured at two depths on each side, along most of it and on at least three
sides (a tile joint or a drawn line has the same colour on both sides); a step across at
least three corners; a plain margin just inside the outline (no texture: grass, gravel, a
brick wall); an inside that looks like paper (not as colourful as skin or a cup,
light against the frame and its surroundings, nearly the lightest if it carries no print).
The best by support, straightness, size and print wins. Then a side is pushed outwards
onto a clearly stronger parallel edge (a card's photo box is not its side), and each side
is re-fitted at full resolution to the strongest grey step along its normal at 24 points
(robust line fit) and the corners re-intersected.

Measured with bench/docscan.py on two generators (tuning and held-out): see the figures
in the benchmark's output and bench/datasets/README.md.

Corners are returned TL, TR, BR, BL as seen upright: clockwise, starting from the corner
whose next side is the most nearly horizontal left-to-right (see :func:`order_corners`).
Which way up the text runs is not read here: the flattened page is turned upright by
:mod:`devices.camera.orientation` (the document session does so).
"""

from devices.camera.docscan.detector import Detection, DocumentDetector
from devices.camera.docscan.flat import DPI, FORMATS_MM, guess_kind, output_size, warp
from devices.camera.docscan.geometry import order_corners, quad_iou

__all__ = [
    "DPI",
    "FORMATS_MM",
    "Detection",
    "DocumentDetector",
    "guess_kind",
    "order_corners",
    "output_size",
    "quad_iou",
    "warp",
]
