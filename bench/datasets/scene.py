"""Building blocks shared by the generated evaluation sets: backgrounds, paper, projection, camera effects.

Everything takes a ``numpy.random.Generator`` so a seed reproduces a frame bit for bit.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

Rng = np.random.Generator

_WORDS = (
    "CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc GIAY BIEN NHAN HO SO "
    "Thu tuc dang ky khai sinh Ngay hen tra ket qua Can bo tiep nhan UBND phuong xa "
    "So dinh danh ca nhan Dia chi thuong tru Quoc tich Ho va ten Ngay sinh Gioi tinh"
).split()


def background(rng: Rng, w: int, h: int, kind: str | None = None) -> np.ndarray:
    """A desk-like background: plain, wood grain, cloth noise, cluttered, or low contrast."""
    kind = kind or str(rng.choice(["plain", "wood", "cloth", "clutter", "lowcontrast", "tiles"]))
    if kind == "photo":
        return _photo(rng, w, h)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = rng.uniform(40, 200, size=3).astype(np.float32)
    if kind == "lowcontrast":
        base = rng.uniform(150, 200, size=3).astype(np.float32)
        base[:] = base.mean() + rng.uniform(-8, 8, size=3)
    img = np.ones((h, w, 3), np.float32) * base
    # smooth illumination gradient
    gx, gy = rng.uniform(-0.25, 0.25, size=2)
    img *= (1 + gx * (xx / w - 0.5) + gy * (yy / h - 0.5))[..., None]
    if kind == "wood":
        f = rng.uniform(0.01, 0.04)
        a = rng.uniform(0, math.pi)
        t = xx * math.cos(a) + yy * math.sin(a)
        grain = np.sin(t * f + 4 * np.sin(t * f * 0.13 + yy * 0.003)) * rng.uniform(10, 30)
        img += grain[..., None] * np.array([1.0, 0.8, 0.5], np.float32)
    elif kind == "cloth":
        small = rng.normal(0, rng.uniform(10, 25), size=(h // 4 + 1, w // 4 + 1, 3)).astype(np.float32)
        img += cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)[:h, :w]
    elif kind == "clutter":
        for _ in range(int(rng.integers(10, 40))):
            color = tuple(float(c) for c in rng.uniform(0, 255, size=3))
            x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
            r = int(rng.integers(5, max(6, w // 12)))
            shape = rng.integers(0, 3)
            if shape == 0:
                cv2.circle(img, (x, y), r, color, -1, cv2.LINE_AA)
            elif shape == 1:
                x2, y2 = int(rng.integers(0, w)), int(rng.integers(0, h))
                cv2.line(img, (x, y), (x2, y2), color, int(rng.integers(1, 6)), cv2.LINE_AA)
            else:
                cv2.ellipse(img, (x, y), (r, r // 2 + 1), float(rng.uniform(0, 180)), 0, 360, color, -1)
    elif kind == "tiles":
        step = int(rng.integers(w // 10, w // 4))
        line = base * 0.8
        for x in range(int(rng.integers(0, step)), w, step):
            cv2.line(img, (x, 0), (x, h), tuple(float(c) for c in line), 2)
        for y in range(int(rng.integers(0, step)), h, step):
            cv2.line(img, (0, y), (w, y), tuple(float(c) for c in line), 2)
    img += rng.normal(0, 3, size=img.shape).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def _photo(rng: Rng, w: int, h: int) -> np.ndarray:
    """A crop of a real photograph (the tuning share of scikit-image's bundled ones)."""
    from bench.datasets.photos import TUNING, photo

    src = photo(str(rng.choice(TUNING)))
    f = max(w / src.shape[1], h / src.shape[0]) * float(rng.uniform(1.0, 1.8))
    big = cv2.resize(src, None, fx=f, fy=f, interpolation=cv2.INTER_LINEAR)
    y0 = int(rng.integers(0, big.shape[0] - h + 1))
    x0 = int(rng.integers(0, big.shape[1] - w + 1))
    return np.ascontiguousarray(big[y0 : y0 + h, x0 : x0 + w])


def gradient(rng: Rng, img: np.ndarray) -> np.ndarray:
    """Strongly uneven light: one side of the frame at 30-50 % of the other."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    t = ((xx - w / 2) * math.cos(a) + (yy - h / 2) * math.sin(a)) / max(w, h) + 0.5
    low = float(rng.uniform(0.3, 0.5))
    gain = low + (1.15 - low) * np.clip(t, 0, 1)
    return np.clip(img.astype(np.float32) * gain[..., None], 0, 255).astype(np.uint8)


def fingers(rng: Rng, img: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Fingers reaching across one side of the sheet from outside (thick rounded lines)."""
    out = img.copy()
    i = int(rng.integers(0, 4))
    p, r = corners[i].astype(np.float64), corners[(i + 1) % 4].astype(np.float64)
    at = p + float(rng.uniform(0.15, 0.85)) * (r - p)
    along = (r - p) / (np.linalg.norm(r - p) + 1e-9)
    normal = np.array([along[1], -along[0]])
    if (corners.mean(axis=0) - at) @ normal > 0:
        normal = -normal  # outwards
    skin = tuple(float(c) for c in (rng.uniform(80, 140), rng.uniform(120, 175), rng.uniform(170, 235)))
    thick = int(rng.uniform(30, 50))
    n = int(rng.integers(1, 5))
    for k in range(n):
        off = along * (k - (n - 1) / 2) * thick * 1.05
        a = at + off + normal * 400
        b = at + off - normal * float(rng.uniform(30, 120))
        cv2.line(out, tuple(int(v) for v in a), tuple(int(v) for v in b), skin, thick, cv2.LINE_AA)
    return out


def paper(
    rng: Rng, w: int, h: int, tint: tuple[float, float, float] | None = None, lines: bool = True
) -> np.ndarray:
    """A printed sheet: off-white (or tinted) with lines of text-like marks."""
    tint = tint or tuple(float(v) for v in rng.uniform(225, 252, size=3))
    img = np.ones((h, w, 3), np.uint8)
    img[:] = tint
    if lines:
        scale = max(0.3, w / 900)
        y = int(rng.integers(int(0.06 * h), int(0.1 * h) + 1))
        while y < h * 0.92:
            words, x = [], int(0.07 * w)
            text = " ".join(rng.choice(_WORDS, size=int(rng.integers(2, 9))))
            words.append(text)
            cv2.putText(
                img,
                text,
                (x, y),
                cv2.FONT_HERSHEY_SIMPLEX,
                scale,
                (40, 40, 40),
                max(1, int(scale * 1.5)),
                cv2.LINE_AA,
            )
            y += int(38 * scale * rng.uniform(0.9, 1.6))
    return img


def draw_modules(matrix: np.ndarray, module_px: int, quiet: int = 4) -> np.ndarray:
    """A QR matrix (1 = dark) drawn black on white with a quiet zone, module_px pixels per module."""
    m = np.pad(matrix.astype(np.uint8), quiet)
    img = np.where(m > 0, 0, 255).astype(np.uint8)
    img = np.kron(img, np.ones((module_px, module_px), np.uint8))
    return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)


def project(
    rng: Rng,
    doc_w: float,
    doc_h: float,
    frame_w: int,
    frame_h: int,
    fill: float,
    max_tilt_deg: float = 35.0,
    rotate: bool = True,
) -> np.ndarray:
    """Corners (TL, TR, BR, BL of the document) of a rectangle seen by a pinhole camera.

    The sheet is tilted by up to ``max_tilt_deg`` out of the image plane, rotated by any angle
    in it, and scaled so its longer projected side is about ``fill`` of the frame's shorter side.
    """
    tilt = math.radians(rng.uniform(0, max_tilt_deg))
    axis = rng.uniform(0, 2 * math.pi)
    spin = rng.uniform(0, 2 * math.pi) if rotate else rng.uniform(-0.1, 0.1)
    pts = np.array(
        [
            [-doc_w / 2, -doc_h / 2, 0],
            [doc_w / 2, -doc_h / 2, 0],
            [doc_w / 2, doc_h / 2, 0],
            [-doc_w / 2, doc_h / 2, 0],
        ],
        np.float64,
    )
    rz = np.array([[math.cos(spin), -math.sin(spin), 0], [math.sin(spin), math.cos(spin), 0], [0, 0, 1]])
    k = np.array([math.cos(axis), math.sin(axis), 0.0])
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    rt = np.eye(3) + math.sin(tilt) * kx + (1 - math.cos(tilt)) * kx @ kx
    p = pts @ rz.T @ rt.T
    size = max(doc_w, doc_h)
    f = 1.2 * size
    z = p[:, 2] + 2.0 * size
    uv = np.stack([f * p[:, 0] / z, f * p[:, 1] / z], axis=1)
    span = max(np.ptp(uv[:, 0]), np.ptp(uv[:, 1]))
    uv *= fill * min(frame_w, frame_h) / span
    lo, hi = uv.min(axis=0), uv.max(axis=0)
    room_x = frame_w - (hi[0] - lo[0])
    room_y = frame_h - (hi[1] - lo[1])
    mx, my = min(0.02 * frame_w, room_x / 2), min(0.02 * frame_h, room_y / 2)
    off = (
        np.array([rng.uniform(mx, max(room_x - mx, mx + 1)), rng.uniform(my, max(room_y - my, my + 1))]) - lo
    )
    return (uv + off).astype(np.float32)


def paste(frame: np.ndarray, doc: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Warp ``doc`` onto ``frame`` so its corners land on ``corners`` (TL, TR, BR, BL)."""
    h, w = doc.shape[:2]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    out = frame.copy()
    cv2.warpPerspective(
        doc,
        m,
        (frame.shape[1], frame.shape[0]),
        dst=out,
        flags=cv2.INTER_AREA if w > frame.shape[1] else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return out


def shadow(rng: Rng, img: np.ndarray, strength: float) -> np.ndarray:
    """A soft shadow band (as of a hand or the kiosk's hood) darkening part of the frame."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    d = (xx - w / 2) * math.cos(a) + (yy - h / 2) * math.sin(a) - rng.uniform(-0.2, 0.2) * w
    mask = 1 - strength / (1 + np.exp(-d / (0.05 * w)))
    return np.clip(img.astype(np.float32) * mask[..., None], 0, 255).astype(np.uint8)


def hand(rng: Rng, img: np.ndarray, at: np.ndarray, size: float) -> np.ndarray:
    """A skin-coloured blob (thumb and palm) over the point ``at``, reaching outside the document."""
    out = img.copy()
    skin = tuple(float(c) for c in (rng.uniform(90, 150), rng.uniform(130, 180), rng.uniform(180, 230)))
    cx, cy = float(at[0]), float(at[1])
    ang = rng.uniform(0, 360)
    cv2.ellipse(
        out, (int(cx), int(cy)), (int(size * 0.5), int(size * 0.22)), ang, 0, 360, skin, -1, cv2.LINE_AA
    )
    dx, dy = math.cos(math.radians(ang)) * size * 0.6, math.sin(math.radians(ang)) * size * 0.6
    cv2.ellipse(
        out,
        (int(cx + dx), int(cy + dy)),
        (int(size * 0.6), int(size * 0.4)),
        ang,
        0,
        360,
        skin,
        -1,
        cv2.LINE_AA,
    )
    return out


def glare(rng: Rng, img: np.ndarray, at: tuple[float, float], radius: float, strength: float) -> np.ndarray:
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = ((xx - at[0]) ** 2 + (yy - at[1]) ** 2) / (radius**2)
    g = strength * np.exp(-d2)
    return np.clip(img.astype(np.float32) + 255 * g[..., None], 0, 255).astype(np.uint8)


def camera(
    rng: Rng,
    img: np.ndarray,
    *,
    blur: float = 0.0,
    motion: int = 0,
    noise: float = 2.0,
    light: float = 1.0,
    jpeg: int = 90,
) -> np.ndarray:
    """What the sensor adds: defocus, motion blur, exposure, noise, JPEG compression."""
    out = img.astype(np.float32)
    if blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    if motion > 1:
        k = np.zeros((motion, motion), np.float32)
        k[motion // 2, :] = 1.0 / motion
        rot = cv2.getRotationMatrix2D((motion / 2 - 0.5, motion / 2 - 0.5), float(rng.uniform(0, 180)), 1.0)
        k = cv2.warpAffine(k, rot, (motion, motion))
        k /= max(k.sum(), 1e-6)
        out = cv2.filter2D(out, -1, k)
    out = out * light
    if noise > 0:
        out += rng.normal(0, noise, size=out.shape).astype(np.float32)
    out = np.clip(out, 0, 255).astype(np.uint8)
    if jpeg < 100:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg])
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out
