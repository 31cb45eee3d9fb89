"""Printed faces of the sixth set's documents and props, drawn with Pillow.

Each face is an RGB uint8 array plus the physical size it is printed at (metres), so the scene
gives it its real size. Text is Vietnamese in DejaVu/Noto (diacritics); the rng decides every
name, number and layout detail, so a seed redraws the same page.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/noto"))

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLES = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Thu", "Quang")
GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hùng",
    "Khánh",
    "Lan",
    "Mai",
    "Nam",
    "Phúc",
    "Quý",
    "Sơn",
    "Tâm",
    "Yến",
)
PLACES = ("Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Nghệ An", "Thái Bình", "Bến Tre")
FORM_TITLES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "PHIẾU YÊU CẦU CUNG CẤP THÔNG TIN",
    "ĐƠN XIN XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
)
FIELDS = (
    "Họ, chữ đệm, tên",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Dân tộc",
    "Quốc tịch",
    "Nơi cư trú",
    "Số định danh cá nhân",
    "Số điện thoại",
    "Quan hệ với người được cấp",
)


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False, serif: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    family = "DejaVuSansMono" if mono else ("DejaVuSerif" if serif else "DejaVuSans")
    name = family + ("-Bold" if bold else "") + ".ttf"
    for d in FONT_DIRS:
        if (d / name).exists():
            return ImageFont.truetype(str(d / name), size)
    raise FileNotFoundError(f"font {name} missing: apt-get install fonts-dejavu-core (setup.sh does)")


def person(rng: np.random.Generator) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def digits(rng: np.random.Generator, n: int) -> str:
    return "".join(str(d) for d in rng.integers(0, 10, n))


def _paper_tone(rng: np.random.Generator) -> tuple[int, int, int]:
    base = int(rng.integers(236, 253))
    return (base, base - int(rng.integers(0, 6)), base - int(rng.integers(2, 14)))


def _stamp(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, rng: np.random.Generator) -> None:
    red = (int(rng.integers(170, 215)), int(rng.integers(20, 60)), int(rng.integers(30, 70)))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(3, r // 14))
    draw.ellipse(
        (cx - r * 0.78, cy - r * 0.78, cx + r * 0.78, cy + r * 0.78), outline=red, width=max(2, r // 28)
    )
    draw.text((cx, cy), "★", fill=red, font=font(r // 2), anchor="mm")
    draw.text((cx, cy - r * 0.55), "UBND PHƯỜNG", fill=red, font=font(max(8, r // 6), bold=True), anchor="mm")


def _signature(draw: ImageDraw.ImageDraw, x: int, y: int, w: int, rng: np.random.Generator) -> None:
    t = np.linspace(0, 1, 60)
    xs = x + t * w
    ys = y + np.sin(t * rng.uniform(8, 16) + rng.uniform(0, 6)) * w * 0.08 + rng.normal(0, 1.2, t.size)
    ink = (20, 30, int(rng.integers(90, 150)))
    draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=ink, width=3)


def a4_form(
    rng: np.random.Generator, px_per_mm: float = 4.0, size_mm: tuple[float, float] = (210, 297)
) -> tuple[np.ndarray, tuple[float, float]]:
    """A Vietnamese administrative form: national motto, title, a field table, stamp, signature."""
    w, h = int(size_mm[0] * px_per_mm), int(size_mm[1] * px_per_mm)
    img = Image.new("RGB", (w, h), _paper_tone(rng))
    d = ImageDraw.Draw(img)
    s = px_per_mm
    ink = (25, 25, 30)
    d.text(
        (w / 2, 18 * s),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        fill=ink,
        font=font(int(4.2 * s), bold=True),
        anchor="mm",
    )
    d.text(
        (w / 2, 25 * s),
        "Độc lập - Tự do - Hạnh phúc",
        fill=ink,
        font=font(int(3.8 * s), bold=True),
        anchor="mm",
    )
    d.line((w / 2 - 30 * s, 28.5 * s, w / 2 + 30 * s, 28.5 * s), fill=ink, width=2)
    d.text(
        (w / 2, 42 * s),
        str(rng.choice(FORM_TITLES)),
        fill=ink,
        font=font(int(5.2 * s), bold=True),
        anchor="mm",
    )
    d.text(
        (w / 2, 50 * s),
        f"Kính gửi: UBND phường {rng.choice(PLACES)}",
        fill=ink,
        font=font(int(3.6 * s)),
        anchor="mm",
    )
    y = 60 * s
    left, right = 18 * s, w - 18 * s
    rows = int(rng.integers(7, 11))
    row_h = 11 * s
    d.rectangle((left, y, right, y + rows * row_h), outline=ink, width=2)
    split = left + (right - left) * 0.42
    d.line((split, y, split, y + rows * row_h), fill=ink, width=2)
    for r in range(rows):
        yy = y + r * row_h
        if r:
            d.line((left, yy, right, yy), fill=ink, width=1)
        d.text(
            (left + 2 * s, yy + row_h / 2),
            str(FIELDS[r % len(FIELDS)]),
            fill=ink,
            font=font(int(3.2 * s)),
            anchor="lm",
        )
        value = person(rng) if r == 0 else (digits(rng, 12) if r % 3 == 0 else str(rng.choice(PLACES)))
        d.text(
            (split + 2 * s, yy + row_h / 2), value, fill=(20, 30, 120), font=font(int(3.4 * s)), anchor="lm"
        )
    y += rows * row_h + 10 * s
    para = "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật."
    for line in (para[:52], para[52:]):
        d.text((left, y), line, fill=ink, font=font(int(3.3 * s)))
        y += 6 * s
    day = int(rng.integers(1, 28))
    d.text(
        (right - 40 * s, y + 12 * s),
        f"{rng.choice(PLACES)}, ngày {day} tháng {int(rng.integers(1, 13))} năm 2026",
        fill=ink,
        font=font(int(3.0 * s)),
        anchor="mm",
    )
    d.text(
        (right - 40 * s, y + 20 * s),
        "NGƯỜI YÊU CẦU",
        fill=ink,
        font=font(int(3.4 * s), bold=True),
        anchor="mm",
    )
    _signature(d, int(right - 58 * s), int(y + 34 * s), int(36 * s), rng)
    d.text(
        (right - 40 * s, y + 48 * s), person(rng), fill=ink, font=font(int(3.4 * s), bold=True), anchor="mm"
    )
    _stamp(d, int(left + 38 * s), int(y + 34 * s), int(17 * s), rng)
    return np.asarray(img), (size_mm[0] / 1000, size_mm[1] / 1000)


def _portrait(w: int, h: int, rng: np.random.Generator, photo: np.ndarray | None) -> Image.Image:
    if photo is not None:
        ph, pw = photo.shape[:2]
        side = min(ph, pw * h // w)
        y0 = int(rng.integers(0, ph - side + 1))
        x0 = int(rng.integers(0, pw - side * w // h + 1))
        crop = photo[y0 : y0 + side, x0 : x0 + side * w // h]
        return Image.fromarray(crop[:, :, ::-1].copy()).resize((w, h))
    img = Image.new("RGB", (w, h), (200, 215, 235))
    d = ImageDraw.Draw(img)
    d.ellipse((w * 0.25, h * 0.12, w * 0.75, h * 0.6), fill=(210, 170, 140))
    d.ellipse((w * 0.05, h * 0.6, w * 0.95, h * 1.4), fill=(40, 40, 60))
    return img


def _qr(data: str, size: int) -> Image.Image:
    qr = segno.make(data, error="m", micro=False)
    m = np.array(qr.matrix, dtype=np.uint8)
    m = np.pad(m, 2)
    img = Image.fromarray(((1 - m) * 255).astype(np.uint8)).convert("RGB")
    return img.resize((size, size), Image.NEAREST)


def id_card(
    rng: np.random.Generator, photo: np.ndarray | None, px_per_mm: float = 10.0
) -> tuple[np.ndarray, tuple[float, float]]:
    """A CCCD-like card front (85.6 x 54 mm): tinted guilloche, portrait, QR, fields."""
    s = px_per_mm
    w, h = int(85.6 * s), int(54 * s)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    tint = np.array([rng.uniform(200, 235), rng.uniform(215, 240), rng.uniform(225, 250)], np.float32)
    wave = 8 * np.sin(xx / (3 * s) + 3 * np.sin(yy / (5 * s))) + 6 * np.cos(
        np.hypot(xx - w * 0.6, yy - h * 0.5) / (2 * s)
    )
    base = np.clip(tint[None, None, :] + wave[..., None], 0, 255).astype(np.uint8)
    img = Image.fromarray(base)
    d = ImageDraw.Draw(img)
    red = (190, 30, 40)
    d.text(
        (w * 0.57, 5 * s),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        fill=(20, 20, 30),
        font=font(int(2.3 * s), bold=True),
        anchor="mm",
    )
    d.text(
        (w * 0.57, 8.5 * s),
        "Độc lập - Tự do - Hạnh phúc",
        fill=(20, 20, 30),
        font=font(int(2.1 * s), bold=True),
        anchor="mm",
    )
    d.text((w * 0.57, 13 * s), "CĂN CƯỚC CÔNG DÂN", fill=red, font=font(int(3.4 * s), bold=True), anchor="mm")
    d.ellipse((3 * s, 3 * s, 12 * s, 12 * s), fill=(200, 40, 40))
    d.text((7.5 * s, 7.5 * s), "★", fill=(250, 210, 40), font=font(int(5 * s)), anchor="mm")
    img.paste(_portrait(int(20 * s), int(26 * s), rng, photo), (int(4 * s), int(17 * s)))
    d.text(
        (27 * s, 17 * s),
        f"Số / No.: {digits(rng, 12)}",
        fill=(20, 20, 30),
        font=font(int(2.8 * s), bold=True),
    )
    fields = (
        ("Họ và tên / Full name:", person(rng).upper()),
        (
            "Ngày sinh / Date of birth:",
            f"{int(rng.integers(1, 29)):02d}/{int(rng.integers(1, 13)):02d}/19{int(rng.integers(50, 99))}",
        ),
        ("Quê quán / Place of origin:", str(rng.choice(PLACES))),
    )
    y = 22 * s
    for label, value in fields:
        d.text((27 * s, y), label, fill=(40, 40, 50), font=font(int(1.9 * s)))
        d.text((27 * s, y + 2.6 * s), value, fill=(10, 10, 20), font=font(int(2.5 * s), bold=True))
        y += 7 * s
    qr = _qr(f"{digits(rng, 12)}|{digits(rng, 9)}|{person(rng)}|{digits(rng, 8)}", int(15 * s))
    img.paste(qr, (int(w - 18 * s), int(h - 27 * s)))
    return np.asarray(img), (0.0856, 0.054)


def receipt(rng: np.random.Generator, px_per_mm: float = 8.0) -> tuple[np.ndarray, tuple[float, float]]:
    """A thermal receipt (58 or 80 mm wide): grey-ish thermal print, items, total, QR."""
    s = px_per_mm
    width_mm = float(rng.choice((58.0, 80.0)))
    length_mm = float(rng.uniform(120, 210))
    w, h = int(width_mm * s), int(length_mm * s)
    img = Image.new("RGB", (w, h), (int(rng.integers(238, 250)),) * 3)
    d = ImageDraw.Draw(img)
    ink = (int(rng.integers(40, 90)),) * 3
    f = font(int(2.6 * s), mono=True)
    y = 6 * s
    d.text((w / 2, y), "BỘ PHẬN MỘT CỬA", fill=ink, font=font(int(3 * s), bold=True), anchor="mt")
    y += 6 * s
    d.text((w / 2, y), f"UBND phường {rng.choice(PLACES)}", fill=ink, font=f, anchor="mt")
    y += 7 * s
    d.line((3 * s, y, w - 3 * s, y), fill=ink, width=2)
    y += 3 * s
    for _ in range(int(rng.integers(3, 8))):
        d.text((3 * s, y), f"Lệ phí {digits(rng, 2)}", fill=ink, font=f)
        d.text((w - 3 * s, y), f"{int(rng.integers(5, 200))}.000đ", fill=ink, font=f, anchor="ra")
        y += 4.5 * s
    d.line((3 * s, y, w - 3 * s, y), fill=ink, width=2)
    y += 3 * s
    d.text((3 * s, y), "TỔNG CỘNG", fill=ink, font=font(int(2.8 * s), bold=True))
    y += 7 * s
    code = f"{digits(rng, 4)}-{digits(rng, 4)}-{digits(rng, 3)}"
    d.text((w / 2, y), f"Mã hồ sơ: {code}", fill=ink, font=f, anchor="mt")
    y += 6 * s
    q = int(min(w - 8 * s, 34 * s))
    if y + q < h - 8 * s:
        img.paste(_qr(f"https://dvc.example.gov.vn/t/{code}", q), (int((w - q) / 2), int(y)))
        y += q + 4 * s
    if y < h - 10 * s:
        d.text((w / 2, y), "Cảm ơn ông/bà!", fill=ink, font=f, anchor="mt")
    return np.asarray(img), (width_mm / 1000, length_mm / 1000)


def passport_page(
    rng: np.random.Generator, photo: np.ndarray | None, px_per_mm: float = 8.0
) -> tuple[np.ndarray, tuple[float, float]]:
    """An opened passport's data page alone (125 x 88 mm): portrait, fields, two MRZ lines."""
    s = px_per_mm
    w, h = int(125 * s), int(88 * s)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.stack(
        [
            230 + 10 * np.sin(xx / (4 * s) + yy / (9 * s)),
            236 + 8 * np.cos(yy / (3 * s)),
            222 + 6 * np.sin((xx + yy) / (6 * s)),
        ],
        -1,
    )
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    ink = (30, 30, 40)
    d.text(
        (w / 2, 6 * s),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  -  HỘ CHIẾU / PASSPORT",
        fill=ink,
        font=font(int(2.6 * s), bold=True),
        anchor="mm",
    )
    img.paste(_portrait(int(30 * s), int(38 * s), rng, photo), (int(6 * s), int(14 * s)))
    name = person(rng)
    lines = (
        ("Họ và tên / Name", name.upper()),
        ("Quốc tịch / Nationality", "VIỆT NAM"),
        (
            "Ngày sinh / Date of birth",
            f"{int(rng.integers(1, 29)):02d}/0{int(rng.integers(1, 10))}/19{int(rng.integers(50, 99))}",
        ),
        ("Nơi sinh / Place of birth", str(rng.choice(PLACES)).upper()),
        ("Số hộ chiếu / Passport No.", "C" + digits(rng, 7)),
    )
    y = 14 * s
    for label, value in lines:
        d.text((42 * s, y), label, fill=(70, 70, 80), font=font(int(2.1 * s)))
        d.text((42 * s, y + 2.8 * s), value, fill=ink, font=font(int(2.9 * s), bold=True))
        y += 8 * s
    mrz_name = "".join(c for c in name.upper() if c.isascii() and c.isalpha() or c == " ").replace(" ", "<")
    mrz1 = ("P<VNM" + mrz_name + "<" * 44)[:44]
    mrz2 = (
        "C" + digits(rng, 7) + "<" + digits(rng, 1) + "VNM" + digits(rng, 7) + "M" + digits(rng, 7) + "<" * 44
    )[:44]
    d.text((5 * s, h - 16 * s), mrz1, fill=ink, font=font(int(3.6 * s), mono=True))
    d.text((5 * s, h - 9 * s), mrz2, fill=ink, font=font(int(3.6 * s), mono=True))
    return np.asarray(img), (0.125, 0.088)


def blank_with_text(
    rng: np.random.Generator,
    w_px: int,
    h_px: int,
    bg: tuple[int, int, int],
    title: str,
    photo: np.ndarray | None = None,
) -> np.ndarray:
    """A cover: an optional photograph with a masthead (books, magazines)."""
    if photo is not None:
        img = Image.fromarray(photo[:, :, ::-1].copy()).resize((w_px, h_px))
    else:
        img = Image.new("RGB", (w_px, h_px), bg)
    d = ImageDraw.Draw(img)
    d.text(
        (w_px / 2, h_px * 0.1),
        title,
        fill=(250, 250, 250) if photo is not None else (30, 30, 30),
        font=font(max(10, w_px // 10), bold=True, serif=True),
        anchor="mm",
    )
    return np.asarray(img)


def keypad(
    w_px: int,
    h_px: int,
    cols: int,
    rows: int,
    body: tuple[int, int, int],
    key: tuple[int, int, int],
    labels: str = "",
) -> np.ndarray:
    """A printed/moulded key grid (calculator, keyboard), seen from above."""
    img = Image.new("RGB", (w_px, h_px), body)
    d = ImageDraw.Draw(img)
    kw, kh = w_px / cols, h_px / rows
    for r in range(rows):
        for c in range(cols):
            box = (c * kw + kw * 0.1, r * kh + kh * 0.12, (c + 1) * kw - kw * 0.1, (r + 1) * kh - kh * 0.12)
            d.rounded_rectangle(box, radius=int(min(kw, kh) * 0.15), fill=key)
            if labels:
                ch = labels[(r * cols + c) % len(labels)]
                d.text(
                    ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
                    ch,
                    fill=(235, 235, 235) if sum(key) < 300 else (20, 20, 20),
                    font=font(max(8, int(kh * 0.35))),
                    anchor="mm",
                )
    return np.asarray(img)


def mat_with_border(rng: np.random.Generator, w_px: int, h_px: int) -> np.ndarray:
    """A tray mat with a printed rectangular border and a logo line: a rectangle that is no document."""
    tone = tuple(int(v) for v in rng.integers(40, 120, 3))
    img = Image.new("RGB", (w_px, h_px), tone)
    d = ImageDraw.Draw(img)
    m = int(min(w_px, h_px) * rng.uniform(0.06, 0.12))
    d.rectangle((m, m, w_px - m, h_px - m), outline=(235, 225, 200), width=max(3, m // 5))
    d.text(
        (w_px / 2, h_px - m / 2),
        "ĐẶT GIẤY TỜ TẠI ĐÂY",
        fill=(235, 225, 200),
        font=font(max(10, m // 2), bold=True),
        anchor="mm",
    )
    return np.asarray(img)
