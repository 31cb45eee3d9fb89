"""The ninth set's document faces, drawn with Pillow: CCCD front and back, driving licence,
passport data page, thermal receipt, A4/A5 application forms, and the small papers of clutter.

Each face is an RGB array drawn upright (its top row is the document's top edge) at about 12
pixels a millimetre for cards and 6 for sheets: the camera sees a card at 3-4 px/mm, so the
texture is never what limits the frame's detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from unidecode import unidecode

from devices.card.mrz import check_digit

NOTO = "/usr/share/fonts/truetype/noto/"
OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"

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
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Ngọc", "Đức", "Thanh", "Quốc", "Thu", "Gia")
GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Nam",
    "Phương",
    "Quân",
    "Thảo",
    "Tuấn",
    "Yến",
)
PLACES = (
    "Xã Tân Phú, Huyện Đồng Xuân, Tỉnh Phú Yên",
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
    "Xã Hòa Tiến, Huyện Hòa Vang, TP. Đà Nẵng",
    "Phường Trúc Bạch, Quận Ba Đình, Hà Nội",
    "Thị trấn Phong Điền, Huyện Phong Điền, TP. Cần Thơ",
    "Xã Nghĩa Lộ, Huyện Tư Nghĩa, Tỉnh Quảng Ngãi",
)
PROCEDURES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC",
    "TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ",
    "ĐƠN ĐỀ NGHỊ CHỨNG THỰC CHỮ KÝ",
    "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "PHIẾU YÊU CẦU CUNG CẤP THÔNG TIN ĐẤT ĐAI",
)

#: Physical sizes in millimetres (width, height as read upright).
SIZES_MM: dict[str, tuple[float, float]] = {
    "id_card": (85.6, 53.98),
    "licence": (85.6, 53.98),
    "passport": (125.0, 88.0),
    "a4": (210.0, 297.0),
    "a5": (148.0, 210.0),
}


@dataclass(frozen=True)
class Face:
    rgb: np.ndarray  # H x W x 3 uint8, upright
    size_mm: tuple[float, float]


@lru_cache(maxsize=64)
def font(name: str, px: int) -> ImageFont.FreeTypeFont:
    path = OCRB if name == "ocrb" else NOTO + name + ".ttf"
    return ImageFont.truetype(path, px)


def person(rng: np.random.Generator) -> dict[str, str]:
    surname, middle, given = (str(rng.choice(x)) for x in (SURNAMES, MIDDLE, GIVEN))
    born = (int(rng.integers(1950, 2006)), int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    return {
        "surname": surname,
        "given": f"{middle} {given}",
        "name": f"{surname} {middle} {given}".upper(),
        "dob": f"{born[2]:02d}/{born[1]:02d}/{born[0]}",
        "dob_mrz": f"{born[0] % 100:02d}{born[1]:02d}{born[2]:02d}",
        "sex": "Nữ" if middle == "Thị" or rng.random() < 0.4 else "Nam",
        "id": "0" + "".join(str(d) for d in rng.integers(0, 10, 11)),
        "origin": str(rng.choice(PLACES)),
        "home": str(rng.choice(PLACES)),
        "expiry_year": str(int(rng.integers(2027, 2046))),
    }


def _canvas(size_mm: tuple[float, float], px_per_mm: float, colour: tuple[int, ...]) -> Image.Image:
    return Image.new("RGB", (round(size_mm[0] * px_per_mm), round(size_mm[1] * px_per_mm)), colour)


def _guilloche(
    img: Image.Image, rng: np.random.Generator, colour: tuple[int, int, int], lines: int = 40
) -> None:
    """Security print: fine interleaved sine waves across the face."""
    d = ImageDraw.Draw(img)
    w, h = img.size
    xs = np.linspace(0, w, 240)
    for k in range(lines):
        amp = h * (0.02 + 0.05 * rng.random())
        base = h * k / lines
        phase = rng.random() * 6.28
        ys = base + amp * np.sin(xs / w * 6.28 * (2 + k % 3) + phase)
        d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=1)


def _photo(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """An ID photo: pale background, a head and shoulders in a darker jacket."""
    bg = tuple(int(v) for v in rng.integers(200, 245, 3))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    skin = tuple(int(v) for v in (rng.integers(170, 225), rng.integers(130, 180), rng.integers(100, 150)))
    jacket = tuple(int(v) for v in rng.integers(20, 90, 3))
    d.ellipse((w * 0.1, h * 0.62, w * 0.9, h * 1.3), fill=jacket)
    d.rectangle((w * 0.42, h * 0.52, w * 0.58, h * 0.7), fill=skin)
    d.ellipse((w * 0.27, h * 0.15, w * 0.73, h * 0.62), fill=skin)
    d.chord((w * 0.25, h * 0.08, w * 0.75, h * 0.45), 180, 360, fill=(25, 20, 20))
    for ex in (0.4, 0.6):
        d.ellipse((w * ex - 3, h * 0.38 - 2, w * ex + 3, h * 0.38 + 2), fill=(30, 25, 25))
    d.line((w * 0.45, h * 0.52, w * 0.55, h * 0.52), fill=(120, 60, 60), width=2)
    return img.filter(ImageFilter.GaussianBlur(1.2))


def _emblem(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """The national emblem's area: a red disc with a yellow star and a golden rim."""
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 160, 40))
    d.ellipse((cx - r * 0.85, cy - r * 0.85, cx + r * 0.85, cy + r * 0.85), fill=(205, 30, 35))
    pts = []
    for k in range(10):
        a = -np.pi / 2 + k * np.pi / 5
        rr = r * (0.55 if k % 2 == 0 else 0.22)
        pts.append((cx + rr * np.cos(a), cy + rr * np.sin(a)))
    d.polygon(pts, fill=(250, 220, 40))


def _qr(data: str, px: int) -> Image.Image:
    dark = np.pad(np.asarray(segno.make(data, error="m").matrix, dtype=bool), 2)
    modules = np.where(dark, 0, 255).astype(np.uint8)
    return Image.fromarray(np.dstack([modules] * 3)).resize((px, px), Image.Resampling.NEAREST)


def mrz_td1(p: dict[str, str]) -> list[str]:
    """A CCCD's 3 x 30 machine-readable zone with correct check digits (ICAO 9303 Part 5)."""
    doc = p["id"][3:]
    l1 = f"IDVNM{doc}{check_digit(doc)}{p['id']}"
    l1 = (l1 + "<" * 30)[:30]
    exp = p["expiry_year"][2:] + p["dob_mrz"][2:]
    sex = "F" if p["sex"] == "Nữ" else "M"
    l2 = f"{p['dob_mrz']}{check_digit(p['dob_mrz'])}{sex}{exp}{check_digit(exp)}VNM"
    l2 = l2 + "<" * (29 - len(l2))
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 += check_digit(composite)
    names = unidecode(p["surname"]).upper() + "<<" + unidecode(p["given"]).upper().replace(" ", "<")
    l3 = (names + "<" * 30)[:30]
    return [l1, l2, l3]


def mrz_td3(p: dict[str, str], number: str) -> list[str]:
    """A passport data page's 2 x 44 machine-readable zone with correct check digits."""
    names = unidecode(p["surname"]).upper() + "<<" + unidecode(p["given"]).upper().replace(" ", "<")
    l1 = ("P<VNM" + names + "<" * 44)[:44]
    exp = p["expiry_year"][2:] + p["dob_mrz"][2:]
    sex = "F" if p["sex"] == "Nữ" else "M"
    personal = (p["id"] + "<" * 14)[:14]
    l2 = f"{number}{check_digit(number)}VNM{p['dob_mrz']}{check_digit(p['dob_mrz'])}{sex}{exp}{check_digit(exp)}"
    l2 += personal + check_digit(personal)
    composite = l2[0:10] + l2[13:20] + l2[21:43]
    l2 += check_digit(composite)
    return [l1, l2]


def _header(d: ImageDraw.ImageDraw, w: int, y: float, px: float, fill=(20, 20, 20)) -> float:
    f1, f2 = font("NotoSans-Bold", round(px)), font("NotoSans-Bold", round(px * 0.9))
    for s, f in (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f1), ("Độc lập - Tự do - Hạnh phúc", f2)):
        tw = d.textlength(s, font=f)
        d.text(((w - tw) / 2, y), s, font=f, fill=fill)
        y += px * 1.35
    return y


def cccd_front(rng: np.random.Generator, p: dict[str, str]) -> Face:
    k = 12.0
    img = _canvas(SIZES_MM["id_card"], k, (218, 230, 238))
    _guilloche(img, rng, (190, 210, 228), 60)
    d = ImageDraw.Draw(img)
    w, h = img.size
    _emblem(d, 10 * k, 9 * k, 6.5 * k)
    f = font("NotoSans-Bold", round(2.3 * k))
    y = 2.5 * k
    for s in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        d.text((20 * k, y), s, font=f, fill=(20, 30, 110))
        y += 3.0 * k
    d.text(
        (24 * k, y + 0.8 * k),
        "CĂN CƯỚC CÔNG DÂN",
        font=font("NotoSans-Bold", round(3.6 * k)),
        fill=(200, 25, 30),
    )
    img.paste(
        _qr(f"{p['id']}||{p['name']}|{p['dob']}|{p['sex']}|{p['home']}", round(14 * k)),
        (round(69 * k), round(2.5 * k)),
    )
    img.paste(_photo(rng, round(20 * k), round(26 * k)), (round(3.5 * k), round(19 * k)))
    fs, fv = font("NotoSans-Regular", round(1.9 * k)), font("NotoSans-Bold", round(2.5 * k))
    x, y = 26 * k, 17.5 * k
    d.text((x, y), "Số / No.:", font=fs, fill=(20, 20, 20))
    d.text((x + 12 * k, y - 0.6 * k), p["id"], font=font("NotoSans-Bold", round(3.4 * k)), fill=(190, 20, 25))
    rows = (
        ("Họ và tên / Full name:", p["name"]),
        (
            f"Ngày sinh / Date of birth: {p['dob']}",
            f"Giới tính / Sex: {p['sex']}   Quốc tịch / Nationality: Việt Nam",
        ),
        ("Quê quán / Place of origin:", p["origin"]),
        ("Nơi thường trú / Place of residence:", p["home"]),
    )
    y += 4.5 * k
    for label, value in rows:
        d.text((x, y), label, font=fs, fill=(30, 30, 30))
        d.text((x, y + 2.3 * k), value, font=fv if len(value) < 30 else fs, fill=(10, 10, 10))
        y += 5.6 * k
    d.text((3.5 * k, 47 * k), f"Có giá trị đến: 31/12/{p['expiry_year']}", font=fs, fill=(30, 30, 30))
    return Face(np.asarray(img), SIZES_MM["id_card"])


def cccd_back(rng: np.random.Generator, p: dict[str, str]) -> Face:
    k = 12.0
    img = _canvas(SIZES_MM["id_card"], k, (226, 232, 236))
    _guilloche(img, rng, (200, 214, 226), 50)
    d = ImageDraw.Draw(img)
    # The chip's contact pad: gold with its etched segments.
    cx, cy = 8 * k, 10 * k
    d.rounded_rectangle(
        (cx, cy, cx + 11 * k, cy + 9 * k), radius=k, fill=(205, 170, 80), outline=(150, 115, 40), width=3
    )
    for gx in (cx + 3.7 * k, cx + 7.3 * k):
        d.line((gx, cy, gx, cy + 9 * k), fill=(150, 115, 40), width=3)
    d.line((cx, cy + 4.5 * k, cx + 11 * k, cy + 4.5 * k), fill=(150, 115, 40), width=3)
    fs = font("NotoSans-Regular", round(1.9 * k))
    d.text((3 * k, 22 * k), "Đặc điểm nhân dạng / Personal identification:", font=fs, fill=(30, 30, 30))
    d.text((3 * k, 24.5 * k), "Nốt ruồi C: 1cm dưới sau mép phải", font=fs, fill=(10, 10, 10))
    d.text(
        (3 * k, 27.5 * k),
        f"Ngày, tháng, năm / Date: {int(rng.integers(1, 28)):02d}/0{int(rng.integers(1, 9))}/2021",
        font=fs,
        fill=(10, 10, 10),
    )
    d.text(
        (3 * k, 30 * k),
        "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH",
        font=font("NotoSans-Bold", round(1.6 * k)),
        fill=(30, 30, 30),
    )
    d.ellipse((12 * k, 31 * k, 22 * k, 41 * k), outline=(200, 40, 40), width=4)
    for fx, label in ((52 * k, "Ngón trỏ trái"), (69 * k, "Ngón trỏ phải")):
        d.text((fx, 2 * k), label, font=font("NotoSans-Regular", round(1.6 * k)), fill=(30, 30, 30))
        box = (fx, 4.5 * k, fx + 14 * k, 22 * k)
        d.rectangle(box, outline=(60, 60, 60), width=2)
        ccx, ccy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        for r in range(4, 70, 5):  # the ridges of a fingerprint
            d.ellipse((ccx - r * 0.8, ccy - r, ccx + r * 0.8, ccy + r), outline=(70, 70, 80), width=2)
    mf = font("ocrb", round(3.1 * k))
    for i, line in enumerate(mrz_td1(p)):
        d.text((3.5 * k, 38.5 * k + i * 4.6 * k), line, font=mf, fill=(15, 15, 15))
    return Face(np.asarray(img), SIZES_MM["id_card"])


def licence(rng: np.random.Generator, p: dict[str, str]) -> Face:
    k = 12.0
    img = _canvas(SIZES_MM["licence"], k, (240, 222, 210))
    _guilloche(img, rng, (232, 196, 186), 55)
    d = ImageDraw.Draw(img)
    w, _ = img.size
    d.rectangle((0, 0, w, 9 * k), fill=(214, 186, 160))
    _emblem(d, 7 * k, 4.5 * k, 3.8 * k)
    fh = font("NotoSans-Bold", round(1.9 * k))
    d.text((13 * k, 0.8 * k), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=fh, fill=(20, 20, 20))
    d.text((13 * k, 3.8 * k), "Độc lập - Tự do - Hạnh phúc", font=fh, fill=(20, 20, 20))
    d.text(
        (24 * k, 10 * k),
        "GIẤY PHÉP LÁI XE / DRIVER'S LICENSE",
        font=font("NotoSans-Bold", round(2.6 * k)),
        fill=(190, 30, 30),
    )
    img.paste(_photo(rng, round(20 * k), round(25 * k)), (round(3 * k), round(15 * k)))
    fs, fv = font("NotoSans-Regular", round(1.9 * k)), font("NotoSans-Bold", round(2.3 * k))
    number = "".join(str(v) for v in rng.integers(0, 10, 12))
    rows = (
        ("Số / No.:", number),
        ("Họ tên / Full name:", p["name"]),
        ("Ngày sinh / Date of Birth:", p["dob"]),
        ("Quốc tịch / Nationality:", "VIỆT NAM"),
        ("Nơi cư trú / Address:", p["home"][:34]),
        ("Hạng / Class:", str(rng.choice(["A1", "B1", "B2", "C"]))),
    )
    y = 15 * k
    for label, value in rows:
        d.text((26 * k, y), label, font=fs, fill=(40, 40, 40))
        d.text((26 * k + d.textlength(label, font=fs) + k, y - 0.3 * k), value, font=fv, fill=(10, 10, 10))
        y += 4.6 * k
    d.text((3 * k, 44 * k), f"Có giá trị đến / Expires: {p['expiry_year']}", font=fs, fill=(40, 40, 40))
    d.ellipse((60 * k, 40 * k, 72 * k, 52 * k), outline=(200, 40, 40), width=5)
    return Face(np.asarray(img), SIZES_MM["licence"])


def passport_data_page(rng: np.random.Generator, p: dict[str, str]) -> Face:
    k = 10.0
    img = _canvas(SIZES_MM["passport"], k, (232, 236, 222))
    _guilloche(img, rng, (210, 222, 200), 70)
    d = ImageDraw.Draw(img)
    w, h = img.size
    number = "C" + "".join(str(v) for v in rng.integers(0, 10, 7)) + "<"
    fh = font("NotoSans-Bold", round(2.4 * k))
    d.text((30 * k, 2 * k), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=fh, fill=(30, 40, 60))
    d.text((30 * k, 5.5 * k), "SOCIALIST REPUBLIC OF VIET NAM", font=fh, fill=(30, 40, 60))
    d.text(
        (30 * k, 9.5 * k), "HỘ CHIẾU / PASSPORT", font=font("NotoSans-Bold", round(3 * k)), fill=(180, 30, 30)
    )
    img.paste(_photo(rng, round(32 * k), round(42 * k)), (round(5 * k), round(14 * k)))
    fs, fv = font("NotoSans-Regular", round(1.9 * k)), font("NotoSans-Bold", round(2.6 * k))
    rows = (
        (("Loại / Type", "P"), ("Mã số / Code", "VNM"), ("Số hộ chiếu / Passport No.", number.rstrip("<"))),
        (("Họ và tên / Full name", p["name"]),),
        (("Quốc tịch / Nationality", "VIỆT NAM"), ("Ngày sinh / Date of birth", p["dob"])),
        (("Nơi sinh / Place of birth", p["origin"].split(",")[-1].strip()), ("Giới tính / Sex", p["sex"])),
        (
            ("Ngày cấp / Date of issue", "12/05/2023"),
            ("Có giá trị đến / Date of expiry", f"12/05/{p['expiry_year']}"),
        ),
        (("Số GCMND / ID card No.", p["id"]), ("Nơi cấp / Place of issue", "Cục Quản lý xuất nhập cảnh")),
    )
    y = 15 * k
    for row in rows:
        x = 40 * k
        for label, value in row:
            d.text((x, y), label, font=fs, fill=(60, 60, 70))
            d.text((x, y + 2.4 * k), value, font=fv, fill=(10, 10, 10))
            x += max(d.textlength(label, font=fs), d.textlength(value, font=fv)) + 4 * k
        y += 7.2 * k
    mf = font("ocrb", round(3.6 * k))
    for i, line in enumerate(mrz_td3(p, number)):
        d.text((4 * k, 70.5 * k + i * 6 * k), line, font=mf, fill=(15, 15, 15))
    return Face(np.asarray(img), SIZES_MM["passport"])


def passport_visa_page(rng: np.random.Generator) -> Face:
    k = 6.0
    img = _canvas(SIZES_MM["passport"], k, (230, 234, 222))
    _guilloche(img, rng, (208, 220, 200), 50)
    d = ImageDraw.Draw(img)
    d.text(
        (45 * k, 5 * k), "THỊ THỰC / VISAS", font=font("NotoSans-Bold", round(3 * k)), fill=(120, 130, 120)
    )
    if rng.random() < 0.6:  # an entry stamp
        cx, cy = rng.uniform(30, 95) * k, rng.uniform(25, 65) * k
        d.rounded_rectangle(
            (cx - 20 * k, cy - 12 * k, cx + 20 * k, cy + 12 * k), radius=k * 3, outline=(40, 60, 150), width=4
        )
        d.text(
            (cx - 16 * k, cy - 4 * k),
            "NHẬP CẢNH  TSN",
            font=font("NotoSans-Bold", round(3 * k)),
            fill=(40, 60, 150),
        )
    return Face(np.asarray(img), SIZES_MM["passport"])


def receipt(rng: np.random.Generator, p: dict[str, str]) -> Face:
    """A thermal receipt from the counter's fee printer, 80 mm wide, as long as its lines."""
    k = 8.0
    n_items = int(rng.integers(3, 9))
    length = 95 + 9 * n_items + float(rng.uniform(0, 40))
    size = (80.0, length)
    img = _canvas(size, k, tuple(int(v) for v in rng.integers(236, 250, 3)))
    d = ImageDraw.Draw(img)
    w, h = img.size
    grey = int(rng.integers(15, 70))  # a tired thermal head prints grey
    ink = (grey, grey, grey)
    fb, fs = font("NotoSans-Bold", round(3.2 * k)), font("NotoSans-Regular", round(2.6 * k))
    y = 4 * k
    for s, f in (
        ("UBND PHƯỜNG " + str(rng.integers(1, 15)), fb),
        ("BIÊN LAI THU PHÍ, LỆ PHÍ", fb),
        (f"Số: {rng.integers(1000, 99999)}", fs),
    ):
        tw = d.textlength(s, font=f)
        d.text(((w - tw) / 2, y), s, font=f, fill=ink)
        y += 4.6 * k
    d.text((4 * k, y), f"Người nộp: {p['name']}", font=fs, fill=ink)
    y += 5 * k
    d.line((3 * k, y, w - 3 * k, y), fill=ink, width=2)
    y += 2 * k
    total = 0
    fees = (
        "Lệ phí chứng thực",
        "Phí sao y bản chính",
        "Lệ phí hộ tịch",
        "Phí cung cấp thông tin",
        "Lệ phí đăng ký cư trú",
    )
    for _ in range(n_items):
        amount = int(rng.integers(1, 40)) * 5000
        total += amount
        d.text((4 * k, y), str(rng.choice(fees)), font=fs, fill=ink)
        s = f"{amount:,}".replace(",", ".")
        d.text((w - 4 * k - d.textlength(s, font=fs), y), s, font=fs, fill=ink)
        y += 4.2 * k
    d.line((3 * k, y, w - 3 * k, y), fill=ink, width=2)
    y += 2 * k
    s = f"TỔNG CỘNG: {total:,} đ".replace(",", ".")
    d.text((4 * k, y), s, font=fb, fill=ink)
    y += 7 * k
    qr = _qr(f"https://dichvucong.gov.vn/tra-cuu?ma={rng.integers(10**9, 10**10)}", round(24 * k))
    img.paste(qr, (round((w - qr.size[0]) / 2), round(min(y, h - 30 * k))))
    return Face(np.asarray(img), size)


def form(rng: np.random.Generator, p: dict[str, str], kind: str) -> Face:
    """An A4 or A5 application form: national header, title, dotted fields, a table, a stamp."""
    size = SIZES_MM[kind]
    k = 6.0 if kind == "a4" else 7.0
    paper = tuple(int(v) for v in (rng.integers(238, 252), rng.integers(236, 250), rng.integers(226, 246)))
    img = _canvas(size, k, paper)
    d = ImageDraw.Draw(img)
    w, h = img.size
    scale = size[0] / 210
    y = _header(d, w, 12 * k * scale, 4.0 * k * scale)
    title = str(rng.choice(PROCEDURES))
    ft = font("NotoSans-Bold", round(5 * k * scale))
    while d.textlength(title, font=ft) > w * 0.9:
        ft = font("NotoSans-Bold", ft.size - 2)
    d.text(((w - d.textlength(title, font=ft)) / 2, y + 4 * k * scale), title, font=ft, fill=(15, 15, 15))
    y += 14 * k * scale
    fs = font("NotoSans-Regular", round(3.4 * k * scale))
    hand = font("NotoSans-Italic", round(3.8 * k * scale))
    blue = (30, 50, 150)
    fields = (
        ("Kính gửi:", "UBND " + p["home"].split(",")[0]),
        ("Họ, chữ đệm, tên người yêu cầu:", p["name"].title()),
        ("Ngày, tháng, năm sinh:", p["dob"]),
        ("Số định danh cá nhân:", p["id"]),
        ("Nơi cư trú:", p["home"]),
        ("Quan hệ với người được cấp:", "Bản thân"),
    )
    x0 = 15 * k * scale
    for label, value in fields:
        d.text((x0, y), label, font=fs, fill=(20, 20, 20))
        lx = x0 + d.textlength(label, font=fs) + k
        for xx in range(int(lx), int(w - x0), max(4, round(2 * k * scale))):
            d.point((xx, y + 4.2 * k * scale), fill=(60, 60, 60))
        if rng.random() < 0.85:
            d.text((lx + 2 * k, y - 0.5 * k * scale), value, font=hand, fill=blue)
        y += 9 * k * scale
    rows, cols = int(rng.integers(3, 6)), 4
    tw, rh = w - 2 * x0, 8 * k * scale
    for r in range(rows + 1):
        d.line((x0, y + r * rh, x0 + tw, y + r * rh), fill=(20, 20, 20), width=2)
    for c in range(cols + 1):
        rule = x0 + tw * (0, 0.1, 0.55, 0.78, 1.0)[c]
        d.line((rule, y, rule, y + rows * rh), fill=(20, 20, 20), width=2)
    for c, s in enumerate(("TT", "Tên giấy tờ", "Số bản", "Ghi chú")):
        d.text((x0 + tw * (0, 0.1, 0.55, 0.78)[c] + k, y + k), s, font=fs, fill=(20, 20, 20))
    y += rows * rh + 8 * k * scale
    d.text(
        (w * 0.55, y),
        f"......, ngày {rng.integers(1, 28)} tháng {rng.integers(1, 12)} năm 2026",
        font=fs,
        fill=(20, 20, 20),
    )
    d.text(
        (w * 0.62, y + 6 * k * scale),
        "NGƯỜI YÊU CẦU",
        font=font("NotoSans-Bold", round(3.4 * k * scale)),
        fill=(20, 20, 20),
    )
    sig = [
        (w * 0.62 + i * 3 * k * scale, y + 18 * k * scale + float(np.sin(i * 1.3)) * 3 * k * scale)
        for i in range(12)
    ]
    d.line(sig, fill=blue, width=max(2, round(0.6 * k)))
    if rng.random() < 0.7:  # the commune's round red stamp over the signature
        cx, cy, radius = w * 0.42, y + 16 * k * scale, 17 * k * scale
        stamp = Image.new("RGBA", img.size, (0, 0, 0, 0))
        sd = ImageDraw.Draw(stamp)
        sd.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            outline=(200, 30, 40, 200),
            width=round(k * 0.9),
        )
        sd.ellipse(
            (cx - radius * 0.78, cy - radius * 0.78, cx + radius * 0.78, cy + radius * 0.78),
            outline=(200, 30, 40, 200),
            width=round(k * 0.5),
        )
        sd.text(
            (cx - radius * 0.55, cy - 2 * k),
            "UBND XÃ",
            font=font("NotoSans-Bold", round(3.6 * k * scale)),
            fill=(200, 30, 40, 200),
        )
        img.paste(stamp, (0, 0), stamp)
    return Face(np.asarray(img), size)


def queue_ticket(rng: np.random.Generator) -> Face:
    """The counter's numbered queue ticket: small thermal paper, clutter rather than a document."""
    k = 8.0
    img = _canvas((58.0, 40.0), k, (244, 244, 240))
    d = ImageDraw.Draw(img)
    d.text((5 * k, 3 * k), "SỐ THỨ TỰ", font=font("NotoSans-Bold", round(4 * k)), fill=(30, 30, 30))
    d.text(
        (10 * k, 11 * k),
        str(rng.integers(1001, 4999)),
        font=font("NotoSans-Bold", round(11 * k)),
        fill=(10, 10, 10),
    )
    d.text(
        (5 * k, 32 * k),
        "Quầy 3 - Tư pháp hộ tịch",
        font=font("NotoSans-Regular", round(3 * k)),
        fill=(30, 30, 30),
    )
    return Face(np.asarray(img), (58.0, 40.0))


def phone_screen(rng: np.random.Generator) -> np.ndarray:
    """A phone's lit screen: a chat or a payment app, mostly dark with a few bright bars."""
    img = Image.new("RGB", (360, 760), tuple(int(v) for v in rng.integers(10, 40, 3)))
    d = ImageDraw.Draw(img)
    for i in range(9):
        y = 60 + i * 75
        x0 = 20 if i % 2 else 120
        d.rounded_rectangle(
            (x0, y, x0 + 220, y + 55), radius=20, fill=tuple(int(v) for v in rng.integers(60, 230, 3))
        )
    return np.asarray(img)


def document_face(kind: str, rng: np.random.Generator, variant: str = "") -> Face:
    p = person(rng)
    if kind == "id_card":
        return cccd_back(rng, p) if variant == "back" else cccd_front(rng, p)
    if kind == "licence":
        return licence(rng, p)
    if kind == "passport":
        return passport_data_page(rng, p)
    if kind == "receipt":
        return receipt(rng, p)
    return form(rng, p, kind)
