"""Faces of the documents a Vietnamese one-stop-shop counter sees, drawn with Pillow.

Each drawer returns the face as RGB uint8 and its physical size in millimetres; the image's
top-left is the document's own top-left as it is read. Text is Vietnamese (Noto covers it),
machine-readable zones carry correct check digits (ICAO 9303, via devices.card.mrz).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from devices.card.mrz import check_digit

_NOTO = "/usr/share/fonts/truetype/noto/"
_FONTS = {
    "sans": _NOTO + "NotoSans-Regular.ttf",
    "bold": _NOTO + "NotoSans-Bold.ttf",
    "serif": _NOTO + "NotoSerif-Regular.ttf",
    "serifbold": _NOTO + "NotoSerif-Bold.ttf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "ocrb": "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
}


@lru_cache(maxsize=128)
def font(style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_FONTS[style], max(6, px))


@dataclass(frozen=True)
class Face:
    image: np.ndarray  # RGB uint8, the document's top-left at [0, 0]
    width_mm: float
    height_mm: float


SURNAMES = ("NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG", "BÙI", "ĐỖ")
MIDDLE = ("VĂN", "THỊ", "HỮU", "ĐỨC", "NGỌC", "MINH", "THANH", "QUỐC", "XUÂN", "KIM")
GIVEN = (
    "AN",
    "BÌNH",
    "CHÂU",
    "DŨNG",
    "GIANG",
    "HẠNH",
    "HÙNG",
    "LAN",
    "LONG",
    "MAI",
    "NAM",
    "PHƯƠNG",
    "QUÂN",
    "THẢO",
    "TUẤN",
    "YẾN",
)
PLACES = (
    "Xã Tân Phú, Huyện Đức Hòa, Long An",
    "Phường 7, Quận 3, TP. Hồ Chí Minh",
    "Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội",
    "Xã Nghĩa Hưng, Huyện Nghĩa Đàn, Nghệ An",
    "Phường Thạch Thang, Quận Hải Châu, Đà Nẵng",
    "Thị trấn Phong Điền, Huyện Phong Điền, Cần Thơ",
)


def _ascii(s: str) -> str:
    """The MRZ's transliteration: Vietnamese letters lose their diacritics, Đ becomes D."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).replace(" ", "<")


@dataclass(frozen=True)
class Person:
    surname: str
    middle: str
    given: str
    number: str  # 12-digit personal number
    birth: tuple[int, int, int]  # day, month, year
    sex: str  # "M" / "F"
    place: str

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.middle} {self.given}"

    def mrz_name(self) -> str:
        return _ascii(f"{self.surname}<<{self.middle}<{self.given}")


def person(rng: np.random.Generator) -> Person:
    year = int(rng.integers(1950, 2006))
    return Person(
        surname=str(rng.choice(SURNAMES)),
        middle=str(rng.choice(MIDDLE)),
        given=str(rng.choice(GIVEN)),
        number="0" + "".join(str(int(d)) for d in rng.integers(0, 10, 11)),
        birth=(int(rng.integers(1, 29)), int(rng.integers(1, 13)), year),
        sex=str(rng.choice(["M", "F"])),
        place=str(rng.choice(PLACES)),
    )


def _yymmdd(d: tuple[int, int, int]) -> str:
    return f"{d[2] % 100:02d}{d[1]:02d}{d[0]:02d}"


def _pad(s: str, n: int) -> str:
    return (s + "<" * n)[:n]


def td1_lines(p: Person, expiry: tuple[int, int, int]) -> tuple[str, str, str]:
    doc = p.number[3:]
    l1 = _pad("IDVNM" + doc + check_digit(doc) + p.number, 30)
    birth, exp = _yymmdd(p.birth), _yymmdd(expiry)
    l2 = birth + check_digit(birth) + p.sex + exp + check_digit(exp) + "VNM"
    l2 = _pad(l2, 29)
    composite = check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return l1, l2 + composite, _pad(p.mrz_name(), 30)


def td3_lines(p: Person, passport_no: str, expiry: tuple[int, int, int]) -> tuple[str, str]:
    l1 = _pad("P<VNM" + p.mrz_name(), 44)
    birth, exp = _yymmdd(p.birth), _yymmdd(expiry)
    personal = _pad(p.number, 14)
    l2 = (
        passport_no
        + check_digit(passport_no)
        + "VNM"
        + birth
        + check_digit(birth)
        + p.sex
        + exp
        + check_digit(exp)
        + personal
        + check_digit(personal)
    )
    composite = check_digit(l2[0:10] + l2[13:20] + l2[21:43])
    return l1, l2 + composite


def _rgb(values: np.ndarray) -> tuple[int, int, int]:
    return int(values[0]), int(values[1]), int(values[2])


class _Canvas:
    """A page in millimetres: every drawing call takes mm, the image is ppm pixels per mm."""

    def __init__(self, w_mm: float, h_mm: float, ppm: float, colour: tuple[int, int, int]):
        self.w_mm, self.h_mm, self.ppm = w_mm, h_mm, ppm
        self.img = Image.new("RGB", (round(w_mm * ppm), round(h_mm * ppm)), colour)
        self.draw = ImageDraw.Draw(self.img)

    def px(self, mm: float) -> int:
        return round(mm * self.ppm)

    def text(
        self, x: float, y: float, s: str, size_mm: float, style: str = "sans", fill=(20, 20, 20)
    ) -> None:
        self.draw.text((self.px(x), self.px(y)), s, font=font(style, self.px(size_mm)), fill=fill)

    def rect(
        self, x0: float, y0: float, x1: float, y1: float, fill=None, outline=None, width_mm: float = 0.3
    ) -> None:
        self.draw.rectangle(
            (self.px(x0), self.px(y0), self.px(x1), self.px(y1)),
            fill=fill,
            outline=outline,
            width=max(1, self.px(width_mm)),
        )

    def line(
        self, x0: float, y0: float, x1: float, y1: float, fill=(40, 40, 40), width_mm: float = 0.25
    ) -> None:
        self.draw.line(
            (self.px(x0), self.px(y0), self.px(x1), self.px(y1)), fill=fill, width=max(1, self.px(width_mm))
        )

    def paste(self, im: Image.Image, x: float, y: float, w: float, h: float) -> None:
        self.img.paste(im.resize((self.px(w), self.px(h))), (self.px(x), self.px(y)))

    def face(self) -> Face:
        return Face(np.asarray(self.img), self.w_mm, self.h_mm)


def _portrait(rng: np.random.Generator, w: int = 120, h: int = 160) -> Image.Image:
    """An ID photo: pale blue or white ground, a head and shoulders."""
    ground = tuple(int(v) for v in rng.choice([[225, 235, 245], [245, 245, 245], [200, 220, 240]]))
    im = Image.new("RGB", (w, h), ground)
    d = ImageDraw.Draw(im)
    skin = tuple(int(v) for v in rng.integers([175, 130, 100], [225, 180, 150]))
    shirt = tuple(int(v) for v in rng.choice([[250, 250, 250], [30, 40, 70], [60, 60, 60]]))
    d.ellipse((w * 0.1, h * 0.72, w * 0.9, h * 1.3), fill=shirt)
    d.rectangle((w * 0.4, h * 0.55, w * 0.6, h * 0.78), fill=skin)
    d.ellipse((w * 0.27, h * 0.18, w * 0.73, h * 0.68), fill=skin)
    d.chord((w * 0.25, h * 0.12, w * 0.75, h * 0.5), 180, 360, fill=(25, 20, 18))
    for ex in (0.4, 0.6):
        d.ellipse((w * ex - 4, h * 0.4 - 2, w * ex + 4, h * 0.4 + 2), fill=(30, 25, 25))
    d.line((w * 0.43, h * 0.56, w * 0.57, h * 0.56), fill=(150, 80, 80), width=2)
    return im.filter(ImageFilter.GaussianBlur(0.8))


def _qr(payload: str) -> Image.Image:
    q = segno.make(payload, error="m")
    m = np.array(q.matrix, dtype=np.uint8)
    m = np.pad(m, 2)
    return Image.fromarray((255 - m * 255).astype(np.uint8)).convert("RGB")


def _emblem(size: int, rng: np.random.Generator) -> Image.Image:
    """The national emblem's area: red disc, gold star, cogwheel and rice ring."""
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    gold = (230, 180, 40, 255)
    d.ellipse((0, 0, size - 1, size - 1), fill=gold)
    d.ellipse((size * 0.1, size * 0.1, size * 0.9, size * 0.9), fill=(200, 30, 30, 255))
    c, r = size / 2, size * 0.3
    pts = []
    for i in range(10):
        a = -np.pi / 2 + i * np.pi / 5
        rr = r if i % 2 == 0 else r * 0.4
        pts.append((c + rr * np.cos(a), c * 0.9 + rr * np.sin(a)))
    d.polygon(pts, fill=gold)
    d.rectangle((size * 0.3, size * 0.72, size * 0.7, size * 0.8), fill=gold)
    return im


def _guilloche(c: _Canvas, rng: np.random.Generator, colour: tuple[int, int, int]) -> None:
    w, h = c.img.size
    xs = np.linspace(0, w, 200)
    for k in range(14):
        phase, amp, freq = rng.uniform(0, 6), rng.uniform(4, h / 10), rng.uniform(2, 6)
        y0 = h * (k + 0.5) / 14
        pts = list(zip(xs, y0 + amp * np.sin(xs / w * freq * 2 * np.pi + phase), strict=True))
        c.draw.line(pts, fill=colour, width=1)


def _date(d: tuple[int, int, int]) -> str:
    return f"{d[0]:02d}/{d[1]:02d}/{d[2]}"


def cccd_front(rng: np.random.Generator, p: Person, ppm: float = 9.0) -> Face:
    c = _Canvas(85.6, 53.98, ppm, (236, 240, 236))
    _guilloche(c, rng, (205, 222, 226))
    c.draw.ellipse((c.px(28), c.px(6), c.px(70), c.px(48)), outline=(225, 200, 200), width=c.px(0.6))
    em = _emblem(c.px(12), rng)
    c.img.paste(em, (c.px(4), c.px(3)), em)
    c.text(18, 3.2, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 2.05, "bold", (25, 40, 110))
    c.text(27, 6.6, "Độc lập - Tự do - Hạnh phúc", 2.0, "bold", (25, 40, 110))
    c.text(19, 10.2, "CĂN CƯỚC CÔNG DÂN", 3.3, "bold", (200, 30, 30))
    c.text(21, 14.2, "Citizen Identity Card", 2.0, "sans", (25, 40, 110))
    qr = _qr(f"{p.number}||{p.full_name}|{_yymmdd(p.birth)}|{p.sex}|{p.place}")
    c.paste(qr, 68.5, 2.5, 14.5, 14.5)
    c.paste(_portrait(rng), 3.5, 18, 19, 25)
    c.text(25, 17.5, "Số / No.:", 2.0)
    c.text(38, 16.8, p.number, 3.2, "bold", (200, 30, 30))
    rows = (
        ("Họ và tên / Full name:", p.full_name),
        ("Ngày sinh / Date of birth:", _date(p.birth)),
        ("Giới tính / Sex:", "Nam" if p.sex == "M" else "Nữ"),
        ("Quê quán / Place of origin:", p.place[:30]),
        ("Nơi thường trú / Place of residence:", p.place[-28:]),
    )
    y = 21.5
    for label, value in rows:
        c.text(25, y, label, 1.7, "sans", (40, 40, 60))
        c.text(25, y + 2.0, value, 2.3, "bold", (20, 20, 30))
        y += 5.4
    c.text(4, 45.5, f"Có giá trị đến: {int(p.birth[2]) + 40}", 1.7)
    return c.face()


def cccd_back(rng: np.random.Generator, p: Person, ppm: float = 9.0) -> Face:
    c = _Canvas(85.6, 53.98, ppm, (238, 240, 238))
    _guilloche(c, rng, (215, 225, 230))
    # contact chip
    c.draw.rounded_rectangle(
        (c.px(8), c.px(8), c.px(20), c.px(17)),
        radius=c.px(1.2),
        fill=(200, 170, 90),
        outline=(150, 120, 50),
        width=2,
    )
    for y in (11, 14):
        c.line(8, y, 20, y, (150, 120, 50), 0.25)
    c.line(14, 8, 14, 17, (150, 120, 50), 0.25)
    # fingerprints: concentric whorls
    for x0, label in ((48, "Ngón trỏ trái"), (66, "Ngón trỏ phải")):
        c.rect(x0, 3, x0 + 16, 22, outline=(90, 90, 110), width_mm=0.2)
        cx, cy = c.px(x0 + 8), c.px(12)
        for r in range(3, c.px(6.5), 4):
            c.draw.ellipse((cx - r, cy - r * 1.3, cx + r, cy + r * 1.3), outline=(70, 70, 80), width=2)
        c.text(x0 + 1, 23, label, 1.5)
    c.text(4, 20, "Đặc điểm nhân dạng: Sẹo chấm C.1cm trên đuôi mắt trái", 1.7)
    c.text(4, 24, f"Ngày, tháng, năm: {int(rng.integers(1, 28)):02d}/0{int(rng.integers(1, 9))}/2021", 1.7)
    c.text(4, 27, "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH", 1.6, "bold")
    c.text(4, 29.5, "VỀ TRẬT TỰ XÃ HỘI", 1.6, "bold")
    c.draw.ellipse((c.px(30), c.px(26), c.px(42), c.px(38)), outline=(200, 40, 40), width=c.px(0.4))
    l1, l2, l3 = td1_lines(p, (p.birth[0], p.birth[1], min(p.birth[2] + 40, 2099)))
    c.rect(0, 38.5, 85.6, 53.98, fill=(246, 246, 242))
    for i, line in enumerate((l1, l2, l3)):
        c.text(4.5, 39.5 + i * 4.6, line, 3.6, "ocrb", (15, 15, 15))
    return c.face()


def licence(rng: np.random.Generator, p: Person, ppm: float = 9.0) -> Face:
    """PET driving licence (ID-1): pale pink-yellow ground, photo left, classes table."""
    c = _Canvas(85.6, 53.98, ppm, (246, 232, 222))
    _guilloche(c, rng, (238, 210, 200))
    em = _emblem(c.px(10), rng)
    c.img.paste(em, (c.px(4), c.px(3)), em)
    c.text(17, 2.8, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 2.2, "bold", (30, 30, 100))
    c.text(26, 6.0, "Độc lập - Tự do - Hạnh phúc", 1.9, "sans", (30, 30, 100))
    c.text(17, 9.2, "GIẤY PHÉP LÁI XE / DRIVER'S LICENSE", 2.6, "bold", (200, 30, 30))
    c.paste(_portrait(rng), 4, 16, 18, 24)
    no = "".join(str(int(d)) for d in rng.integers(0, 10, 12))
    rows = (
        ("Số/No:", no),
        ("Họ tên/Full name:", p.full_name),
        ("Ngày sinh/Date of Birth:", _date(p.birth)),
        ("Quốc tịch/Nationality:", "VIỆT NAM"),
        ("Nơi cư trú/Address:", p.place[:34]),
        ("Hạng/Class:", str(rng.choice(["A1", "B2", "A1, B2", "C"]))),
    )
    for i, (label, value) in enumerate(rows):
        c.text(24, 15 + i * 4.7, label, 1.7, "sans", (60, 40, 40))
        c.text(48, 14.6 + i * 4.7, value, 2.2, "bold", (20, 20, 30))
    c.text(24, 45.5, f"Có giá trị đến/Expires: {int(rng.integers(1, 28)):02d}/05/2034", 1.8)
    c.draw.ellipse((c.px(62), c.px(40), c.px(80), c.px(52)), outline=(210, 50, 50), width=c.px(0.35))
    return c.face()


def passport_data_page(rng: np.random.Generator, p: Person, ppm: float = 8.0) -> Face:
    """TD3 data page, 125 x 88 mm, read with its MRZ along the bottom (the outer edge)."""
    c = _Canvas(125.0, 88.0, ppm, (236, 238, 228))
    _guilloche(c, rng, (214, 226, 210))
    c.text(8, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3.0, "bold", (30, 60, 40))
    c.text(8, 8.5, "SOCIALIST REPUBLIC OF VIET NAM", 2.6, "sans", (30, 60, 40))
    c.text(78, 4, "HỘ CHIẾU / PASSPORT", 3.0, "bold", (30, 60, 40))
    c.paste(_portrait(rng), 6, 17, 30, 40)
    no = str(rng.choice(["C", "N", "P"])) + "".join(str(int(d)) for d in rng.integers(0, 10, 7)) + "<"
    expiry = (p.birth[0], p.birth[1], 2025 + int(rng.integers(1, 10)))
    fields = (
        ("Loại/Type", "P"),
        ("Mã số/Code", "VNM"),
        ("Số hộ chiếu/Passport No.", no.rstrip("<")),
        ("Họ và tên/Full name", p.full_name),
        ("Quốc tịch/Nationality", "VIỆT NAM"),
        ("Ngày sinh/Date of birth", _date(p.birth)),
        ("Nơi sinh/Place of birth", p.place.split(",")[-1].strip()),
        ("Giới tính/Sex", "Nam/M" if p.sex == "M" else "Nữ/F"),
        ("Có giá trị đến/Date of expiry", _date(expiry)),
    )
    for i, (label, value) in enumerate(fields):
        x, y = (40, 16 + (i // 3) * 7.2) if i < 3 else (40, 23.5 + (i - 3) * 7.2)
        if i < 3:
            x = 40 + (i % 3) * 26
            y = 16
        c.text(x, y, label, 1.8, "sans", (70, 70, 70))
        c.text(x, y + 2.3, value, 2.8, "bold", (20, 20, 20))
    l1, l2 = td3_lines(p, no, expiry)
    c.rect(0, 70, 125, 88, fill=(244, 244, 238))
    for i, line in enumerate((l1, l2)):
        c.text(5.0, 73.0 + i * 6.0, line, 3.55, "ocrb", (15, 15, 15))
    return c.face()


def passport_facing_page(rng: np.random.Generator, ppm: float = 8.0) -> Face:
    """The page facing the data page: observations and a visa stamp or two."""
    c = _Canvas(125.0, 88.0, ppm, (232, 236, 226))
    _guilloche(c, rng, (210, 222, 208))
    c.text(30, 8, "GHI CHÚ / OBSERVATIONS", 3.2, "bold", (40, 70, 50))
    for _ in range(int(rng.integers(0, 3))):
        x, y = rng.uniform(10, 75), rng.uniform(20, 55)
        col = tuple(int(v) for v in rng.choice([[60, 60, 160], [170, 40, 60], [40, 110, 70]]))
        c.draw.rounded_rectangle(
            (c.px(x), c.px(y), c.px(x + 38), c.px(y + 22)), radius=c.px(3), outline=col, width=c.px(0.5)
        )
        c.text(x + 3, y + 4, "ENTRY / NHẬP CẢNH", 2.4, "bold", col)
        c.text(x + 3, y + 10, f"{int(rng.integers(1, 28)):02d} MAR 2025", 2.6, "mono", col)
    c.text(50, 80, str(int(rng.integers(2, 9))), 2.6)
    return c.face()


def receipt(rng: np.random.Generator, ppm: float = 8.0) -> Face:
    """A thermal till or fee receipt: 80 mm paper, monospace lines, a QR at the foot sometimes."""
    n_items = int(rng.integers(3, 11))
    h = 62 + n_items * 4.6 + float(rng.uniform(10, 40))
    c = _Canvas(80.0, h, ppm, _rgb(rng.integers([236, 236, 232], [252, 252, 250])))
    ink = (int(rng.integers(30, 90)),) * 3
    shops = (
        "UBND PHƯỜNG 7 - BIÊN LAI THU PHÍ",
        "CỬA HÀNG PHOTOCOPY MINH TÂM",
        "BƯU ĐIỆN VĂN HÓA XÃ",
        "NHÀ THUỐC AN KHANG",
    )
    c.text(5, 4, str(rng.choice(shops)), 3.0, "bold", ink)
    c.text(5, 9, "ĐC: " + str(rng.choice(PLACES))[:34], 2.3, "mono", ink)
    c.text(
        5,
        13,
        f"HĐ: {int(rng.integers(10000, 99999))}   {int(rng.integers(1, 28)):02d}/11/2026 {int(rng.integers(7, 17)):02d}:{int(rng.integers(0, 60)):02d}",
        2.3,
        "mono",
        ink,
    )
    c.line(4, 17.5, 76, 17.5, ink, 0.2)
    items = (
        "Phí sao y bản chính",
        "Lệ phí hộ tịch",
        "Photo A4",
        "Ép plastic",
        "Phong bì",
        "Tem thư",
        "Lệ phí chứng thực",
        "Bìa hồ sơ",
        "Nước suối",
    )
    y, total = 20.0, 0
    for _ in range(n_items):
        price = int(rng.integers(2, 60)) * 1000
        total += price
        c.text(5, y, str(rng.choice(items)), 2.4, "mono", ink)
        c.text(56, y, f"{price:>9,}".replace(",", "."), 2.4, "mono", ink)
        y += 4.6
    c.line(4, y + 1, 76, y + 1, ink, 0.2)
    c.text(5, y + 3, "TỔNG CỘNG:", 2.9, "bold", ink)
    c.text(50, y + 3, f"{total:>10,} đ".replace(",", "."), 2.9, "bold", ink)
    c.text(5, y + 9, "Cảm ơn quý khách!", 2.4, "mono", ink)
    if rng.random() < 0.6 and y + 40 < h:
        c.paste(
            _qr(f"https://dichvucong.gov.vn/tra-cuu/{int(rng.integers(100_000_000, 1_000_000_000))}"),
            25,
            y + 14,
            28,
            28,
        )
    # thermal print fades in bands
    arr = np.asarray(c.img).astype(np.float32)
    fade = (
        1.0
        - 0.25 * rng.random() * np.sin(np.linspace(0, rng.uniform(2, 9), arr.shape[0]))[:, None, None] ** 2
    )
    faded = 255 - (255 - arr) * fade
    return Face(faded.clip(0, 255).astype(np.uint8), 80.0, h)


def _stamp(c: _Canvas, x: float, y: float, r: float, rng: np.random.Generator) -> None:
    red = (int(rng.integers(190, 230)), 30, 40)
    layer = Image.new("RGBA", c.img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    px, pr = c.px(x), c.px(r)
    d.ellipse((px - pr, c.px(y) - pr, px + pr, c.px(y) + pr), outline=red + (170,), width=max(2, c.px(0.8)))
    d.ellipse(
        (px - pr * 0.7, c.px(y) - pr * 0.7, px + pr * 0.7, c.px(y) + pr * 0.7),
        outline=red + (150,),
        width=max(1, c.px(0.4)),
    )
    d.text(
        (px - pr * 0.55, c.px(y) - pr * 0.15), "UBND XÃ", font=font("bold", c.px(r * 0.35)), fill=red + (170,)
    )
    c.img.paste(layer, (0, 0), layer)


def form(rng: np.random.Generator, size: str, p: Person, ppm: float = 5.0) -> Face:
    """An A4 or A5 application form: national motto, title, dotted fields, a table, a stamp."""
    w, h = (210.0, 297.0) if size == "a4" else (148.0, 210.0)
    s = w / 210.0
    c = _Canvas(w, h, ppm, _rgb(rng.integers([238, 238, 230], [252, 252, 250])))
    ink = (25, 25, 30)
    c.text(12 * s, 10 * s, "UBND PHƯỜNG/XÃ ..........", 3.2 * s, "serifbold", ink)
    c.text(100 * s, 10 * s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 3.4 * s, "serifbold", ink)
    c.text(118 * s, 16 * s, "Độc lập - Tự do - Hạnh phúc", 3.4 * s, "serifbold", ink)
    titles = (
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO",
        "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        "ĐƠN XIN XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        "PHIẾU YÊU CẦU CHỨNG THỰC",
    )
    c.text(40 * s, 32 * s, str(rng.choice(titles)), 5.0 * s, "serifbold", ink)
    c.text(60 * s, 40 * s, "Kính gửi: Ủy ban nhân dân phường", 3.4 * s, "serif", ink)
    labels = (
        "Họ, chữ đệm, tên người yêu cầu:",
        "Ngày, tháng, năm sinh:",
        "Số định danh cá nhân:",
        "Nơi cư trú:",
        "Quan hệ với người được khai:",
        "Số điện thoại liên hệ:",
    )
    y = 50 * s
    handwriting = (20, 40, 120)
    for label in labels:
        c.text(15 * s, y, label, 3.4 * s, "serif", ink)
        c.text(80 * s, y + 0.6 * s, "." * int(60 * s), 3.0 * s, "serif", (90, 90, 90))
        if rng.random() < 0.7:
            value = {0: p.full_name.title(), 1: _date(p.birth), 2: p.number, 3: p.place[:30]}.get(
                labels.index(label), "0908 " + str(int(rng.integers(100000, 999999)))
            )
            c.text(82 * s, y - 1.2 * s, value, 3.8 * s, "sans", handwriting)
        y += 9 * s
    # table
    cols = (15, 30, 95, 130, 160, 195)
    rows = int(rng.integers(4, 8))
    top = y + 4 * s
    c.rect(cols[0] * s, top, cols[-1] * s, top + rows * 8 * s, outline=ink, width_mm=0.35)
    for cx in cols[1:-1]:
        c.line(cx * s, top, cx * s, top + rows * 8 * s, ink, 0.3)
    for r in range(1, rows):
        c.line(cols[0] * s, top + r * 8 * s, cols[-1] * s, top + r * 8 * s, ink, 0.3)
    for i, head in enumerate(("STT", "Tên giấy tờ", "Số lượng", "Bản chính", "Ghi chú")):
        c.text((cols[i] + 1.5) * s, top + 2 * s, head, 3.0 * s, "serifbold", ink)
    y = top + rows * 8 * s + 8 * s
    body = "Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình."
    for k in range(0, len(body), int(80 * s)):
        c.text(15 * s, y, body[k : k + int(80 * s)], 3.4 * s, "serif", ink)
        y += 6 * s
    c.text(
        120 * s, y + 6 * s, f"..., ngày {int(rng.integers(1, 28))} tháng 11 năm 2026", 3.2 * s, "serif", ink
    )
    c.text(135 * s, y + 12 * s, "NGƯỜI YÊU CẦU", 3.4 * s, "serifbold", ink)
    c.draw.line(
        [(c.px(135 * s + k), c.px(y + 22 * s + 3 * np.sin(k))) for k in range(0, 40)],
        fill=handwriting,
        width=2,
    )
    if rng.random() < 0.65:
        _stamp(c, 60 * s, min(y + 20 * s, h - 25 * s), 16 * s, rng)
    return c.face()


def queue_ticket(rng: np.random.Generator, ppm: float = 8.0) -> Face:
    c = _Canvas(58.0, 70.0, ppm, (245, 245, 240))
    c.text(6, 4, "BỘ PHẬN MỘT CỬA", 3.2, "bold")
    c.text(6, 12, "Số thứ tự của bạn", 2.6)
    c.text(14, 20, f"{int(rng.integers(1, 300)):03d}", 14, "bold")
    c.text(6, 50, "Quầy 3 - Tư pháp hộ tịch", 2.4)
    return c.face()
