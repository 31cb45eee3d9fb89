"""Train the learned document segmenter and export it to ONNX (run by ONNX Runtime in the detector).

The training venv (torch is not a kiosk dependency; nothing here is imported by the kiosk):

    python3 -m venv /work/train-venv
    /work/train-venv/bin/pip install torch==2.14.1 onnx onnxscript numpy opencv-python-headless

Reproduce the shipped model (``devices/camera/docscan/docseg.onnx``), from the repository root. It is
the first round's model (commit 47d2dca, trained from scratch on three generators) fine-tuned on
all four generators with the white-on-cream augmentation:

    PYTHONPATH=$PWD /work/main/.venv/bin/python -m bench.docseg.render --out /tmp/docseg --per-set 1200
    git show 47d2dca:devices/camera/docscan/docseg.onnx > /tmp/docseg-round1.onnx
    PYTHONPATH=$PWD /work/train-venv/bin/python -m bench.docseg.train --cache /tmp/docseg \\
        --init /tmp/docseg-round1.onnx --epochs 6 --stop-after 4 --lr 1e-3 \\
        --out devices/camera/docscan/docseg.onnx

The first round (``--epochs 28``, no ``--init``, three generators: 3,800 frames, 33 minutes on two
cores) reached validation mask IoU 0.904. The shipped file: 479,128 bytes, SHA-256
649594a0eea731a2cb0985721ca30870eccb0d77dbf84e4c79983013e9d6cf22 (5,000 cached frames: 1,200 per
generator + 200 photographs; 4,750 trained on, 250 validation, 671 negatives in all; batch norms
frozen; 4 epochs of a 6-epoch one-cycle schedule, 148 batches each, 1,296 s on two cores shared
with other work). Validation mask IoU: 0.864 for the first round's model on this share, 0.859,
0.866, 0.879, 0.877 after epochs 1-4; epochs 5 and 6 (0.874, 0.876) reported more of the
benchmark's negatives as documents (``bench/docseg/gate_table.py``), so epoch 4 ships.

Round 5 (issue #20: all six generators, aimed at small cards, shadow edges and overlap) was
tried and NOT shipped: no fine-tune was better on balance without reporting more negatives. With
the machine shared (load 10-20 on two cores) only the first shard of each generator could be
rendered (350 frames: 50 each of ``doc_set``, ``doc_heldout``, ``doc_blind``, ``doc_fresh``,
``doc_fifth``, ``doc_sixth`` at 320×240, and 50 photographs; 332 trained on, 18 validation) with
the augmentations aimed at the misses (``P_SMALL``, ``P_OVERLAP``, ``P_DROP``, ``P_EDGE``):

    PYTHONPATH=$PWD nice -n 5 /work/main/.venv/bin/python -m bench.docseg.render --out /tmp/netgen/cache \
        --per-set 50 --sixth 50 --photo-negatives 50
    PYTHONPATH=$PWD nice -n 5 /work/train-venv/bin/python -m bench.docseg.train --cache /tmp/netgen/cache \
        --init devices/camera/docscan/docseg.onnx --epochs 8 --lr 5e-4 --out /tmp/netgen/docseg-new.onnx \
        --epoch-exports /tmp/netgen/ep      # run A; run B: --epochs 6 --lr 2e-4
    # run C: 150 frames of each older generator (render --per-set 150 --only doc_set,doc_heldout,
    # doc_blind,doc_fresh into the same cache: 750 frames, 712 trained on), the aimed rates halved:
    #   train ... --epochs 4 --lr 3e-4 --aimed 0.5 --epoch-exports /tmp/netgen/epc
    PYTHONPATH=$PWD python -m bench.docseg.model_table run --model /tmp/netgen/ep/e4.onnx

The whole detector on the six sets' benchmark frames (``bench/docseg/model_table.py``, the same
frames and figures as ``bench/docscan.py``): mean IoU (documents missed), negatives reported.

    model        sixth           fifth          tuning        heldout       blind          fresh
    shipped      0.782 (18) 4/23 0.882 (7) 1/18 0.959 (2) 0/15 0.973 (1) 0/15 0.913 (6) 2/18 0.882 (10) 0/15
    A epoch 1    0.793 (18) 4/23        -       0.954 (3) 0/15 0.972 (1) 0/15 0.904 (7) 2/18 0.881 (8) 0/15
    A epoch 3    0.778 (20) 4/23        -              -              -       0.915 (5) 2/18        -
    A epoch 4    0.794 (18) 5/23 0.887 (7) 1/18 0.959 (2) 0/15 0.972 (1) 0/15 0.917 (5) 4/18 0.880 (9) 0/15
    A epoch 5    0.783 (19) 5/23        -              -              -       0.909 (6) 3/18        -
    A epoch 6    0.784 (19) 6/23        -              -              -       0.907 (6) 3/18        -
    A epoch 8    0.789 (18) 5/23 0.856 (12) 1/18 0.954 (3) 0/15 0.972 (1) 0/15 0.912 (5) 3/18 0.887 (7) 0/15
    B epoch 1    0.785 (19) 4/23        -              -              -       0.915 (5) 2/18        -
    B epoch 2    0.786 (19) 4/23        -              -              -       0.904 (7) 4/18        -
    B epoch 3    0.791 (18) 4/23        -              -              -       0.909 (6) 4/18        -
    B epoch 4    0.788 (19) 4/23        -              -              -       0.915 (5) 3/18        -
    B epoch 5    0.782 (20) 5/23        -              -              -       0.909 (6) 4/18        -
    B epoch 6    0.782 (20) 5/23        -              -              -       0.915 (5) 4/18        -
    C epoch 1    0.785 (18) 4/23 0.872 (9) 1/18 0.960 (2) 0/15 0.972 (1) 0/15 0.921 (4) 2/18 0.888 (8) 0/15
    C epoch 2    0.784 (19) 5/23        -              -              -       0.911 (6) 3/18        -
    C epoch 4    0.785 (19) 5/23 0.875 (9) 1/18        -              -       0.910 (6) 2/18        -

Photographs alone: 0/120 for every model measured (shipped, A epochs 1, 4, 8, C epoch 1).
Validation mask IoU (18 frames, noisy) from 0.811: A 0.841, 0.814, 0.853, 0.810, 0.834, 0.842,
0.840, 0.840; B 0.837, 0.820, 0.825, 0.835, 0.834, 0.833; C (38 frames, from 0.837) 0.843, 0.838,
0.838, 0.838. A epoch 4 gained where aimed (sixth on_book 0.733 → 0.830, window_shadow 0.507 →
0.590, card_glare 0.852 → 0.877; id_card 0.596 → 0.622) but took a hand alone (blind 142), a
cutting mat (blind 110) and a sixth negative (82) for documents; raising ``FALLBACK`` to 0.65 to
turn them away lost far more documents (sixth 24 missed, fresh 13). Overlap and photo_surface did
not move (A epoch 8: overlap 0.393 → 0.461, but fifth lost 5 documents). C epoch 1 (22 batches,
still in the warm-up) meets the rule to the letter (sixth id_card 0.596 → 0.645, overlap 0.393 →
0.462, window_shadow 0.507 → 0.582; blind and fresh two documents fewer missed each; negatives
as before) but loses on fifth (0.882 → 0.872, two more missed: blur 0.939 → 0.824, tablecloth
0.976 → 0.871) and on sixth's clutter and low contrast (0.745 → 0.622, 0.984 → 0.866): a gain of
the size the epochs swing by, picked among twenty checkpoints on the sets it is judged by, so it
was not shipped either. What it needs: the full cache (``--per-set 500 --sixth 250``, about an
hour of two free cores) so the older generators' frames outweigh the new augmentations, and
negatives with hands and grid-printed mats alongside the small-document pastes.

Seeds are fixed (the rendering's by generator, see :mod:`bench.docseg.render`; the net's and
the augmentation's by ``--seed``); on another machine or thread count the float rounding of
the convolutions may differ, so a re-export is checked against the recorded SHA-256 by
``tests/devices/camera/test_docscan_learned.py`` rather than assumed identical.

The net (:class:`DocSeg`, 119,137 parameters): input 3×128×160 (BGR / 255), a stride-2 3×3
convolution to 16 channels, then depthwise-separable blocks (3×3 depthwise + 1×1 pointwise, batch
norm, ReLU) halving four more times to 1/32 (32, 64, 96, 128 channels; the last stage two more
blocks, one dilated, so each output sees the whole frame), a U-Net decoder (bilinear ×2, the
encoder's skip concatenated, one separable block) back to 1/2, a 1×1 head, bilinear ×2 and a
sigmoid: P(document) per input pixel. Loss: binary cross-entropy + soft Dice (on frames with a
document). AdamW, one-cycle learning rate (max 3e-3), batch 32.

Training data: frames of all four generators (``doc_set``, ``doc_heldout``, ``doc_blind``,
``doc_fresh``; its negatives are tablets, books, folders, keyboards, hands) at seeds 1001–1004
and photographs alone (``doc_set.photo_negative``, seed 1009); the target is
the filled ground-truth quadrilateral (a finger over the page is still page: the net learns to
complete the outline). Augmented so that it learns paper rather than a generator: crops and
scales, any rotation by 90° plus a small tilt, flips, white balance, gamma, contrast, lighting
gradients, soft cast shadows, occluders (skin-toned fingers, objects), blur, noise, JPEG,
greyscale, low-contrast blending, and white on cream: the page's paper moved to within 2–6 grey
levels of the surface round it, under noise (the worst condition the fourth generator showed).
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

IN_W, IN_H = 160, 128  # the net's input (and output) size, width × height
SKIN = [(60, 90, 140), (80, 120, 180), (110, 150, 210), (150, 180, 230), (40, 60, 90), (90, 110, 150)]


# --------------------------------------------------------------------------- model


class DSConv(nn.Module):
    """Depthwise 3×3 then pointwise 1×1, each with batch norm and ReLU."""

    def __init__(self, cin: int, cout: int, stride: int = 1, dilation: int = 1):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, stride, padding=dilation, dilation=dilation, groups=cin, bias=False)
        self.bn1 = nn.BatchNorm2d(cin)
        self.pw = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.bn1(self.dw(x)))
        return F.relu(self.bn2(self.pw(x)))


class DocSeg(nn.Module):
    """A small U-Net: five halvings (to 1/32: the whole frame in view), four skip joins."""

    def __init__(self, widths: tuple[int, ...] = (16, 32, 64, 96, 128)):
        super().__init__()
        c1, c2, c3, c4, c5 = widths
        self.stem = nn.Sequential(nn.Conv2d(3, c1, 3, 2, 1, bias=False), nn.BatchNorm2d(c1), nn.ReLU())  # 1/2
        self.e2 = nn.Sequential(DSConv(c1, c2, 2), DSConv(c2, c2))  # 1/4
        self.e3 = nn.Sequential(DSConv(c2, c3, 2), DSConv(c3, c3))  # 1/8
        self.e4 = nn.Sequential(DSConv(c3, c4, 2), DSConv(c4, c4))  # 1/16
        self.e5 = nn.Sequential(DSConv(c4, c5, 2), DSConv(c5, c5), DSConv(c5, c5, dilation=2))  # 1/32
        self.d4 = DSConv(c5 + c4, c4)
        self.d3 = DSConv(c4 + c3, c3)
        self.d2 = DSConv(c3 + c2, c2)
        self.d1 = DSConv(c2 + c1, c1)
        self.head = nn.Conv2d(c1, 1, 1)

    @staticmethod
    def _up(x: torch.Tensor) -> torch.Tensor:
        return F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        s1 = self.stem(x)
        s2 = self.e2(s1)
        s3 = self.e3(s2)
        s4 = self.e4(s3)
        s5 = self.e5(s4)
        y = self.d4(torch.cat([self._up(s5), s4], 1))
        y = self.d3(torch.cat([self._up(y), s3], 1))
        y = self.d2(torch.cat([self._up(y), s2], 1))
        y = self.d1(torch.cat([self._up(y), s1], 1))
        return self._up(self.head(y))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # input: BGR scaled to 0..1 (cv2.dnn.blobFromImage(img, 1/255, (160, 128))); output: P(document)
        return torch.sigmoid(self.logits(x - 0.5))


# --------------------------------------------------------------------------- data


def load_cache(cache: Path) -> list[tuple[np.ndarray, np.ndarray | None, str, str]]:
    rows = []
    for p in sorted(cache.glob("*.pkl")):
        rows += pickle.loads(p.read_bytes())
    return rows


def _shadow(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """A soft polygonal shadow: a multiplier per pixel, bluish."""
    mask = np.zeros((h, w), np.float32)
    n = int(rng.integers(3, 7))
    cx, cy = rng.uniform(-0.2, 1.2) * w, rng.uniform(-0.2, 1.2) * h
    r = rng.uniform(0.4, 1.2) * max(w, h)
    ang = np.sort(rng.uniform(0, 2 * math.pi, n))
    pts = np.stack([cx + r * np.cos(ang), cy + r * np.sin(ang)], 1).astype(np.int32)
    cv2.fillPoly(mask, [pts], 1.0)
    k = int(rng.integers(0, 4)) * 2 + 1
    if k > 1:
        mask = cv2.GaussianBlur(mask, (0, 0), k)
    dark = rng.uniform(0.35, 0.7)
    mul = 1.0 - dark * mask
    tint = np.array([1.0 + rng.uniform(0, 0.15), 1.0, 1.0 - rng.uniform(0, 0.1)], np.float32)
    return mul[:, :, None] * (1 - (1 - tint) * mask[:, :, None])


def _white_on_cream(rng: np.random.Generator, f: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The page's paper moved to within 2-6 grey levels of the surface round it: white on a white counter.

    The worst condition measured (issue #20): a 2-4 level step under sensor noise. The page keeps
    its print; only its paper level (the median) is moved to the surface's, plus a small step.
    """
    inside, outside = mask > 0.5, mask < 0.05
    if inside.sum() < 20 or outside.sum() < 20:
        return f
    step = rng.uniform(2, 6) * (1 if rng.random() < 0.7 else -1)  # paper usually the lighter
    shift = np.median(f[outside], axis=0) - np.median(f[inside], axis=0) + step
    f = f + mask[:, :, None] * shift.astype(np.float32)
    return f + rng.normal(0, rng.uniform(1, 4), f.shape).astype(np.float32)


def _occluders(rng: np.random.Generator, img: np.ndarray) -> None:
    h, w = img.shape[:2]
    for _ in range(int(rng.integers(1, 4))):
        colour = (
            SKIN[int(rng.integers(len(SKIN)))]
            if rng.random() < 0.6
            else tuple(int(v) for v in rng.integers(0, 256, 3))
        )
        colour = tuple(int(np.clip(c * rng.uniform(0.8, 1.2), 0, 255)) for c in colour)
        if rng.random() < 0.6:  # a finger or a pen: a thick stroke from outside the frame or across
            x0, y0 = rng.uniform(0, w), rng.uniform(0, h)
            a = rng.uniform(0, 2 * math.pi)
            length = rng.uniform(0.2, 0.7) * max(w, h)
            x1, y1 = x0 + length * math.cos(a), y0 + length * math.sin(a)
            cv2.line(
                img, (int(x0), int(y0)), (int(x1), int(y1)), colour, int(rng.integers(2, 12)), cv2.LINE_AA
            )
        else:
            c = (int(rng.uniform(0, w)), int(rng.uniform(0, h)))
            ax = (int(rng.uniform(3, 0.2 * w)), int(rng.uniform(3, 0.2 * h)))
            cv2.ellipse(img, c, ax, float(rng.uniform(0, 180)), 0, 360, colour, -1, cv2.LINE_AA)


class Pool:
    """The training frames by kind, for augmentations that borrow a second frame."""

    def __init__(self, rows: list) -> None:
        self.rows = rows
        self.docs = [i for i, r in enumerate(rows) if r[1] is not None]
        self.negatives = [i for i, r in enumerate(rows) if r[1] is None]

    def document(self, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        r = self.rows[self.docs[int(rng.integers(len(self.docs)))]]
        return r[0], r[1]

    def negative(self, rng: np.random.Generator) -> np.ndarray:
        return self.rows[self.negatives[int(rng.integers(len(self.negatives)))]][0]


# how often each augmentation aimed at the detector's misses is applied (issue #20, round 5)
P_SMALL = 0.2  # a document scaled down to 1-5 % of the frame (a CCCD at 960×720 is ~2 %)
P_OVERLAP = 0.12  # a second document partly under the first (the target: the top one whole)
P_DROP = 0.25  # the document's own drop shadow on the surface round it (not document)
P_EDGE = 0.2  # a hard straight shadow edge across the page (the page stays page)


def _fill(q: np.ndarray | None) -> np.ndarray:
    mask = np.zeros((IN_H, IN_W), np.float32)
    if q is not None:
        cv2.fillPoly(mask, [np.round(q * 16).astype(np.int32)], 1.0, cv2.LINE_AA, shift=4)
    return mask


def _geometry(
    rng: np.random.Generator, img: np.ndarray, corners: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """The stored frame mapped onto the input: crop/scale, aspect, rotation, flip; the corners with it."""
    h, w = img.shape[:2]
    # geometry: an affine map from the stored frame to the input: crop/scale, aspect, rotation, flip
    scale = rng.uniform(1.0, 1.45) if rng.random() < 0.85 else rng.uniform(0.8, 1.0)
    aspect = math.exp(rng.uniform(-0.2, 0.2))
    quarter = rng.random() < 0.4
    tilt = rng.uniform(-12, 12) if rng.random() < 0.4 else 0.0
    t = math.radians(tilt + (90 * int(rng.choice([1, 3])) if quarter else 180 * int(rng.integers(2))))
    # a quarter turn maps the frame's width onto the input's height
    ow, oh = (IN_H, IN_W) if quarter else (IN_W, IN_H)
    cover = math.cos(math.radians(abs(tilt))) + math.sin(math.radians(abs(tilt))) * max(
        IN_W / IN_H, IN_H / IN_W
    )
    sx = ow / w * scale * cover * math.sqrt(aspect)
    sy = oh / h * scale * cover / math.sqrt(aspect)
    # the frame's centre (jittered within what the zoom leaves) to the input's centre, turned
    slack = max(0.0, 1 - 1 / scale) / 2
    cx = w / 2 + rng.uniform(-slack, slack) * w
    cy = h / 2 + rng.uniform(-slack, slack) * h
    a = np.array([[sx, 0, -sx * cx], [0, sy, -sy * cy], [0, 0, 1]], np.float64)
    r = np.array([[math.cos(t), -math.sin(t), 0], [math.sin(t), math.cos(t), 0], [0, 0, 1]])
    m = np.array([[1, 0, IN_W / 2], [0, 1, IN_H / 2], [0, 0, 1]]) @ r @ a
    if rng.random() < 0.5:
        m = np.array([[-1, 0, IN_W], [0, 1, 0], [0, 0, 1]]) @ m
    if rng.random() < 0.3:
        m = np.array([[1, 0, 0], [0, -1, IN_H], [0, 0, 1]]) @ m
    out = cv2.warpAffine(img, m[:2], (IN_W, IN_H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if corners is None:
        return out, None
    return out, cv2.transform(corners.reshape(-1, 1, 2).astype(np.float64), m[:2]).reshape(-1, 2)


def _small(
    rng: np.random.Generator, img: np.ndarray, corners: np.ndarray, canvas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The document with a margin of its surface (and its shadow) scaled down onto another surface.

    The document ends up covering 1-5 % of the input (a card in a kiosk tray's wide view); the
    patch's rim is feathered into the canvas (a negative frame, or the patch's own surface tone)
    so that its edge is not a rectangle to find.
    """
    h, w = img.shape[:2]
    x0, y0 = corners.min(0)
    x1, y1 = corners.max(0)
    mx, my = (x1 - x0) * rng.uniform(0.25, 0.8), (y1 - y0) * rng.uniform(0.25, 0.8)
    px0, py0 = max(0.0, x0 - mx), max(0.0, y0 - my)
    px1, py1 = min(float(w), x1 + mx), min(float(h), y1 + my)
    area = max(abs(cv2.contourArea(corners.astype(np.float32))), 1.0)
    s = math.sqrt(rng.uniform(0.01, 0.05) * IN_W * IN_H / area)
    t = rng.uniform(0, 2 * math.pi)
    c, si = math.cos(t) * s, math.sin(t) * s
    # the patch's corners after scaling and turning: where it may go so the document stays in view
    rot = np.array([[c, -si], [si, c]])
    quad = (corners - [(px0 + px1) / 2, (py0 + py1) / 2]) @ rot.T
    lo, hi = quad.min(0), quad.max(0)
    dx = rng.uniform(-lo[0] + 1, IN_W - hi[0] - 1) if IN_W - hi[0] - 1 > -lo[0] + 1 else IN_W / 2
    dy = rng.uniform(-lo[1] + 1, IN_H - hi[1] - 1) if IN_H - hi[1] - 1 > -lo[1] + 1 else IN_H / 2
    m = np.zeros((2, 3))
    m[:, :2] = rot
    m[:, 2] = [dx, dy] - rot @ [(px0 + px1) / 2, (py0 + py1) / 2]
    layer = cv2.warpAffine(img, m, (IN_W, IN_H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    alpha = np.zeros((h, w), np.float32)
    alpha[int(py0) : int(math.ceil(py1)), int(px0) : int(math.ceil(px1))] = 1.0
    feather = max(1.0, 0.12 * min(px1 - px0, py1 - py0))
    alpha = cv2.GaussianBlur(alpha, (0, 0), feather)
    alpha = cv2.warpAffine(alpha, m, (IN_W, IN_H), flags=cv2.INTER_LINEAR)
    # where the document is, the patch is whole (the feathering never fades the page)
    alpha = np.maximum(alpha, _fill(corners @ rot.T + m[:, 2]))[:, :, None]
    if rng.random() < 0.6:
        zoom = rng.uniform(1.0, 2.0)
        ch, cw = canvas.shape[:2]
        cw2, ch2 = cw / zoom, ch / zoom
        cx, cy = rng.uniform(0, cw - cw2), rng.uniform(0, ch - ch2)
        ground = cv2.resize(
            canvas[int(cy) : int(cy + ch2), int(cx) : int(cx + cw2)],
            (IN_W, IN_H),
            interpolation=cv2.INTER_AREA,
        ).astype(np.float32)
        if rng.random() < 0.5:
            ground = ground[:, ::-1]
    else:  # the patch's own surface tone, with a little grain
        rim = np.concatenate([img[int(py0), int(px0) : int(px1)], img[int(py1) - 1, int(px0) : int(px1)]])
        ground = np.broadcast_to(np.median(rim, 0).astype(np.float32), (IN_H, IN_W, 3)).copy()
        ground += rng.normal(0, rng.uniform(1, 5), ground.shape).astype(np.float32)
    out = alpha * layer.astype(np.float32) + (1 - alpha) * ground
    return np.clip(out, 0, 255).astype(np.uint8), corners @ rot.T + m[:, 2]


def _overlap(
    rng: np.random.Generator, out: np.ndarray, q: np.ndarray, img: np.ndarray, corners: np.ndarray
) -> np.ndarray:
    """A second document partly under the first: only the top one is the target."""
    c2 = corners.mean(0)
    a1 = abs(cv2.contourArea(q.astype(np.float32)))
    a2 = max(abs(cv2.contourArea(corners.astype(np.float32))), 1.0)
    s = math.sqrt(a1 / a2 * rng.uniform(0.5, 2.0))
    t = rng.uniform(0, 2 * math.pi)
    rot = s * np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    a = rng.uniform(0, 2 * math.pi)
    extent = np.ptp(q, axis=0)
    centre = q.mean(0) + extent * rng.uniform(0.35, 0.9) * [math.cos(a), math.sin(a)]
    m = np.zeros((2, 3))
    m[:, :2] = rot
    m[:, 2] = centre - rot @ c2
    under = cv2.warpAffine(img, m, (IN_W, IN_H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    alpha = (_fill(corners @ rot.T + m[:, 2]) * (1 - _fill(q)))[:, :, None]
    return (alpha * under + (1 - alpha) * out).astype(np.uint8)


def _drop_shadow(rng: np.random.Generator, f: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The document's shadow on the surface beside it, swept from the sheet: darker, not document."""
    size = math.sqrt(max(abs(cv2.contourArea(q.astype(np.float32))), 1.0))
    a = rng.uniform(0, 2 * math.pi)
    d = size * rng.uniform(0.03, 0.15) * np.array([math.cos(a), math.sin(a)])
    hull = cv2.convexHull(np.concatenate([q, q + d]).astype(np.float32)).reshape(-1, 2)
    shade = _fill(hull)
    sigma = rng.uniform(0, 0.08) * size
    if sigma > 0.3:
        shade = cv2.GaussianBlur(shade, (0, 0), sigma)
    shade *= 1 - _fill(q)
    return f * (1 - rng.uniform(0.3, 0.75) * shade)[:, :, None]


def _hard_edge(rng: np.random.Generator, f: np.ndarray, q: np.ndarray) -> np.ndarray:
    """A straight shadow edge across the page (a window frame, a screen's rim): the page stays page."""
    lo, hi = q.min(0), q.max(0)
    p = lo + (hi - lo) * rng.uniform(0.2, 0.8, 2)
    a = rng.uniform(0, math.pi)
    gx, gy = np.meshgrid(np.arange(IN_W, dtype=np.float32), np.arange(IN_H, dtype=np.float32))
    side = ((gx - p[0]) * math.cos(a) + (gy - p[1]) * math.sin(a) > 0).astype(np.float32)
    sigma = rng.uniform(0, 0.8)
    if sigma > 0.3:
        side = cv2.GaussianBlur(side, (0, 0), sigma)
    tint = np.array([1.0 + rng.uniform(0, 0.15), 1.0, 1.0 - rng.uniform(0, 0.1)], np.float32)
    dark = rng.uniform(0.3, 0.65) * side[:, :, None]
    return f * (1 - dark) * (1 - (1 - tint) * dark)


def augment(
    rng: np.random.Generator, img: np.ndarray, corners: np.ndarray | None, pool: Pool | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One augmented (input BGR uint8 IN_H×IN_W, mask float32 IN_H×IN_W) pair.

    With a ``pool`` (the other training frames), also the augmentations aimed at the misses:
    small documents on another surface, a second document under the first.
    """
    if corners is not None and pool is not None and pool.negatives and rng.random() < P_SMALL:
        out, q = _small(rng, img, corners, pool.negative(rng))
    else:
        out, q = _geometry(rng, img, corners)
    if q is not None and pool is not None and rng.random() < P_OVERLAP:
        out = _overlap(rng, out, q, *pool.document(rng))
    mask = _fill(q)
    f = out.astype(np.float32)
    if q is not None and rng.random() < P_DROP:
        f = _drop_shadow(rng, f, q)
    if q is not None and rng.random() < P_EDGE:
        f = _hard_edge(rng, f, q)
    # photometric
    if corners is not None and rng.random() < 0.15:
        f = _white_on_cream(rng, f, mask)
    if rng.random() < 0.4:
        f *= _shadow(rng, IN_H, IN_W)
    if rng.random() < 0.4:  # a lighting gradient
        gx, gy = np.meshgrid(np.linspace(-1, 1, IN_W), np.linspace(-1, 1, IN_H))
        a = rng.uniform(0, 2 * math.pi)
        g = (gx * math.cos(a) + gy * math.sin(a)) * rng.uniform(0.1, 0.45)
        f *= (1 + g)[:, :, None].astype(np.float32)
    if rng.random() < 0.3:  # low contrast: towards the frame's mean
        f = f * (k := rng.uniform(0.4, 0.8)) + f.mean((0, 1)) * (1 - k)
    f *= rng.uniform(0.75, 1.25, 3).astype(np.float32)  # white balance
    f = f * rng.uniform(0.6, 1.4) + rng.uniform(-30, 30)  # exposure, offset
    f = np.clip(f, 0, 255)
    if rng.random() < 0.5:
        f = 255 * (f / 255) ** rng.uniform(0.6, 1.6)
    if rng.random() < 0.1:
        f[:] = f.mean(2, keepdims=True)
    out = f.astype(np.uint8)
    if rng.random() < 0.35:
        _occluders(rng, out)
    if rng.random() < 0.3:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 1.5))
    elif rng.random() < 0.1:
        k = np.zeros((5, 5), np.float32)
        k[2] = 1
        rm = cv2.getRotationMatrix2D((2, 2), float(rng.uniform(0, 180)), 1.0)
        k = cv2.warpAffine(k, rm, (5, 5))
        out = cv2.filter2D(out, -1, k / max(k.sum(), 1e-6))
    if rng.random() < 0.4:
        out = np.clip(out + rng.normal(0, rng.uniform(2, 10), out.shape), 0, 255).astype(np.uint8)
    if rng.random() < 0.3:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 90))])
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out, mask


def plain(img: np.ndarray, corners: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """No augmentation: the stored frame resized to the input, as at inference."""
    h, w = img.shape[:2]
    out = cv2.resize(img, (IN_W, IN_H), interpolation=cv2.INTER_AREA)
    mask = np.zeros((IN_H, IN_W), np.float32)
    if corners is not None:
        q = corners * np.array([IN_W / w, IN_H / h], np.float32)
        cv2.fillPoly(mask, [np.round(q * 16).astype(np.int32)], 1.0, cv2.LINE_AA, shift=4)
    return out, mask


def batch(pairs: list[tuple[np.ndarray, np.ndarray]]) -> tuple[torch.Tensor, torch.Tensor]:
    x = np.stack([p[0] for p in pairs]).astype(np.float32).transpose(0, 3, 1, 2) / 255.0
    y = np.stack([p[1] for p in pairs])[:, None]
    return torch.from_numpy(x), torch.from_numpy(y)


# --------------------------------------------------------------------------- training


def loss_fn(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    bce = F.binary_cross_entropy_with_logits(logits, y)
    p = torch.sigmoid(logits)
    inter = (p * y).sum((1, 2, 3))
    union = p.sum((1, 2, 3)) + y.sum((1, 2, 3))
    has = (y.sum((1, 2, 3)) > 0).float()
    dice = 1 - (2 * inter + 1) / (union + 1)
    return bce + (dice * has).sum() / has.sum().clamp(min=1)


def evaluate(model: DocSeg, rows: list) -> tuple[float, float]:
    """Mean mask IoU on documents (threshold 0.5) and the mean largest probability on negatives."""
    model.eval()
    ious, negs = [], []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            chunk = [plain(r[0], r[1]) for r in rows[i : i + 64]]
            x, y = batch(chunk)
            p = model(x).numpy()[:, 0]
            for pi, yi, r in zip(p, y.numpy()[:, 0], rows[i : i + 64], strict=True):
                if r[1] is None:
                    negs.append(float((pi > 0.5).mean()))
                else:
                    a, b = pi > 0.5, yi > 0.5
                    ious.append((a & b).sum() / max((a | b).sum(), 1))
    model.train()
    return float(np.mean(ious)), float(np.mean(negs))


def load_onnx(model: DocSeg, path: Path) -> None:
    """Start from an exported model: its convolutions carry the batch norms folded in at export.

    Each convolution gets the folded weights and its batch norm becomes the identity plus the
    folded bias (running mean 0, variance 1 − eps, scale 1); fine-tuning then keeps the batch
    norms' statistics frozen (:func:`freeze_norms`), so the start is the exported net exactly.
    """
    import onnx
    from onnx import numpy_helper

    m = onnx.load(str(path))
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    folded = [(init[n.input[1]], init[n.input[2]]) for n in m.graph.node if n.op_type == "Conv"]
    mods = list(model.modules())
    convs = [(k, c) for k, c in enumerate(mods) if isinstance(c, nn.Conv2d)]
    if len(convs) != len(folded):
        raise ValueError(f"{path}: {len(folded)} convolutions, the net has {len(convs)}")
    with torch.no_grad():
        for (k, conv), (w, b) in zip(convs, folded, strict=True):
            conv.weight.copy_(torch.from_numpy(w))
            bn = mods[k + 1] if k + 1 < len(mods) and isinstance(mods[k + 1], nn.BatchNorm2d) else None
            if bn is None:  # the head: a plain convolution with its own bias
                conv.bias.copy_(torch.from_numpy(b))
                continue
            bn.running_mean.zero_()
            bn.running_var.fill_(1 - bn.eps)
            bn.weight.fill_(1.0)
            bn.bias.copy_(torch.from_numpy(b))


def freeze_norms(model: DocSeg) -> None:
    """Batch norms keep their running statistics (fine-tuning from an export: see :func:`load_onnx`)."""
    for mod in model.modules():
        if isinstance(mod, nn.BatchNorm2d):
            mod.eval()


def export(model: DocSeg, out: Path) -> None:
    model.eval()
    x = torch.zeros(1, 3, IN_H, IN_W)
    torch.onnx.export(
        model, (x,), str(out), input_names=["image"], output_names=["prob"], opset_version=13, dynamo=False
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/docseg")
    ap.add_argument("--out", default="devices/camera/docscan/docseg.onnx")
    ap.add_argument("--epochs", type=int, default=28)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--checkpoint", default="/tmp/docseg-model.pt")
    ap.add_argument(
        "--init", default=None, help="fine-tune from this exported ONNX model (batch norms frozen)"
    )
    ap.add_argument(
        "--stop-after",
        type=int,
        default=None,
        help="end after this many epochs of the --epochs schedule, and export",
    )
    ap.add_argument(
        "--aimed",
        type=float,
        default=1.0,
        help="scale the rates of the augmentations aimed at the misses (P_SMALL, P_OVERLAP, P_DROP, P_EDGE)",
    )
    ap.add_argument(
        "--epoch-exports",
        default=None,
        help="also export the model after every epoch into this folder (e1.onnx, e2.onnx, ...)",
    )
    ap.add_argument(
        "--reload",
        action="store_true",
        help="re-read the cache every epoch (while it is still being rendered; not for the shipped model)",
    )
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    global P_SMALL, P_OVERLAP, P_DROP, P_EDGE
    P_SMALL, P_OVERLAP, P_DROP, P_EDGE = (p * args.aimed for p in (P_SMALL, P_OVERLAP, P_DROP, P_EDGE))
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)
    rows = load_cache(Path(args.cache))
    # a small validation share: every 20th frame (the benchmark's own seeds are the real test)
    val = rows[::20]
    train = [r for i, r in enumerate(rows) if i % 20]
    print(
        f"{len(train)} training frames, {len(val)} validation; {sum(r[1] is None for r in rows)} negatives",
        flush=True,
    )
    model = DocSeg()
    print(f"parameters: {sum(p.numel() for p in model.parameters())}", flush=True)
    if args.init:
        load_onnx(model, Path(args.init))
        freeze_norms(model)
        iou, neg = evaluate(model, val)
        freeze_norms(model)
        print(f"from {args.init}: val mask IoU {iou:.4f}  negatives' area {neg:.4f}", flush=True)
    pool = Pool(train)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * (len(train) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    rng = np.random.default_rng(args.seed)
    t0 = time.time()
    for epoch in range(args.epochs):
        if args.reload and epoch:
            rows = load_cache(Path(args.cache))
            train = [r for i, r in enumerate(rows) if i % 20]
            pool = Pool(train)
        order = rng.permutation(len(train))
        total = 0.0
        n = 0
        for b in range(len(train) // args.batch):
            idx = order[b * args.batch : (b + 1) * args.batch]
            x, y = batch([augment(rng, train[i][0], train[i][1], pool) for i in idx])
            loss = loss_fn(model.logits(x - 0.5), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach())
            n += 1
        iou, neg = evaluate(model, val)
        if args.init:
            freeze_norms(model)
        print(
            f"epoch {epoch + 1:3d}  loss {total / n:.4f}  val mask IoU {iou:.4f}  negatives' area {neg:.4f}  {time.time() - t0:6.0f} s",
            flush=True,
        )
        torch.save(model.state_dict(), args.checkpoint)
        if args.epoch_exports:
            Path(args.epoch_exports).mkdir(parents=True, exist_ok=True)
            export(model, Path(args.epoch_exports) / f"e{epoch + 1}.onnx")
            model.train()
            if args.init:
                freeze_norms(model)
        if args.stop_after and epoch + 1 >= args.stop_after:
            break
    export(model, Path(args.out))
    print(f"exported {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
