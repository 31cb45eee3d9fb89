"""Passport spreads, data pages, card backs and forms drawn here with Pillow, unlike any benchmark generator.

The machine-readable zone is set in OCR-B itself (Debian ``fonts-ocr-b``), at the ICAO pitch of
2.54 mm; without that font DejaVu Sans Mono stands in (its glyphs are wider, the pitch the same).
Everything is drawn at ``PX`` pixels a millimetre, then put into a desk scene by a homography.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

PX = 8  # pixels a millimetre in the drawn pages
OCRB = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


MONO_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")
OCRB_LIGHT = Path("/usr/share/fonts/opentype/ocr-b/OCRBL.otf")


def mrz_font(face: Path | None = None, pitch_mm: float = 2.54) -> ImageFont.FreeTypeFont:
    """OCR-B (or the stand-in, or ``face``) sized so that one character advances ``pitch_mm``."""
    path = face if face is not None and face.exists() else OCRB if OCRB.exists() else MONO
    probe = ImageFont.truetype(str(path), 100)
    advance = probe.getlength("<" * 10) / 10
    return ImageFont.truetype(str(path), round(100 * pitch_mm * PX / advance))


def _text(d: ImageDraw.ImageDraw, xy: tuple[float, float], s: str, size_mm: float) -> None:
    d.text(xy, s, font=ImageFont.truetype(str(SANS), round(size_mm * PX)), fill=(35, 35, 45))


def data_page(
    lines: tuple[str, ...] = TD3,
    size_mm: tuple[float, float] = (125.0, 88.0),
    face: Path | None = None,
    pitch_mm: float = 2.54,
) -> np.ndarray:
    """A data page (or a card's back): fields, a photo box, and the zone along its bottom edge (in ``face`` at ``pitch_mm``)."""
    w, h = round(size_mm[0] * PX), round(size_mm[1] * PX)
    im = Image.new("RGB", (w, h), (232, 236, 228))
    d = ImageDraw.Draw(im)
    for k in range(0, w, 9):  # a faint security print
        d.line([(k, 0), (k + 40, h)], fill=(222, 228, 218))
    d.rectangle([6 * PX, 14 * PX, 36 * PX, 52 * PX], fill=(180, 170, 160), outline=(90, 90, 90))
    y = 12 * PX
    for label in ("Surname / Nom", "ERIKSSON", "Given names", "ANNA MARIA", "Nationality", "Utopian"):
        _text(d, (42 * PX, y), label, 2.6)
        y += 5 * PX
    font = mrz_font(face, pitch_mm)
    # ICAO places the lines about 4.2 mm apart, the lower one's baseline some 4 mm above the edge
    left = (size_mm[0] - pitch_mm * len(lines[0])) / 2 * PX  # a wider pitch eats the margins
    for k, line in enumerate(lines):
        top = h - (4.2 * (len(lines) - k) + 2.0) * PX - font.size * 0.75
        d.text((min(5 * PX, left), top), line, font=font, fill=(20, 20, 25))
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)


def facing_page() -> np.ndarray:
    """The page facing the data page: a stamp and a few printed lines."""
    w, h = 125 * PX, 88 * PX
    im = Image.new("RGB", (w, h), (238, 234, 222))
    d = ImageDraw.Draw(im)
    d.ellipse([70 * PX, 20 * PX, 105 * PX, 55 * PX], outline=(60, 60, 140), width=5)
    for k in range(5):
        _text(d, (10 * PX, (12 + 9 * k) * PX), "VISAS / Thị thực  ·  page 3", 3.0)
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)


def spread() -> tuple[np.ndarray, np.ndarray]:
    """The open booklet (facing page above, data page below, a 3 mm cover round them), and the data page's corners in it."""
    rim = 3 * PX
    page = data_page()
    h, w = page.shape[:2]
    out = np.zeros((2 * h + 2 * rim, w + 2 * rim, 3), np.uint8)
    out[:] = (40, 30, 110)  # a dark red cover (BGR)
    out[rim : rim + h, rim : rim + w] = facing_page()
    out[rim + h : rim + 2 * h, rim : rim + w] = page
    out[rim + h - 2 : rim + h + 1, rim : rim + w] = (170, 170, 165)  # the crease
    corners = np.array(
        [[rim, rim + h], [rim + w, rim + h], [rim + w, rim + 2 * h], [rim, rim + 2 * h]], np.float32
    )
    return out, corners


def form() -> np.ndarray:
    """An A4 form's lower part has what a zone has not: proportional print and dotted leaders across the page."""
    w, h = 210 * PX // 2, 297 * PX // 2
    im = Image.new("RGB", (w, h), (245, 245, 242))
    d = ImageDraw.Draw(im)
    font = ImageFont.truetype(str(SANS), 13)
    y = 30
    while y < h - 30:
        if (y // 18) % 4 == 3:
            d.text((20, y), "Chữ ký / Signature: " + "." * 110, font=font, fill=(30, 30, 30))
        else:
            d.text(
                (20, y),
                "Họ và tên người khai, địa chỉ thường trú, số điện thoại liên hệ và ngày",
                font=font,
                fill=(30, 30, 30),
            )
        y += 18
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)


def desk(w: int = 1280, h: int = 960) -> np.ndarray:
    """A plain grey-brown tray with a little grain."""
    rng = np.random.default_rng(5)
    img = np.full((h, w, 3), (105, 112, 118), np.float32) + rng.normal(0, 4, (h, w, 3))
    return np.clip(img, 0, 255).astype(np.uint8)


def place(
    doc: np.ndarray, corners: np.ndarray, frame: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``doc`` warped onto ``corners`` (its TL, TR, BR, BL) in the frame; returns the frame and the homography."""
    frame = desk() if frame is None else frame
    h, w = doc.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, np.asarray(corners, np.float32))
    out = frame.copy()
    cv2.warpPerspective(
        doc,
        m,
        (frame.shape[1], frame.shape[0]),
        dst=out,
        flags=cv2.INTER_AREA,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return cv2.GaussianBlur(out, (3, 3), 0), m


def quad(cx: float, cy: float, w: float, h: float, degrees: float, tilt: float = 0.06) -> np.ndarray:
    """TL, TR, BR, BL of a w × h rectangle turned by ``degrees`` about (cx, cy), its top a little narrower (perspective)."""
    base = np.array(
        [[-w / 2 * (1 - tilt), -h / 2], [w / 2 * (1 - tilt), -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]
    )
    a = np.radians(degrees)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return (base @ rot.T + [cx, cy]).astype(np.float32)


def spoil(frame: np.ndarray, blur: float = 0.0, jpeg: int = 0, glare: float = 0.0) -> np.ndarray:
    """A camera's harm: a soft focus (Gaussian, ``blur`` px), a lamp's glare over the frame's lower middle (grey levels added), JPEG at quality ``jpeg``."""
    if blur:
        frame = cv2.GaussianBlur(frame, (0, 0), blur)
    if glare:
        h, w = frame.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w]
        spot = np.exp(-(((xx - w / 2) / (w / 8)) ** 2 + ((yy - h * 0.58) / (h / 10)) ** 2)) * glare
        frame = np.clip(frame.astype(np.float32) + spot[..., None], 0, 255).astype(np.uint8)
    if jpeg:
        frame = cv2.imdecode(
            cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, jpeg])[1], cv2.IMREAD_COLOR
        )
    return frame


def random_zone(rng: np.random.Generator, fmt: str = "TD3") -> tuple[str, ...]:
    """A zone of made-up fields with every check digit right (Doc 9303 parts 4 and 5), its lines."""
    from devices.card.mrz import check_digit

    def pick(alphabet: str, n: int) -> str:
        return "".join(alphabet[int(k)] for k in rng.integers(0, len(alphabet), n))

    letters, digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
    number = pick(letters, 1) + pick(digits, 8)
    birth = f"{int(rng.integers(50, 99)):02d}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
    expiry = f"{int(rng.integers(26, 40)):02d}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}"
    sex = "MF"[int(rng.integers(0, 2))]
    names = (pick(letters, int(rng.integers(3, 9))) + "<<" + pick(letters, int(rng.integers(3, 8)))).ljust(
        30, "<"
    )
    if fmt == "TD1":
        line1 = ("ID" + "UTO" + number + check_digit(number) + pick(digits, 12)).ljust(30, "<")
        line2 = birth + check_digit(birth) + sex + expiry + check_digit(expiry) + "UTO" + "<" * 11
        line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
        return line1, line2, names[:30]
    personal = pick(digits, 12).ljust(14, "<")
    line1 = ("P<UTO" + names).ljust(44, "<")[:44]
    line2 = (
        number + check_digit(number) + "UTO" + birth + check_digit(birth) + sex + expiry + check_digit(expiry)
    )
    line2 += personal + check_digit(personal)
    return line1, line2 + check_digit(line2[0:10] + line2[13:20] + line2[21:43])
