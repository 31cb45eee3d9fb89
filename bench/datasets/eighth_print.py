"""What is printed on the eighth set's documents, drawn with Pillow: CCCD, licence, passport, receipt, forms.

Every drawing is a function of a ``random.Random`` so a frame's plan fixes its documents. Sizes
are real (ID-1 85.6 × 54 mm, TD3 page 125 × 88 mm, A4, A5, 58/80 mm thermal paper) at a print
resolution high enough for a 1280 × 960 camera frame. Machine-readable zones come from the
``mrz`` package's generators (the same package devices/card/mrz.py checks digits with), so their
check digits are right.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import qrcode
from mrz.generator.td1 import TD1CodeGenerator
from mrz.generator.td3 import TD3CodeGenerator
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path("/usr/share/fonts/truetype")
_SANS = FONTS / "noto/NotoSans-Regular.ttf"
_SANS_BOLD = FONTS / "noto/NotoSans-Bold.ttf"
_SERIF = FONTS / "noto/NotoSerif-Regular.ttf"
_SERIF_BOLD = FONTS / "noto/NotoSerif-Bold.ttf"
_MONO = FONTS / "dejavu/DejaVuSansMono.ttf"
_HAND = FONTS / "noto/NotoSans-Italic.ttf"

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
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Gia")
GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
)
PLACES = (
    "Hà Nội",
    "Nam Định",
    "Thái Bình",
    "Nghệ An",
    "Thanh Hóa",
    "Đà Nẵng",
    "Quảng Nam",
    "Bình Định",
    "Cần Thơ",
    "Đồng Tháp",
    "TP. Hồ Chí Minh",
    "Hải Phòng",
)
STREETS = (
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Quang Trung",
    "Lý Thường Kiệt",
    "Phan Chu Trinh",
)

_font_cache: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}


def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    key = (path, size)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(str(path), size)
    return _font_cache[key]


def _ascii(text: str) -> str:
    """Vietnamese letters without their marks, as the MRZ writes names."""
    import unicodedata

    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


class Person:
    def __init__(self, rng: random.Random) -> None:
        self.surname = rng.choice(SURNAMES)
        self.middle = rng.choice(MIDDLE)
        self.given = rng.choice(GIVEN)
        self.male = self.middle != "Thị" and rng.random() < 0.6
        self.birth = (rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
        self.place = rng.choice(PLACES)
        self.id12 = f"0{rng.randint(1, 96):02d}{rng.randint(0, 3)}{rng.randint(0, 99):02d}{rng.randint(0, 999999):06d}"
        self.address = (
            f"Số {rng.randint(1, 200)} {rng.choice(STREETS)}, P. {rng.randint(1, 15)}, {rng.choice(PLACES)}"
        )
        self.skin = rng.choice(((224, 190, 160), (205, 165, 130), (190, 150, 115), (235, 200, 175)))
        self.hair = rng.choice(((25, 20, 18), (40, 30, 25), (60, 45, 35)))

    @property
    def full(self) -> str:
        return f"{self.surname} {self.middle} {self.given}".upper()

    def dob(self) -> str:
        y, m, d = self.birth
        return f"{d:02d}/{m:02d}/{y}"

    def yymmdd(self) -> str:
        y, m, d = self.birth
        return f"{y % 100:02d}{m:02d}{d:02d}"


def portrait(person: Person, size: tuple[int, int], rng: random.Random) -> Image.Image:
    """An ID photo: plain backdrop, head and shoulders (a drawing; the set has no faces to use)."""
    w, h = size
    bg = rng.choice(((235, 240, 245), (210, 225, 245), (245, 245, 240)))
    img = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(img)
    shirt = rng.choice(((245, 245, 245), (30, 40, 70), (60, 60, 60), (220, 225, 235)))
    d.ellipse((-0.1 * w, 0.72 * h, 1.1 * w, 1.5 * h), fill=shirt)
    d.rectangle((0.4 * w, 0.6 * h, 0.6 * w, 0.8 * h), fill=person.skin)
    d.ellipse((0.24 * w, 0.16 * h, 0.76 * w, 0.72 * h), fill=person.skin)
    d.chord((0.22 * w, 0.1 * h, 0.78 * w, 0.55 * h), 180, 360, fill=person.hair)
    if not person.male:
        d.rectangle((0.2 * w, 0.3 * h, 0.28 * w, 0.75 * h), fill=person.hair)
        d.rectangle((0.72 * w, 0.3 * h, 0.8 * w, 0.75 * h), fill=person.hair)
    for ex in (0.39, 0.61):
        d.ellipse(((ex - 0.035) * w, 0.4 * h, (ex + 0.035) * w, 0.44 * h), fill=(40, 30, 30))
    d.line((0.5 * w, 0.45 * h, 0.48 * w, 0.54 * h), fill=(150, 110, 90), width=max(1, w // 60))
    d.arc((0.42 * w, 0.55 * h, 0.58 * w, 0.63 * h), 20, 160, fill=(140, 70, 70), width=max(1, w // 50))
    return img.filter(ImageFilter.GaussianBlur(w / 200))


def emblem(diameter: int) -> Image.Image:
    """The national emblem's outline: red disc, gold star, a gold ring of rice ears and a gear."""
    img = Image.new("RGBA", (diameter, diameter), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = diameter / 2
    d.ellipse((0, 0, diameter - 1, diameter - 1), fill=(225, 180, 40))
    d.ellipse((r * 0.18, r * 0.12, diameter - r * 0.18, diameter - r * 0.3), fill=(205, 30, 35))
    star = [
        (
            r + r * 0.42 * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
            r * 0.82 + r * 0.42 * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=(250, 215, 60))
    d.rectangle((r * 0.55, r * 1.55, r * 1.45, r * 1.75), fill=(205, 30, 35))
    return img


def guilloche(img: Image.Image, rng: random.Random, colour: tuple[int, int, int], lines: int = 40) -> None:
    """Security print: fine interleaved sine curves across the background."""
    d = ImageDraw.Draw(img)
    w, h = img.size
    f1, f2 = rng.uniform(2, 5), rng.uniform(5, 11)
    for k in range(lines):
        y0 = h * k / lines
        pts = [
            (
                x,
                y0
                + h / lines * 2 * math.sin(f1 * x / w * 2 * math.pi + k * 0.3)
                + h / lines * math.sin(f2 * x / w * 2 * math.pi),
            )
            for x in range(0, w + 8, 8)
        ]
        d.line(pts, fill=colour, width=1)


def qr(data: str, px: int) -> Image.Image:
    code = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    return (
        code.make_image(fill_color="black", back_color="white")
        .convert("RGB")
        .resize((px, px), Image.Resampling.NEAREST)
    )


def _text(
    d: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    s: str,
    size: int,
    *,
    bold: bool = False,
    fill=(20, 20, 20),
    face: Path | None = None,
) -> None:
    d.text(xy, s, font=font(face or (_SANS_BOLD if bold else _SANS), size), fill=fill)


# ---------------------------------------------------------------- cards (ID-1, 85.6 × 54 mm)

CARD_MM = (85.6, 53.98)
CARD_PX = (1070, 675)  # 12.5 px/mm


def cccd_front(rng: random.Random, person: Person) -> Image.Image:
    w, h = CARD_PX
    img = Image.new("RGB", CARD_PX, (236, 238, 232))
    guilloche(img, rng, (205, 215, 228), 60)
    d = ImageDraw.Draw(img)
    # a faint pink-gold wash behind the fields, as on the chip card
    wash = Image.new("RGB", CARD_PX, (245, 222, 215))
    mask = Image.new("L", CARD_PX, 0)
    ImageDraw.Draw(mask).ellipse((w * 0.3, h * 0.2, w * 1.3, h * 1.4), fill=90)
    img.paste(wash, (0, 0), mask.filter(ImageFilter.GaussianBlur(60)))
    em = emblem(150)
    img.paste(em, (40, 30), em)
    blue, red = (25, 45, 120), (200, 30, 35)
    _text(d, (215, 32), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 30, bold=True, fill=blue)
    _text(d, (290, 72), "Độc lập - Tự do - Hạnh phúc", 28, bold=True, fill=blue)
    _text(d, (230, 112), "SOCIALIST REPUBLIC OF VIET NAM", 22, fill=blue)
    _text(d, (255, 150), "CĂN CƯỚC CÔNG DÂN", 50, bold=True, fill=red)
    _text(d, (330, 210), "Citizen Identity Card", 24, fill=red)
    img.paste(qr(f"{person.id12}||{person.full}|{person.yymmdd()}", 150), (w - 180, 30))
    img.paste(portrait(person, (230, 300), rng), (40, 250))
    y = 250
    for label, value, big in (
        ("Số / No.:", person.id12, True),
        ("Họ và tên / Full name:", person.full, True),
        ("Ngày sinh / Date of birth:", person.dob(), False),
        ("Giới tính / Sex:", "Nam" if person.male else "Nữ", False),
        ("Quốc tịch / Nationality:", "Việt Nam", False),
        ("Quê quán / Place of origin:", person.place, False),
    ):
        _text(d, (300, y), label, 22, fill=(40, 40, 40))
        _text(
            d,
            (300 + (0 if big else 330), y + (26 if big else 0)),
            value,
            34 if big else 24,
            bold=True,
            fill=(10, 10, 10),
        )
        y += 72 if big else 38
    _text(d, (300, y), "Nơi thường trú / Place of residence:", 22, fill=(40, 40, 40))
    _text(d, (300, y + 28), person.address, 24, bold=True, fill=(10, 10, 10))
    _text(d, (40, h - 60), "Có giá trị đến:", 20, fill=(40, 40, 40))
    _text(
        d, (40, h - 36), f"{person.birth[2]:02d}/{person.birth[1]:02d}/{person.birth[0] + 60}", 22, bold=True
    )
    return img


def cccd_mrz(person: Person) -> str:
    """The CCCD back's TD1 zone (3 × 30), check digits by the ``mrz`` package."""
    return str(
        TD1CodeGenerator(
            "ID",
            "VNM",
            person.id12[-9:],
            person.yymmdd(),
            "M" if person.male else "F",
            f"{(person.birth[0] + 60) % 100:02d}{person.birth[1]:02d}{person.birth[2]:02d}",
            "VNM",
            _ascii(person.surname),
            _ascii(f"{person.middle} {person.given}"),
            person.id12,
        )
    )


def cccd_back(rng: random.Random, person: Person) -> Image.Image:
    w, h = CARD_PX
    img = Image.new("RGB", CARD_PX, (240, 240, 236))
    guilloche(img, rng, (215, 222, 232), 50)
    d = ImageDraw.Draw(img)
    # chip: gold contact plate with its six pads
    cx, cy = 70, 90
    d.rounded_rectangle(
        (cx, cy, cx + 140, cy + 110), 16, fill=(210, 175, 90), outline=(150, 120, 60), width=3
    )
    for k in range(3):
        d.line((cx, cy + 30 + 25 * k, cx + 140, cy + 30 + 25 * k), fill=(150, 120, 60), width=3)
    d.line((cx + 70, cy, cx + 70, cy + 110), fill=(150, 120, 60), width=3)
    for k, label in enumerate(("Ngón trỏ trái", "Ngón trỏ phải")):
        fx = 600 + 220 * k
        d.rectangle((fx, 40, fx + 190, 270), outline=(120, 120, 120), width=2)
        for r in range(4, 90, 7):
            d.arc(
                (fx + 95 - r * 0.8, 150 - r, fx + 95 + r * 0.8, 150 + r * 1.1),
                200 + rng.randint(-20, 20),
                520 + rng.randint(-30, 0),
                fill=(70, 70, 80),
                width=3,
            )
        _text(d, (fx + 20, 275), label, 18, fill=(60, 60, 60))
    _text(d, (260, 60), "Đặc điểm nhân dạng / Personal identification:", 20, fill=(40, 40, 40))
    _text(
        d,
        (260, 90),
        rng.choice(("Nốt ruồi C:2cm dưới sau mép phải", "Sẹo chấm C:1cm trên đuôi mắt trái")),
        20,
    )
    _text(
        d,
        (260, 150),
        f"Ngày, tháng, năm / Date: {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2021, 2024)}",
        20,
    )
    _text(d, (260, 185), "CỤC TRƯỞNG CỤC CẢNH SÁT", 20, bold=True)
    _text(d, (260, 210), "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", 20, bold=True)
    stamp(img, (330, 250), 70, rng)
    mrz = cccd_mrz(person)
    band = Image.new("RGB", (w, 230), (250, 250, 248))
    img.paste(band, (0, h - 230))
    for k, line in enumerate(mrz.splitlines()):
        _text(d, (45, h - 215 + 70 * k), line, 52, face=_MONO, fill=(15, 15, 15))
    return img


def licence_front(rng: random.Random, person: Person) -> Image.Image:
    """The PET driving licence (from 2013): pale yellow-pink, photo left, class box."""
    w, h = CARD_PX
    img = Image.new("RGB", CARD_PX, (246, 236, 214))
    guilloche(img, rng, (238, 205, 190), 45)
    d = ImageDraw.Draw(img)
    em = emblem(110)
    img.paste(em, (40, 30), em)
    red, ink = (190, 35, 40), (30, 30, 60)
    _text(d, (180, 28), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 30, bold=True, fill=ink)
    _text(d, (250, 66), "Độc lập - Tự do - Hạnh phúc", 26, fill=ink)
    _text(d, (180, 110), "GIẤY PHÉP LÁI XE / DRIVER'S LICENSE", 38, bold=True, fill=red)
    _text(d, (w - 240, 30), f"Số/No: {rng.randint(10, 99)}{rng.randint(0, 9999999999):010d}", 20, fill=ink)
    img.paste(portrait(person, (220, 290), rng), (40, 200))
    y = 190
    for label, value in (
        ("Họ tên/Full name:", person.full),
        ("Ngày sinh/Date of Birth:", person.dob()),
        ("Quốc tịch/Nationality:", "VIỆT NAM"),
        ("Nơi cư trú/Address:", person.address),
        ("Hạng/Class:", rng.choice(("A1", "B2", "B1", "C", "A1, B2"))),
        (
            "Có giá trị đến/Expires:",
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2026, 2036)}",
        ),
    ):
        _text(d, (290, y), label, 22, fill=ink)
        _text(d, (290, y + 26), value, 28, bold=True, fill=(15, 15, 15))
        y += 66
    stamp(img, (w - 150, h - 120), 80, rng)
    return img


def licence_back(rng: random.Random, person: Person) -> Image.Image:
    w, h = CARD_PX
    img = Image.new("RGB", CARD_PX, (244, 234, 216))
    guilloche(img, rng, (236, 210, 195), 45)
    d = ImageDraw.Draw(img)
    ink = (30, 30, 60)
    _text(
        d, (40, 25), "Hạng/Class  Ngày trúng tuyển/Date      Phương tiện / Vehicles", 22, bold=True, fill=ink
    )
    rows = ("A1", "A2", "A3", "A4", "B1", "B2", "C", "D", "E", "F")
    for k, cls in enumerate(rows):
        y = 65 + 55 * k
        d.line((30, y, w - 30, y), fill=(120, 110, 100), width=2)
        _text(d, (50, y + 10), cls, 24, bold=True, fill=ink)
        _text(d, (400, y + 12), "Xe mô tô" if cls.startswith("A") else "Ô tô", 20, fill=(60, 60, 60))
    return img


# ---------------------------------------------------------------- passport (TD3 page 125 × 88 mm)

PAGE_MM = (125.0, 88.0)
PAGE_PX = (1250, 880)


def passport_mrz(person: Person, number: str) -> str:
    """The data page's TD3 zone (2 × 44), check digits by the ``mrz`` package."""
    return str(
        TD3CodeGenerator(
            "P",
            "VNM",
            _ascii(person.surname),
            _ascii(f"{person.middle} {person.given}"),
            number,
            "VNM",
            person.yymmdd(),
            "M" if person.male else "F",
            "330312",
            person.id12,
        )
    )


def passport_data_page(rng: random.Random, person: Person) -> Image.Image:
    w, h = PAGE_PX
    img = Image.new("RGB", PAGE_PX, (232, 236, 226))
    guilloche(img, rng, (200, 215, 205), 70)
    d = ImageDraw.Draw(img)
    ink, navy = (20, 20, 20), (30, 50, 110)
    _text(d, (300, 20), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 32, bold=True, fill=navy)
    _text(d, (330, 58), "SOCIALIST REPUBLIC OF VIET NAM", 24, fill=navy)
    _text(d, (50, 100), "HỘ CHIẾU / PASSPORT", 34, bold=True, fill=navy)
    number = f"{rng.choice('BCKN')}{rng.randint(0, 9999999):07d}"
    img.paste(portrait(person, (280, 360), rng), (50, 160))
    y = 150
    fields = (
        (("Loại/Type", "P"), ("Mã số/Code", "VNM"), ("Số hộ chiếu/Passport N°", number)),
        (("Họ, chữ đệm và tên/Full name", person.full),),
        (("Quốc tịch/Nationality", "VIỆT NAM"),),
        (("Ngày sinh/Date of birth", person.dob()), ("Nơi sinh/Place of birth", person.place.upper())),
        (("Giới tính/Sex", "Nam/M" if person.male else "Nữ/F"), ("Số GCMND/ID card N°", person.id12)),
        (("Ngày cấp/Date of issue", "12/03/2023"), ("Có giá trị đến/Date of expiry", "12/03/2033")),
    )
    for row in fields:
        x = 370
        for label, value in row:
            _text(d, (x, y), label, 19, fill=(60, 60, 70))
            _text(d, (x, y + 22), value, 28, bold=True, fill=ink)
            x += 270 if len(row) == 3 else 400
        y += 70
    _text(d, (370, y), "Cơ quan cấp/Authority: CỤC QUẢN LÝ XUẤT NHẬP CẢNH", 20, fill=(60, 60, 70))
    mrz = passport_mrz(person, number)
    band = Image.new("RGB", (w, 170), (244, 244, 240))
    img.paste(band, (0, h - 175))
    for k, line in enumerate(mrz.splitlines()):
        _text(d, (40, h - 165 + 72 * k), line, 45, face=_MONO, fill=(10, 10, 10))
    return img


def passport_facing_page(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", PAGE_PX, (234, 232, 222))
    guilloche(img, rng, (215, 210, 200), 55)
    d = ImageDraw.Draw(img)
    _text(d, (420, 60), "QUAN SÁT / OBSERVATIONS", 30, bold=True, fill=(60, 60, 90))
    for k in range(8):
        d.line((80, 160 + 80 * k, 1170, 160 + 80 * k), fill=(190, 185, 175), width=2)
    em = emblem(300).convert("LA").convert("RGBA")
    em.putalpha(em.getchannel("A").point(lambda a: a // 8))
    img.paste(em, (475, 300), em)
    return img


# ---------------------------------------------------------------- receipts (thermal, 58 or 80 mm)


def receipt(rng: random.Random, width_mm: float, length_mm: float) -> Image.Image:
    px_mm = 8
    w, h = int(width_mm * px_mm), int(length_mm * px_mm)
    img = Image.new("RGB", (w, h), (246, 245, 240))
    d = ImageDraw.Draw(img)
    ink = (45, 45, 50)
    size = 22 if width_mm < 70 else 26
    y = 25
    for line, bold in (
        (
            rng.choice(
                (
                    "UBND PHƯỜNG " + str(rng.randint(1, 15)),
                    "UBND XÃ " + rng.choice(("AN BÌNH", "TÂN PHÚ", "HÒA LỢI")),
                )
            ),
            True,
        ),
        ("BỘ PHẬN MỘT CỬA", True),
        ("BIÊN LAI THU PHÍ, LỆ PHÍ", True),
        (f"Mẫu số: 01BLP0-001  Ký hiệu: AA/{rng.randint(20, 26)}P", False),
        (f"Số: {rng.randint(1, 9999999):07d}", False),
    ):
        _text(d, (15, y), line, size, bold=bold, fill=ink)
        y += size + 10
    d.line((10, y, w - 10, y), fill=ink, width=2)
    y += 14
    total = 0
    for _ in range(rng.randint(2, 6)):
        amount = rng.choice((10000, 15000, 20000, 25000, 50000, 100000))
        total += amount
        item = rng.choice(
            (
                "Lệ phí chứng thực",
                "Phí sao y bản chính",
                "Lệ phí hộ tịch",
                "Phí cấp bản sao",
                "Lệ phí đăng ký",
            )
        )
        _text(d, (15, y), item, size - 2, fill=ink)
        _text(d, (w - 15 - 9 * len(f"{amount:,}") * size // 16, y + size), f"{amount:,}đ", size - 2, fill=ink)
        y += 2 * size + 14
    d.line((10, y, w - 10, y), fill=ink, width=2)
    y += 14
    _text(d, (15, y), f"TỔNG CỘNG: {total:,} đ", size + 2, bold=True, fill=ink)
    y += size + 24
    _text(
        d,
        (15, y),
        f"Ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026  {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}",
        size - 4,
        fill=ink,
    )
    y += size + 16
    code = qr(f"https://dichvucong.gov.vn/tra-cuu?ma={rng.randint(0, 10**12):012d}", min(w - 60, 240))
    if y + code.height < h - 60:
        img.paste(code, ((w - code.width) // 2, y))
        y += code.height + 10
    _text(d, (15, min(y, h - 50)), "Cảm ơn quý khách!", size - 2, fill=ink)
    # thermal print fades unevenly and greys
    fade = Image.new("L", (w, h), 0)
    fd = ImageDraw.Draw(fade)
    for _ in range(4):
        yy = rng.randint(0, h)
        fd.rectangle((0, yy, w, yy + rng.randint(20, 200)), fill=rng.randint(20, 90))
    img = Image.composite(
        Image.new("RGB", (w, h), (246, 245, 240)), img, fade.filter(ImageFilter.GaussianBlur(30))
    )
    return img


# ---------------------------------------------------------------- forms (A4 210 × 297, A5 148 × 210)

FORMS = (
    ("TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ", "Mẫu TK1-TS"),
    ("ĐƠN ĐỀ NGHỊ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH", "Mẫu số 01"),
    ("TỜ KHAI ĐĂNG KÝ KHAI SINH", "Mẫu TP/HT-2020-KS.1"),
    ("TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", "Mẫu CT01"),
    ("ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT", "Mẫu số 09/ĐK"),
    ("TỜ KHAI ĐỀ NGHỊ CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "Mẫu TP/HT-2020-XNTTHN.1"),
)


def stamp(img: Image.Image, centre: tuple[int, int], radius: int, rng: random.Random) -> None:
    """A red round seal: two rings, a star, text round the rim, slightly uneven ink."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (200, 30, 40, rng.randint(150, 220))
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(2, radius // 14))
    d.ellipse(
        (cx - radius * 0.62, cy - radius * 0.62, cx + radius * 0.62, cy + radius * 0.62),
        outline=red,
        width=max(1, radius // 25),
    )
    star = [
        (
            cx + radius * 0.3 * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
            cy + radius * 0.3 * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=red)
    text = (
        "ỦY BAN NHÂN DÂN * "
        + rng.choice(("PHƯỜNG BẾN NGHÉ", "XÃ TÂN PHÚ", "PHƯỜNG HÀNG BẠC", "THỊ TRẤN ĐÔNG ANH"))
        + " * "
    )
    f = font(_SANS_BOLD, max(8, radius // 6))
    for k, ch in enumerate(text):
        a = 2 * math.pi * k / len(text) - math.pi / 2
        d.text(
            (cx + radius * 0.8 * math.cos(a) - 4, cy + radius * 0.8 * math.sin(a) - 6), ch, font=f, fill=red
        )
    layer = layer.rotate(rng.uniform(0, 360), center=centre)
    img.paste(layer, (0, 0), layer)


def handwriting(
    d: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, rng: random.Random
) -> None:
    """Filled in by hand in a blue ballpoint: italic letters with a jittered baseline."""
    x, y = xy
    f = font(_HAND, size)
    ink = rng.choice(((20, 40, 150), (15, 25, 110), (30, 30, 40)))
    for ch in text:
        d.text((x, y + rng.uniform(-size * 0.08, size * 0.08)), ch, font=f, fill=ink)
        x += f.getlength(ch) * rng.uniform(0.95, 1.1)


def form(rng: random.Random, size_mm: tuple[float, float], person: Person) -> Image.Image:
    px_mm = 5 if size_mm[0] > 160 else 6
    w, h = int(size_mm[0] * px_mm), int(size_mm[1] * px_mm)
    img = Image.new("RGB", (w, h), rng.choice(((250, 250, 247), (245, 245, 240), (250, 248, 240))))
    d = ImageDraw.Draw(img)
    title, code = rng.choice(FORMS)
    s = w / 1050
    ink = (15, 15, 15)
    _text(d, (w - int(260 * s), int(40 * s)), code, int(24 * s), fill=ink, face=_SERIF)
    _text(
        d,
        (int(170 * s), int(90 * s)),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        int(34 * s),
        bold=True,
        face=_SERIF_BOLD,
        fill=ink,
    )
    _text(
        d,
        (int(330 * s), int(135 * s)),
        "Độc lập - Tự do - Hạnh phúc",
        int(30 * s),
        face=_SERIF_BOLD,
        fill=ink,
    )
    d.line((int(360 * s), int(178 * s), int(690 * s), int(178 * s)), fill=ink, width=2)
    tf = font(_SERIF_BOLD, int(34 * s))
    words, lines, cur = title.split(), [], ""
    for word in words:
        if tf.getlength(cur + " " + word) > w - 200 * s:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    lines.append(cur)
    y = 230 * s
    for line in lines:
        d.text(((w - tf.getlength(line)) / 2, y), line, font=tf, fill=ink)
        y += 48 * s
    y += 20 * s
    _text(
        d,
        (80 * s, y),
        f"Kính gửi: Ủy ban nhân dân {rng.choice(('phường', 'xã'))} {rng.choice(('An Phú', 'Bến Thành', 'Tân Định', 'Hòa Khánh'))}",
        int(28 * s),
        face=_SERIF,
        fill=ink,
    )
    y += 60 * s
    fields = (
        ("Họ, chữ đệm, tên người yêu cầu:", person.full),
        ("Ngày, tháng, năm sinh:", person.dob()),
        ("Số định danh cá nhân:", person.id12),
        ("Nơi cư trú:", person.address),
        ("Số điện thoại:", f"09{rng.randint(0, 99999999):08d}"),
    )
    for label, value in fields:
        _text(d, (80 * s, y), label, int(26 * s), face=_SERIF, fill=ink)
        lx = 80 * s + font(_SERIF, int(26 * s)).getlength(label) + 10
        for xx in range(int(lx), int(w - 80 * s), 8):
            d.point((xx, y + 30 * s), fill=(90, 90, 90))
        if rng.random() < 0.85:
            handwriting(
                d, (lx + 10, y - 6 * s), value.title() if value.isupper() else value, int(30 * s), rng
            )
        y += 52 * s
    # a table of attached papers
    y += 20 * s
    cols = (80 * s, 160 * s, 640 * s, 820 * s, w - 80 * s)
    heads = ("STT", "Tên giấy tờ", "Số bản", "Ghi chú")
    rows = rng.randint(3, 7)
    for r in range(rows + 2):
        d.line((cols[0], y + r * 46 * s, cols[-1], y + r * 46 * s), fill=ink, width=2)
    for c in cols:
        d.line((c, y, c, y + (rows + 1) * 46 * s), fill=ink, width=2)
    for k, head in enumerate(heads):
        _text(d, (cols[k] + 8 * s, y + 8 * s), head, int(24 * s), bold=True, face=_SERIF_BOLD, fill=ink)
    for r in range(rows):
        _text(
            d,
            (cols[0] + 18 * s, y + (r + 1) * 46 * s + 8 * s),
            str(r + 1),
            int(24 * s),
            face=_SERIF,
            fill=ink,
        )
        if rng.random() < 0.7:
            handwriting(
                d,
                (cols[1] + 8 * s, y + (r + 1) * 46 * s + 4 * s),
                rng.choice(("Bản sao CCCD", "Giấy khai sinh", "Sổ hộ khẩu", "Hợp đồng", "Giấy chứng nhận")),
                int(26 * s),
                rng,
            )
            handwriting(
                d, (cols[2] + 30 * s, y + (r + 1) * 46 * s + 4 * s), str(rng.randint(1, 3)), int(26 * s), rng
            )
    y += (rows + 1) * 46 * s + 40 * s
    for body in (
        "Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật",
        "và chịu trách nhiệm trước pháp luật về lời khai của mình.",
        "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết.",
    ):
        if y > h - 380 * s:
            break
        _text(d, (80 * s, y), body, int(24 * s), face=_SERIF, fill=ink)
        y += 40 * s
    sy = h - 320 * s
    _text(
        d,
        (w - 470 * s, sy),
        f"............, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm 2026",
        int(24 * s),
        face=_SERIF,
        fill=ink,
    )
    _text(d, (w - 400 * s, sy + 40 * s), "NGƯỜI YÊU CẦU", int(26 * s), bold=True, face=_SERIF_BOLD, fill=ink)
    handwriting(d, (w - 380 * s, sy + 110 * s), person.given + " ~~", int(44 * s), rng)
    if rng.random() < 0.6:
        stamp(img, (int(w * 0.3), int(sy + 120 * s)), int(95 * s), rng)
    return img
