"""The held-out document set: a second generator, written apart from ``doc_set``, for reporting only.

Nothing here shares code with ``doc_set``/``scene`` (which the detector was tuned on): the
rendering is Pillow's (text in DejaVu Sans with Vietnamese diacritics, ``Image.transform``
perspective with a homography solved here, Pillow blur filters and JPEG encoder), the
camera model is a random homography rather than a pinhole, the backgrounds are a disjoint
set of real photographs bundled with scikit-image (:data:`bench.datasets.photos.HELD_OUT`),
and the hands are fingers (capsules) crossing a side, not blobs on a corner.

1280×960 frames (4:3, unlike the tuning set's 16:9). ``Sample(name, condition, kind, image,
corners)`` as in ``doc_set``: ``corners`` TL, TR, BR, BL of the document as seen upright, or
None for a negative (no document may be reported).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bench.datasets.photos import HELD_OUT, photo

W, H = 1280, 960
CONDITIONS = (
    "plain",
    "photo",
    "hand_edge",
    "gradient",
    "clutter",
    "paper_on_paper",
    "cast_shadow",
    "blur",
    "noise_jpeg",
    "steep",
)
NEGATIVES = ("negative",)
KINDS = ("a4", "id_card", "receipt")
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Kính gửi: Ủy ban nhân dân phường Đống Đa",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hồng",
    "Nơi cư trú: Số 12 ngõ 34 phố Hàng Bột, Hà Nội",
    "Giấy tờ tùy thân: Căn cước công dân số 001234567890",
    "Quan hệ với người được khai sinh: mẹ",
    "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
    "Ngày, tháng, năm sinh: 12/03/2024   Giới tính: Nữ",
    "Tôi cam đoan nội dung đề nghị đăng ký trên đây là đúng sự thật",
    "BIÊN NHẬN HỒ SƠ  Mã hồ sơ: 000.00.25.H26-240312-0042",
    "Ngày hẹn trả kết quả: 19/03/2024 — Bộ phận một cửa",
)


@dataclass(frozen=True)
class Sample:
    name: str
    condition: str
    kind: str
    image: np.ndarray  # BGR uint8
    corners: np.ndarray | None


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_FONT, size)


def _page(rng: np.random.Generator, kind: str) -> Image.Image:
    """The flat document at ~5 px/mm, in Pillow."""
    if kind == "a4":
        w, h, paper = 1050, 1485, tuple(int(v) for v in rng.integers(236, 256, 3))
    elif kind == "id_card":
        w, h = 428, 270
        paper = (int(rng.integers(200, 240)), int(rng.integers(215, 245)), int(rng.integers(180, 235)))
    else:
        w, h = 400, int(rng.integers(700, 1500))
        paper = (int(rng.integers(228, 245)),) * 3
    img = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(img)
    if kind == "id_card":
        d.rectangle([14, 14, w - 14, 52], fill=(180, 40, 40))
        d.text((24, 20), "CĂN CƯỚC CÔNG DÂN", font=_font(22), fill=(255, 240, 200))
        face = photo(str(rng.choice(HELD_OUT)))
        fh, fw = face.shape[:2]
        s = int(min(fh, fw) * 0.6)
        y0, x0 = int(rng.integers(0, fh - s + 1)), int(rng.integers(0, fw - s + 1))
        crop = Image.fromarray(face[y0 : y0 + s, x0 : x0 + s, ::-1].copy()).resize((110, 140))
        img.paste(crop, (20, 80))
        for i, line in enumerate(("Số: 001234567890", "Họ và tên: TRẦN VĂN ĐỨC", "Ngày sinh: 02/09/1985")):
            d.text((145, 80 + 30 * i), line, font=_font(15), fill=(30, 30, 60))
        return img
    size = 26 if kind == "a4" else 20
    y = 60 if kind == "a4" else 30
    margin = 70 if kind == "a4" else 20
    f = _font(size)
    while y < h - 60:
        line = str(rng.choice(_LINES))
        d.text((margin, y), line[: 26 if kind == "receipt" else 60], font=f, fill=(20, 20, 20))
        y += int(size * rng.uniform(1.5, 2.4))
        if rng.random() < 0.08 and kind == "a4":  # a table rule or a red stamp
            if rng.random() < 0.5:
                d.line([(margin, y), (w - margin, y)], fill=(60, 60, 60), width=2)
            else:
                cx, cy = int(rng.integers(200, w - 200)), y + 60
                d.ellipse([cx - 70, cy - 70, cx + 70, cy + 70], outline=(40, 40, 200), width=5)
                y += 140
    if kind == "receipt":  # a code block near the bottom
        n = 25
        mod = (rng.random((n, n)) < 0.5).astype(np.uint8) * 255
        qr = Image.fromarray(255 - mod).resize((200, 200), Image.NEAREST).convert("RGB")
        img.paste(qr, ((w - 200) // 2, h - 240))
    return img


def _homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """3×3 H with dst ~ H·src for four point pairs (direct linear solve, h33 = 1)."""
    a, b = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    h = np.linalg.solve(np.array(a, float), np.array(b, float))
    return np.append(h, 1.0).reshape(3, 3)


def _placement(rng: np.random.Generator, w: int, h: int, steep: bool) -> np.ndarray:
    """Where the page's corners land: rotated, scaled, then foreshortened by a random homography."""
    ang = rng.uniform(0, 2 * math.pi)
    fill = rng.uniform(0.45, 0.85)
    s = fill * min(W, H) / max(w, h)
    c, si = math.cos(ang), math.sin(ang)
    rect = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]) * s
    pts = rect @ np.array([[c, si], [-si, c]])
    k = 0.0009 if steep else 0.0003
    p, q = rng.uniform(-k, k, 2)
    den = 1 + p * pts[:, 0] + q * pts[:, 1]
    pts = pts / den[:, None]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = hi - lo
    shrink = min(1.0, 0.94 * W / span[0], 0.94 * H / span[1])
    pts = (pts - (lo + hi) / 2) * shrink
    span = span * shrink
    cx = rng.uniform(span[0] / 2 + 0.02 * W, W - span[0] / 2 - 0.02 * W)
    cy = rng.uniform(span[1] / 2 + 0.02 * H, H - span[1] / 2 - 0.02 * H)
    return pts + np.array([cx, cy])


def _background(rng: np.random.Generator, condition: str) -> Image.Image:
    if condition in ("photo", "hand_edge", "negative") or (condition == "steep" and rng.random() < 0.5):
        src = photo(str(rng.choice(HELD_OUT)))
        sh, sw = src.shape[:2]
        s = max(W / sw, H / sh) * rng.uniform(1.0, 1.6)
        big = Image.fromarray(src[:, :, ::-1].copy()).resize(
            (int(sw * s) + 1, int(sh * s) + 1), Image.BICUBIC
        )
        x0 = int(rng.integers(0, big.width - W + 1))
        y0 = int(rng.integers(0, big.height - H + 1))
        img = big.crop((x0, y0, x0 + W, y0 + H))
        if rng.random() < 0.5:
            img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        return img
    if condition == "paper_on_paper":  # white sheets and a pale desk under the document
        img = Image.new("RGB", (W, H), tuple(int(v) for v in rng.integers(185, 225, 3)))
        d = ImageDraw.Draw(img)
        for _ in range(int(rng.integers(1, 4))):
            x, y = int(rng.integers(-200, W)), int(rng.integers(-200, H))
            g = int(rng.integers(215, 245))
            d.polygon(
                [(x, y), (x + int(rng.integers(300, 700)), y + int(rng.integers(-80, 80))),
                 (x + int(rng.integers(250, 650)), y + int(rng.integers(300, 700))),
                 (x + int(rng.integers(-80, 80)), y + int(rng.integers(300, 700)))],
                fill=(g, g, g - int(rng.integers(0, 6))),
            )  # fmt: skip
        return img
    # a desk: a smooth colour field with fine texture from upsampled noise
    base = rng.integers(30, 200, 3)
    small = rng.normal(0, rng.uniform(4, 18), (H // 16, W // 16, 3))
    tex = np.asarray(Image.fromarray(np.uint8(np.clip(128 + small, 0, 255))).resize((W, H), Image.BICUBIC))
    img = np.clip(base[None, None, :] + (tex.astype(float) - 128), 0, 255).astype(np.uint8)
    out = Image.fromarray(img)
    if condition == "clutter":
        d = ImageDraw.Draw(out)
        for _ in range(int(rng.integers(8, 25))):
            col = tuple(int(v) for v in rng.integers(0, 256, 3))
            x, y = int(rng.integers(0, W)), int(rng.integers(0, H))
            r = int(rng.integers(10, 120))
            t = rng.integers(0, 4)
            if t == 0:  # a pen
                ang = rng.uniform(0, math.pi)
                d.line(
                    [(x, y), (x + 3 * r * math.cos(ang), y + 3 * r * math.sin(ang))],
                    fill=col,
                    width=int(rng.integers(4, 12)),
                )
            elif t == 1:  # a cup seen from above
                d.ellipse([x - r, y - r, x + r, y + r], fill=col, outline=(20, 20, 20), width=3)
            elif t == 2:  # a phone or a sticky note
                pts = np.array([[-1, -1.6], [1, -1.6], [1, 1.6], [-1, 1.6]]) * r * 0.5
                a = rng.uniform(0, math.pi)
                rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
                d.polygon([tuple(p) for p in (pts @ rot.T + [x, y])], fill=col)
            else:  # keys, coins: small blobs
                for _k in range(int(rng.integers(2, 6))):
                    xx, yy = x + int(rng.integers(-40, 40)), y + int(rng.integers(-40, 40))
                    d.ellipse([xx - 9, yy - 9, xx + 9, yy + 9], fill=(180, 170, 120))
    return out


def _fingers(rng: np.random.Generator, img: Image.Image, corners: np.ndarray) -> Image.Image:
    """Two to four fingers crossing one side of the page from outside (a hand holding it flat)."""
    i = int(rng.integers(0, 4))
    p, r = corners[i], corners[(i + 1) % 4]
    t = rng.uniform(0.2, 0.8)
    at = p + t * (r - p)
    side = r - p
    out_n = np.array([side[1], -side[0]]) / (np.linalg.norm(side) + 1e-9)
    if (corners.mean(axis=0) - at) @ out_n > 0:
        out_n = -out_n
    along = side / (np.linalg.norm(side) + 1e-9)
    skin = (int(rng.integers(170, 235)), int(rng.integers(120, 175)), int(rng.integers(90, 140)))
    width = rng.uniform(34, 52)
    reach = rng.uniform(40, 110)  # how far the fingertips come onto the page
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    n = int(rng.integers(2, 5))
    for k in range(n):
        base = at + along * (k - (n - 1) / 2) * width * 1.1 + out_n * 260
        tip = at + along * (k - (n - 1) / 2) * width * 1.1 - out_n * reach * rng.uniform(0.7, 1.0)
        d.line([tuple(base), tuple(tip)], fill=skin + (255,), width=int(width))
        d.ellipse(
            [tip[0] - width / 2, tip[1] - width / 2, tip[0] + width / 2, tip[1] + width / 2],
            fill=skin + (255,),
        )
    palm = at + out_n * 330
    d.ellipse([palm[0] - 150, palm[1] - 150, palm[0] + 150, palm[1] + 150], fill=skin + (255,))
    layer = layer.filter(ImageFilter.GaussianBlur(1.2))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def _lighting(rng: np.random.Generator, arr: np.ndarray, strong: bool) -> np.ndarray:
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0, W), rng.uniform(0, H)
    r = np.hypot(xx - cx, yy - cy) / math.hypot(W, H)
    gain = 1.15 - (rng.uniform(0.9, 1.3) if strong else rng.uniform(0.1, 0.4)) * r
    tint = rng.uniform(0.9, 1.1, 3) if strong else np.ones(3)
    return np.clip(arr * gain[..., None] * tint[None, None, :], 0, 255)


def _cast_shadow(rng: np.random.Generator, img: Image.Image) -> Image.Image:
    """A soft polygonal shadow (a head, an arm, the kiosk's hood)."""
    mask = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(mask)
    cx, cy = rng.uniform(0, W), rng.uniform(0, H)
    ang = np.sort(rng.uniform(0, 2 * math.pi, 7))
    rad = rng.uniform(200, 600, 7)
    d.polygon([(cx + r * math.cos(a), cy + r * math.sin(a)) for a, r in zip(ang, rad, strict=True)], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(rng.uniform(8, 40)))
    dark = float(rng.uniform(0.35, 0.65))
    m = np.asarray(mask, np.float32)[..., None] / 255.0
    arr = np.asarray(img, np.float32) * (1 - dark * m)
    return Image.fromarray(arr.astype(np.uint8))


def sample(seed: int, index: int) -> Sample:
    rng = np.random.default_rng([seed, index, 20])
    allc = CONDITIONS + NEGATIVES
    condition = allc[index % len(allc)]
    kind = str(KINDS[int(rng.integers(0, 3))])
    img = _background(rng, condition)
    corners = None
    if condition != "negative":
        page = _page(rng, kind)
        if condition == "paper_on_paper":  # white on white: blend towards the desk
            page = Image.blend(page, Image.new("RGB", page.size, (232, 232, 228)), 0.3)
        corners = _placement(rng, page.width, page.height, steep=condition == "steep")
        src = np.array([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]], float)
        hinv = _homography(corners, src)  # Pillow wants output → input
        coeffs = tuple((hinv / hinv[2, 2]).ravel()[:8])
        warped = page.transform(img.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
        mask = Image.new("L", page.size, 255).transform(
            img.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
        )
        img.paste(warped, (0, 0), mask)
        if condition == "hand_edge" or (condition == "clutter" and rng.random() < 0.3):
            img = _fingers(rng, img, corners)
    if condition == "cast_shadow" or (condition == "negative" and rng.random() < 0.3):
        img = _cast_shadow(rng, img)
    arr = np.asarray(img, np.float32)
    arr = _lighting(rng, arr, strong=condition == "gradient")
    img = Image.fromarray(arr.astype(np.uint8))
    if condition == "blur":
        if rng.random() < 0.5:
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 3.0)))
        else:  # motion: a line kernel (Pillow kernels are 3×3 or 5×5)
            k = np.zeros((5, 5))
            k[2, :] = 1
            if rng.random() < 0.5:
                k = k.T
            img = img.filter(ImageFilter.Kernel((5, 5), k.ravel().tolist(), scale=5))
            img = img.filter(ImageFilter.Kernel((5, 5), k.ravel().tolist(), scale=5))
    else:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    noisy = condition == "noise_jpeg"
    sigma = rng.uniform(8, 16) if noisy else rng.uniform(1, 4)
    arr = np.asarray(img, np.float32) + rng.normal(0, sigma, (H, W, 1 if rng.random() < 0.5 else 3))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=int(rng.integers(45, 60) if noisy else rng.integers(60, 93)))
    buf.seek(0)
    rgb = np.asarray(Image.open(buf).convert("RGB"))
    if corners is not None:
        from devices.camera.docscan import order_corners

        corners = order_corners(corners.astype(np.float32))
    return Sample(f"held-{seed}-{index:04d}", condition, kind, np.ascontiguousarray(rgb[:, :, ::-1]), corners)


def samples(seed: int = 1, count: int = 165) -> Iterator[Sample]:
    for i in range(count):
        yield sample(seed, i)
