"""Camera frames (1920×1080) of printed receipts and CCCD fronts carrying QR codes, plus negatives.

Each sample is ``Sample(name, condition, image, expected)`` where ``expected`` is the tuple of
texts a decoder must return (empty for negatives). Sample ``i`` of seed ``s`` is always the
same image. Conditions: clean, blur, noise, perspective, low_light, glare, small, mixed,
and the negatives: no_code (a printed page without a code), fake_code (a grid of random
modules with QR finder patterns: looks like a QR code, is not one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import segno

from bench.datasets import scene

W, H = 1920, 1080
CONDITIONS = ("clean", "blur", "noise", "perspective", "low_light", "glare", "small", "mixed")
NEGATIVES = ("no_code", "fake_code")
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
_MIDDLE = ["Thị", "Văn", "Hữu", "Đức", "Ngọc", "Thanh", "Minh", "Quốc", "Xuân", "Thùy"]
_GIVEN = [
    "Nhung",
    "Hùng",
    "Dũng",
    "Hương",
    "Phượng",
    "Thủy",
    "Đạt",
    "Ánh",
    "Tuấn",
    "Yến",
    "Khánh",
    "Trường",
    "Lộc",
    "Ngữ",
]
_PLACES = [
    "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
    "Thôn Đông Xá, xã Đông Sơn, tỉnh Bắc Ninh",
    "123 đường Nguyễn Huệ, phường Sài Gòn, TP. Hồ Chí Minh",
    "Bản Nà Phặc, xã Nà Phặc, tỉnh Tuyên Quang",
    "Tổ 5, phường Đống Đa, tỉnh Lạng Sơn",
]


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    image: np.ndarray
    expected: tuple[str, ...]


def _tracking(rng: np.random.Generator) -> str:
    from kiosk.tracking import check_symbol

    body = "".join(rng.choice(list(_ALPHABET), size=9))
    return body + check_symbol(body)


def receipt_payload(rng: np.random.Generator) -> str:
    code = _tracking(rng)
    return (
        f"https://dvc.example.gov.vn/t/{code}?p=1.004946&d={int(rng.integers(250101, 251231))}"
        f"&s={''.join(rng.choice(list('abcdefghijkmnpqrstuvwxyz0123456789'), size=22))}"
    )


def cccd_payload(rng: np.random.Generator) -> str:
    cid = "0" + "".join(str(d) for d in rng.integers(0, 10, size=11))
    old = "".join(str(d) for d in rng.integers(0, 10, size=9))
    name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
    dob = f"{int(rng.integers(1, 29)):02d}{int(rng.integers(1, 13)):02d}{int(rng.integers(1940, 2008))}"
    sex = str(rng.choice(["Nam", "Nữ"]))
    issued = f"{int(rng.integers(1, 29)):02d}{int(rng.integers(1, 13)):02d}{int(rng.integers(2021, 2026))}"
    return "|".join([cid, old, name, dob, sex, str(rng.choice(_PLACES)), issued])


def qr_matrix(payload: str, eci: bool) -> np.ndarray:
    # Receipts are printed with an ECI marker (our printer does); CCCD codes carry none.
    q = segno.make_qr(payload.encode("utf-8") if not eci else payload, error="m", eci=eci, boost_error=False)
    return np.array(q.matrix, dtype=np.uint8)


def fake_matrix(rng: np.random.Generator, n: int = 41) -> np.ndarray:
    m = (rng.random((n, n)) < 0.5).astype(np.uint8)
    finder = np.ones((7, 7), np.uint8)
    finder[1:6, 1:6] = 0
    finder[2:5, 2:5] = 1
    for y, x in ((0, 0), (0, n - 7), (n - 7, 0)):
        m[max(y - 1, 0) : y + 8, max(x - 1, 0) : x + 8] = 0
        m[y : y + 7, x : x + 7] = finder
    return m


def _document(rng: np.random.Generator, kind: str, matrix: np.ndarray | None, module_px: int) -> np.ndarray:
    """A receipt strip or an ID card front, with the code drawn at ``module_px`` per module."""
    code = scene.draw_modules(matrix, module_px) if matrix is not None else None
    cs = code.shape[0] if code is not None else 40 * module_px
    if kind == "receipt":
        w = int(cs * rng.uniform(1.4, 1.8))
        h = int(w * rng.uniform(1.8, 2.6))
        doc = scene.paper(rng, w, h)
        if code is not None:
            x, y = (w - cs) // 2, int(h * 0.55)
            doc[y : y + cs, x : x + cs] = code
    else:  # CCCD front: 85.6 × 54 mm, tinted, code at the top right, photo at the left
        w = int(cs * rng.uniform(3.0, 3.6))
        h = int(w * 54 / 85.6)
        tint = (float(rng.uniform(200, 235)), float(rng.uniform(215, 240)), float(rng.uniform(225, 250)))
        doc = scene.paper(rng, w, h, tint=tint)
        cv2.rectangle(doc, (int(0.05 * w), int(0.3 * h)), (int(0.28 * w), int(0.85 * h)), (150, 140, 130), -1)
        if code is not None:
            x, y = w - cs - int(0.04 * w), int(0.06 * h)
            doc[y : y + cs, x : x + cs] = code
    return doc


def sample(seed: int, index: int) -> Sample:
    rng = np.random.default_rng([seed, index])
    all_conditions = CONDITIONS + NEGATIVES
    condition = all_conditions[index % len(all_conditions)]
    kind = "receipt" if rng.random() < 0.5 else "cccd"
    payload = receipt_payload(rng) if kind == "receipt" else cccd_payload(rng)
    matrix: np.ndarray | None
    if condition == "no_code":
        matrix, expected = None, ()
    elif condition == "fake_code":
        matrix, expected = fake_matrix(rng, int(rng.choice([37, 41, 45]))), ()
    else:
        matrix, expected = qr_matrix(payload, eci=kind == "receipt"), (payload,)
    n_modules = (matrix.shape[0] if matrix is not None else 41) + 8
    # Size on screen: how many frame pixels one module spans.
    px_per_module = rng.uniform(1.6, 2.4) if condition == "small" else rng.uniform(2.6, 7.0)
    module_px = 8
    doc = _document(rng, kind, matrix, module_px)
    code_frac = n_modules * module_px / max(doc.shape[:2])
    fill = min(0.95, px_per_module * n_modules / code_frac / min(W, H))
    tilt = 35.0 if condition in ("perspective", "mixed") else 12.0
    corners = scene.project(rng, doc.shape[1], doc.shape[0], W, H, fill, max_tilt_deg=tilt)
    if condition == "perspective":
        corners = scene.project(rng, doc.shape[1], doc.shape[0], W, H, fill, max_tilt_deg=tilt)
    frame = scene.paste(scene.background(rng, W, H), doc, corners)
    blur, motion, noise, light = (
        float(rng.uniform(0, 0.8)),
        0,
        float(rng.uniform(1, 4)),
        float(rng.uniform(0.85, 1.05)),
    )
    if condition in ("blur", "mixed"):
        if rng.random() < 0.5:
            blur = float(rng.uniform(1.0, 2.2))
        else:
            motion = int(rng.integers(4, 9))
    if condition in ("noise", "mixed"):
        noise = float(rng.uniform(8, 18))
    if condition in ("low_light", "mixed"):
        light = float(rng.uniform(0.18, 0.4))
    if condition in ("glare", "mixed"):
        c = corners.mean(axis=0)
        off = rng.uniform(-0.15, 0.15, size=2) * np.ptp(corners, axis=0)
        frame = scene.glare(
            rng,
            frame,
            (float(c[0] + off[0]), float(c[1] + off[1])),
            float(rng.uniform(0.05, 0.15)) * W,
            float(rng.uniform(0.4, 0.8)),
        )
    frame = scene.camera(
        rng, frame, blur=blur, motion=motion, noise=noise, light=light, jpeg=int(rng.integers(70, 95))
    )
    return Sample(f"qr-{seed}-{index:05d}", condition, frame, expected)


def samples(seed: int = 1, count: int = 300) -> Iterator[Sample]:
    for i in range(count):
        yield sample(seed, i)
