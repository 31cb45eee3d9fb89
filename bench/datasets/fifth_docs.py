"""Document faces for the fifth set, drawn with Pillow at their real size: A4 forms, ID cards,
thermal receipts and passport data pages, all in Vietnamese.

Each builder returns a :class:`Face`: the RGBA texture (first row = the document's top edge,
alpha 0 outside a card's rounded corners), the physical size in metres, and the material
hints the renderer needs (laminate gloss, the colour of the back).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/noto"))


@dataclass(frozen=True)
class Face:
    texture: np.ndarray  # RGBA uint8
    width: float  # metres
    height: float
    gloss: float  # specular strength of the surface (laminate, paper)
    back: tuple[float, float, float]  # linear albedo of the reverse side


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    for d in FONT_DIRS:
        p = d / name
        if p.exists():
            return ImageFont.truetype(str(p), size)
    raise FileNotFoundError(
        f"font {name} not found in {', '.join(map(str, FONT_DIRS))}: apt-get install fonts-dejavu-core fonts-noto-core"
    )


SURNAMES = (
    "NGUYỄN",
    "TRẦN",
    "LÊ",
    "PHẠM",
    "HOÀNG",
    "HUỲNH",
    "PHAN",
    "VŨ",
    "VÕ",
    "ĐẶNG",
    "BÙI",
    "ĐỖ",
    "HỒ",
    "NGÔ",
    "DƯƠNG",
)
MIDDLE = ("VĂN", "THỊ", "HỮU", "ĐỨC", "MINH", "NGỌC", "THANH", "QUỐC", "XUÂN", "KIM")
GIVEN = (
    "AN",
    "BÌNH",
    "CHÂU",
    "DŨNG",
    "GIANG",
    "HÀ",
    "HẢI",
    "HÙNG",
    "KHÁNH",
    "LAN",
    "LONG",
    "MAI",
    "NAM",
    "PHÚC",
    "QUANG",
    "THẢO",
    "TRUNG",
    "TUẤN",
    "VY",
    "YẾN",
)
PLACES = (
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Huế",
    "Cần Thơ",
    "Nghệ An",
    "Thanh Hóa",
    "Quảng Ninh",
    "Bình Định",
    "Đắk Lắk",
    "Lâm Đồng",
    "An Giang",
)
STREETS = (
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Phan Đình Phùng",
    "Điện Biên Phủ",
    "Quang Trung",
)
FORMS = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN XIN XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "PHIẾU YÊU CẦU CHỨNG THỰC",
)
FIELDS = (
    "Họ, chữ đệm, tên",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Dân tộc",
    "Quốc tịch",
    "Nơi cư trú",
    "Số định danh cá nhân",
    "Quan hệ với người được khai",
    "Nơi sinh",
    "Nghề nghiệp",
    "Số điện thoại",
)


def _name(rng: np.random.Generator) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _date(rng: np.random.Generator) -> str:
    return f"{rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1950, 2020)}"


def _address(rng: np.random.Generator) -> str:
    return f"Số {rng.integers(1, 300)} {rng.choice(STREETS)}, {rng.choice(PLACES)}"


def _field_value(rng: np.random.Generator, field: str) -> str:
    if field.startswith("Họ"):
        return _name(rng)
    if field.startswith("Ngày"):
        return _date(rng)
    if field in ("Nơi cư trú", "Nơi sinh"):
        return _address(rng)
    if field == "Giới tính":
        return str(rng.choice(("Nam", "Nữ")))
    if field == "Dân tộc":
        return str(rng.choice(("Kinh", "Tày", "Thái", "Mường", "Khmer")))
    if field == "Quốc tịch":
        return "Việt Nam"
    if field == "Nghề nghiệp":
        return str(rng.choice(("Giáo viên", "Nông dân", "Kỹ sư", "Buôn bán", "Công nhân")))
    if field.startswith("Quan hệ"):
        return str(rng.choice(("Cha", "Mẹ", "Ông", "Bà", "Anh ruột")))
    return "0" + str(rng.integers(10**8, 10**9))


def _signature(
    draw: ImageDraw.ImageDraw, rng: np.random.Generator, x: float, y: float, w: float, h: float, colour
) -> None:  # type: ignore[no-untyped-def]
    t = np.linspace(0, 1, 160)
    loops = rng.uniform(2, 5)
    xs = x + w * t + 0.15 * w * np.sin(2 * np.pi * loops * t + rng.uniform(0, 6))
    ys = y + h * 0.5 + 0.4 * h * np.sin(2 * np.pi * (loops * 1.7) * t) * np.exp(-t * rng.uniform(0, 2))
    draw.line(
        list(zip(xs.tolist(), ys.tolist(), strict=True)),
        fill=colour,
        width=max(2, int(h / 18)),
        joint="curve",
    )


def _stamp(img: Image.Image, rng: np.random.Generator, cx: float, cy: float, r: float) -> None:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (205, 30, 40, int(rng.uniform(150, 215)))
    w = max(3, int(r / 14))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=w)
    d.ellipse((cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72), outline=red, width=max(2, w // 2))
    f = font("DejaVuSans-Bold.ttf", int(r * 0.2))
    text = "ỦY BAN NHÂN DÂN ★ " + str(rng.choice(PLACES)).upper() + " ★ "
    for k, ch in enumerate(text):
        a = 2 * np.pi * k / len(text) - np.pi / 2
        chx, chy = cx + 0.86 * r * np.cos(a), cy + 0.86 * r * np.sin(a)
        g = Image.new("RGBA", (int(r * 0.3), int(r * 0.3)), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((g.width / 2, g.height / 2), ch, font=f, fill=red, anchor="mm")
        g = g.rotate(-np.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        layer.alpha_composite(g, (int(chx - g.width / 2), int(chy - g.height / 2)))
    d.text((cx, cy), "★", font=font("DejaVuSans.ttf", int(r * 0.6)), fill=red, anchor="mm")
    layer = layer.rotate(float(rng.uniform(-25, 25)), center=(cx, cy), resample=Image.Resampling.BICUBIC)
    img.alpha_composite(layer)


def a4_form(rng: np.random.Generator, px_per_mm: float = 4.0) -> Face:
    w, h = round(210 * px_per_mm), round(297 * px_per_mm)
    tint = [(252, 252, 250), (250, 247, 236), (244, 245, 246), (253, 251, 245)][int(rng.integers(4))]
    img = Image.new("RGBA", (w, h), tint + (255,))
    d = ImageDraw.Draw(img)
    k = px_per_mm
    ink = (25, 25, 30)
    margin = k * rng.uniform(15, 25)
    serif, serif_b = "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"
    d.text(
        (w / 2, k * 18),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        font=font(serif_b, int(k * 4.2)),
        fill=ink,
        anchor="mm",
    )
    d.text(
        (w / 2, k * 25),
        "Độc lập - Tự do - Hạnh phúc",
        font=font(serif_b, int(k * 4.0)),
        fill=ink,
        anchor="mm",
    )
    d.line((w / 2 - k * 30, k * 29, w / 2 + k * 30, k * 29), fill=ink, width=max(1, int(k * 0.3)))
    d.text((w / 2, k * 42), str(rng.choice(FORMS)), font=font(serif_b, int(k * 5.2)), fill=ink, anchor="mm")
    d.text(
        (margin, k * 52),
        "Kính gửi: Ủy ban nhân dân " + str(rng.choice(PLACES)),
        font=font(serif, int(k * 3.6)),
        fill=ink,
    )
    y = k * 62
    hand = font("DejaVuSerif-Italic.ttf", int(k * 3.8))
    blue = (20, 45, 150)
    step = k * rng.uniform(8, 10)
    for field in rng.permutation(FIELDS)[: int(rng.integers(6, 10))]:
        label = f"{field}: "
        d.text((margin, y), label, font=font(serif, int(k * 3.6)), fill=ink)
        x0 = margin + d.textlength(label, font=font(serif, int(k * 3.6)))
        for x in np.arange(x0, w - margin, k * 1.6):
            d.point((x, y + k * 4.2), fill=(90, 90, 90))
        value = _field_value(rng, field)
        d.text((x0 + k * 3, y - k * 0.6), value, font=hand, fill=blue)
        y += step
    if rng.random() < 0.75:  # a ruled table
        rows, cols = int(rng.integers(3, 6)), 4
        tx0, tx1 = margin, w - margin
        ty0 = y + k * 4
        rh = k * 8
        heads = ("STT", "Giấy tờ kèm theo", "Số bản", "Ghi chú")
        xs = [tx0, tx0 + (tx1 - tx0) * 0.1, tx0 + (tx1 - tx0) * 0.62, tx0 + (tx1 - tx0) * 0.78, tx1]
        for r in range(rows + 2):
            d.line((tx0, ty0 + r * rh, tx1, ty0 + r * rh), fill=ink, width=max(1, int(k * 0.25)))
        for x in xs:
            d.line((x, ty0, x, ty0 + (rows + 1) * rh), fill=ink, width=max(1, int(k * 0.25)))
        for c in range(cols):
            d.text(
                ((xs[c] + xs[c + 1]) / 2, ty0 + rh / 2),
                heads[c],
                font=font(serif_b, int(k * 3.2)),
                fill=ink,
                anchor="mm",
            )
        for r in range(rows):
            d.text(
                ((xs[0] + xs[1]) / 2, ty0 + (r + 1.5) * rh),
                str(r + 1),
                font=font(serif, int(k * 3.2)),
                fill=ink,
                anchor="mm",
            )
            d.text(
                (xs[1] + k * 2, ty0 + (r + 1.5) * rh),
                str(rng.choice(("Bản sao CCCD", "Giấy chứng sinh", "Sổ hộ khẩu", "Giấy ủy quyền"))),
                font=hand,
                fill=blue,
                anchor="lm",
            )
        y = ty0 + (rows + 1) * rh
    y = max(y + k * 10, h - k * 75)
    d.text(
        (w - margin - k * 40, y),
        f"{rng.choice(PLACES)}, ngày {rng.integers(1, 29)} tháng {rng.integers(1, 13)} năm 2026",
        font=font("DejaVuSerif-Italic.ttf", int(k * 3.3)),
        fill=ink,
        anchor="mm",
    )
    d.text(
        (w - margin - k * 40, y + k * 7),
        "NGƯỜI YÊU CẦU",
        font=font(serif_b, int(k * 3.6)),
        fill=ink,
        anchor="mm",
    )
    _signature(d, rng, w - margin - k * 62, y + k * 12, k * 40, k * 16, blue)
    d.text(
        (w - margin - k * 40, y + k * 34),
        _name(rng).title(),
        font=font(serif_b, int(k * 3.6)),
        fill=ink,
        anchor="mm",
    )
    if rng.random() < 0.6:
        _stamp(img, rng, margin + k * 35, y + k * 20, k * rng.uniform(17, 21))
    return Face(_paper(np.asarray(img), rng, 4.0), 0.210, 0.297, gloss=0.03, back=_lin(tint))


def _paper(rgba: np.ndarray, rng: np.random.Generator, amp: float) -> np.ndarray:
    """Paper is not flat colour: fibres (fine noise) and a faint cloud of thicker and thinner pulp."""
    h, w = rgba.shape[:2]
    fine = rng.standard_normal((h, w), dtype=np.float32) * amp * 0.5
    small = rng.standard_normal((max(2, h // 64), max(2, w // 64))).astype(np.float32)
    cloud = np.asarray(Image.fromarray(small).resize((w, h), Image.Resampling.BICUBIC)) * amp
    out = rgba.astype(np.float32)
    out[..., :3] += (fine + cloud)[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def _lin(rgb) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    return tuple(float((c / 255.0) ** 2.2) for c in rgb[:3])  # type: ignore[return-value]


def _portrait(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    bg = tuple(int(c) for c in rng.integers(200, 240, 3))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    skin = [(234, 192, 160), (214, 170, 130), (190, 140, 100), (160, 110, 80)][int(rng.integers(4))]
    shirt = tuple(int(c) for c in rng.integers(20, 200, 3))
    d.ellipse((w * 0.05, h * 0.72, w * 0.95, h * 1.4), fill=shirt)
    d.rectangle((w * 0.4, h * 0.55, w * 0.6, h * 0.78), fill=skin)
    d.ellipse((w * 0.25, h * 0.15, w * 0.75, h * 0.68), fill=skin)
    hair = (25, 20, 18)
    d.chord((w * 0.23, h * 0.1, w * 0.77, h * 0.5), 180, 360, fill=hair)
    for ex in (0.4, 0.6):
        d.ellipse((w * (ex - 0.03), h * 0.4, w * (ex + 0.03), h * 0.44), fill=(40, 30, 30))
    d.line((w * 0.43, h * 0.57, w * 0.57, h * 0.57), fill=(150, 70, 70), width=max(1, w // 40))
    return img.filter(ImageFilter.GaussianBlur(w / 160))


def _qr(data: str, size: int) -> Image.Image:
    q = segno.make(data, error="m", micro=False)
    m = np.array([[0 if v else 255 for v in row] for row in q.matrix], np.uint8)
    m = np.pad(m, 2, constant_values=255)
    return Image.fromarray(m).resize((size, size), Image.Resampling.NEAREST).convert("RGB")


def _guilloche(img: Image.Image, rng: np.random.Generator, colour, n: int = 40) -> None:  # type: ignore[no-untyped-def]
    d = ImageDraw.Draw(img)
    w, h = img.size
    xs = np.linspace(0, w, 300)
    f1, f2 = rng.uniform(2, 6), rng.uniform(5, 12)
    for i in range(n):
        ph = i * 0.18
        ys = (
            h * (i / n)
            + h * 0.06 * np.sin(2 * np.pi * f1 * xs / w + ph)
            + h * 0.02 * np.sin(2 * np.pi * f2 * xs / w - ph)
        )
        d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=1)


def _round_alpha(img: Image.Image, radius: float) -> np.ndarray:
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, img.width - 1, img.height - 1), radius=radius, fill=255)
    out = np.asarray(img.convert("RGBA")).copy()
    out[..., 3] = np.asarray(mask)
    return out


def id_card(rng: np.random.Generator, px_per_mm: float = 10.0) -> Face:
    k = px_per_mm
    w, h = round(85.6 * k), round(54.0 * k)
    base = tuple(int(c) for c in (rng.integers(215, 245), rng.integers(225, 248), rng.integers(225, 250)))
    img = Image.new("RGB", (w, h), base)
    _guilloche(img, rng, tuple(max(0, c - 35) for c in base))
    d = ImageDraw.Draw(img)
    band = [(180, 30, 40), (20, 70, 150), (0, 110, 90)][int(rng.integers(3))]
    d.rectangle((0, 0, w, k * 11), fill=band)
    d.ellipse(
        (k * 3, k * 1.5, k * 11, k * 9.5), fill=(200, 30, 30), outline=(240, 200, 40), width=int(k * 0.4)
    )
    d.text((k * 7, k * 5.6), "★", font=font("DejaVuSans.ttf", int(k * 5)), fill=(250, 215, 40), anchor="mm")
    d.text(
        (w / 2 + k * 5, k * 3.6),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        font=font("DejaVuSans-Bold.ttf", int(k * 2.6)),
        fill="white",
        anchor="mm",
    )
    d.text(
        (w / 2 + k * 5, k * 7.6),
        "Độc lập - Tự do - Hạnh phúc",
        font=font("DejaVuSans.ttf", int(k * 2.4)),
        fill="white",
        anchor="mm",
    )
    d.text(
        (w / 2 + k * 8, k * 14.5),
        "CĂN CƯỚC CÔNG DÂN",
        font=font("DejaVuSans-Bold.ttf", int(k * 3.6)),
        fill=(200, 20, 30),
        anchor="mm",
    )
    img.paste(_portrait(rng, int(k * 20), int(k * 26)), (int(k * 3.5), int(k * 18)))
    if rng.random() < 0.7:
        img.paste(
            _qr(f"0{rng.integers(10**10, 10**11)}|{_name(rng)}|{_date(rng)}", int(k * 14)),
            (int(w - k * 17), int(k * 18)),
        )
    f = font("NotoSans-Regular.ttf", int(k * 2.4))
    fb = font("NotoSans-Bold.ttf", int(k * 3.0))
    x = k * 27
    rows = (
        ("Số / No.:", f"0{rng.integers(10**10, 10**11)}"),
        ("Họ và tên / Full name:", _name(rng)),
        ("Ngày sinh / Date of birth:", _date(rng)),
        ("Giới tính / Sex:", str(rng.choice(("Nam", "Nữ")))),
        ("Quê quán / Place of origin:", str(rng.choice(PLACES))),
    )
    y = k * 19
    for label, value in rows:
        d.text((x, y), label, font=f, fill=(40, 40, 50))
        d.text((x, y + k * 2.8), value, font=fb, fill=(10, 10, 15))
        y += k * 6.6
    return Face(_round_alpha(img, 3.18 * k), 0.0856, 0.054, gloss=0.6, back=_lin(base))


def receipt(rng: np.random.Generator, px_per_mm: float = 8.0) -> Face:
    k = px_per_mm
    width_mm = float(rng.choice((58.0, 80.0)))
    length_mm = width_mm * rng.uniform(1.8, 3.2)
    w, h = round(width_mm * k), round(length_mm * k)
    paper = (int(rng.integers(238, 250)), int(rng.integers(238, 250)), int(rng.integers(236, 248)))
    img = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(img)
    fade = int(rng.integers(20, 90))
    ink = (fade, fade, fade + 5)
    size = int(k * (2.6 if width_mm < 60 else 3.0))
    mono = font("DejaVuSansMono.ttf", size)
    bold = font("DejaVuSansMono-Bold.ttf", int(size * 1.2))
    m = k * 3
    y = k * 4
    d.text((w / 2, y), "BỘ PHẬN MỘT CỬA", font=bold, fill=ink, anchor="ma")
    y += size * 1.6
    d.text((w / 2, y), f"UBND {rng.choice(PLACES)}".upper(), font=mono, fill=ink, anchor="ma")
    y += size * 1.8
    d.text((m, y), "-" * 60, font=mono, fill=ink)
    y += size * 1.4
    d.text((w / 2, y), "BIÊN NHẬN HỒ SƠ", font=bold, fill=ink, anchor="ma")
    y += size * 1.8
    code = "".join(rng.choice(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), 10))
    for label, value in (
        ("Mã hồ sơ", f"{code[:5]}-{code[5:]}"),
        ("Ngày nhận", _date(rng)),
        ("Hẹn trả", _date(rng)),
        ("Lệ phí", f"{rng.integers(1, 20) * 5000:,}đ".replace(",", ".")),
    ):
        d.text((m, y), label, font=mono, fill=ink)
        d.text((w - m, y), value, font=mono, fill=ink, anchor="ra")
        y += size * 1.5
    d.text((m, y), "-" * 60, font=mono, fill=ink)
    y += size * 1.5
    for _ in range(int(rng.integers(2, 6))):
        if y > h - k * 30:
            break
        d.text(
            (m, y),
            str(
                rng.choice(
                    (
                        "Tra cứu tại kiosk",
                        "Giữ phiếu để nhận kết quả",
                        "Cảm ơn ông/bà",
                        "Số thứ tự: " + str(rng.integers(1, 400)),
                    )
                )
            ),
            font=mono,
            fill=ink,
        )
        y += size * 1.5
    qs = int(min(w * 0.5, k * 26))
    if y + qs + k * 4 < h:
        img.paste(_qr(f"https://dichvucong.example/t/{code}", qs), (int((w - qs) / 2), int(y + k * 2)))
    return Face(
        _paper(np.asarray(img.convert("RGBA")), rng, 3.0),
        width_mm / 1000,
        length_mm / 1000,
        gloss=0.12,
        back=_lin(paper),
    )


def _mrz_name(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFD", name.replace("Đ", "D"))
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    parts = plain.split()
    return parts[0] + "<<" + "<".join(parts[1:])


def passport(rng: np.random.Generator, px_per_mm: float = 8.0) -> Face:
    k = px_per_mm
    w, h = round(125 * k), round(88 * k)
    base = (int(rng.integers(235, 250)), int(rng.integers(222, 238)), int(rng.integers(222, 240)))
    img = Image.new("RGB", (w, h), base)
    _guilloche(img, rng, (base[0] - 30, base[1] - 45, base[2] - 20), n=60)
    d = ImageDraw.Draw(img)
    ink = (30, 30, 40)
    d.text(
        (w / 2, k * 5),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / SOCIALIST REPUBLIC OF VIET NAM",
        font=font("DejaVuSans-Bold.ttf", int(k * 2.4)),
        fill=ink,
        anchor="mm",
    )
    d.text(
        (w / 2, k * 9),
        "HỘ CHIẾU / PASSPORT",
        font=font("DejaVuSans-Bold.ttf", int(k * 3.0)),
        fill=(150, 20, 30),
        anchor="mm",
    )
    img.paste(_portrait(rng, int(k * 32), int(k * 42)), (int(k * 5), int(k * 14)))
    name = _name(rng)
    f = font("DejaVuSans.ttf", int(k * 2.2))
    fb = font("DejaVuSans-Bold.ttf", int(k * 3.0))
    number = f"C{rng.integers(10**6, 10**7)}"
    x, y = k * 42, k * 13
    for label, value in (
        ("Loại / Type", "P"),
        ("Số hộ chiếu / Passport No.", number),
        ("Họ và tên / Full name", name),
        ("Quốc tịch / Nationality", "VIỆT NAM"),
        ("Ngày sinh / Date of birth", _date(rng)),
        ("Nơi sinh / Place of birth", str(rng.choice(PLACES)).upper()),
        ("Ngày hết hạn / Date of expiry", _date(rng)),
    ):
        d.text((x, y), label, font=f, fill=(70, 60, 70))
        d.text((x, y + k * 2.5), value, font=fb, fill=ink)
        y += k * 6.4
    mrz = font("DejaVuSansMono.ttf", int(k * 3.6))
    line1 = ("P<VNM" + _mrz_name(name)).ljust(44, "<")[:44]
    line2 = (
        number
        + "<"
        + str(rng.integers(0, 10))
        + "VNM"
        + str(rng.integers(10**6, 10**7))
        + "M"
        + str(rng.integers(10**6, 10**7))
    ).ljust(44, "<")[:44]
    d.rectangle((0, h - k * 17, w, h), fill=tuple(min(255, c + 6) for c in base))
    d.text((k * 4, h - k * 14), line1, font=mrz, fill=(15, 15, 20))
    d.text((k * 4, h - k * 7.5), line2, font=mrz, fill=(15, 15, 20))
    return Face(_round_alpha(img, 3.0 * k), 0.125, 0.088, gloss=0.45, back=_lin((235, 225, 225)))


BUILDERS = {"a4": a4_form, "id_card": id_card, "receipt": receipt, "passport": passport}


def sentinel_texture(face: Face) -> np.ndarray:
    """Magenta with the top-left quarter green, keeping the face's alpha (a card's rounded corners)."""
    h, w = face.texture.shape[:2]
    out = np.zeros((h, w, 4), np.uint8)
    out[...] = (255, 0, 255, 255)
    out[: h // 2, : w // 2] = (0, 255, 0, 255)
    out[..., 3] = face.texture[..., 3]
    return out
