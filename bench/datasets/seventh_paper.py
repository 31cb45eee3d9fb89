"""Printed faces of the seventh set's documents, drawn with Pillow (Vietnamese text with its
diacritics in DejaVu / Noto) and segno (real QR codes), at a fixed pixels-per-millimetre.

Every function returns (BGR picture, width mm, height mm); the picture's top row is the
document's top edge as it reads upright.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFont

from bench.datasets import seventh_props

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/truetype/noto/")
FONTS = {
    "sans": "DejaVuSans.ttf",
    "sans_bold": "DejaVuSans-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf",
    "mono": "DejaVuSansMono.ttf",
    "serif": "NotoSerif-Regular.ttf",
    "serif_bold": "NotoSerif-Bold.ttf",
}

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
)
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quỳnh",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
)
PLACES = (
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
    "Xã Tân Lập, Huyện Đan Phượng, Hà Nội",
    "Phường Hải Châu I, Quận Hải Châu, Đà Nẵng",
    "Thị trấn Phú Lộc, Huyện Phú Lộc, Thừa Thiên Huế",
    "Xã Nghĩa Hưng, Huyện Lạng Giang, Bắc Giang",
    "Phường Ninh Kiều, Quận Ninh Kiều, Cần Thơ",
)
FORMS = (
    "TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO GIẤY KHAI SINH",
    "TỜ KHAI CHỨNG THỰC CHỮ KÝ",
    "PHIẾU YÊU CẦU CUNG CẤP THÔNG TIN",
    "ĐƠN XIN XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
)


@lru_cache(maxsize=64)
def font(kind: str, px: int) -> ImageFont.FreeTypeFont:
    for d in FONT_DIRS:
        try:
            return ImageFont.truetype(d + FONTS[kind], px)
        except OSError:
            continue
    raise RuntimeError(
        f"font {FONTS[kind]} missing: install fonts-dejavu-core and fonts-noto-core (setup.sh's APT_PACKAGES)"
    )


def person(rng: np.random.Generator) -> dict[str, str]:
    return {
        "name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}".upper(),
        "id": "0" + "".join(str(d) for d in rng.integers(0, 10, 11)),
        "dob": f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1950, 2006)}",
        "sex": str(rng.choice(["Nam", "Nữ"])),
        "place": str(rng.choice(PLACES)),
        "home": str(rng.choice(PLACES)),
    }


def to_bgr(im: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.asarray(im.convert("RGB")), cv2.COLOR_RGB2BGR)


def qr_image(data: str, size: int) -> Image.Image:
    q = segno.make(data, error="m")
    m = np.array(q.matrix, dtype=np.uint8)
    m = np.pad(m, 2)
    im = Image.fromarray(((1 - m) * 255).astype(np.uint8), "L")
    return im.resize((size, size), Image.Resampling.NEAREST).convert("RGB")


def portrait(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A passport-style head-and-shoulders drawing on a pale ground."""
    bg = tuple(int(v) for v in rng.integers(215, 250, 3))
    im = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(im)
    skin = [(224, 186, 150), (198, 150, 112), (170, 120, 90), (235, 200, 170)][int(rng.integers(0, 4))]
    shirt = tuple(int(v) for v in rng.integers(20, 120, 3))
    d.ellipse([w * 0.05, h * 0.72, w * 0.95, h * 1.4], fill=shirt)
    d.rectangle([w * 0.4, h * 0.55, w * 0.6, h * 0.8], fill=skin)
    d.ellipse([w * 0.25, h * 0.18, w * 0.75, h * 0.68], fill=skin)
    hair = tuple(int(v) for v in rng.integers(10, 50, 3))
    d.chord([w * 0.22, h * 0.1, w * 0.78, h * 0.5], 180, 360, fill=hair)
    for ex in (0.4, 0.6):
        d.ellipse([w * (ex - 0.03), h * 0.4, w * (ex + 0.03), h * 0.44], fill=(40, 30, 30))
    d.line([w * 0.43, h * 0.56, w * 0.57, h * 0.56], fill=(150, 70, 70), width=max(1, w // 40))
    return im


def guilloche(im: Image.Image, rng: np.random.Generator, colour: tuple[int, int, int], n: int = 40) -> None:
    d = ImageDraw.Draw(im)
    w, h = im.size
    xs = np.linspace(0, w, 200)
    f = rng.uniform(2, 6)
    for k in range(n):
        ph = rng.uniform(0, 6.28)
        ys = h * (k / n) + h * 0.06 * np.sin(xs / w * f * 6.28 + ph)
        d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=1)


def emblem(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    d.ellipse(
        [cx - r, cy - r, cx + r, cy + r], fill=(200, 30, 30), outline=(230, 190, 40), width=max(1, int(r / 8))
    )
    pts = []
    for k in range(10):
        a = -np.pi / 2 + k * np.pi / 5
        rr = r * (0.6 if k % 2 == 0 else 0.25)
        pts.append((cx + rr * np.cos(a), cy + rr * np.sin(a)))
    d.polygon(pts, fill=(250, 215, 40))


PX = 8  # pixels per millimetre on cards and passports


def cccd_front(rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    w, h = 85.6, 54.0
    W, H = int(w * PX), int(h * PX)
    p = person(rng)
    im = Image.new("RGB", (W, H), (214, 232, 236))
    guilloche(im, rng, (180, 210, 220))
    d = ImageDraw.Draw(im)
    emblem(d, 50, 50, 34)
    d.text(
        (W / 2 + 20, 18),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        font=font("sans_bold", 19),
        fill=(20, 30, 90),
        anchor="mt",
    )
    d.text(
        (W / 2 + 20, 42),
        "Độc lập - Tự do - Hạnh phúc",
        font=font("sans_bold", 17),
        fill=(20, 30, 90),
        anchor="mt",
    )
    d.text((W / 2 + 20, 72), "CĂN CƯỚC CÔNG DÂN", font=font("sans_bold", 30), fill=(190, 20, 20), anchor="mt")
    im.paste(portrait(rng, 150, 200), (22, 130))
    im.paste(
        qr_image(f"{p['id']}||{p['name']}|{p['dob'].replace('/', '')}|{p['sex']}|{p['home']}", 120),
        (W - 140, 20),
    )
    y = 122
    for label, val in (
        ("Số / No.:", p["id"]),
        ("Họ và tên / Full name:", p["name"]),
        ("Ngày sinh / Date of birth:", p["dob"]),
        ("Giới tính / Sex:", p["sex"] + "   Quốc tịch: Việt Nam"),
        ("Quê quán / Place of origin:", p["home"]),
        ("Nơi thường trú / Place of residence:", p["place"]),
    ):
        d.text((190, y), label, font=font("cond", 15), fill=(40, 40, 40))
        d.text((190, y + 17), val, font=font("sans_bold", 17 if len(val) < 30 else 14), fill=(10, 10, 10))
        y += 44
    return to_bgr(im), w, h


def cccd_back(rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    w, h = 85.6, 54.0
    W, H = int(w * PX), int(h * PX)
    p = person(rng)
    im = Image.new("RGB", (W, H), (226, 236, 230))
    guilloche(im, rng, (200, 220, 210), 30)
    d = ImageDraw.Draw(im)
    # the chip: gold contacts
    cx, cy = 60, 70
    d.rounded_rectangle([cx, cy, cx + 95, cy + 75], 12, fill=(212, 175, 80), outline=(150, 110, 40), width=2)
    for xx in (cx + 32, cx + 63):
        d.line([xx, cy, xx, cy + 75], fill=(150, 110, 40), width=2)
    for yy in (cy + 25, cy + 50):
        d.line([cx, yy, cx + 95, yy], fill=(150, 110, 40), width=2)
    d.text(
        (200, 40), "Đặc điểm nhân dạng / Personal identification:", font=font("cond", 15), fill=(40, 40, 40)
    )
    d.text((200, 60), "Nốt ruồi C: 1cm trên sau đầu mày phải", font=font("cond", 15), fill=(10, 10, 10))
    d.text(
        (200, 95), f"Ngày, tháng, năm / Date: {p['dob'][:6]}2021", font=font("cond", 15), fill=(10, 10, 10)
    )
    d.text((200, 118), "CỤC TRƯỞNG CỤC CẢNH SÁT", font=font("sans_bold", 14), fill=(10, 10, 10))
    d.text((200, 136), "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", font=font("sans_bold", 14), fill=(10, 10, 10))
    for k, lab in enumerate(("Ngón trỏ trái", "Ngón trỏ phải")):
        x0 = 500 + k * 90
        d.rectangle([x0, 40, x0 + 80, 140], outline=(60, 60, 60))
        for r in range(4, 38, 5):
            d.ellipse([x0 + 40 - r, 90 - r * 1.3, x0 + 40 + r, 90 + r * 1.3], outline=(90, 90, 90))
        d.text((x0 + 40, 145), lab, font=font("cond", 11), fill=(30, 30, 30), anchor="mt")
    d.rectangle([0, H - 150, W, H], fill=(248, 248, 246))
    mrz = (
        f"IDVNM{p['id'][3:]}{p['id'][-1]}<<{p['id'][-1]}".ljust(30, "<")[:30],
        f"{p['dob'][8:]}{p['dob'][3:5]}{p['dob'][:2]}{rng.integers(0, 10)}{'M' if p['sex'] == 'Nam' else 'F'}3101017VNM".ljust(
            29, "<"
        )
        + str(rng.integers(0, 10)),
        "<<".join(p["name"].replace("Ă", "A").split(" ")[:1]) + "<<" + "<".join(p["name"].split(" ")[1:]),
    )
    for k, line in enumerate(mrz):
        text = "".join(c if c.isascii() else "<" for c in line).ljust(30, "<")[:30]
        d.text((30, H - 140 + k * 44), text, font=font("mono", 36), fill=(15, 15, 15))
    return to_bgr(im), w, h


def licence(rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    w, h = 85.6, 54.0
    W, H = int(w * PX), int(h * PX)
    p = person(rng)
    im = Image.new("RGB", (W, H), (244, 226, 214))
    guilloche(im, rng, (235, 205, 190), 36)
    d = ImageDraw.Draw(im)
    emblem(d, 46, 46, 30)
    d.text(
        (W / 2 + 20, 16),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        font=font("sans_bold", 18),
        fill=(30, 30, 30),
        anchor="mt",
    )
    d.text(
        (W / 2 + 20, 54),
        "GIẤY PHÉP LÁI XE / DRIVER'S LICENSE",
        font=font("sans_bold", 24),
        fill=(200, 30, 30),
        anchor="mt",
    )
    im.paste(portrait(rng, 140, 180), (24, 150))
    y = 100
    for label, val in (
        ("Số/No:", p["id"][:12]),
        ("Họ tên/Full name:", p["name"]),
        ("Ngày sinh/DOB:", p["dob"]),
        ("Nơi cư trú/Address:", p["place"]),
        ("Hạng/Class:", str(rng.choice(["A1", "B2", "C"]))),
    ):
        d.text((185, y), label, font=font("cond", 15), fill=(60, 40, 40))
        d.text((185, y + 17), val, font=font("sans_bold", 16 if len(val) < 30 else 13), fill=(10, 10, 10))
        y += 46
    d.text(
        (W - 30, H - 30),
        f"Có giá trị đến: {rng.integers(2027, 2040)}",
        font=font("cond", 14),
        fill=(50, 50, 50),
        anchor="rb",
    )
    return to_bgr(im), w, h


def passport_pages(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float, float]:
    """The data page (125 × 88 mm, MRZ) and the facing page, both landscape."""
    w, h = 125.0, 88.0
    W, H = int(w * PX), int(h * PX)
    p = person(rng)
    im = Image.new("RGB", (W, H), (236, 228, 214))
    guilloche(im, rng, (222, 205, 190), 50)
    d = ImageDraw.Draw(im)
    d.text(
        (W / 2, 20),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / SOCIALIST REPUBLIC OF VIET NAM",
        font=font("sans_bold", 17),
        fill=(40, 30, 80),
        anchor="mt",
    )
    d.text((W / 2, 48), "HỘ CHIẾU / PASSPORT", font=font("sans_bold", 26), fill=(40, 30, 80), anchor="mt")
    im.paste(portrait(rng, 230, 290), (40, 110))
    num = f"C{rng.integers(1000000, 9999999)}"
    y = 100
    for label, val in (
        ("Loại/Type", "P    Mã số/Code: VNM    Số hộ chiếu/Passport No: " + num),
        ("Họ và tên/Full name", p["name"]),
        ("Quốc tịch/Nationality", "VIỆT NAM/VIETNAMESE"),
        ("Ngày sinh/Date of birth", p["dob"]),
        ("Nơi sinh/Place of birth", p["home"].split(", ")[-1]),
        ("Giới tính/Sex", p["sex"]),
        ("Ngày cấp/Date of issue", f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/2022"),
        ("Số GCMND/ID card No", p["id"]),
    ):
        d.text((300, y), label, font=font("cond", 15), fill=(70, 60, 60))
        d.text((300, y + 17), val, font=font("sans_bold", 18), fill=(10, 10, 10))
        y += 46
    d.rectangle([0, H - 120, W, H], fill=(246, 244, 238))
    sur, *rest = [("".join(c if c.isascii() else "<" for c in part)) for part in p["name"].split(" ")]
    l1 = ("P<VNM" + sur + "<<" + "<".join(rest)).ljust(44, "<")[:44]
    l2 = (
        num
        + "<"
        + str(rng.integers(0, 10))
        + "VNM"
        + p["dob"][8:]
        + p["dob"][3:5]
        + p["dob"][:2]
        + "1"
        + ("M" if p["sex"] == "Nam" else "F")
        + "3212315"
        + p["id"]
    ).ljust(42, "<")[:42] + "04"
    for k, line in enumerate((l1, l2)):
        d.text((26, H - 108 + k * 50), line, font=font("mono", 36), fill=(15, 15, 15))
    facing = Image.new("RGB", (W, H), (232, 226, 216))
    guilloche(facing, rng, (215, 200, 195), 60)
    fd = ImageDraw.Draw(facing)
    emblem(fd, W / 2, H / 2, 120)
    fd.rectangle([0, 0, W, H], outline=(200, 190, 180), width=3)
    fd.text((W / 2, 40), "THỊ THỰC / VISAS", font=font("sans_bold", 22), fill=(120, 100, 100), anchor="mt")
    return to_bgr(im), to_bgr(facing), w, h


def receipt(rng: np.random.Generator, width_mm: float) -> tuple[np.ndarray, float, float]:
    length = float(rng.uniform(120, 210))
    px = 6
    W, H = int(width_mm * px), int(length * px)
    im = Image.new("RGB", (W, H), (246, 245, 240))
    d = ImageDraw.Draw(im)
    fs = 16 if width_mm < 70 else 19
    f = font("mono", fs)
    lines = [
        "UBND PHƯỜNG " + str(rng.integers(1, 15)),
        "BỘ PHẬN MỘT CỬA",
        "-" * 40,
        "PHIẾU TIẾP NHẬN HỒ SƠ",
        f"Mã hồ sơ: H{rng.integers(10000000, 99999999)}",
        f"Ngày: {rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/2026",
        f"Người nộp: {person(rng)['name'].title()}",
        "Thủ tục: Chứng thực bản sao",
        f"Lệ phí: {rng.integers(1, 30) * 1000:,} đ".replace(",", "."),
        "-" * 40,
        "Quầy số " + str(rng.integers(1, 9)),
        "Hẹn trả: " + f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/2026",
    ]
    y = 30
    for ln in lines:
        d.text((W / 2, y), ln, font=f, fill=(30, 30, 30), anchor="mt")
        y += fs + 10
        if y > H - W * 0.8:
            break
    q = int(W * 0.5)
    if y + q + 20 < H:
        im.paste(
            qr_image(f"https://dvc.example.gov.vn/t/H{rng.integers(10000000, 99999999)}", q),
            ((W - q) // 2, y + 10),
        )
        y += q + 20
    d.text((W / 2, min(H - 30, y + 10)), "Cảm ơn ông/bà!", font=f, fill=(30, 30, 30), anchor="mt")
    arr = np.asarray(im).astype(np.float32)
    arr = 255 - (255 - arr) * rng.uniform(0.55, 0.95)  # thermal print fades
    return to_bgr(Image.fromarray(arr.astype(np.uint8))), width_mm, length


def signature(d: ImageDraw.ImageDraw, rng: np.random.Generator, x: float, y: float, w: float) -> None:
    pts = []
    for t in np.linspace(0, 1, 60):
        pts.append((x + w * t, y + 18 * np.sin(t * rng.uniform(8, 20)) * (1 - t * 0.5) + rng.uniform(-3, 3)))
    d.line(pts, fill=(20, 30, 140), width=3)


def stamp(im: Image.Image, rng: np.random.Generator, cx: float, cy: float, r: float) -> None:
    layer = Image.new("RGBA", im.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (200, 25, 30, int(rng.integers(150, 220)))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=6)
    d.ellipse([cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72], outline=red, width=3)
    emb_r = r * 0.3
    pts = [
        (
            cx + (emb_r if k % 2 == 0 else emb_r * 0.4) * np.cos(-np.pi / 2 + k * np.pi / 5),
            cy + (emb_r if k % 2 == 0 else emb_r * 0.4) * np.sin(-np.pi / 2 + k * np.pi / 5),
        )
        for k in range(10)
    ]
    d.polygon(pts, fill=red)
    text = "UBND PHƯỜNG • BỘ PHẬN MỘT CỬA • "
    f = font("sans_bold", int(r * 0.17))
    for k, ch in enumerate(text):
        a = -np.pi / 2 + 2 * np.pi * k / len(text)
        d.text((cx + r * 0.86 * np.cos(a), cy + r * 0.86 * np.sin(a)), ch, font=f, fill=red, anchor="mm")
    im.paste(Image.alpha_composite(im.convert("RGBA"), layer).convert("RGB"))


def form(rng: np.random.Generator, size: str) -> tuple[np.ndarray, float, float]:
    """An A4 or A5 administrative form: national heading, title, dotted fields filled in,
    a ruled table, a red stamp and a signature."""
    w, h = (210.0, 297.0) if size == "a4" else (148.0, 210.0)
    px = 4 if size == "a4" else 5
    W, H = int(w * px), int(h * px)
    tint = int(rng.integers(238, 252))
    im = Image.new("RGB", (W, H), (tint, tint, int(tint - rng.integers(0, 8))))
    d = ImageDraw.Draw(im)
    s = px / 4
    p = person(rng)
    d.text(
        (W / 2, 60 * s),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        font=font("serif_bold", int(26 * s)),
        fill=(10, 10, 10),
        anchor="mt",
    )
    d.text(
        (W / 2, 96 * s),
        "Độc lập - Tự do - Hạnh phúc",
        font=font("serif_bold", int(24 * s)),
        fill=(10, 10, 10),
        anchor="mt",
    )
    d.line([W / 2 - 150 * s, 130 * s, W / 2 + 150 * s, 130 * s], fill=(10, 10, 10), width=2)
    d.text(
        (W / 2, 175 * s),
        str(rng.choice(FORMS)),
        font=font("serif_bold", int(30 * s)),
        fill=(10, 10, 10),
        anchor="mt",
    )
    d.text(
        (W / 2, 220 * s),
        "Kính gửi: Ủy ban nhân dân " + p["place"].split(", ")[0],
        font=font("serif", int(22 * s)),
        fill=(10, 10, 10),
        anchor="mt",
    )
    y = 280 * s
    fields = (
        ("Họ, chữ đệm và tên", p["name"].title()),
        ("Ngày, tháng, năm sinh", p["dob"]),
        ("Giới tính", p["sex"]),
        ("Số định danh cá nhân", p["id"]),
        ("Nơi thường trú", p["place"]),
        ("Quê quán", p["home"]),
        ("Số điện thoại liên hệ", "09" + "".join(str(v) for v in rng.integers(0, 10, 8))),
    )
    for label, val in fields:
        d.text((70 * s, y), label + ":", font=font("serif", int(21 * s)), fill=(10, 10, 10))
        lw = d.textlength(label + ":", font=font("serif", int(21 * s)))
        for xx in range(int(70 * s + lw + 8), int(W - 70 * s), int(8 * s) or 1):
            d.point((xx, y + 22 * s), fill=(60, 60, 60))
        d.text((70 * s + lw + 16, y - 4 * s), val, font=font("serif", int(22 * s)), fill=(25, 40, 150))
        y += 44 * s
    y += 20 * s
    cols = (70 * s, 130 * s, 470 * s, 620 * s, W - 70 * s)
    rows = 5
    rh = 40 * s
    for r in range(rows + 1):
        d.line([cols[0], y + r * rh, cols[-1], y + r * rh], fill=(20, 20, 20), width=2)
    for c in cols:
        d.line([c, y, c, y + rows * rh], fill=(20, 20, 20), width=2)
    heads = ("TT", "Giấy tờ kèm theo", "Số bản", "Ghi chú")
    for k, hd in enumerate(heads):
        d.text(
            ((cols[k] + cols[k + 1]) / 2, y + rh / 2),
            hd,
            font=font("serif_bold", int(18 * s)),
            fill=(10, 10, 10),
            anchor="mm",
        )
    docs = ("Bản sao giấy khai sinh", "Căn cước công dân", "Sổ hộ khẩu", "Giấy xác nhận cư trú")
    for r in range(1, rows):
        d.text(
            ((cols[0] + cols[1]) / 2, y + r * rh + rh / 2),
            str(r),
            font=font("serif", int(18 * s)),
            fill=(10, 10, 10),
            anchor="mm",
        )
        d.text(
            (cols[1] + 8 * s, y + r * rh + rh / 2),
            docs[(r - 1) % 4],
            font=font("serif", int(18 * s)),
            fill=(10, 10, 10),
            anchor="lm",
        )
        d.text(
            ((cols[2] + cols[3]) / 2, y + r * rh + rh / 2),
            str(rng.integers(1, 4)),
            font=font("serif", int(18 * s)),
            fill=(25, 40, 150),
            anchor="mm",
        )
    y += rows * rh + 50 * s
    for ln in range(int(rng.integers(2, 5))):
        d.text(
            (70 * s, y),
            "Tôi xin cam đoan những lời khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật."[
                : 60 + ln * 9
            ],
            font=font("serif", int(20 * s)),
            fill=(10, 10, 10),
        )
        y += 34 * s
    sx = W * 0.62
    sy = min(y + 40 * s, H - 170 * s)
    d.text(
        (sx, sy),
        f"Hà Nội, ngày {rng.integers(1, 29)} tháng {rng.integers(1, 13)} năm 2026",
        font=font("serif", int(18 * s)),
        fill=(10, 10, 10),
        anchor="mt",
    )
    d.text(
        (sx, sy + 30 * s), "NGƯỜI KHAI", font=font("serif_bold", int(20 * s)), fill=(10, 10, 10), anchor="mt"
    )
    signature(d, rng, sx - 80 * s, sy + 90 * s, 160 * s)
    d.text(
        (sx, sy + 130 * s),
        p["name"].title(),
        font=font("serif_bold", int(19 * s)),
        fill=(10, 10, 10),
        anchor="mt",
    )
    stamp(im, rng, sx - 120 * s, sy + 80 * s, 70 * s)
    return to_bgr(im), w, h


def brochure(rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    """A folded brochure panel pair (no form, no ID): photographs and a few headings."""
    w, h = 198.0, 210.0
    px = 4
    W, H = int(w * px), int(h * px)
    im = Image.new("RGB", (W, H), (250, 250, 246))
    d = ImageDraw.Draw(im)
    photo = seventh_props.photo_crop(rng, W // 2 - 30, H // 2)
    im.paste(Image.fromarray(cv2.cvtColor(photo, cv2.COLOR_BGR2RGB)), (15, 20))
    photo2 = seventh_props.photo_crop(rng, W // 2 - 30, H // 3)
    im.paste(Image.fromarray(cv2.cvtColor(photo2, cv2.COLOR_BGR2RGB)), (W // 2 + 15, H // 2))
    colour = tuple(int(v) for v in rng.integers(20, 200, 3))
    d.rectangle([W // 2 + 10, 20, W - 15, 140], fill=colour)
    d.text(
        (W * 0.75, 80),
        "KHÁM PHÁ\nTHIÊN NHIÊN",
        font=font("sans_bold", 32),
        fill=(255, 255, 255),
        anchor="mm",
        align="center",
    )
    d.text(
        (20, H // 2 + 40), "Tour sinh thái cuối tuần\nĐặt chỗ: 1900 1234", font=font("sans", 24), fill=colour
    )
    return to_bgr(im), w, h
