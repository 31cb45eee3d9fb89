"""What the blind set's camera looks at: documents, desks, objects on the desk, hands and pens.

Documents and desk objects are flat textures in millimetres (drawn with OpenCV and NumPy; Pillow
only rasterises the Vietnamese text lines, which OpenCV's Hershey fonts cannot). Hands and pens
are drawn in the frame, above the desk, after the camera has imaged it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/truetype/dejavu"))
PHOTO_DIR = Path("/usr/share/backgrounds/mate/nature")
# photographs of the Debian package mate-backgrounds (none is used by photos.py / the other sets)
PHOTOS = (
    "Aqua.jpg",
    "Blinds.jpg",
    "Dune.jpg",
    "FreshFlower.jpg",
    "Garden.jpg",
    "GreenMeadow.jpg",
    "LadyBird.jpg",
    "RainDrops.jpg",
    "Storm.jpg",
    "TwoWings.jpg",
    "Wood.jpg",
    "YellowFlower.jpg",
)

SKIN = ((150, 178, 224), (122, 156, 208), (100, 136, 190), (78, 108, 158), (60, 84, 128), (172, 196, 236))

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
)
MIDDLE = ("VĂN", "THỊ", "HỮU", "ĐỨC", "MINH", "NGỌC", "THANH", "QUỐC", "XUÂN", "THU")
GIVEN = (
    "AN",
    "BÌNH",
    "CHÂU",
    "DŨNG",
    "GIANG",
    "HẠNH",
    "KHÁNH",
    "LỢI",
    "MAI",
    "NGHĨA",
    "PHÚC",
    "QUYÊN",
    "SƠN",
    "THẢO",
    "VIỆT",
    "YẾN",
)
PLACES = (
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
    "Xã Đông Hưng, Huyện Tiên Lữ, Hưng Yên",
    "Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội",
    "Thị trấn Phú Lộc, Huyện Phú Lộc, Thừa Thiên Huế",
    "Phường Hải Châu I, Quận Hải Châu, Đà Nẵng",
    "Xã Mỹ Khánh, Huyện Phong Điền, Cần Thơ",
)
FORM_TITLES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN XIN XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "GIẤY ĐỀ NGHỊ CHỨNG THỰC BẢN SAO",
)
FORM_FIELDS = (
    "Họ, chữ đệm, tên người yêu cầu:",
    "Ngày, tháng, năm sinh:",
    "Nơi cư trú:",
    "Giấy tờ tùy thân:",
    "Quan hệ với người được cấp:",
    "Số lượng bản sao đề nghị cấp:",
    "Lý do đề nghị:",
    "Dân tộc:          Quốc tịch: Việt Nam",
    "Số định danh cá nhân:",
    "Nội dung thay đổi:",
)
BODY = (
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật",
    "về cam đoan của mình. Kính đề nghị Ủy ban nhân dân xem xét, giải quyết theo quy định.",
    "Hồ sơ kèm theo gồm: bản chụp giấy tờ tùy thân, giấy tờ chứng minh nơi cư trú hợp pháp.",
    "Thời hạn giải quyết: trong ngày làm việc; trường hợp phải xác minh không quá 03 ngày.",
    "Lệ phí: miễn; người yêu cầu nhận kết quả trực tiếp tại bộ phận một cửa hoặc qua bưu chính.",
)
ITEMS = (
    "Lệ phí chứng thực",
    "Phí sao y bản chính",
    "Bản sao trích lục",
    "Phí dịch vụ bưu chính",
    "Lệ phí hộ tịch",
)


def _require(path: Path, package: str) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: missing, the blind document set (bench/datasets/doc_blind.py) needs it. "
            f"Install the Debian package: apt-get install -y {package} (listed in setup.sh)"
        )
    return path


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    package = "fonts-noto-core" if name.startswith("Noto") else "fonts-dejavu-core"
    for d in FONT_DIRS:
        if (d / name).exists():
            return ImageFont.truetype(str(d / name), size)
    return ImageFont.truetype(str(_require(FONT_DIRS[0] / name, package)), size)


@cache
def photo(name: str) -> np.ndarray:
    path = _require(PHOTO_DIR / name, "mate-backgrounds")
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError(f"{path}: unreadable; reinstall the Debian package mate-backgrounds")
    # the photographs are 1600–2560 px wide; the desk never needs more than 1600
    f = 1600 / max(img.shape[:2])
    return cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else img


def check_assets() -> None:
    """Fail early with the package to install rather than half-way through a set."""
    for name in PHOTOS:
        _require(PHOTO_DIR / name, "mate-backgrounds")
    font("NotoSerif-Regular.ttf", 10)
    font("DejaVuSansMono.ttf", 10)


# ---------------------------------------------------------------- text and paper


class Ink:
    """Text lines drawn by Pillow into one grey coverage layer, then inked onto the BGR page with NumPy."""

    def __init__(self, w: int, h: int) -> None:
        self.layer = Image.new("L", (w, h), 0)
        self.draw = ImageDraw.Draw(self.layer)

    def text(self, xy: tuple[float, float], s: str, name: str, size: int, anchor: str = "la") -> None:
        self.draw.text(xy, s, fill=255, font=font(name, max(6, size)), anchor=anchor)

    def apply(self, page: np.ndarray, colour: tuple[int, int, int]) -> None:
        a = np.asarray(self.layer, np.float32)[..., None] / 255.0
        page[:] = (page * (1 - a) + np.array(colour, np.float32) * a).astype(np.uint8)
        self.layer.paste(0, (0, 0, *self.layer.size))


def paper(
    rng: np.random.Generator, w: int, h: int, base: tuple[float, float, float], grain: float
) -> np.ndarray:
    """Paper with fibre grain and a faint uneven tone."""
    img = np.empty((h, w, 3), np.float32)
    img[:] = base
    low = cv2.resize(rng.normal(0, 1, (6, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    img += (low * grain * 1.5)[..., None]
    img += grain * rng.standard_normal((h, w, 1), dtype=np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def _name(rng: np.random.Generator) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


# ---------------------------------------------------------------- documents (texture, alpha, size in mm)


def a4_page(
    rng: np.random.Generator, ppm: float, size: tuple[float, float] = (210.0, 297.0)
) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    wmm, hmm = size
    w, h = round(wmm * ppm), round(hmm * ppm)
    tone = (rng.uniform(236, 250), rng.uniform(238, 252), rng.uniform(240, 254))
    page = paper(rng, w, h, tone, 2.5)
    ink = Ink(w, h)
    m = lambda mm: int(round(mm * ppm))  # noqa: E731
    serif, bold = "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"
    ink.text((m(105), m(14)), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, m(4.2), "ma")
    ink.text((m(105), m(21)), "Độc lập - Tự do - Hạnh phúc", bold, m(4.0), "ma")
    ink.text((m(105), m(40)), str(rng.choice(FORM_TITLES)), bold, m(5.2), "ma")
    ink.text(
        (m(105), m(48)), f"Kính gửi: Ủy ban nhân dân {rng.choice(PLACES).split(',')[0]}", serif, m(3.6), "ma"
    )
    y = 60.0
    for field in rng.permutation(FORM_FIELDS)[: rng.integers(6, 10)]:
        ink.text((m(20), m(y)), str(field), serif, m(3.5))
        if rng.random() < 0.6:
            ink.text(
                (m(95), m(y)),
                _name(rng).title() if rng.random() < 0.5 else str(rng.choice(PLACES)),
                serif,
                m(3.5),
            )
        y += rng.uniform(8, 11)
    for line in BODY[: rng.integers(2, 6)]:
        ink.text((m(20), m(y)), line, serif, m(3.0))
        y += 6.5
    ink.apply(page, (40, 35, 30))
    # a table of requested copies, ruled with OpenCV
    ty = m(y + 4)
    rows = int(rng.integers(3, 6))
    for r in range(rows + 1):
        cv2.line(page, (m(20), ty + r * m(8)), (m(190), ty + r * m(8)), (60, 60, 60), max(1, m(0.3)))
    for x in (20, 35, 120, 150, 190):
        cv2.line(page, (m(x), ty), (m(x), ty + rows * m(8)), (60, 60, 60), max(1, m(0.3)))
    for r in range(rows):
        ink.text((m(23), ty + r * m(8) + m(2)), str(r + 1), serif, m(3.2))
        ink.text((m(38), ty + r * m(8) + m(2)), str(rng.choice(ITEMS)), serif, m(3.2))
        ink.text((m(123), ty + r * m(8) + m(2)), f"{rng.integers(1, 5)} bản", serif, m(3.2))
    ink.text(
        (m(140), m(250)),
        f"ngày {rng.integers(1, 29)} tháng {rng.integers(1, 13)} năm 2026",
        serif,
        m(3.3),
        "ma",
    )
    ink.text((m(140), m(257)), "NGƯỜI YÊU CẦU", bold, m(3.5), "ma")
    ink.apply(page, (40, 35, 30))
    # a signature in blue ballpoint
    pts = np.cumsum(rng.normal(0, 1, (14, 2)) * [m(3), m(1.5)], axis=0) + [m(125), m(270)]
    cv2.polylines(page, [pts.astype(np.int32)], False, (150, 60, 30), max(1, m(0.4)), cv2.LINE_AA)
    alpha = np.ones((h, w), np.float32)
    return page, alpha, (wmm, hmm)


def id_card(
    rng: np.random.Generator, ppm: float, size: tuple[float, float] = (85.6, 54.0)
) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    wmm, hmm = size
    w, h = round(wmm * ppm), round(hmm * ppm)
    m = lambda mm: int(round(mm * ppm))  # noqa: E731
    tint = rng.choice([(236, 228, 214), (222, 232, 240), (230, 236, 226), (240, 236, 236)])
    card = paper(rng, w, h, tuple(float(c) for c in tint), 3.0)
    # guilloche: fine sinusoidal security lines
    xs = np.arange(w)
    for k in range(14):
        ys = (h * (k + 0.5) / 14 + m(1.5) * np.sin(xs / m(4.0) + k)).astype(np.int32)
        cv2.polylines(
            card,
            [np.stack([xs, ys], 1)],
            False,
            (int(tint[0]) - 25, int(tint[1]) - 18, int(tint[2]) - 12),
            1,
            cv2.LINE_AA,
        )
    band = rng.choice([(150, 60, 20), (40, 40, 170), (60, 110, 30)])
    cv2.rectangle(card, (0, 0), (w, m(rng.uniform(9, 12))), tuple(int(c) for c in band), -1)
    # photo box: a face in a rectangle, and the chip
    px0, py0 = m(4), m(16)
    cv2.rectangle(card, (px0, py0), (px0 + m(20), py0 + m(27)), (205, 205, 210), -1)
    skin = tuple(int(c) for c in SKIN[rng.integers(len(SKIN))])
    cv2.ellipse(card, (px0 + m(10), py0 + m(11)), (m(5.5), m(7)), 0, 0, 360, skin, -1, cv2.LINE_AA)
    cv2.ellipse(card, (px0 + m(10), py0 + m(27)), (m(9), m(7)), 0, 180, 360, (60, 50, 50), -1, cv2.LINE_AA)
    cv2.ellipse(card, (px0 + m(10), py0 + m(6)), (m(6), m(4)), 0, 180, 360, (30, 30, 35), -1, cv2.LINE_AA)
    if rng.random() < 0.6:
        cv2.rectangle(card, (m(4), m(45)), (m(14), m(52)), (80, 170, 210), -1)
        cv2.rectangle(card, (m(4), m(45)), (m(14), m(52)), (50, 120, 160), 1)
    ink = Ink(w, h)
    sans, bold = "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"
    ink.text((m(50), m(2)), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, m(2.6), "ma")
    ink.text((m(50), m(5.6)), "Độc lập - Tự do - Hạnh phúc", sans, m(2.3), "ma")
    ink.apply(card, (250, 250, 250))
    ink.text((m(56), m(13)), "CĂN CƯỚC CÔNG DÂN", bold, m(3.8), "ma")
    ink.text((m(27), m(19)), f"Số / No.: 0{rng.integers(10, 97)}{rng.integers(0, 10**9):09d}", bold, m(3.0))
    ink.text((m(27), m(24.5)), "Họ và tên / Full name:", sans, m(2.2))
    ink.text((m(27), m(27.5)), _name(rng), bold, m(3.0))
    ink.text(
        (m(27), m(33)),
        f"Ngày sinh / Date of birth: {rng.integers(1, 29):02d}/{rng.integers(1, 13):02d}/{rng.integers(1950, 2007)}",
        sans,
        m(2.2),
    )
    ink.text(
        (m(27), m(37)), f"Giới tính / Sex: {rng.choice(['Nam', 'Nữ'])}   Quốc tịch: Việt Nam", sans, m(2.2)
    )
    ink.text((m(27), m(41)), "Quê quán / Place of origin:", sans, m(2.2))
    ink.text((m(27), m(44.5)), str(rng.choice(PLACES)), sans, m(2.2))
    ink.apply(card, (30, 30, 40))
    alpha = np.zeros((h, w), np.float32)
    r = m(3.2)  # ID-1 corner radius 3.18 mm: the ground truth stays where the straight edges meet
    cv2.rectangle(alpha, (r, 0), (w - 1 - r, h - 1), 1.0, -1)
    cv2.rectangle(alpha, (0, r), (w - 1, h - 1 - r), 1.0, -1)
    for cx, cy in ((r, r), (w - 1 - r, r), (w - 1 - r, h - 1 - r), (r, h - 1 - r)):
        cv2.circle(alpha, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
    return card, alpha, (wmm, hmm)


def receipt(
    rng: np.random.Generator, ppm: float, size: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    wmm, hmm = size  # 58 or 80 mm wide; the length is where the printer's cutter fell
    w, h = round(wmm * ppm), round(hmm * ppm)
    m = lambda mm: int(round(mm * ppm))  # noqa: E731
    slip = paper(rng, w, h, (rng.uniform(228, 240), rng.uniform(236, 246), rng.uniform(238, 248)), 2.0)
    ink = Ink(w, h)
    mono = "DejaVuSansMono.ttf"
    cs = wmm / 32 * 0.98  # 32 columns per line, like the printers
    ink.text((w // 2, m(5)), "UBND PHƯỜNG", "DejaVuSansMono-Bold.ttf", m(cs * 1.4), "ma")
    ink.text((w // 2, m(5 + cs * 2)), "BỘ PHẬN MỘT CỬA", mono, m(cs * 1.2), "ma")
    y = 5 + cs * 4.5
    ink.text((m(2), m(y)), "-" * 32, mono, m(cs * 1.1))
    y += cs * 1.8
    ink.text(
        (m(2), m(y)), f"Số phiếu: {rng.integers(1, 999):03d}  Quầy {rng.integers(1, 9)}", mono, m(cs * 1.1)
    )
    y += cs * 1.8
    while y < hmm - 30:
        item = str(rng.choice(ITEMS))[:20]
        ink.text(
            (m(2), m(y)), f"{item:<20}{rng.integers(1, 99) * 1000:>9,}".replace(",", "."), mono, m(cs * 1.1)
        )
        y += cs * 1.8
    ink.text((m(2), m(y)), "=" * 32, mono, m(cs * 1.1))
    ink.text((m(2), m(y + cs * 1.8)), "Cảm ơn ông/bà!", mono, m(cs * 1.2))
    ink.apply(slip, (45, 40, 40))
    # a barcode block near the foot
    bx, by = m(wmm * 0.15), m(hmm - 18)
    x = bx
    while x < m(wmm * 0.85):
        bw = int(rng.integers(1, 4)) * max(1, m(0.25))
        if rng.random() < 0.55:
            cv2.rectangle(slip, (x, by), (x + bw - 1, by + m(10)), (40, 35, 35), -1)
        x += bw
    alpha = np.ones((h, w), np.float32)
    return slip, alpha, (wmm, hmm)


DOCUMENTS = {"a4": a4_page, "id_card": id_card, "receipt": receipt}


# ---------------------------------------------------------------- desks (texture covering a given size in px)


def desk(rng: np.random.Generator, style: str, w: int, h: int) -> np.ndarray:
    if style == "photo" or style == "wood_photo":
        name = (
            "Wood.jpg" if style == "wood_photo" else str(rng.choice([p for p in PHOTOS if p != "Wood.jpg"]))
        )
        src = photo(name)
        sh, sw = src.shape[:2]
        # a random crop of the photograph's own aspect, then stretched over the desk area
        f = rng.uniform(0.55, 1.0)
        cw, ch = int(sw * f), int(sh * f)
        x0, y0 = int(rng.integers(0, sw - cw + 1)), int(rng.integers(0, sh - ch + 1))
        crop = src[y0 : y0 + ch, x0 : x0 + cw]
        if rng.random() < 0.5:
            crop = cv2.flip(crop, 1)
        return cv2.resize(crop, (w, h), interpolation=cv2.INTER_LINEAR)
    if style == "white":
        base = rng.uniform(205, 240) + rng.uniform(-6, 6, 3)
        return paper(rng, w, h, tuple(base), 3.0)
    if style == "wood":
        # planks: long streaks along X (anisotropic noise) over slowly wandering growth rings
        hh, ww = h // 2 + 1, w // 2 + 1
        yy = np.mgrid[0:hh, 0:ww][0].astype(np.float32)
        warp = cv2.resize(
            rng.standard_normal((4, 6), dtype=np.float32), (ww, hh), interpolation=cv2.INTER_CUBIC
        )
        phase = (yy + 10 * warp) / rng.uniform(8, 20) * 2 * np.pi
        rings = np.sin(phase) + 0.5 * np.sin(2.3 * phase + 1.0)  # growth rings: the figure of the wood
        grain = cv2.GaussianBlur(
            rng.standard_normal((hh, ww), dtype=np.float32), (0, 0), sigmaX=25, sigmaY=0.6
        )
        grain = np.tanh(2 * grain / (grain.std() + 1e-6))  # thin dark pores along the grain
        tone = 0.55 + 0.16 * rings + 0.05 * grain
        plank = rng.uniform(90, 160)  # half the distance between plank seams, in half-size texture px
        seams = (np.abs(((yy + 3 * warp) % (plank * 2)) - 1) < 0.8).astype(np.float32)
        tone = cv2.resize(tone * (1 - 0.5 * seams), (w, h), interpolation=cv2.INTER_LINEAR)
        light = np.array(
            rng.choice([(120, 170, 215), (95, 140, 190), (70, 100, 140), (150, 185, 215)]), np.float32
        )
        dark = light * rng.uniform(0.5, 0.7)
        img = dark + (light - dark) * np.clip(tone, 0, 1)[..., None]
        return np.clip(img, 0, 255).astype(np.uint8)
    if style == "wall":  # painted plaster: pale, nearly flat, a faint roller texture
        base = np.array(
            rng.choice([(225, 232, 236), (200, 220, 230), (215, 225, 215), (190, 200, 215)]), np.float32
        )
        return paper(rng, w, h, tuple(float(c) for c in base * rng.uniform(0.85, 1.0)), 2.0)
    # laminate / painted: a flat colour with mottling
    base = np.array(
        rng.choice(
            [(60, 60, 62), (90, 110, 130), (120, 90, 60), (40, 70, 50), (150, 150, 145), (70, 45, 110)]
        ),
        np.float32,
    )
    base = base * rng.uniform(0.8, 1.2)
    return paper(rng, w, h, tuple(float(c) for c in np.clip(base, 0, 255)), 4.0)


# ---------------------------------------------------------------- objects lying on the desk (drawn in desk px)


def _poly(center: np.ndarray, wpx: float, hpx: float, angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    pts = np.array([[-wpx, -hpx], [wpx, -hpx], [wpx, hpx], [-wpx, hpx]]) / 2
    return (pts @ np.array([[c, s], [-s, c]]) + center).astype(np.float32)


def _quad_patch(img: np.ndarray, quad: np.ndarray, patch: np.ndarray, mask: np.ndarray | None = None) -> None:
    h, w = patch.shape[:2]
    H = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), quad.astype(np.float32))
    warped = cv2.warpPerspective(patch, H, (img.shape[1], img.shape[0]), flags=cv2.INTER_LINEAR)
    m = np.ones((h, w), np.float32) if mask is None else mask
    a = cv2.warpPerspective(m, H, (img.shape[1], img.shape[0]), flags=cv2.INTER_LINEAR)[..., None]
    img[:] = (img * (1 - a) + warped * a).astype(np.uint8)


def _soft_shadow(img: np.ndarray, quad: np.ndarray, ppm: float) -> None:
    mask = np.zeros(img.shape[:2], np.float32)
    cv2.fillPoly(mask, [(quad + ppm * 2).astype(np.int32)], 1.0)
    k = int(ppm * 6) | 1
    mask = cv2.GaussianBlur(mask, (k, k), 0)
    img[:] = (img * (1 - 0.35 * mask[..., None])).astype(np.uint8)


def phone(rng: np.random.Generator, ppm: float) -> tuple[np.ndarray, np.ndarray]:
    w, h = int(72 * ppm), int(150 * ppm)
    body = np.full((h, w, 3), rng.choice([20, 35, 200]), np.uint8)
    r = int(9 * ppm)
    mask = np.zeros((h, w), np.float32)
    cv2.rectangle(mask, (r, 0), (w - r, h), 1.0, -1)
    cv2.rectangle(mask, (0, r), (w, h - r), 1.0, -1)
    for cx, cy in ((r, r), (w - r, r), (w - r, h - r), (r, h - r)):
        cv2.circle(mask, (cx, cy), r, 1.0, -1, cv2.LINE_AA)
    b = int(4 * ppm)
    screen = np.zeros((h - 2 * b, w - 2 * b, 3), np.uint8)
    if rng.random() < 0.6:  # lit: a wallpaper gradient and some app icons
        g = np.linspace(0, 1, screen.shape[0])[:, None, None]
        screen[:] = (
            np.array(rng.integers(30, 200, 3)) * (1 - g) + np.array(rng.integers(30, 200, 3)) * g
        ).astype(np.uint8)
        for _ in range(12):
            x, y = (
                rng.integers(0, screen.shape[1] - 14 * ppm // 1),
                rng.integers(0, screen.shape[0] - 14 * ppm // 1),
            )
            cv2.rectangle(
                screen,
                (int(x), int(y)),
                (int(x + 10 * ppm), int(y + 10 * ppm)),
                tuple(int(c) for c in rng.integers(40, 255, 3)),
                -1,
            )
    else:
        screen[:] = 12
    body[b : h - b, b : w - b] = screen
    return body, mask


def book(rng: np.random.Generator, ppm: float) -> tuple[np.ndarray, np.ndarray]:
    w, h = int(rng.uniform(140, 190) * ppm), int(rng.uniform(200, 260) * ppm)
    cover = paper(rng, w, h, tuple(float(c) for c in rng.integers(30, 200, 3)), 5.0)
    ink = Ink(w, h)
    ink.text(
        (w // 2, h // 5),
        str(rng.choice(["LỊCH SỬ", "TIẾNG VIỆT", "ĐỊA LÝ", "KINH TẾ HỌC", "TOÁN 12"])),
        "NotoSans-Bold.ttf",
        int(12 * ppm),
        "ma",
    )
    ink.text(
        (w // 2, h // 5 + int(16 * ppm)), "Nhà xuất bản Giáo dục", "NotoSans-Regular.ttf", int(6 * ppm), "ma"
    )
    ink.apply(cover, tuple(int(c) for c in rng.integers(180, 256, 3)))
    cv2.circle(
        cover,
        (w // 2, int(h * 0.62)),
        int(w * 0.25),
        tuple(int(c) for c in rng.integers(0, 256, 3)),
        -1,
        cv2.LINE_AA,
    )
    cv2.rectangle(cover, (0, 0), (int(8 * ppm), h), tuple(int(c) * 0.7 for c in cover[h // 2, w // 2]), -1)
    return cover, np.ones((h, w), np.float32)


def keyboard(rng: np.random.Generator, ppm: float) -> tuple[np.ndarray, np.ndarray]:
    w, h = int(440 * ppm), int(135 * ppm)
    shade = int(rng.choice([35, 200]))
    kb = np.full((h, w, 3), shade, np.uint8)
    key = 18 * ppm
    for r in range(6):
        for c in range(int((w - 10 * ppm) // (key + 1))):
            x0, y0 = int(6 * ppm + c * (key + 1)), int(8 * ppm + r * (key + 1.5))
            cv2.rectangle(
                kb,
                (x0, y0),
                (int(x0 + key - 2), int(y0 + key - 2)),
                (shade + 25 if shade < 100 else shade - 30,) * 3,
                -1,
            )
    return kb, np.ones((h, w), np.float32)


def monitor(rng: np.random.Generator, ppm: float) -> tuple[np.ndarray, np.ndarray]:
    w, h = int(520 * ppm), int(320 * ppm)
    mon = np.full((h, w, 3), 18, np.uint8)
    b = int(12 * ppm)
    scr = np.empty((h - 2 * b, w - 2 * b, 3), np.uint8)
    scr[:] = tuple(int(c) for c in rng.integers(60, 200, 3))
    for _ in range(4):  # windows on the desktop
        x0, y0 = rng.integers(0, scr.shape[1] // 2), rng.integers(0, scr.shape[0] // 2)
        x1, y1 = (
            x0 + rng.integers(scr.shape[1] // 5, scr.shape[1] // 2),
            y0 + rng.integers(scr.shape[0] // 5, scr.shape[0] // 2),
        )
        cv2.rectangle(scr, (int(x0), int(y0)), (int(x1), int(y1)), (235, 235, 235), -1)
        cv2.rectangle(scr, (int(x0), int(y0)), (int(x1), int(y0 + 8 * ppm)), (120, 80, 40), -1)
    mon[b:-b, b:-b] = scr
    return mon, np.ones((h, w), np.float32)


def place(
    img: np.ndarray,
    rng: np.random.Generator,
    patch: np.ndarray,
    mask: np.ndarray,
    center: np.ndarray,
    ppm: float,
) -> np.ndarray:
    """Lay a patch on the desk at ``center`` (desk px), rotated at random; returns its quad."""
    h, w = patch.shape[:2]
    quad = _poly(center, w, h, rng.uniform(0, np.pi))
    _soft_shadow(img, quad, ppm)
    _quad_patch(img, quad, patch, mask)
    return quad


def small_things(img: np.ndarray, rng: np.random.Generator, ppm: float, n: int) -> None:
    """Coins, a mug seen from above, a cable, a pen lying down."""
    h, w = img.shape[:2]
    for _ in range(n):
        kind = rng.integers(4)
        x, y = int(rng.uniform(0, w)), int(rng.uniform(0, h))
        if kind == 0:
            r = int(rng.uniform(9, 13) * ppm)
            cv2.circle(img, (x, y), r, (90, 150, 190), -1, cv2.LINE_AA)
            cv2.circle(img, (x, y), int(r * 0.8), (70, 120, 160), max(1, int(ppm)), cv2.LINE_AA)
        elif kind == 1:
            r = int(rng.uniform(38, 45) * ppm)
            col = tuple(int(c) for c in rng.integers(30, 240, 3))
            cv2.circle(img, (x, y), r, col, -1, cv2.LINE_AA)
            cv2.circle(img, (x, y), int(r * 0.85), (30, 50, 70), -1, cv2.LINE_AA)  # coffee
        elif kind == 2:
            # a cable: a smooth random walk of heading, 5 mm steps
            heading = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0, 0.12, 120))
            pts = np.cumsum(np.stack([np.cos(heading), np.sin(heading)], 1) * 5 * ppm, 0) + [x, y]
            cv2.polylines(img, [pts.astype(np.int32)], False, (25, 25, 25), max(2, int(4 * ppm)), cv2.LINE_AA)
        else:
            a = rng.uniform(0, np.pi)
            d = np.array([np.cos(a), np.sin(a)]) * 70 * ppm
            cv2.line(
                img,
                (int(x - d[0]), int(y - d[1])),
                (int(x + d[0]), int(y + d[1])),
                tuple(int(c) for c in rng.integers(0, 200, 3)),
                max(2, int(9 * ppm)),
                cv2.LINE_AA,
            )


# ---------------------------------------------------------------- above the desk: hands, pens (frame px)


def _capsule(mask: np.ndarray, a: np.ndarray, b: np.ndarray, width: float) -> None:
    cv2.line(mask, tuple(int(v) for v in a), tuple(int(v) for v in b), 1.0, max(1, int(width)), cv2.LINE_AA)


def _finger(
    mask: np.ndarray, base: np.ndarray, d: np.ndarray, length: float, width: float, curl: float
) -> tuple[np.ndarray, np.ndarray]:
    """A tapering finger of three phalanges bending by ``curl`` rad at each joint; returns its tip and direction."""
    p, heading = base.astype(np.float64), float(np.arctan2(d[1], d[0]))
    steps = 24
    for k in range(steps):
        if k in (steps // 2, 5 * steps // 6):
            heading += curl
        r = width / 2 * (1.0 - 0.22 * k / steps)
        cv2.circle(mask, (int(p[0]), int(p[1])), max(1, int(r)), 1.0, -1, cv2.LINE_AA)
        p = p + np.array([np.cos(heading), np.sin(heading)]) * length / steps
    return p, np.array([np.cos(heading), np.sin(heading)])


def hand(
    frame: np.ndarray, rng: np.random.Generator, tip: np.ndarray, direction: np.ndarray, scale: float
) -> None:
    """A hand reaching along ``direction`` whose finger tips end near ``tip`` (frame px, ``scale`` px per mm).

    A forearm, a palm and one to four tapering fingers (and often a thumb), with nails, joint
    creases, rounded shading, mottled skin in one of several tones and a soft shadow beneath.
    """
    h, w = frame.shape[:2]
    d = direction / np.linalg.norm(direction)
    n = np.array([-d[1], d[0]])
    mask = np.zeros((h, w), np.float32)
    finger_len = rng.uniform(60, 85) * scale
    fw = rng.uniform(15, 19) * scale
    knuckles = tip - d * finger_len
    wrist = knuckles - d * 85 * scale
    palm = np.array(
        [knuckles + n * 2.1 * fw, knuckles - n * 2.1 * fw, wrist - n * 1.6 * fw, wrist + n * 1.6 * fw],
        np.int32,
    )
    cv2.fillConvexPoly(mask, palm, 1.0, cv2.LINE_AA)
    cv2.line(
        mask,
        tuple(int(v) for v in wrist),
        tuple(int(v) for v in wrist - d * 2500),
        1.0,
        int(3.0 * fw),
        cv2.LINE_AA,
    )
    fingers = int(rng.integers(1, 5))
    slots = np.linspace(-1.5, 1.5, 4)
    chosen = slots if fingers == 4 else np.sort(rng.choice(slots, fingers, replace=False))
    tips = []
    for o in chosen:
        base = knuckles + n * o * fw * 1.05 + d * fw * 0.3
        ln = finger_len * (1.0 - 0.2 * abs(o) / 1.5) * rng.uniform(0.9, 1.05)
        tips.append((*_finger(mask, base, d + n * rng.normal(0, 0.08), ln, fw, rng.uniform(0.0, 0.25)), base))
    # the other fingers folded under the palm: knuckle bumps only
    for o in slots:
        if o not in chosen:
            cv2.circle(
                mask,
                tuple(int(v) for v in knuckles + n * o * fw * 1.05 + d * fw * 0.4),
                int(fw * 0.55),
                1.0,
                -1,
                cv2.LINE_AA,
            )
    if rng.random() < 0.7:  # thumb, from the side of the palm
        side = rng.choice([-1, 1])
        tb = wrist + n * side * 1.5 * fw + d * 20 * scale
        _finger(mask, tb, d * 0.7 + n * side * 0.7, 60 * scale, fw * 1.2, -side * 0.3)
    mask = cv2.GaussianBlur(mask, (0, 0), 1.2)
    sh = cv2.GaussianBlur(np.roll(mask, (int(14 * scale), int(10 * scale)), (0, 1)), (0, 0), 9 * scale + 1)
    f = frame.astype(np.float32) * (1 - 0.45 * sh[..., None])
    skin = np.array(SKIN[rng.integers(len(SKIN))], np.float32)
    dist = cv2.distanceTransform((mask > 0.5).astype(np.uint8), cv2.DIST_L2, 5)
    shade = 0.6 + 0.45 * np.clip(dist / (fw * 0.55), 0, 1) ** 0.6
    mottle = cv2.resize(
        rng.standard_normal((h // 40 + 2, w // 40 + 2), dtype=np.float32),
        (w, h),
        interpolation=cv2.INTER_CUBIC,
    )
    tex = skin * (shade * (1 + 0.03 * mottle))[..., None] + 2.5 * rng.standard_normal(
        (h, w, 1), dtype=np.float32
    )
    for t, dd, base in tips:  # nails and the joint creases
        nc = t - dd * fw * 0.45
        ang = float(np.degrees(np.arctan2(dd[1], dd[0])))
        cv2.ellipse(
            tex,
            (int(nc[0]), int(nc[1])),
            (int(fw * 0.42), int(fw * 0.3)),
            ang,
            0,
            360,
            tuple(float(c) for c in np.minimum(skin * 1.1 + 8, 255)),
            -1,
            cv2.LINE_AA,
        )
        for frac in (0.3, 0.58):  # the joints (fractions from the knuckle)
            c = base + (t - base) * frac
            nn = np.array([-dd[1], dd[0]]) * fw * 0.3
            cv2.line(
                tex,
                tuple(int(v) for v in c - nn),
                tuple(int(v) for v in c + nn),
                tuple(float(v) for v in skin * 0.7),
                max(1, int(scale)),
                cv2.LINE_AA,
            )
    a = mask[..., None]
    frame[:] = np.clip(f * (1 - a) + tex * a, 0, 255).astype(np.uint8)


def pen(
    frame: np.ndarray, rng: np.random.Generator, tip: np.ndarray, direction: np.ndarray, scale: float
) -> None:
    """A ballpoint pen held over the page, its tip at ``tip``, its body trailing off the frame."""
    d = direction / np.linalg.norm(direction)
    length, width = rng.uniform(130, 150) * scale, rng.uniform(8, 11) * scale
    back = tip - d * length
    body_col = tuple(
        int(c) for c in rng.choice([(160, 60, 20), (20, 20, 20), (40, 40, 190), (230, 230, 230)])
    )
    h, w = frame.shape[:2]
    shadow = np.zeros((h, w), np.float32)
    off = np.array([14, 10]) * scale
    _capsule(shadow, tip + off, back + off, width)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 5 * scale + 1)
    frame[:] = (frame * (1 - 0.4 * shadow[..., None])).astype(np.uint8)
    cone = tip - d * 14 * scale
    cv2.line(
        frame,
        tuple(int(v) for v in tip),
        tuple(int(v) for v in cone),
        (170, 170, 175),
        max(2, int(width * 0.5)),
        cv2.LINE_AA,
    )
    cv2.line(
        frame,
        tuple(int(v) for v in cone),
        tuple(int(v) for v in back),
        body_col,
        max(2, int(width)),
        cv2.LINE_AA,
    )
    n = np.array([-d[1], d[0]])
    hl = width * 0.22
    cv2.line(
        frame,
        tuple(int(v) for v in cone + n * hl),
        tuple(int(v) for v in back + n * hl),
        tuple(min(255, c + 70) for c in body_col),
        max(1, int(width * 0.2)),
        cv2.LINE_AA,
    )
