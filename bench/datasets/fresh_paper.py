"""The documents of the fresh set, drawn upright at high resolution: texel (0, 0) is the top left.

Three kinds, each at its real size in millimetres: an A4 administrative form (national
heading, dotted fields filled in by hand in blue, tick boxes, a ruled table, a signature and
sometimes a red stamp), a CCCD-sized card (85.6 × 54 mm, corner radius 3.18 mm as ISO/IEC
7810 ID-1, coloured band, emblem, photo box with a portrait silhouette, a real QR code, a
pale guilloche) and a thermal receipt slip (58 or 80 mm wide, long, faded grey print, a
QR code). Pillow only rasterises text; shapes are NumPy/OpenCV.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/noto"))

SIZES_MM = {"a4": (210.0, 297.0), "id_card": (85.6, 54.0)}
RECEIPT_WIDTHS = (58.0, 80.0)
CARD_RADIUS_MM = 3.18
PPM = {"a4": 4.0, "id_card": 11.0, "receipt": 6.0}  # texels per millimetre

SURNAMES = (
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
)
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thùy", "Đức", "Xuân", "Bảo")
GIVEN = (
    "Anh",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hạnh",
    "Hiếu",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nhung",
    "Phúc",
    "Quyên",
    "Sơn",
    "Thảo",
    "Tuấn",
    "Việt",
    "Yến",
)
PLACES = (
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
    "Xã Hòa Tiến, Huyện Hòa Vang, TP. Đà Nẵng",
    "Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội",
    "Thị trấn Đông Anh, Huyện Đông Anh, Hà Nội",
    "Phường Vĩnh Ninh, TP. Huế, Thừa Thiên Huế",
    "Xã Tân Phú Trung, Huyện Củ Chi, TP. Hồ Chí Minh",
    "Phường Ninh Kiều, Quận Ninh Kiều, TP. Cần Thơ",
)
FORMS = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
    "ĐƠN ĐỀ NGHỊ CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN ĐỀ NGHỊ CHỨNG THỰC CHỮ KÝ",
)
FIELDS = (
    "Họ, chữ đệm, tên người yêu cầu",
    "Ngày, tháng, năm sinh",
    "Số định danh cá nhân",
    "Nơi cư trú",
    "Quan hệ với người được cấp",
    "Số điện thoại liên hệ",
    "Nội dung yêu cầu",
    "Số lượng bản sao",
)
ITEMS = (
    "Lệ phí hộ tịch",
    "Phí sao y bản chính",
    "Bản sao trích lục",
    "Phí chứng thực",
    "Phong bì",
    "Tem thư",
    "Lệ phí cấp đổi",
)


@cache
def font(name: str, px: int) -> ImageFont.FreeTypeFont:
    for d in FONT_DIRS:
        p = d / name
        if p.exists():
            return ImageFont.truetype(str(p), px)
    raise FileNotFoundError(
        f"font {name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-dejavu-core / fonts-noto-core"
    )


def person(rng: np.random.Generator) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _premultiply(rgba: np.ndarray) -> np.ndarray:
    a = rgba[..., 3:4].astype(np.float32) / 255
    out = rgba.copy()
    out[..., :3] = np.round(rgba[..., :3] * a).astype(np.uint8)
    return out


def _paper(
    h: int, w: int, rng: np.random.Generator, tint: tuple[float, float, float], grain: float
) -> np.ndarray:
    """Paper stock: a base colour, slow blotches and fibre grain (BGR float 0..255)."""
    base = np.array(tint, np.float32)
    slow = cv2.resize(
        rng.standard_normal((max(2, h // 64), max(2, w // 64))).astype(np.float32),
        (w, h),
        interpolation=cv2.INTER_CUBIC,
    )
    fine = rng.standard_normal((h, w)).astype(np.float32)
    fine = cv2.GaussianBlur(fine, (0, 0), 0.8)
    lum = 1 + 0.012 * slow + grain * fine
    return base[None, None, :] * lum[..., None]


def _qr(data: str, px: int) -> np.ndarray:
    """A real QR code (segno) rendered to px × px, dark modules 0, light 255."""
    q = segno.make(data, error="m")
    m = np.array(q.matrix, dtype=np.uint8)
    m = np.pad(m, 2)
    img = np.where(m > 0, 0, 255).astype(np.uint8)
    return cv2.resize(img, (px, px), interpolation=cv2.INTER_NEAREST)


def _dotted(
    draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float, colour: tuple[int, int, int], step: int = 7
) -> None:
    for x in np.arange(x0, x1, step):
        draw.ellipse([x, y - 1, x + 1.6, y + 0.6], fill=colour)


def _signature(
    img: np.ndarray, x: int, y: int, w: int, rng: np.random.Generator, colour: tuple[int, int, int]
) -> None:
    """A ballpoint flourish: a damped random walk with loops."""
    n = 120
    t = np.linspace(0, 1, n)
    xs = x + w * t + 9 * np.sin(t * rng.uniform(14, 24)) * rng.uniform(0.6, 1.4)
    ys = (
        y
        + 14 * np.sin(t * rng.uniform(6, 11) + rng.uniform(0, 6)) * (1 - 0.5 * t)
        + np.cumsum(rng.normal(0, 0.7, n))
    )
    pts = np.stack([xs, ys], 1).astype(np.int32)
    cv2.polylines(img, [pts], False, colour, 2, cv2.LINE_AA)


def a4_form(rng: np.random.Generator) -> np.ndarray:
    """A Vietnamese administrative form, RGBA (straight alpha), 840 × 1188."""
    ppm = PPM["a4"]
    W, H = int(210 * ppm), int(297 * ppm)
    tint = (rng.uniform(236, 250), rng.uniform(240, 252), rng.uniform(242, 253))
    page = _paper(H, W, rng, tint, rng.uniform(0.006, 0.02))
    im = Image.fromarray(np.clip(page[..., ::-1], 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    ink = tuple(int(v) for v in rng.integers(10, 45, 3))
    blue = (int(rng.integers(10, 40)), int(rng.integers(30, 70)), int(rng.integers(120, 180)))
    serif, bold, ital = "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"
    m = int(rng.uniform(18, 26) * ppm)
    y = int(rng.uniform(12, 20) * ppm)
    right = W - m
    f1 = font(bold, 18)
    t1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    left = "UBND " + str(rng.choice(PLACES)).split(",")[0].upper()
    fl = font(bold, 15)
    room = right - d.textlength(t1, font=f1) - m - 20
    while d.textlength(left, font=fl) > room and " " in left:
        left = left.rsplit(" ", 1)[0]
    d.text((m, y), left, font=fl, fill=ink)
    d.text((right - d.textlength(t1, font=f1), y), t1, font=f1, fill=ink)
    t2 = "Độc lập - Tự do - Hạnh phúc"
    f2 = font(bold, 17)
    x2 = right - d.textlength(t1, font=f1) / 2 - d.textlength(t2, font=f2) / 2
    d.text((x2, y + 26), t2, font=f2, fill=ink)
    d.line([x2, y + 50, x2 + d.textlength(t2, font=f2), y + 50], fill=ink, width=1)
    y += int(rng.uniform(26, 34) * ppm)
    title = str(rng.choice(FORMS))
    ft = font(bold, 25 if len(title) < 34 else 21)
    d.text(((W - d.textlength(title, font=ft)) / 2, y), title, font=ft, fill=ink)
    y += 40
    sub = f"Kính gửi: Ủy ban nhân dân {str(rng.choice(PLACES)).split(',')[0]}"
    fs = font(ital, 17)
    d.text(((W - d.textlength(sub, font=fs)) / 2, y), sub, font=fs, fill=ink)
    y += 52
    fb = font(serif, 17)
    fh = font(ital, 19)
    who = person(rng)
    for name in rng.permutation(FIELDS)[: int(rng.integers(5, 8))]:
        label = f"{name}: "
        d.text((m, y), label, font=fb, fill=ink)
        x = m + d.textlength(label, font=fb)
        _dotted(d, x, right, y + 18, ink)
        if rng.random() < 0.8:
            val = {
                "Họ, chữ đệm, tên người yêu cầu": who.upper(),
                "Ngày, tháng, năm sinh": f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1950, 2006)}",
                "Số định danh cá nhân": "0" + "".join(str(v) for v in rng.integers(0, 10, 11)),
                "Nơi cư trú": str(rng.choice(PLACES)),
                "Số điện thoại liên hệ": "09" + "".join(str(v) for v in rng.integers(0, 10, 8)),
            }.get(str(name), str(rng.choice(("Bản sao", "02 bản", "Cấp lại", "Con đẻ", "Theo quy định"))))
            d.text((x + 6, y - 4), val, font=fh, fill=blue)
        y += int(rng.uniform(30, 38))
    y += 10
    for opt in ("Cấp lần đầu", "Cấp lại", "Cấp đổi", "Bổ sung thông tin")[: int(rng.integers(2, 5))]:
        d.rectangle([m, y + 3, m + 15, y + 18], outline=ink, width=2)
        if rng.random() < 0.35:
            d.line([m + 2, y + 10, m + 7, y + 17, m + 17, y], fill=blue, width=3)
        d.text((m + 26, y), opt, font=fb, fill=ink)
        y += 28
    y += 14
    rows, cols = int(rng.integers(3, 6)), 4
    cw = [(right - m) * f for f in (0.08, 0.52, 0.18, 0.22)]
    rh = 30
    heads = ("STT", "Tên giấy tờ", "Số bản", "Ghi chú")
    for r in range(rows + 1):
        x = m
        for c in range(cols):
            d.rectangle([x, y, x + cw[c], y + rh], outline=ink, width=1)
            txt = (
                heads[c]
                if r == 0
                else (
                    str(r)
                    if c == 0
                    else (str(rng.choice(ITEMS)) if c == 1 else (str(rng.integers(1, 4)) if c == 2 else ""))
                )
            )
            d.text((x + 6, y + 5), txt, font=font(bold if r == 0 else serif, 15), fill=ink)
            x += cw[c]
        y += rh
    y += 24
    for _ in range(int(rng.integers(2, 5))):
        if y > H - 330:
            break
        line = (
            "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật."
        )
        words = line.split()
        cut = int(rng.integers(8, len(words)))
        d.text((m, y), " ".join(words[:cut]), font=fb, fill=ink)
        y += 26
    sx = int(W * rng.uniform(0.52, 0.6))
    sy = max(y + 20, H - int(rng.uniform(62, 80) * ppm))
    d.text(
        (sx, sy),
        f"..., ngày {rng.integers(1, 29)} tháng {rng.integers(1, 13)} năm 2026",
        font=font(ital, 16),
        fill=ink,
    )
    d.text((sx + 30, sy + 26), "NGƯỜI YÊU CẦU", font=font(bold, 17), fill=ink)
    d.text((sx + 18, sy + 48), "(Ký, ghi rõ họ tên)", font=font(ital, 15), fill=ink)
    arr = np.array(im)[..., ::-1].copy()
    _signature(arr, sx + 20, sy + 110, int(W * 0.25), rng, blue[::-1])
    if rng.random() < 0.4:
        stamp = (int(sx - 40), int(sy + 100))
        red = (40, 40, int(rng.integers(170, 220)))
        cv2.circle(arr, stamp, 78, red, 3, cv2.LINE_AA)
        cv2.circle(arr, stamp, 62, red, 2, cv2.LINE_AA)
        cv2.drawMarker(arr, stamp, red, cv2.MARKER_STAR, 40, 3)
    alpha = np.full((H, W, 1), 255, np.uint8)
    return np.concatenate([arr, alpha], 2)


def _guilloche(img: np.ndarray, rng: np.random.Generator, colour: tuple[int, int, int]) -> None:
    h, w = img.shape[:2]
    xs = np.arange(0, w, 2, dtype=np.float32)
    for k in range(26):
        a, p = rng.uniform(6, 22), rng.uniform(0, 6.28)
        fq = rng.uniform(0.008, 0.03)
        ys = h * k / 26 + a * np.sin(xs * fq + p) + 0.4 * a * np.sin(xs * fq * 3.1 + 2 * p)
        cv2.polylines(img, [np.stack([xs, ys], 1).astype(np.int32)], False, colour, 1, cv2.LINE_AA)


def _portrait(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Head and shoulders: ellipses with soft shading (not a photograph of anyone)."""
    bg = np.array([rng.uniform(200, 235), rng.uniform(200, 230), rng.uniform(190, 225)], np.float32)
    img = np.ones((h, w, 3), np.float32) * bg
    skin = np.array(
        rng.choice([(150, 180, 225), (120, 160, 205), (95, 130, 180), (70, 100, 145)]), np.float32
    )
    cloth = np.array([rng.uniform(20, 90), rng.uniform(20, 80), rng.uniform(20, 90)], np.float32)
    m = np.zeros((h, w), np.uint8)
    cv2.ellipse(m, (w // 2, int(h * 1.02)), (int(w * 0.52), int(h * 0.32)), 0, 0, 360, 255, -1, cv2.LINE_AA)
    img[m > 0] = cloth
    m[:] = 0
    cv2.rectangle(m, (int(w * 0.42), int(h * 0.55)), (int(w * 0.58), int(h * 0.75)), 255, -1)
    cv2.ellipse(m, (w // 2, int(h * 0.42)), (int(w * 0.25), int(h * 0.27)), 0, 0, 360, 255, -1, cv2.LINE_AA)
    dist = cv2.distanceTransform(m, cv2.DIST_L2, 3)
    shade = 0.78 + 0.22 * np.sqrt(dist / max(dist.max(), 1))
    img = np.where(m[..., None] > 0, skin * shade[..., None], img)
    hair = np.zeros((h, w), np.uint8)
    cv2.ellipse(
        hair, (w // 2, int(h * 0.33)), (int(w * 0.27), int(h * 0.2)), 0, 180, 360, 255, -1, cv2.LINE_AA
    )
    img[hair > 0] = (20, 22, 28)
    return img


def id_card(rng: np.random.Generator, grey: bool = False) -> np.ndarray:
    """A CCCD-like card front, RGBA with rounded corners (straight alpha)."""
    ppm = PPM["id_card"]
    W, H = int(round(85.6 * ppm)), int(round(54 * ppm))
    yy = np.linspace(0, 1, H, dtype=np.float32)[:, None, None]
    if grey:
        top = np.array([rng.uniform(150, 185)] * 3, np.float32)
        bot = top * rng.uniform(0.92, 1.02)
    else:
        top = np.array([rng.uniform(215, 240), rng.uniform(225, 245), rng.uniform(225, 250)], np.float32)
        bot = np.array([rng.uniform(190, 230), rng.uniform(215, 240), rng.uniform(230, 252)], np.float32)
    card = (top * (1 - yy) + bot * yy) * np.ones((1, W, 1), np.float32)
    card = card.astype(np.uint8)
    _guilloche(card, rng, tuple(int(v) for v in (top * 0.9 if grey else (200, 180, 170))))
    band_h = int(rng.uniform(8.5, 11.5) * ppm)
    band = (
        np.array([rng.uniform(110, 140)] * 3)
        if grey
        else np.array(rng.choice([(60, 40, 170), (150, 80, 20), (90, 110, 30), (40, 90, 190)]), float)
    )
    card[:band_h] = (card[:band_h] * 0.25 + band * 0.75).astype(np.uint8)
    ec = (int(7 * ppm), band_h // 2 + 2)
    cv2.circle(card, ec, int(band_h * 0.42), (30, 30, 200) if not grey else (90, 90, 90), -1, cv2.LINE_AA)
    cv2.drawMarker(
        card, ec, (30, 210, 240) if not grey else (200, 200, 200), cv2.MARKER_STAR, int(band_h * 0.5), 3
    )
    im = Image.fromarray(card[..., ::-1].copy())
    d = ImageDraw.Draw(im)
    white = (250, 250, 250)
    ink = (25, 25, 35) if not grey else (40, 40, 40)
    fb = font("NotoSans-Bold.ttf", 30)
    t = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    d.text(((W - d.textlength(t, font=fb)) / 2 + 30, band_h * 0.12), t, font=fb, fill=white)
    t = "Độc lập - Tự do - Hạnh phúc"
    f2 = font("NotoSans-Regular.ttf", 24)
    d.text(((W - d.textlength(t, font=f2)) / 2 + 30, band_h * 0.55), t, font=f2, fill=white)
    red = (190, 30, 30) if not grey else (60, 60, 60)
    fT = font("NotoSans-Bold.ttf", 40)
    t = "CĂN CƯỚC CÔNG DÂN"
    # between the photo column and the QR code (which sits 20.5 mm from the right edge)
    x_end = W - 21 * ppm
    d.text((x_end - d.textlength(t, font=fT) - 10, band_h + 10), t, font=fT, fill=red)
    x0 = int(30 * ppm)
    y = band_h + 100
    fl = font("DejaVuSansCondensed.ttf", 22)
    fv = font("DejaVuSansCondensed-Bold.ttf", 28)
    number = "0" + "".join(str(v) for v in rng.integers(0, 10, 11))
    d.text((x0, y), "Số / No.: ", font=fl, fill=ink)
    d.text((x0 + 110, y - 6), number, font=font("DejaVuSansCondensed-Bold.ttf", 36), fill=red)
    y += 48
    name = person(rng)
    rows = (
        ("Họ và tên / Full name:", name.upper()),
        (
            "Ngày sinh / Date of birth:",
            f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1950, 2007)}",
        ),
        ("Giới tính / Sex:", str(rng.choice(("Nam", "Nữ"))) + "     Quốc tịch / Nationality: Việt Nam"),
        ("Quê quán / Place of origin:", str(rng.choice(PLACES))),
        ("Nơi thường trú / Place of residence:", str(rng.choice(PLACES))),
    )
    for lab, val in rows:
        d.text((x0, y), lab, font=fl, fill=ink)
        if lab.startswith(("Họ", "Quê", "Nơi")):
            y += 26
            d.text((x0, y), val, font=fv if lab.startswith("Họ") else fl, fill=ink)
        else:
            d.text((x0 + d.textlength(lab, font=fl) + 10, y), val, font=fl, fill=ink)
        y += 34
    arr = np.array(im)[..., ::-1].copy()
    # photo box, bottom left
    pw, ph = int(22 * ppm), int(29 * ppm)
    py = H - ph - int(5.5 * ppm)
    px = int(4 * ppm)
    por = _portrait(ph, pw, rng)
    if grey:
        por = np.repeat(por.mean(2, keepdims=True), 3, 2)
    arr[py : py + ph, px : px + pw] = np.clip(por, 0, 255).astype(np.uint8)
    cv2.rectangle(arr, (px, py), (px + pw, py + ph), ink[::-1], 2)
    # QR top right, under the band
    qs = int(17 * ppm)
    q = _qr(f"{number}|{name}|{rng.integers(1, 29):02d}0{rng.integers(1, 10)}19{rng.integers(50, 99)}", qs)
    qx, qy = W - qs - int(3.5 * ppm), band_h + int(2 * ppm)
    arr[qy : qy + qs, qx : qx + qs] = np.minimum(arr[qy : qy + qs, qx : qx + qs], q[..., None])
    # rounded corners (ISO/IEC 7810): the quad is where the straight edges meet
    alpha = np.zeros((H * 4, W * 4), np.uint8)
    r = int(CARD_RADIUS_MM * ppm * 4)
    cv2.rectangle(alpha, (r, 0), (W * 4 - 1 - r, H * 4 - 1), 255, -1)
    cv2.rectangle(alpha, (0, r), (W * 4 - 1, H * 4 - 1 - r), 255, -1)
    for cx, cy in ((r, r), (W * 4 - 1 - r, r), (W * 4 - 1 - r, H * 4 - 1 - r), (r, H * 4 - 1 - r)):
        cv2.circle(alpha, (cx, cy), r, 255, -1, cv2.LINE_AA)
    alpha = cv2.resize(alpha, (W, H), interpolation=cv2.INTER_AREA)
    return np.concatenate([arr, alpha[..., None]], 2)


def receipt(rng: np.random.Generator, length_mm: float, width_mm: float) -> np.ndarray:
    """A thermal slip: cool white paper, grey faded print, separators, totals and a QR."""
    ppm = PPM["receipt"]
    W, H = int(round(width_mm * ppm)), int(round(length_mm * ppm))
    tint = (rng.uniform(238, 252), rng.uniform(236, 250), rng.uniform(230, 246))
    page = _paper(H, W, rng, tint, 0.008)
    im = Image.fromarray(np.clip(page[..., ::-1], 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(im)
    grey = int(rng.uniform(20, 90))
    ink = (grey, grey, grey + 5)
    cols = 32 if width_mm < 70 else 42
    fpx = int((W - 2 * 3 * ppm) / cols / 0.602)
    fm = font("DejaVuSansMono.ttf", fpx)
    fbm = font("DejaVuSansMono-Bold.ttf", fpx)
    y = int(6 * ppm)
    lh = int(fpx * 1.25)
    x0 = int(3 * ppm)

    def line(txt: str, bold: bool = False, center: bool = False) -> None:
        nonlocal y
        f = fbm if bold else fm
        x = (W - d.textlength(txt, font=f)) / 2 if center else x0
        d.text((x, y), txt, font=f, fill=ink)
        y += lh

    line("UBND " + str(rng.choice(PLACES)).split(",")[0].upper()[: cols - 5], True, True)
    line("BỘ PHẬN MỘT CỬA", True, True)
    line(str(rng.choice(("BIÊN NHẬN HỒ SƠ", "PHIẾU THU LỆ PHÍ", "HÓA ĐƠN BÁN LẺ"))), True, True)
    line("-" * cols)
    line(f"Số: {rng.integers(100000, 999999)}   Quầy: {rng.integers(1, 9)}")
    line(
        f"Ngày: {rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/2026 {rng.integers(7, 17):02d}:{rng.integers(0, 60):02d}"
    )
    line("Ông/bà: " + person(rng)[: cols - 8])
    line("-" * cols)
    total = 0
    qr_px = int(min(W * 0.6, 34 * ppm))
    while y < H - qr_px - 8 * lh:
        item = str(rng.choice(ITEMS))
        price = int(rng.integers(1, 60)) * 1000
        total += price
        p = f"{price:,}".replace(",", ".")
        line(f"{item[: cols - len(p) - 1]:<{cols - len(p)}}{p}")
        if rng.random() < 0.3:
            line(f"  x{rng.integers(1, 4)}")
    line("-" * cols)
    t = f"{total:,}".replace(",", ".")
    line(f"{'TỔNG CỘNG':<{cols - len(t)}}{t}", True)
    line("Cảm ơn ông/bà!", False, True)
    arr = np.array(im)[..., ::-1].copy()
    q = _qr(f"https://dvc.example.gov.vn/t/{rng.integers(10**7, 10**8)}", qr_px)
    qx, qy = (W - qr_px) // 2, min(y + 4, H - qr_px - int(4 * ppm))
    if qy > 0:
        patch = arr[qy : qy + qr_px, qx : qx + qr_px].astype(np.float32)
        arr[qy : qy + qr_px, qx : qx + qr_px] = np.where(q[..., None] == 0, grey, patch).astype(np.uint8)
    # thermal print fades unevenly along the slip
    fade = cv2.resize(rng.uniform(0, 1, (6, 2)).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
    dark = arr.astype(np.float32)
    paper = np.array(tint, np.float32)
    dark = paper - (paper - dark) * np.clip(0.55 + 0.45 * fade, 0.3, 1)[..., None]
    arr = np.clip(dark, 0, 255).astype(np.uint8)
    return np.concatenate([arr, np.full((H, W, 1), 255, np.uint8)], 2)


def document(
    kind: str, rng: np.random.Generator, size_mm: tuple[float, float], grey_card: bool = False
) -> np.ndarray:
    """The document's texture, premultiplied RGBA, upright."""
    if kind == "a4":
        tex = a4_form(rng)
    elif kind == "id_card":
        tex = id_card(rng, grey=grey_card)
    elif kind == "receipt":
        tex = receipt(rng, size_mm[1], size_mm[0])
    else:
        raise ValueError(f"unknown document kind {kind!r}")
    return _premultiply(tex)


def sentinel(kind: str, size_mm: tuple[float, float]) -> np.ndarray:
    """Flat magenta sheet with a green top-left quarter (same outline as the real document)."""
    ppm = PPM[kind]
    W, H = int(round(size_mm[0] * ppm)), int(round(size_mm[1] * ppm))
    tex = np.zeros((H, W, 4), np.uint8)
    tex[...] = (255, 0, 255, 255)
    tex[: H // 2, : W // 2, :3] = (0, 255, 0)
    if kind == "id_card":
        tex[..., 3] = id_card(np.random.default_rng(0))[..., 3]
    return _premultiply(tex)


def back_of(kind: str, tex: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The reverse of a sheet (for a dog-ear): paper colour with faint mirrored show-through."""
    rgb = tex[..., :3].astype(np.float32)
    a = tex[..., 3:4].astype(np.float32) / 255
    paper = np.percentile(rgb.reshape(-1, 3), 90, axis=0)
    show = rgb[:, ::-1]
    back = paper * 0.93 + (show - paper) * 0.08
    out = np.concatenate([np.clip(back * a, 0, 255), a * 255], 2).astype(np.uint8)
    return out
